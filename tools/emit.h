/* emit.h - output formats of search results: JSON Lines, one line per hit
 * for pipes, grouped and coloured for a terminal.  The JSON schema is
 * documented in README.md ("JSON output"); change both together. */
#ifndef JIKJI_EMIT_H
#define JIKJI_EMIT_H

#include <stdio.h>

#include "jikji.h"

/* Write s as a JSON string literal; invalid UTF-8 becomes U+FFFD.  The _n
 * form takes a length, so NUL bytes are kept (as \u0000). */
void emit_json_string(FILE *f, const char *s);
void emit_json_string_n(FILE *f, const char *s, size_t len);

/* {"type":"hit", ...} and a newline. */
void emit_hit_json(FILE *f, const jikji_hit_t *h);

/* path:line:heading › path<TAB>snippet */
void emit_hit_line(FILE *f, const jikji_hit_t *h, int color);

/* path:line:1:heading › path: snippet (vim's quickfix, ripgrep's
 * --vimgrep). */
void emit_hit_vimgrep(FILE *f, const jikji_hit_t *h);

/* Grouped by note: a path header when the note changes, then
 * "  line: heading path" and the indented snippet, fitted to whole lines
 * of a terminal `cols` wide (0: as it is). */
void emit_hit_pretty(FILE *f, const jikji_hit_t *h, int color,
                     const char *prev_path, unsigned cols);

/* The heading path joined with " › ", skipping the first `skip`. */
void emit_headings(FILE *f, const char *const *h, size_t n, size_t skip);

#endif /* JIKJI_EMIT_H */
