/* snippet.h - best window of a section for a query, highlight spans. */
#ifndef JIKJI_SNIPPET_H
#define JIKJI_SNIPPET_H

#include <stdint.h>

#include "jikji.h"
#include "query.h"

/* Where the section is: what the index recorded for it. */
typedef struct jk_snippet_in {
    const char *path;
    uint64_t start, end, file_size;
    unsigned line, end_line, level;
    unsigned width;           /* characters; 0 means 120 */
} jk_snippet_in;

/* Make the snippet of one section.  On success *snippet (malloc'd, valid
 * UTF-8, one line) and *spans (malloc'd, may be NULL when *nspans is 0)
 * belong to the caller, and *at_line, *at_col say where in the file the
 * snippet's first match is (1-based; the column in bytes), or are
 * in->line and 1 when it has none.  A note changed or gone since it was
 * indexed gives a snippet saying so, not an error.  Statuses: OK,
 * ENOMEM. */
jikji_status_t jk_snippet(jikji_db_t *db, const jk_query *q,
                          const jk_snippet_in *in, char **snippet,
                          jikji_span_t **spans, size_t *nspans,
                          unsigned *at_line, unsigned *at_col);

/* The words of q in text (a heading: one line, NUL-terminated), matched
 * as in a snippet.  On success *spans (malloc'd, NULL when *nspans is 0)
 * belongs to the caller.  Statuses: OK, ENOMEM. */
jikji_status_t jk_snippet_marks(jikji_db_t *db, const jk_query *q,
                                const char *text, jikji_span_t **spans,
                                size_t *nspans);

#endif /* JIKJI_SNIPPET_H */
