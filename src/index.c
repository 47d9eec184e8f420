/* index.c - placeholder, replaced by its implementation. */
