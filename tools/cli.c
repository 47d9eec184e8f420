/* cli.c - placeholder. */
