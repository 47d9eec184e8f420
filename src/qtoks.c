/* qtoks.c - the tokens of a query, copied out of the tokenizer's callback
 * (qtoks.h). */
#include "qtoks.h"

#include <stdlib.h>

#include "buf.h"

int
jk_qtoks_collect(void *ud, const jikji_token_t *t)
{
    jk_qtoks *q = ud;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        jk_qtok *v = realloc(q->v, cap * sizeof *v);
        if (!v)
            goto oom;
        q->v = v;
        q->cap = cap;
    }
    jk_qtok *k = &q->v[q->n];
    if (!(k->term = jk_strndup(t->term, t->term_len)))
        goto oom;
    k->len = t->term_len;
    k->kind = t->kind;
    k->pos = t->pos;
    k->chunk = t->chunk;
    k->start = t->start;
    k->end = t->end;
    q->n++;
    return 0;
oom:
    q->oom = 1;
    return 1;
}

void
jk_qtoks_clear(jk_qtoks *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].term);
    free(t->v);
    *t = (jk_qtoks){0};
}
