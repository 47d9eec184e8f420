/* emit.c - placeholder. */
