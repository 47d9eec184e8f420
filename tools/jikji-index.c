/* jikji-index.c - placeholder. */
