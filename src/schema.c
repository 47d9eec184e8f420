/* schema.c - placeholder, replaced by its implementation. */
