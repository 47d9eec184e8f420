/* note.c - placeholder, replaced by its implementation. */
