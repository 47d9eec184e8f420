/* similar.c - sections like a given one, by Xapian relevance feedback.
 *
 * The section is found in the index by its unique id term (file id and
 * section number, from parsing the note as the indexer did); Xapian's
 * expand set gives the terms that best set it apart from the rest, and
 * those terms, OR-ed, are the query.  The section itself is left out.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jikji.h"
#include "buf.h"
#include "db.h"
#include "query.h"
#include "schema.h"
#include "search.h"

/* How many expand-set terms make the query. */
#define JK_SIMILAR_TERMS 30

typedef struct expand_ctx {
    jk_query *q;
    jk_xq *terms[JK_SIMILAR_TERMS];
    size_t n;
    int oom;
} expand_ctx;

/* Keep content terms (words, bigrams, Z stems), not field or id terms,
 * and not bare numbers or single letters. */
static int
content_term(const char *t, size_t len)
{
    if (len == 0 || (t[0] >= 'A' && t[0] <= 'Z' && t[0] != 'Z'))
        return 0;
    const char *w = t[0] == 'Z' ? t + 1 : t;
    size_t wl = t[0] == 'Z' ? len - 1 : len;
    int digits = 1;
    for (size_t i = 0; i < wl; i++)
        digits &= w[i] >= '0' && w[i] <= '9';
    return !digits && !(wl == 1 && (unsigned char)w[0] < 0x80);
}

static int
on_expand(void *ud, const char *term, size_t len, double weight)
{
    (void)weight;
    expand_ctx *c = ud;
    if (!content_term(term, len))
        return 0;
    jk_xq *q = jk_xq_term(term, len, 1, 0);
    if (!q || jk_query_add_pattern(c->q, term, len, c->n) < 0) {
        jk_xq_free(q);
        c->oom = 1;
        return 1;
    }
    c->terms[c->n++] = q;
    return c->n == JK_SIMILAR_TERMS;
}

jikji_status_t
jikji_similar(jikji_db_t *db, const char *path, unsigned line,
              const jikji_search_opts_t *opts, jikji_results_t **out)
{
    if (out)
        *out = NULL;
    if (!db || !path || !out)
        return JIKJI_EINVAL;
    char abs[PATH_MAX];
    jk_buf text = JK_BUF_INIT;
    jikji_note_t *note = NULL;
    jk_query q;
    expand_ctx c = {.q = &q};
    memset(&q, 0, sizeof q);
    jikji_status_t st;

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
    unsigned *docids = NULL, docid = 0;
    size_t ndocs = 0;
    if ((st = jk_db_file_sections(db, fid, &docids, &ndocs)) != JIKJI_OK)
        goto out;
    if (idx < ndocs)
        docid = docids[idx];
    free(docids);
    if (!docid) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: that note is not in the "
                        "index (run 'jikji index')", path, line);
        goto out;
    }
    /* Ask for more than needed: field and id terms are dropped. */
    st = jk_xdb_expand(db->x, &docid, 1, JK_SIMILAR_TERMS * 3, on_expand, &c);
    if (st != JIKJI_OK) {
        st = jk_db_xfail(db, st);
        goto out;
    }
    st = JIKJI_ENOMEM;
    if (c.oom)
        goto out;
    if (c.n == 0) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: the section has no words "
                        "to compare", path, line);
        goto out;
    }
    q.all = jk_xq_combine(JK_XQ_OR, c.terms, c.n, 0);
    if (!q.all)
        goto out;
    q.exclude = docid; /* not the section itself */
    q.nwords = c.n;
    st = jk_search_query(db, &q, opts, out);
out:
    for (size_t i = 0; i < c.n; i++)
        jk_xq_free(c.terms[i]);
    jk_query_fini(&q);
    jikji_note_free(note);
    jk_buf_fini(&text);
    return st;
}
