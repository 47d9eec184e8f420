/* suggest.c - "did you mean": the query with its misspelt Latin words
 * replaced by the closest words of the index (jikji_suggest()), and its
 * misspelt Korean words by suggest_ko.c's corrections.
 *
 * Xapian's own spelling suggestions need a spelling table written at index
 * time: 3.65 MB for the 48,750 Latin words of the 20 MB bench vault, which
 * would take the index past 2.5x the notes.  The words are in the index's
 * term list anyway, so a word no section has is compared with the terms
 * that start with its letter, by edit distance (transposition counting as
 * one edit: kafak -> kafka); it runs only after a search found nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "jikji.h"
#include "buf.h"
#include "db.h"
#include "qparse.h"
#include "qtoks.h"
#include "query.h"
#include "suggest_ko.h"
#include "xapian_c.h"

/* Words shorter than this are not corrected: too many words are one edit
 * away from a three-letter word. */
#define JK_SUGGEST_MIN_LEN 4
/* Longest word corrected (edit distance rows are this long). */
#define JK_SUGGEST_MAX_LEN 48
/* A query of more words is text pasted from elsewhere (a job posting), not
 * typed: a word of it in no note is no typo of the user's, and one that
 * is matters little among so many (a JD's 없다고 was "corrected" to
 * 었다고). */
#define JK_SUGGEST_MAX_WORDS 8

/* Edits allowed for a word of n letters: 1 up to 6 letters, else 2. */
static unsigned
max_edits(size_t n)
{
    return n <= 6 ? 1 : 2;
}

/* Optimal string alignment distance of a[0, n) and b[0, m) (insertions,
 * deletions, substitutions and transpositions of two neighbours), or
 * limit + 1 when it is more than limit.  n, m <= JK_SUGGEST_MAX_LEN. */
static unsigned
edit_distance(const char *a, size_t n, const char *b, size_t m, unsigned limit)
{
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    unsigned rows[3][JK_SUGGEST_MAX_LEN + 1];
    unsigned *pp = rows[0], *p = rows[1], *c = rows[2];
    for (size_t j = 0; j <= m; j++)
        p[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        c[0] = (unsigned)i;
        unsigned best = c[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = a[i - 1] != b[j - 1];
            unsigned v = p[j - 1] + cost;
            if (p[j] + 1 < v)
                v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        unsigned *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[m] <= limit ? p[m] : limit + 1;
}

/* The closest term to one word, found by a walk of the terms that start
 * with its letter. */
typedef struct closest {
    const char *word;
    size_t len;
    unsigned dist;      /* of the best so far; max_edits() + 1: none */
    uint64_t freq;
    jk_buf best;
    int oom;
} closest;

/* Whether s[0, n) is lower-case Latin letters only. */
static int
letters_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

static int
on_term(void *ud, const char *term, size_t len, uint64_t termfreq)
{
    closest *c = ud;
    if (len < 2 || len > JK_SUGGEST_MAX_LEN || !letters_only(term, len))
        return 0;
    unsigned limit = c->dist <= max_edits(c->len) ? c->dist : max_edits(c->len);
    unsigned d = edit_distance(c->word, c->len, term, len, limit);
    if (d > limit || d == 0)
        return 0;
    /* Nearer first, then the word in more sections. */
    if (d < c->dist || termfreq > c->freq) {
        jk_buf_clear(&c->best);
        if (jk_buf_append(&c->best, term, len) < 0) {
            c->oom = 1;
            return 1;
        }
        c->dist = d;
        c->freq = termfreq;
    }
    return 0;
}

/* Whether a query token is a word to correct: a whole Latin word of
 * JK_SUGGEST_MIN_LEN to JK_SUGGEST_MAX_LEN letters (a-z once normalized). */
static int
correctable(const jk_qtok *t)
{
    return t->kind == JIKJI_TOKEN_WORD && t->len >= JK_SUGGEST_MIN_LEN &&
           t->len <= JK_SUGGEST_MAX_LEN && letters_only(t->term, t->len);
}

/* Whether query token t is a field's name (`tag:`, as the query parser
 * reads one), not a word to search.  The operators (AND, OR, NOT) are
 * shorter than a correctable word. */
static int
is_field_name(const char *query, const jk_qtok *t)
{
    return query[t->end] == ':' && jk_qfield_known(t->term);
}

/* Whether the word at query[at] is one a suggestion must keep as typed:
 * an excluded word or phrase (-제시도, NOT x, -"a b": correcting it would
 * exclude what the user meant to find) or a field's value (tag:x,
 * title:"a b": a label is what it is).  The item the word is in starts at
 * the quote it is inside, else at the blank before it.  fields: a field's
 * value counts (a Latin one is corrected from the words of the index, as
 * a tag's is one of them: tag:kafak is tag:kafka). */
static int
kept_as_typed(const char *query, size_t at, int fields)
{
    size_t quotes = 0, open = 0;
    for (size_t i = 0; i < at; i++)
        if (query[i] == '"' && quotes++ % 2 == 0)
            open = i;
    size_t item = at;
    if (quotes % 2)
        item = open;
    else
        while (item > 0 && !strchr(" \t(", query[item - 1]))
            item--;
    /* the field's name, or the '-', may come before the quote */
    size_t k = item;
    while (k > 0 && !strchr(" \t(", query[k - 1]))
        k--;
    if (query[k] == '-' || (fields && memchr(query + k, ':', at - k)))
        return 1;
    /* path:interviews/2025-naver is a path, not words of the notes (QA:
     * it was "corrected" to path:interview/...), and a date no word */
    const char *colon = memchr(query + k, ':', at - k);
    if (colon) {
        size_t fl = (size_t)(colon - (query + k));
        static const char *const literal[] = {"path", "date", "after",
                                              "before"};
        for (size_t f = 0; f < sizeof literal / sizeof *literal; f++)
            if (fl == strlen(literal[f]) &&
                !strncmp(query + k, literal[f], fl))
                return 1;
    }
    while (k > 0 && (query[k - 1] == ' ' || query[k - 1] == '\t'))
        k--;
    return k >= 3 && !strncmp(query + k - 3, "NOT", 3) &&
           (k == 3 || strchr(" \t(", query[k - 4]));
}

/* Whether a search finds word q as it is: its term or its stem (retries
 * finds retry) is in the index, or the search adds other forms of it
 * (queue finds 큐; jk_query_has_forms()).  Sets *found; JIKJI_EIO when
 * the index cannot be read. */
static jikji_status_t
word_found(jikji_db_t *db, const jk_qtok *q, int *found)
{
    char stem[JK_SUGGEST_MAX_LEN + 8];
    size_t sl = jk_db_stem_term(db, q->term, q->len, stem, sizeof stem);
    uint64_t tf = 0, stf = 0;
    jikji_status_t st = jk_xdb_termfreq(db->x, q->term, q->len, &tf);
    if (st == JIKJI_OK && sl)
        st = jk_xdb_termfreq(db->x, stem, sl, &stf);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    *found = tf > 0 || stf > 0 || jk_query_has_forms(db, q->term);
    return JIKJI_OK;
}

/* The tokens w->v[i, *end) of one Hangul/Han/Kana run of two characters or
 * more (its overlapping bigrams), as text into run (normalized: the first
 * bigram and the second character of each other one). */
static int
bigram_run(const jk_qtoks *w, size_t i, size_t *end, jk_buf *run)
{
    jk_buf_clear(run);
    size_t k = i;
    for (; k < w->n && w->v[k].kind == JIKJI_TOKEN_BIGRAM &&
           (k == i || (w->v[k].chunk == w->v[k - 1].chunk &&
                       w->v[k].pos == w->v[k - 1].pos + 1 &&
                       w->v[k].start < w->v[k - 1].end));
         k++) {
        const jk_qtok *t = &w->v[k];
        utf8proc_int32_t cp;
        utf8proc_ssize_t first = utf8proc_iterate((const utf8proc_uint8_t *)t->term,
                                                  (utf8proc_ssize_t)t->len, &cp);
        size_t skip = k == i || first <= 0 ? 0 : (size_t)first;
        if (jk_buf_append(run, t->term + skip, t->len - skip) < 0)
            return -1;
    }
    *end = k;
    return 0;
}

jikji_status_t
jikji_suggest(jikji_db_t *db, const char *query, char **out)
{
    if (out)
        *out = NULL;
    if (!db || !query || !out)
        return JIKJI_EINVAL;
    jikji_status_t rs = jk_db_refresh(db);
    if (rs != JIKJI_OK)
        return rs;
    jk_qtoks w = {0};
    jikji_status_t st =
        jikji_tokenize(query, strlen(query), jk_qtoks_collect, &w);
    if (st == JIKJI_OK && w.oom)
        st = JIKJI_ENOMEM;
    size_t words = 0;
    for (size_t i = 0; i < w.n; i++)
        words += i == 0 || w.v[i].chunk != w.v[i - 1].chunk;
    size_t ntoks = words > JK_SUGGEST_MAX_WORDS ? 0 : w.n; /* to correct */
    jk_buf res = JK_BUF_INIT, run = JK_BUF_INIT, fix = JK_BUF_INIT;
    closest c = {.best = JK_BUF_INIT};
    size_t done = 0; /* query bytes copied to res */
    int changed = 0;
    for (size_t i = 0; i < ntoks && st == JIKJI_OK; i++) {
        const jk_qtok *q = &w.v[i];
        if (q->kind == JIKJI_TOKEN_BIGRAM) {
            size_t end;
            if (bigram_run(&w, i, &end, &run) < 0) {
                st = JIKJI_ENOMEM;
                break;
            }
            const jk_qtok *last = &w.v[end - 1];
            i = end - 1;
            /* a field's value (tag:면접) is a term, not a word searched */
            if (kept_as_typed(query, q->start, 1) ||
                (st = jk_suggest_hangul(db, run.data, run.len, &fix)) !=
                    JIKJI_OK || !fix.len)
                continue;
            if (jk_buf_append(&res, query + done, q->start - done) < 0 ||
                jk_buf_append(&res, fix.data, fix.len) < 0) {
                st = JIKJI_ENOMEM;
                break;
            }
            done = last->end;
            changed = 1;
            continue;
        }
        if (!correctable(q) || is_field_name(query, q) ||
            kept_as_typed(query, q->start, 0))
            continue;
        int found = 0;
        if ((st = word_found(db, q, &found)) != JIKJI_OK)
            break;
        if (!found && i + 1 < w.n && w.v[i + 1].kind == JIKJI_TOKEN_PART &&
            w.v[i + 1].chunk == q->chunk) {
            /* An identifier the notes write otherwise (eventTime for
             * event_time) is found by its parts (QA: it was "corrected"
             * to eventname, a word of the index). */
            char *text = strndup(query + q->start, q->end - q->start);
            st = text ? jk_suggest_searched_found(db, text, &found)
                      : JIKJI_ENOMEM;
            free(text);
            if (st != JIKJI_OK)
                break;
        }
        if (found)
            continue;
        char first[2] = {q->term[0], '\0'};
        c.word = q->term;
        c.len = q->len;
        c.dist = max_edits(q->len) + 1;
        c.freq = 0;
        jk_buf_clear(&c.best);
        if ((st = jk_xdb_terms_each(db->x, first, on_term, &c)) != JIKJI_OK) {
            st = jk_db_xfail(db, st);
            break;
        }
        if (c.oom) {
            st = JIKJI_ENOMEM;
            break;
        }
        if (c.dist > max_edits(q->len) || !c.best.len)
            continue;
        if (jk_buf_append(&res, query + done, q->start - done) < 0 ||
            jk_buf_append(&res, c.best.data, c.best.len) < 0) {
            st = JIKJI_ENOMEM;
            break;
        }
        done = q->end;
        changed = 1;
    }
    if (st == JIKJI_OK && changed) {
        if (jk_buf_puts(&res, query + done) < 0)
            st = JIKJI_ENOMEM;
        else
            *out = jk_buf_steal(&res);
    }
    jk_buf_fini(&res);
    jk_buf_fini(&run);
    jk_buf_fini(&fix);
    jk_buf_fini(&c.best);
    jk_qtoks_clear(&w);
    return st;
}
