/* search.c - run a query, page through hits, attach snippets.
 *
 * Sections containing every query word come first; when there are fewer
 * than a page of them, sections matching some of the words follow (the OR
 * query minus the AND matches), so a query never comes back empty just
 * because one word is missing.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jikji.h"
#include "buf.h"
#include "db.h"
#include "norm.h"
#include "query.h"
#include "schema.h"
#include "snippet.h"
#include "search.h"

/* BM25 as schema.h sets it: the index holds the length normalization in
 * its wdfs, scaled by JK_FOLD_SCALE, so the search asks for b = 0 and k1
 * scaled alike.  Every term's weight then carries the factor
 * (k1 * scale + 1) / (k1 + 1) of BM25's (k1 + 1); scores are divided by
 * it, so a score is what BM25 with b = JK_BM25_B gives. */
#define JK_SEARCH_K1 (JK_BM25_K1 * JK_FOLD_SCALE)
#define JK_SCORE_FACTOR ((JK_SEARCH_K1 + 1) / (JK_BM25_K1 + 1))

struct jikji_results {
    jikji_hit_t *hits;
    size_t n;
    size_t cap;           /* room in hits: it grows with the hits found, so
                             a limit of UINT_MAX ("all") asks for no room
                             for four billion */
    uint64_t estimate;
    jk_strv owned;        /* every string the hits point to */
    void **blocks;        /* arrays the hits point to */
    size_t nblocks;
};

static const char *
own(jikji_results_t *r, const char *s)
{
    if (jk_strv_push(&r->owned, s, strlen(s)) < 0)
        return NULL;
    return r->owned.v[r->owned.n - 1];
}

static int
own_block(jikji_results_t *r, void *p)
{
    void **b = realloc(r->blocks, (r->nblocks + 1) * sizeof *b);
    if (!b)
        return -1;
    r->blocks = b;
    r->blocks[r->nblocks++] = p;
    return 0;
}

/* The absolute path of a note from its record (JK_META_FILE: rec, len
 * bytes), into out (NUL-terminated, cut at outsz - 1 bytes).  Returns its
 * length, or 0 when rec is no such record. */
static size_t
note_path(const char *rec, size_t len, char *out, size_t outsz)
{
    const char *p;
    size_t n = jk_filestate_path(rec, len, &p);
    if (!n || outsz == 0)
        return 0;
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return n;
}

/* jk_xsearch_opts.hit_meta_key: a hit's note record. */
static size_t
note_key(void *ud, const char *data, size_t len, char *key, size_t keysz)
{
    (void)ud;
    return jk_docdata_file_key(data, len, key, keysz);
}

/* Mark the query's words in h's headings (a section found by its heading
 * alone shows why).  Statuses: OK, ENOMEM. */
static jikji_status_t
mark_headings(jikji_db_t *db, const jk_query *q, jikji_results_t *r,
              jikji_hit_t *h)
{
    jikji_span_t **hs = calloc(h->nheadings, sizeof *hs);
    size_t *hn = calloc(h->nheadings, sizeof *hn);
    if (!hs || !hn || own_block(r, hs) < 0) {
        free(hs);
        free(hn);
        return JIKJI_ENOMEM;
    }
    if (own_block(r, hn) < 0) {
        free(hn);
        return JIKJI_ENOMEM;
    }
    for (size_t i = 0; i < h->nheadings; i++) {
        if (jk_snippet_marks(db, q, h->headings[i], &hs[i], &hn[i]) !=
            JIKJI_OK)
            return JIKJI_ENOMEM;
        if (hs[i] && own_block(r, hs[i]) < 0) {
            free(hs[i]);
            hs[i] = NULL;
            return JIKJI_ENOMEM;
        }
    }
    h->heading_spans = (const jikji_span_t *const *)hs;
    h->heading_nspans = hn;
    return JIKJI_OK;
}

/* Turn hit i of ms into r->hits[r->n]. */
static jikji_status_t
add_hit(jikji_db_t *db, const jk_query *q, const jikji_search_opts_t *o,
        jikji_results_t *r, jk_xmset *ms, size_t i)
{
    unsigned docid;
    double w;
    const char *data;
    size_t len;
    const char *rec;
    size_t rlen;
    jikji_status_t st = jk_xmset_get(ms, i, &docid, &w, &data, &len);
    if (st == JIKJI_OK)
        st = jk_xmset_meta(ms, i, &rec, &rlen);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    char *copy = jk_strndup(data, len);
    if (!copy)
        return JIKJI_ENOMEM;
    jk_docdata d;
    if (jk_docdata_decode(copy, len, &d) < 0) {
        free(copy);
        return jk_db_fail(db, JIKJI_EBACKEND,
                          "document %u has unreadable data; run jikji index "
                          "--rebuild", docid);
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        jikji_hit_t *grown = realloc(r->hits, cap * sizeof *grown);
        if (!grown) {
            free(copy);
            return JIKJI_ENOMEM;
        }
        r->hits = grown;
        r->cap = cap;
    }
    jikji_hit_t *h = &r->hits[r->n];
    memset(h, 0, sizeof *h);
    st = JIKJI_ENOMEM;
    size_t nh = 1;
    for (const char *s = d.headings; *s; s++)
        nh += *s == JK_HEADING_SEP;
    const char **heads = calloc(nh, sizeof *heads);
    if (!heads || own_block(r, heads) < 0) {
        free(heads);
        goto out;
    }
    h->nheadings = 0;
    for (char *s = (char *)d.headings;;) {
        char *sep = strchr(s, JK_HEADING_SEP);
        if (sep)
            *sep = '\0';
        if (!(heads[h->nheadings++] = own(r, s)))
            goto out;
        if (!sep)
            break;
        s = sep + 1;
    }
    h->headings = heads;
    char path[PATH_MAX];
    if (!note_path(rec, rlen, path, sizeof path)) {
        st = jk_db_fail(db, JIKJI_EBACKEND,
                        "document %u names a note the index has no record "
                        "of; run jikji index --rebuild", docid);
        goto out;
    }
    if (!(h->path = own(r, path)) || !(h->title = own(r, d.title)) ||
        !(h->date = own(r, d.date)))
        goto out;
    h->line = d.line;
    h->end_line = d.end_line;
    h->score = w / JK_SCORE_FACTOR;
    h->rank = (unsigned)(o->offset + r->n + 1);
    h->match_line = d.line;
    h->match_col = 1;

    char *snip = NULL;
    jikji_span_t *spans = NULL;
    if (o->flags & JIKJI_SEARCH_NO_SNIPPETS) {
        h->snippet = own(r, "");
        st = h->snippet ? JIKJI_OK : JIKJI_ENOMEM;
        if (st == JIKJI_OK)
            r->n++;
        goto out;
    }
    jk_snippet_in in = {
        .path = path, .start = d.start, .end = d.end,
        .file_size = d.file_size, .line = d.line, .end_line = d.end_line,
        .level = h->nheadings > 1 && strlen(heads[h->nheadings - 1]) ? 1 : 0,
        .width = o->snippet_chars,
    };
    st = jk_snippet(db, q, &in, &snip, &spans, &h->nspans, &h->match_line,
                    &h->match_col);
    if (st != JIKJI_OK)
        goto out;
    st = JIKJI_ENOMEM;
    if (spans && own_block(r, spans) < 0) {
        free(spans);
        free(snip);
        goto out;
    }
    h->spans = spans;
    h->snippet = own(r, snip);
    free(snip);
    if (!h->snippet || mark_headings(db, q, r, h) != JIKJI_OK)
        goto out;
    r->n++;
    st = JIKJI_OK;
out:
    free(copy);
    return st;
}

/* --sort path: the note's full path, from its record (the binding hands
 * the record, not the data, with hit_meta_key). */
static size_t
path_key(void *ud, const char *rec, size_t len, char *out, size_t outsz)
{
    (void)ud;
    size_t n = note_path(rec, len, out, outsz);
    /* In NFC: a vault synced from macOS has NFD names, whose jamo sort
     * before every syllable (나 NFD came before 가 NFC). */
    size_t i = 0;
    while (i < n && (unsigned char)out[i] < 0x80)
        i++;
    char *nfc = i < n ? jk_norm_path(out) : NULL;
    if (nfc) {
        n = strlen(nfc);
        if (n >= outsz)
            n = outsz - 1;
        memcpy(out, nfc, n);
        out[n] = '\0';
        free(nfc);
    }
    return n;
}

/* JIKJI_SEARCH_BY_NOTE: the notes already given a hit, and how many new
 * notes are still to be skipped (the offset). */
typedef struct by_note {
    jk_strset seen;
    unsigned skip;
} by_note;

/* Keep the hit just added only if its note has none yet (and the offset
 * is used up).  A dropped hit's strings stay owned by r until it is
 * freed. */
static jikji_status_t
keep_first_of_note(jikji_results_t *r, by_note *bn)
{
    const char *path = r->hits[r->n - 1].path;
    int added = jk_strset_add(&bn->seen, path, strlen(path));
    if (added < 0)
        return JIKJI_ENOMEM;
    if (!added || bn->skip) {
        if (added)
            bn->skip--;
        r->n--;
    }
    return JIKJI_OK;
}

/* Run one Xapian query and append its hits (with bn, only each note's
 * first: Xapian collapses the matches to the best section of each note,
 * and bn drops the notes that an earlier tier gave).  *got: the hits
 * Xapian returned. */
static jikji_status_t
run(jikji_db_t *db, const jk_query *q, const jk_xq *xq, unsigned offset,
    unsigned limit, const jikji_search_opts_t *o, jikji_results_t *r,
    uint64_t *estimate, by_note *bn, size_t *got)
{
    jk_xsearch_opts so = {
        .offset = offset, .limit = limit,
        .sort = o->sort == JIKJI_SORT_DATE ? JK_XSORT_VALUE_DESC
              : o->sort == JIKJI_SORT_PATH ? JK_XSORT_KEY_ASC
              : JK_XSORT_RELEVANCE,
        .sort_slot = o->sort == JIKJI_SORT_DATE ? JK_SLOT_DATE : JK_SLOT_ORDER,
        .tie_value = 1, .tie_slot = JK_SLOT_ORDER,
        .sort_key = path_key,
        .hit_meta_key = note_key,
        .exclude = q->exclude ? &q->exclude : NULL,
        .nexclude = q->exclude != 0,
        .exact_count = (o->flags & JIKJI_SEARCH_COUNT) != 0,
        .bm25_k1 = JK_SEARCH_K1,
        .bm25_b = 0,
        .bm25_min_normlen = JK_BM25_MIN_NORMLEN, /* unused at b = 0 */
        .collapse = bn != NULL,
        .collapse_slot = JK_SLOT_ORDER,
    };
    jk_xmset *ms = NULL;
    jikji_status_t st = jk_xdb_search(db->x, xq, &so, &ms);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    *estimate = jk_xmset_estimate(ms);
    size_t n = jk_xmset_size(ms);
    if (got)
        *got = n;
    for (size_t i = 0; i < n && st == JIKJI_OK; i++) {
        if (bn && r->n == o->limit)
            break; /* the page is full of notes */
        st = add_hit(db, q, o, r, ms, i);
        if (st == JIKJI_OK && bn)
            st = keep_first_of_note(r, bn);
    }
    jk_xmset_free(ms);
    return st;
}

/* The most notes one batch of run_by_note() asks Xapian for. */
#define JK_BY_NOTE_BATCH_MAX (1u << 20)

/* One tier for JIKJI_SEARCH_BY_NOTE: its notes (each at its best
 * section) from the first, in batches that double, until the page is
 * full of notes or the tier has no more.  The notes of earlier tiers are
 * skipped by bn.  (Paging through sections instead took 106 s and 200 MB
 * for a note of 560,000 matching sections.)  Each batch ranks every match
 * again, so a batch is as big as the page asks for, up to 2^20 notes:
 * with batches of at most 4,096, `-l -n 1000000 the` took 5.2 s for
 * 16,000 notes (QA). */
static jikji_status_t
run_by_note(jikji_db_t *db, const jk_query *q, const jk_xq *xq,
            const jikji_search_opts_t *o, jikji_results_t *r,
            uint64_t *estimate, by_note *bn)
{
    uint64_t want = 4 * ((uint64_t)o->limit + bn->skip);
    unsigned from = 0, batch = want < 64 ? 64
                               : want > JK_BY_NOTE_BATCH_MAX ? JK_BY_NOTE_BATCH_MAX
                                                              : (unsigned)want;
    for (;;) {
        size_t got = 0;
        jikji_status_t st = run(db, q, xq, from, batch, o, r, estimate, bn, &got);
        if (st != JIKJI_OK || r->n >= o->limit || got < batch ||
            from > UINT_MAX - batch)
            return st;
        from += batch;
        if (batch < JK_BY_NOTE_BATCH_MAX)
            batch *= 2;
    }
}

jikji_status_t
jk_search_query(jikji_db_t *db, const jk_query *q,
                const jikji_search_opts_t *opts, jikji_results_t **out)
{
    *out = NULL;
    jikji_search_opts_t o = opts ? *opts : (jikji_search_opts_t){0};
    if (o.limit == 0)
        o.limit = 10;
    jikji_results_t *r = calloc(1, sizeof *r);
    if (!r)
        return jk_db_fail(db, JIKJI_ENOMEM, "out of memory");
    jikji_status_t st = JIKJI_OK;
    by_note bn = {.seen = JK_STRSET_INIT, .skip = o.offset};
    if (o.flags & JIKJI_SEARCH_COUNT) {
        /* Every match: the most relaxed tier. */
        st = run(db, q, q->any ? q->any : q->all, 0, 0, &o, r, &r->estimate,
                 NULL, NULL);
    } else {
        /* Tiers, each a superset of the one before: every word, all but
         * one, any.  A tier is searched only when the ones before it gave
         * less than a page; each estimate is then exact, so the next tier
         * (minus the previous one) continues the ranking after it. */
        const jk_xq *tiers[3];
        size_t nt = 0;
        tiers[nt++] = q->all;
        if (q->most)
            tiers[nt++] = q->most;
        if (q->any)
            tiers[nt++] = q->any;
        uint64_t before = 0; /* matches of the tiers already searched */
        int tiers_left = 0;  /* the page was full before the last tier */
        /* By note: a tier's sections of notes an earlier tier gave are
         * skipped like the rest, so each note comes once, at its best. */
        for (size_t t = 0; t < nt && st == JIKJI_OK; t++) {
            /* Once the page is full, the matches left are only counted
             * (the estimate a pager stops at), unless the caller does not
             * want that.  The tiers nest, so the widest alone counts
             * every match: counting each tier minus the one before meant
             * scanning for the few sections without every word where
             * nearly all have them (0.43 s for a note of 100,000). */
            if (r->n >= o.limit) {
                tiers_left = 1;
                break;
            }
            jk_xq *tq = NULL;
            if (t == 0) {
                tq = jk_xq_combine(JK_XQ_OR, (jk_xq **)&tiers[0], 1, 0);
            } else {
                jk_xq *subs[2] = {(jk_xq *)tiers[t], (jk_xq *)tiers[t - 1]};
                tq = jk_xq_combine(JK_XQ_AND_NOT, subs, 2, 0);
            }
            if (!tq) {
                st = JIKJI_ENOMEM;
                break;
            }
            uint64_t est = 0;
            if (o.flags & JIKJI_SEARCH_BY_NOTE) {
                st = run_by_note(db, q, tq, &o, r, &est, &bn);
            } else {
                unsigned off = o.offset > before ? (unsigned)(o.offset - before) : 0;
                st = run(db, q, tq, off, o.limit - (unsigned)r->n, &o, r, &est,
                         NULL, NULL);
            }
            jk_xq_free(tq);
            before += est;
        }
        /* By note, a tier's estimate is of the sections Xapian looked at
         * while collapsing them to notes, not of all of them: every match
         * is counted instead, as when the page was full before the last
         * tier. */
        if (st == JIKJI_OK && !(o.flags & JIKJI_SEARCH_NO_ESTIMATE) &&
            (tiers_left || (o.flags & JIKJI_SEARCH_BY_NOTE))) {
            /* Skipping the page (with no hits asked) makes Xapian check
             * the matches up to 100 past it: exact when few are left, as
             * a pager needs (from the start it was exact only below 100
             * in all, so --offset 1000 of 1,016 matches said 3,000). */
            uint64_t all = 0;
            unsigned past = o.offset > UINT_MAX - o.limit ? UINT_MAX
                                                          : o.offset + o.limit;
            st = run(db, q, tiers[nt - 1], past, 0, &o, r, &all, NULL, NULL);
            if (all > before || (o.flags & JIKJI_SEARCH_BY_NOTE))
                before = all;
        }
        r->estimate = before;
    }
    jk_strset_fini(&bn.seen);
    if (st != JIKJI_OK) {
        jikji_results_free(r);
        return st == JIKJI_ENOMEM ? jk_db_fail(db, st, "out of memory") : st;
    }
    *out = r;
    return JIKJI_OK;
}

jikji_status_t
jikji_search(jikji_db_t *db, const char *query, const jikji_search_opts_t *opts,
             jikji_results_t **out)
{
    if (!out)
        return JIKJI_EINVAL;
    *out = NULL;
    if (!db || !query)
        return JIKJI_EINVAL;
    jikji_status_t rs = jk_db_refresh(db);
    if (rs != JIKJI_OK)
        return rs;
    jk_query q;
    jikji_status_t st = jk_query_build(db, query, &q);
    if (st != JIKJI_OK)
        return st;
    st = jk_search_query(db, &q, opts, out);
    jk_query_fini(&q);
    return st;
}

size_t
jikji_results_count(const jikji_results_t *res)
{
    return res ? res->n : 0;
}

uint64_t
jikji_results_estimate(const jikji_results_t *res)
{
    return res ? res->estimate : 0;
}

const jikji_hit_t *
jikji_results_get(const jikji_results_t *res, size_t i)
{
    return res && i < res->n ? &res->hits[i] : NULL;
}

void
jikji_results_free(jikji_results_t *res)
{
    if (!res)
        return;
    jk_strv_fini(&res->owned);
    for (size_t i = 0; i < res->nblocks; i++)
        free(res->blocks[i]);
    free(res->blocks);
    free(res->hits);
    free(res);
}

jikji_status_t
jikji_explain(jikji_db_t *db, const char *query, char **out)
{
    if (out)
        *out = NULL;
    if (!db || !query || !out)
        return JIKJI_EINVAL;
    jk_query q;
    jikji_status_t st = jk_db_refresh(db);
    if (st == JIKJI_OK)
        st = jk_query_build(db, query, &q);
    if (st != JIKJI_OK)
        return st;
    jk_buf b = JK_BUF_INIT;
    char *d1 = jk_xq_describe(q.all);
    char *d2 = q.most ? jk_xq_describe(q.most) : NULL;
    char *d3 = q.any ? jk_xq_describe(q.any) : NULL;
    int bad = jk_buf_puts(&b, q.explain.data ? q.explain.data : "") < 0 ||
              jk_buf_printf(&b, "ranking: sections with every word first%s%s\n",
                            q.most ? ", then all but one" : "",
                            q.any ? ", then any" : "") < 0 ||
              jk_buf_printf(&b, "xapian: %s\n", d1 ? d1 : "?") < 0 ||
              (d2 && jk_buf_printf(&b, "xapian (all but one): %s\n", d2) < 0) ||
              (d3 && jk_buf_printf(&b, "xapian (any): %s\n", d3) < 0);
    free(d1);
    free(d2);
    free(d3);
    jk_query_fini(&q);
    if (bad) {
        jk_buf_fini(&b);
        return JIKJI_ENOMEM;
    }
    *out = jk_buf_steal(&b);
    return *out ? JIKJI_OK : JIKJI_ENOMEM;
}
