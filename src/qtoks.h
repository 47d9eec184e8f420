/* qtoks.h - the tokens of a query, copied out of jikji_tokenize()'s
 * callback (whose token lives only for the call), for query.c and
 * suggest.c. */
#ifndef JIKJI_QTOKS_H
#define JIKJI_QTOKS_H

#include <stddef.h>
#include <stdint.h>

#include "jikji.h"

typedef struct jk_qtok {
    char *term;          /* normalized, NUL-terminated; owned */
    size_t len;
    jikji_token_kind_t kind;
    uint32_t pos, chunk;
    size_t start, end;   /* byte span in the query */
} jk_qtok;

typedef struct jk_qtoks {
    jk_qtok *v;
    size_t n, cap;
    int oom;             /* a token could not be kept (the tokenizer was
                            stopped) */
} jk_qtoks;

/* A jikji_token_fn appending each token to the jk_qtoks at ud (zeroed
 * before the first call).  On out of memory it sets oom and stops. */
int jk_qtoks_collect(void *ud, const jikji_token_t *t);

/* Free the tokens of t and empty it. */
void jk_qtoks_clear(jk_qtoks *t);

#endif /* JIKJI_QTOKS_H */
