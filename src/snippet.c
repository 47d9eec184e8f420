/* snippet.c - placeholder, replaced by its implementation. */
