/* frontmatter.c - placeholder, replaced by its implementation. */
