/* similar.c - sections like a given one.
 *
 * The section's words (Latin words and identifiers; Korean and other CJK
 * words without their particle) are weighed by how often the section uses
 * them and how rare they are in the index, twice in its own heading (the
 * question); the best JK_SIMILAR_WORDS, OR-ed, are an ordinary query, so
 * they get what a typed word gets (particles, synonyms, the other script,
 * boosts).  The section itself is left out.
 *
 * Words, not Xapian's expand set of terms: the terms of a Korean text are
 * bigrams, and the rarest of them are fragments of verb endings (잡았,
 * 았다) that say nothing about the topic.  A Korean word's rarity is the
 * mean over its bigrams, so a word whose bigrams include a common ending
 * counts as common.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jikji.h"
#include "buf.h"
#include "db.h"
#include "query.h"
#include "schema.h"
#include "search.h"
#include "stopwords.h"

/* How many words make the query.  Over the sections judged for the
 * queries of tests/quality with 3+ right answers (40), each one's
 * siblings found in the top 10 (recall) with samples/ and 1 copy of the
 * bench vault: 12 words 0.59, 20 0.67, 30 0.69, where the expand set
 * of 30 terms found 0.54 (tools/eval-similar). */
#define JK_SIMILAR_WORDS 30
/* Weight of a word in the section's own heading. */
#define JK_SIMILAR_HEADING 2.0

/* One occurrence of a candidate word. */
typedef struct occ {
    char *word;
    size_t len;
    size_t order;     /* first seen */
    int heading;      /* in the section's heading line */
} occ;

typedef struct words_ctx {
    occ *v;
    size_t n, cap;
    size_t hend;      /* end of the heading line in the text */
    jk_buf run;       /* the CJK run being read */
    int run_heading;
    int oom;
} words_ctx;

static void
push_word(words_ctx *c, const char *w, size_t len, int heading)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        occ *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->oom = 1;
            return;
        }
        c->v = v;
        c->cap = cap;
    }
    char *copy = jk_strndup(w, len);
    if (!copy) {
        c->oom = 1;
        return;
    }
    c->v[c->n] = (occ){copy, len, c->n, heading};
    c->n++;
}

/* The CJK run read so far is a word: without its particle, if two
 * characters or more are left. */
static void
end_run(words_ctx *c)
{
    if (c->run.len == 0)
        return;
    size_t len = jk_strip_particle(c->run.data, c->run.len);
    if (len > jk_u8len(c->run.data))
        push_word(c, c->run.data, len, c->run_heading);
    jk_buf_clear(&c->run);
}

/* A Latin word a query reads back as itself: letters, digits and '_'
 * (and non-ASCII letters), with a letter; not a function word. */
static int
plain_word(const char *t, size_t len)
{
    int letter = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch >= 0x80 || (ch >= 'a' && ch <= 'z'))
            letter = 1;
        else if (!(ch >= '0' && ch <= '9') && ch != '_')
            return 0;
    }
    return letter && len >= 2 && !jk_is_stopword(t, len);
}

static int
on_token(void *ud, const jikji_token_t *t)
{
    words_ctx *c = ud;
    if (t->kind == JIKJI_TOKEN_BIGRAM && !t->run_start && c->run.len) {
        /* The run goes on: add the bigram's second character. */
        size_t first = jk_u8len(t->term);
        if (jk_buf_append(&c->run, t->term + first, t->term_len - first) < 0)
            c->oom = 1;
        return c->oom;
    }
    end_run(c);
    if (t->kind == JIKJI_TOKEN_BIGRAM) {
        if (jk_buf_append(&c->run, t->term, t->term_len) < 0)
            c->oom = 1;
        c->run_heading = t->start < c->hend;
    } else if (t->kind == JIKJI_TOKEN_WORD && plain_word(t->term, t->term_len)) {
        push_word(c, t->term, t->term_len, t->start < c->hend);
    }
    return c->oom;
}

static int
cmp_word(const void *a, const void *b)
{
    const occ *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->word, y->word, n);
    if (r)
        return r;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* A candidate: a distinct word with its weight. */
typedef struct cand {
    const char *word;
    size_t len;
    size_t order;
    double score;
} cand;

static int
cmp_score(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Rarity of a term found in df of ndocs sections (never negative). */
static double
idf(uint64_t df, double ndocs)
{
    return log(1.0 + (ndocs - (double)df + 0.5) / ((double)df + 0.5));
}

/* Rarity of a word: its own term's, or for a CJK word the mean of its
 * bigrams'.  0 for a word no other section can have (in at most one
 * section; for a CJK word, one of its bigrams is): it cannot find
 * anything, however rare (Lucene's MoreLikeThis has a minimum document
 * frequency for the same reason). */
static double
word_idf(jikji_db_t *db, const char *w, size_t len, double ndocs, int *fail)
{
    uint64_t df = 0;
    if ((unsigned char)w[0] < 0x80) {
        if (jk_xdb_termfreq(db->x, w, len, &df) != JIKJI_OK)
            *fail = 1;
        return df < 2 ? 0 : idf(df, ndocs);
    }
    double sum = 0;
    unsigned n = 0;
    for (size_t i = 0, k; i < len; i += k, n++) {
        k = jk_u8len(w + i);
        if (i + k >= len)
            break;
        size_t b = k + jk_u8len(w + i + k);
        if (jk_xdb_termfreq(db->x, w + i, b, &df) != JIKJI_OK)
            *fail = 1;
        if (df < 2)
            return 0;
        sum += idf(df, ndocs);
    }
    return n ? sum / n : 0;
}

/* The query of the section's best words into q ("w1 OR w2 ..."). */
static jikji_status_t
best_words(jikji_db_t *db, const char *text, size_t len, size_t hend,
           jk_buf *q)
{
    words_ctx c = {.hend = hend, .run = JK_BUF_INIT};
    cand *cands = NULL;
    jikji_status_t st = jikji_tokenize(text, len, on_token, &c);
    if (st == JIKJI_OK && !c.oom)
        end_run(&c);
    if (st == JIKJI_OK && c.oom)
        st = JIKJI_ENOMEM;
    uint64_t ndocs = 0;
    if (st == JIKJI_OK && c.n > 0 &&
        (st = jk_xdb_doccount(db->x, &ndocs)) != JIKJI_OK)
        st = jk_db_xfail(db, st);
    size_t nc = 0;
    if (st == JIKJI_OK && c.n > 0) {
        qsort(c.v, c.n, sizeof *c.v, cmp_word);
        if (!(cands = malloc(c.n * sizeof *cands)))
            st = JIKJI_ENOMEM;
    }
    int fail = 0;
    for (size_t i = 0, j; st == JIKJI_OK && i < c.n; i = j) {
        size_t tf = 0, order = c.v[i].order;
        int heading = 0;
        for (j = i; j < c.n && !cmp_word(&c.v[i], &c.v[j]); j++) {
            tf++;
            heading |= c.v[j].heading;
            if (c.v[j].order < order)
                order = c.v[j].order;
        }
        double idf = word_idf(db, c.v[i].word, c.v[i].len, (double)ndocs,
                              &fail);
        if (fail) {
            st = jk_db_xfail(db, JIKJI_EBACKEND);
            break;
        }
        if (idf > 0)
            cands[nc++] = (cand){c.v[i].word, c.v[i].len, order,
                                 (1.0 + log((double)tf)) * idf *
                                     (heading ? JK_SIMILAR_HEADING : 1.0)};
    }
    if (st == JIKJI_OK) {
        qsort(cands, nc, sizeof *cands, cmp_score);
        for (size_t i = 0; i < nc && i < JK_SIMILAR_WORDS && st == JIKJI_OK;
             i++)
            if ((i && jk_buf_puts(q, " OR ") < 0) ||
                jk_buf_append(q, cands[i].word, cands[i].len) < 0)
                st = JIKJI_ENOMEM;
    }
    free(cands);
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].word);
    free(c.v);
    jk_buf_fini(&c.run);
    return st;
}

/* The query of the section at path:line into *query, and its docid. */
static jikji_status_t
similar_query(jikji_db_t *db, const char *path, unsigned line, char **query,
              unsigned *docid)
{
    char abs[PATH_MAX];
    jk_buf text = JK_BUF_INIT, q = JK_BUF_INIT;
    jikji_note_t *note = NULL;
    char *body = NULL;
    jikji_status_t st;

    *query = NULL;
    *docid = 0;
    if (!realpath(path, abs) || jk_read_file(abs, (size_t)1 << 30, &text) < 0) {
        st = jk_db_fail(db, JIKJI_EIO, "%s: %s", path, strerror(errno));
        goto out;
    }
    st = jikji_note_parse(text.data ? text.data : "", text.len, abs, NULL,
                          NULL, &note);
    if (st != JIKJI_OK)
        goto out;
    const jikji_section_t *s = jikji_note_section_at(note, line);
    size_t idx = 0, n = jikji_note_section_count(note);
    while (s && idx < n && jikji_note_section(note, idx) != s)
        idx++;
    if (!s || idx == n) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: no section there", path, line);
        goto out;
    }
    char fid[17];
    jk_file_id(abs, fid);
    unsigned *docids = NULL;
    size_t ndocs = 0;
    if ((st = jk_db_file_sections(db, fid, &docids, &ndocs)) != JIKJI_OK)
        goto out;
    if (idx < ndocs)
        *docid = docids[idx];
    free(docids);
    if (!*docid) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: that note is not in the "
                        "index (run 'jikji index')", path, line);
        goto out;
    }
    if ((st = jikji_section_text(s, text.data ? text.data : "", text.len,
                                 &body)) != JIKJI_OK)
        goto out;
    size_t blen = s->end - s->start, hend = 0;
    if (s->level > 0) {
        const char *nl = memchr(body, '\n', blen);
        hend = nl ? (size_t)(nl - body) : blen;
    }
    if ((st = best_words(db, body, blen, hend, &q)) != JIKJI_OK)
        goto out;
    if (q.len == 0) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: the section has no words "
                        "to compare", path, line);
        goto out;
    }
    if (!(*query = jk_buf_steal(&q)))
        st = JIKJI_ENOMEM;
out:
    jikji_free(body);
    jikji_note_free(note);
    jk_buf_fini(&text);
    jk_buf_fini(&q);
    return st;
}

jikji_status_t
jikji_similar_query(jikji_db_t *db, const char *path, unsigned line,
                    char **query)
{
    if (query)
        *query = NULL;
    if (!db || !path || !query)
        return JIKJI_EINVAL;
    unsigned docid;
    return similar_query(db, path, line, query, &docid);
}

jikji_status_t
jikji_similar(jikji_db_t *db, const char *path, unsigned line,
              const jikji_search_opts_t *opts, jikji_results_t **out)
{
    if (out)
        *out = NULL;
    if (!db || !path || !out)
        return JIKJI_EINVAL;
    char *text = NULL;
    unsigned docid = 0;
    jikji_status_t st = similar_query(db, path, line, &text, &docid);
    if (st != JIKJI_OK)
        return st;
    jk_query q;
    st = jk_query_build(db, text, &q);
    if (st == JIKJI_OK) {
        q.exclude = docid; /* not the section itself */
        st = jk_search_query(db, &q, opts, out);
        jk_query_fini(&q);
    }
    free(text);
    return st;
}
