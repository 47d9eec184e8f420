/* db.c - placeholder, replaced by its implementation. */
