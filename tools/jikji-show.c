/* jikji-show.c - placeholder. */
