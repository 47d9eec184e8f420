/* walk.c - placeholder, replaced by its implementation. */
