/* norm.c - placeholder, replaced by its implementation. */
