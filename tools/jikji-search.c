/* jikji-search.c - placeholder. */
