/* search.c - placeholder, replaced by its implementation. */
