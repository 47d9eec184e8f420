/* tokenize.c - placeholder, replaced by its implementation. */
