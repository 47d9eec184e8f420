/* query.c - turn query text into a Xapian query and highlight patterns
 * (see query.h for the rules). */
#include "query.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "schema.h"

/* Korean particles and copula endings that may trail a word in a query.
 * They are made optional, never required: `카프카를` must find `카프카`. */
static const char *const particles[] = {
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로",
    "만", "랑", "께", "에서", "으로", "에게", "까지", "부터", "처럼", "보다",
    "하고", "이랑", "한테", "에는", "에도", "으로는", "이나", "이다", "라는",
    "이라는", "에서는", "에서의", "이란", "란",
    /* verb and adjective endings after a noun: 도입한 -> 도입 */
    "한", "할", "된", "될", "하는", "되는", "했던", "하던", "하기", "해서",
    "하게", "했다", "하다", "적인", "적으로", "들", "들을", "들이", "들의",
};

static int
is_particle(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (strlen(particles[i]) == len && memcmp(particles[i], s, len) == 0)
            return 1;
    return 0;
}

/* Byte length of the UTF-8 character starting at s. */
static size_t
u8len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* A token copied out of the tokenizer callback. */
typedef struct qtok {
    char *term;
    size_t len;
    jikji_token_kind_t kind;
    uint32_t pos, chunk;
    size_t start, end;
} qtok;

typedef struct qtoks {
    qtok *v;
    size_t n, cap;
    int oom;
} qtoks;

static int
collect(void *ud, const jikji_token_t *t)
{
    qtoks *q = ud;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        qtok *v = realloc(q->v, cap * sizeof *v);
        if (!v)
            goto oom;
        q->v = v;
        q->cap = cap;
    }
    qtok *k = &q->v[q->n];
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

/* --- patterns ------------------------------------------------------------- */

static jk_pattern *
new_pattern(jk_query *q, size_t n, size_t word)
{
    if (q->npats == q->cappats) {
        size_t cap = q->cappats ? q->cappats * 2 : 8;
        jk_pattern *p = realloc(q->pats, cap * sizeof *p);
        if (!p)
            return NULL;
        q->pats = p;
        q->cappats = cap;
    }
    jk_pattern *p = &q->pats[q->npats];
    if (!(p->e = calloc(n, sizeof *p->e)))
        return NULL;
    p->n = n;
    p->word = word;
    q->npats++;
    return p;
}

static int
set_elem(jk_pelem *e, const char *term, size_t len, const char *stem,
         size_t slen, int prefix)
{
    e->prefix = prefix;
    e->word_start = prefix;
    if (!(e->term = jk_strndup(term, len)))
        return -1;
    if (stem && slen && !(e->stem = jk_strndup(stem, slen)))
        return -1;
    return 0;
}

int
jk_pelem_match(const jk_pelem *e, const char *term, size_t len,
               const char *stem, int run_start)
{
    size_t el = strlen(e->term);
    if (e->word_start && !run_start)
        return 0;
    if (e->prefix)
        return len >= el && memcmp(term, e->term, el) == 0;
    if (len == el && memcmp(term, e->term, el) == 0)
        return 1;
    return e->stem && stem && strcmp(e->stem, stem) == 0;
}

/* --- building ------------------------------------------------------------ */

typedef struct builder {
    jikji_db_t *db;
    jk_query *q;
    qtoks *t;
    jk_xq *boost[128];    /* optional terms that raise the rank */
    size_t nboost;
    int oom;
} builder;

/* Add prefix+term as an optional, rank-raising term. */
static void
add_boost(builder *b, const char *prefix, const char *term, size_t len)
{
    char buf[256];
    size_t pl = strlen(prefix);
    if (b->nboost == sizeof b->boost / sizeof *b->boost || pl + len >= sizeof buf)
        return;
    memcpy(buf, prefix, pl);
    memcpy(buf + pl, term, len);
    jk_xq *q = jk_xq_term(buf, pl + len, 1, 0);
    if (!q)
        b->oom = 1;
    else
        b->boost[b->nboost++] = q;
}

/* Free an array of query nodes. */
static void
free_qs(jk_xq **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        jk_xq_free(v[i]);
}

/* SYNONYM(term, Zstem) for a Latin word; records the stem in *stem. */
static jk_xq *
word_query(builder *b, const qtok *k, char *stem, size_t stemsz, size_t *slen)
{
    *slen = jk_db_stem_term(b->db, k->term, k->len, stem, stemsz);
    jk_xq *t = jk_xq_term(k->term, k->len, 1, 0);
    if (!*slen || !t)
        return t;
    jk_xq *s = jk_xq_term(stem, *slen, 1, 0);
    jk_xq *subs[2] = {t, s};
    jk_xq *q = s ? jk_xq_combine(JK_XQ_SYNONYM, subs, 2, 0) : NULL;
    free_qs(subs, 2);
    return q;
}

/* Query and pattern for a Latin run: tokens [a, b) = WORD [+ PARTs]. */
static jk_xq *
latin_run(builder *b, size_t a, size_t e, size_t word)
{
    qtok *v = b->t->v;
    char stem[256];
    size_t slen;
    jk_xq *whole = word_query(b, &v[a], stem, sizeof stem, &slen);
    jk_pattern *p = new_pattern(b->q, 1, word);
    add_boost(b, JK_P_HEADING, v[a].term, v[a].len);
    add_boost(b, JK_P_TITLE, v[a].term, v[a].len);
    if (!whole || !p || set_elem(&p->e[0], v[a].term, v[a].len, stem, slen, 0) < 0) {
        jk_xq_free(whole);
        return NULL;
    }
    size_t nparts = e - a - 1;
    if (nparts == 0)
        return whole;
    /* An identifier: also its parts as a phrase (retry count). */
    jk_xq **parts = calloc(nparts, sizeof *parts);
    jk_pattern *pp = new_pattern(b->q, nparts, word);
    jk_xq *res = NULL;
    if (!parts || !pp)
        goto out;
    for (size_t i = 0; i < nparts; i++) {
        qtok *k = &v[a + 1 + i];
        size_t pl = jk_db_stem_term(b->db, k->term, k->len, stem, sizeof stem);
        if (!(parts[i] = jk_xq_term(k->term, k->len, 1, 0)) ||
            set_elem(&pp->e[i], k->term, k->len, stem, pl, 0) < 0)
            goto out;
    }
    jk_xq *phrase = jk_xq_combine(JK_XQ_PHRASE, parts, nparts, 0);
    jk_xq *alts[2] = {whole, phrase};
    res = phrase ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
    jk_xq_free(phrase);
out:
    if (parts)
        free_qs(parts, nparts);
    free(parts);
    jk_xq_free(whole);
    return res;
}

/* PHRASE of bigrams v[a, e) (a term when there is one), with its pattern. */
static jk_xq *
bigram_phrase(builder *b, size_t a, size_t e, size_t word)
{
    qtok *v = b->t->v;
    size_t n = e - a;
    jk_pattern *p = new_pattern(b->q, n, word);
    jk_xq **subs = calloc(n, sizeof *subs);
    jk_xq *res = NULL;
    if (!p || !subs)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (!(subs[i] = jk_xq_term(v[a + i].term, v[a + i].len, 1, 0)) ||
            set_elem(&p->e[i], v[a + i].term, v[a + i].len, NULL, 0, 0) < 0)
            goto out;
    res = n == 1 ? jk_xq_combine(JK_XQ_OR, subs, 1, 0)
                 : jk_xq_combine(JK_XQ_PHRASE, subs, n, 0);
out:
    if (subs)
        free_qs(subs, n);
    free(subs);
    return res;
}

/* Number of trailing bigrams to drop if the run v[a, e) ends with a
 * particle and at least two syllables remain; 0 otherwise. */
static size_t
particle_bigrams(builder *b, size_t a, size_t e)
{
    qtok *v = b->t->v;
    size_t chars = e - a + 1;
    /* The run's text is the first char of each bigram plus the last's. */
    for (size_t m = 2; m >= 1; m--) {
        if (chars < m + 2)
            continue;
        jk_buf s = JK_BUF_INIT;
        int ok = 0;
        for (size_t i = e - m; i < e; i++) {
            const char *t = v[i].term;
            ok = jk_buf_append(&s, t + u8len(t), v[i].len - u8len(t)) == 0;
            if (!ok)
                break;
        }
        int part = ok && is_particle(s.data, s.len);
        jk_buf_fini(&s);
        if (part)
            return m;
    }
    return 0;
}

/* Query for a Hangul/Han/Kana run of bigrams [a, e). */
static jk_xq *
cjk_run(builder *b, size_t a, size_t e, size_t word)
{
    qtok *v = b->t->v;
    for (size_t i = a; i < e; i++) {
        add_boost(b, JK_P_HEADING, v[i].term, v[i].len);
        add_boost(b, JK_P_TITLE, v[i].term, v[i].len);
    }
    add_boost(b, JK_P_WORDSTART, v[a].term, v[a].len);
    jk_xq *full = bigram_phrase(b, a, e, word);
    size_t drop = full ? particle_bigrams(b, a, e) : 0;
    if (!drop)
        return full;
    jk_xq *bare = bigram_phrase(b, a, e - drop, word);
    jk_xq *alts[2] = {full, bare};
    jk_xq *res = bare ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
    free_qs(alts, 2);
    return res;
}

/* A one-character run: itself, or a word that starts with it. */
static jk_xq *
unigram_run(builder *b, size_t a, size_t word)
{
    qtok *k = &b->t->v[a];
    jk_pattern *p = new_pattern(b->q, 1, word);
    char buf[64];
    size_t pl = strlen(JK_P_WORDSTART);
    if (!p || set_elem(&p->e[0], k->term, k->len, NULL, 0, 1) < 0 ||
        pl + k->len >= sizeof buf)
        return NULL;
    add_boost(b, JK_P_HEADING, k->term, k->len);
    memcpy(buf, JK_P_WORDSTART, pl);
    memcpy(buf + pl, k->term, k->len);
    jk_xq *alts[2] = {jk_xq_term(k->term, k->len, 1, 0),
                      jk_xq_wildcard(buf, pl + k->len)};
    jk_xq *res = alts[0] && alts[1] ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
    free_qs(alts, 2);
    return res;
}

/* End of the run starting at token a within chunk tokens [a, ce). */
static size_t
run_end(const qtok *v, size_t a, size_t ce)
{
    size_t e = a + 1;
    if (v[a].kind == JIKJI_TOKEN_WORD) {
        while (e < ce && v[e].kind == JIKJI_TOKEN_PART)
            e++;
    } else if (v[a].kind == JIKJI_TOKEN_BIGRAM) {
        /* Bigrams of one run overlap in the original text. */
        while (e < ce && v[e].kind == JIKJI_TOKEN_BIGRAM &&
               v[e].start < v[e - 1].end)
            e++;
    }
    return e;
}

/* The query of one chunk [a, ce): AND of its runs. */
static jk_xq *
chunk_query(builder *b, size_t a, size_t ce, size_t word)
{
    qtok *v = b->t->v;
    jk_xq *subs[64];
    size_t n = 0;
    int prev_latin = 0;
    for (size_t i = a; i < ce && n < 64;) {
        size_t e = run_end(v, i, ce);
        jk_xq *q;
        /* A particle glued to a Latin word (Kafka를, DB가) is dropped. */
        int glued = prev_latin && v[i].kind != JIKJI_TOKEN_WORD &&
                    ((v[i].kind == JIKJI_TOKEN_UNIGRAM &&
                      is_particle(v[i].term, v[i].len)) ||
                     (e - i == 1 && v[i].kind == JIKJI_TOKEN_BIGRAM &&
                      is_particle(v[i].term, v[i].len)));
        if (!glued) {
            q = v[i].kind == JIKJI_TOKEN_WORD ? latin_run(b, i, e, word)
              : v[i].kind == JIKJI_TOKEN_BIGRAM ? cjk_run(b, i, e, word)
              : unigram_run(b, i, word);
            if (!q) {
                free_qs(subs, n);
                b->oom = 1;
                return NULL;
            }
            subs[n++] = q;
        }
        prev_latin = v[i].kind == JIKJI_TOKEN_WORD;
        i = e;
    }
    if (n == 0)
        return NULL;
    jk_xq *res = n == 1 ? subs[0] : jk_xq_combine(JK_XQ_AND, subs, n, 0);
    if (n > 1)
        free_qs(subs, n);
    if (!res)
        b->oom = 1;
    return res;
}

/* AND_MAYBE(q, boost): the same matches, ranked up by the boost terms.
 * Takes q (frees it); NULL if q is NULL or on out of memory. */
static jk_xq *
boosted(jk_xq *q, const jk_xq *boost)
{
    if (!q || !boost)
        return q;
    jk_xq *subs[2] = {q, (jk_xq *)boost};
    jk_xq *r = jk_xq_combine(JK_XQ_AND_MAYBE, subs, 2, 0);
    jk_xq_free(q);
    return r;
}

jikji_status_t
jk_query_build(jikji_db_t *db, const char *text, jk_query *q)
{
    memset(q, 0, sizeof *q);
    qtoks toks = {0};
    builder b = {.db = db, .q = q, .t = &toks};
    jk_xq **words = NULL;
    size_t nw = 0;
    jikji_status_t st = jikji_tokenize(text, strlen(text), collect, &toks);
    if (st == JIKJI_OK && toks.oom)
        st = JIKJI_ENOMEM;
    if (st != JIKJI_OK)
        goto out;
    if (!(words = calloc(toks.n + 1, sizeof *words))) {
        st = JIKJI_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < toks.n;) {
        size_t ce = i + 1;
        while (ce < toks.n && toks.v[ce].chunk == toks.v[i].chunk)
            ce++;
        jk_xq *cq = chunk_query(&b, i, ce, nw);
        if (b.oom) {
            st = JIKJI_ENOMEM;
            goto out;
        }
        if (cq)
            words[nw++] = cq;
        i = ce;
    }
    if (nw == 0) {
        st = jk_db_fail(db, JIKJI_EQUERY,
                        "the query has no searchable word: \"%s\"", text);
        goto out;
    }
    q->nwords = nw;
    jk_xq *boost = b.nboost ? jk_xq_combine(JK_XQ_OR, b.boost, b.nboost, 0) : NULL;
    if (b.nboost && !boost) {
        st = JIKJI_ENOMEM;
        goto out;
    }
    q->all = boosted(jk_xq_combine(JK_XQ_AND, words, nw, 0), boost);
    if (nw > 1)
        q->any = boosted(jk_xq_combine(JK_XQ_OR, words, nw, 0), boost);
    jk_xq_free(boost);
    if (!q->all || (nw > 1 && !q->any))
        st = JIKJI_ENOMEM;
out:
    if (words)
        free_qs(words, nw);
    free(words);
    free_qs(b.boost, b.nboost);
    for (size_t i = 0; i < toks.n; i++)
        free(toks.v[i].term);
    free(toks.v);
    if (st != JIKJI_OK)
        jk_query_fini(q);
    return st;
}

void
jk_query_fini(jk_query *q)
{
    jk_xq_free(q->all);
    jk_xq_free(q->any);
    for (size_t i = 0; i < q->npats; i++) {
        for (size_t k = 0; k < q->pats[i].n; k++) {
            free(q->pats[i].e[k].term);
            free(q->pats[i].e[k].stem);
        }
        free(q->pats[i].e);
    }
    free(q->pats);
    memset(q, 0, sizeof *q);
}
