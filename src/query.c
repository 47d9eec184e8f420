/* query.c - placeholder, replaced by its implementation. */
