/* fuzz_query.c - libFuzzer target: any bytes as a query against a small
 * fixed index.
 *
 * LLVMFuzzerInitialize() indexes the sample notes once into a fresh
 * directory under $TMPDIR (removed at exit) and opens it for reading.
 * The notes are $JIKJI_SAMPLES, else the samples/ and tests/corpus/
 * directories of the source tree this target was built from; with
 * $JIKJI_SAMPLES set, only the paths it lists (separated by ':').  A
 * crash exits without cleanup and leaves $TMPDIR/jikji-fuzz-query.*
 * behind: tools/fuzz and ctest point TMPDIR at their own directories.
 *
 * Per input: the first 4 KB, NUL-terminated, go to jikji_search() with
 * limit 5 and a snippet width picked from a hash of the input (mostly the
 * default, sometimes tiny).
 *
 * Invariants (abort when broken): the status is JIKJI_OK or JIKJI_EQUERY
 * (with no page and an error message); at most 5 hits, ranked 1..n, each
 * with its strings, lines 1 <= line <= end_line, a valid UTF-8 snippet,
 * and spans that are non-empty, in order, not overlapping, inside the
 * snippet (or, for the heading spans, the heading) and on character
 * boundaries (as tools/emit.c prints them).  Then jikji_suggest() on the
 * same query: JIKJI_OK, with no suggestion or one that differs from the
 * query.
 */
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jikji.h"
#include "fuzz_util.h"

#ifndef JIKJI_FUZZ_SAMPLES
#error "JIKJI_FUZZ_SAMPLES (the samples/ directory) must be defined"
#endif
#ifndef JIKJI_FUZZ_CORPUS
#error "JIKJI_FUZZ_CORPUS (the tests/corpus/ directory) must be defined"
#endif

#define FUZZ_MAX_QUERY 4096
#define FUZZ_LIMIT 5

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jikji_db_t *g_db;
static char g_root[4096];   /* the temporary directory, "" once removed */

static int
rm_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

static void
cleanup(void)
{
    jikji_db_close(g_db);
    g_db = NULL;
    if (g_root[0])
        nftw(g_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    g_root[0] = '\0';
}

static void
init_fail(const char *what, jikji_status_t st, const char *msg)
{
    fprintf(stderr, "fuzz_query: %s: %s%s%s\n", what, jikji_status_str(st),
            msg && *msg ? ": " : "", msg ? msg : "");
    cleanup();
    exit(1);
}

static void
on_index_warning(void *ud, const char *path, unsigned line,
                 jikji_status_t status, const char *msg)
{
    (void)ud;
    (void)line;
    (void)status;
    (void)path;
    (void)msg;  /* the corpus has broken notes on purpose */
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    int n = snprintf(g_root, sizeof g_root, "%s/jikji-fuzz-query.XXXXXX", tmp);
    if (n < 0 || (size_t)n >= sizeof g_root || !mkdtemp(g_root)) {
        fprintf(stderr, "fuzz_query: mkdtemp in %s: %s\n", tmp,
                strerror(errno));
        exit(1);
    }
    atexit(cleanup);
    char dbdir[4200];
    snprintf(dbdir, sizeof dbdir, "%s/db", g_root);

    /* The vaults to index. */
    const char *paths[16];
    size_t npaths = 0;
    char *list = NULL;
    const char *env = getenv("JIKJI_SAMPLES");
    if (env && *env) {
        list = strdup(env);
        if (!list)
            init_fail("strdup", JIKJI_ENOMEM, NULL);
        for (char *save = NULL, *p = strtok_r(list, ":", &save);
             p && npaths < sizeof paths / sizeof *paths;
             p = strtok_r(NULL, ":", &save))
            paths[npaths++] = p;
    } else {
        paths[npaths++] = JIKJI_FUZZ_SAMPLES;
        paths[npaths++] = JIKJI_FUZZ_CORPUS;
    }

    jikji_db_t *w = NULL;
    char *err = NULL;
    jikji_status_t st = jikji_db_open(dbdir, JIKJI_DB_WRITE, &w, &err);
    if (st != JIKJI_OK)
        init_fail("open for writing", st, err);
    jikji_index_opts_t opts = {.on_warning = on_index_warning};
    jikji_index_stats_t stats = {0};
    st = jikji_index(w, paths, npaths, &opts, &stats);
    if (st != JIKJI_OK)
        init_fail("index", st, jikji_db_errmsg(w));
    st = jikji_db_close(w);
    if (st != JIKJI_OK)
        init_fail("close", st, NULL);
    if (stats.added == 0 || stats.sections == 0)
        init_fail("index: no notes found", JIKJI_EIO, paths[0]);
    st = jikji_db_open(dbdir, JIKJI_DB_READ, &g_db, &err);
    if (st != JIKJI_OK)
        init_fail("open for reading", st, err);
    fprintf(stderr, "fuzz_query: indexed %u notes, %llu sections in %s\n",
            stats.added, (unsigned long long)stats.sections, dbdir);
    free(list);
    return 0;
}

/* Spans of text: non-empty, in order, not overlapping, inside it and on
 * character boundaries (as tools/emit.c prints them). */
static void
check_spans(const char *text, const jikji_span_t *spans, size_t n)
{
    size_t len = strlen(text), at = 0;
    FUZZ_CHECK(n == 0 || spans != NULL);
    for (size_t k = 0; k < n; k++) {
        const jikji_span_t *s = &spans[k];
        FUZZ_CHECK(s->start >= at);             /* in order, no overlap */
        FUZZ_CHECK(s->start < s->end && s->end <= len);
        FUZZ_CHECK(fuzz_char_boundary(text, len, s->start));
        FUZZ_CHECK(fuzz_char_boundary(text, len, s->end));
        at = s->end;
    }
}

static void
check_hit(const jikji_hit_t *h, size_t i)
{
    FUZZ_CHECK(h != NULL);
    FUZZ_CHECK(h->path != NULL && h->path[0] == '/');
    FUZZ_CHECK(h->title != NULL && h->date != NULL);
    FUZZ_CHECK(h->line >= 1 && h->line <= h->end_line);
    FUZZ_CHECK(h->rank == i + 1);
    FUZZ_CHECK(h->nheadings >= 1 && h->headings != NULL);
    for (size_t k = 0; k < h->nheadings; k++)
        FUZZ_CHECK(h->headings[k] != NULL);
    FUZZ_CHECK(h->snippet != NULL);
    size_t len = strlen(h->snippet);
    FUZZ_CHECK(fuzz_utf8_valid(h->snippet, len));
    check_spans(h->snippet, h->spans, h->nspans);
    /* The words marked in the headings, the same way. */
    FUZZ_CHECK(h->heading_spans != NULL && h->heading_nspans != NULL);
    for (size_t k = 0; k < h->nheadings; k++)
        check_spans(h->headings[k], h->heading_spans[k], h->heading_nspans[k]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned widths[8] = {0, 0, 0, 0, 0, 1, 7, 40};
    size_t n = size < FUZZ_MAX_QUERY ? size : FUZZ_MAX_QUERY;
    char *q = malloc(n + 1);
    FUZZ_CHECK(q != NULL);
    if (n)
        memcpy(q, data, n);
    q[n] = '\0';

    jikji_search_opts_t o = {
        .limit = FUZZ_LIMIT,
        .snippet_chars = widths[fuzz_hash(data, size) & 7],
    };
    jikji_results_t *res = NULL;
    jikji_status_t st = jikji_search(g_db, q, &o, &res);
    if (st == JIKJI_EQUERY) {
        FUZZ_CHECK(res == NULL);
        FUZZ_CHECK(jikji_db_errmsg(g_db)[0] != '\0');
    } else {
        if (st != JIKJI_OK)
            fprintf(stderr, "fuzz_query: %s: %s\n", jikji_status_str(st),
                    jikji_db_errmsg(g_db));
        FUZZ_CHECK(st == JIKJI_OK && res != NULL);
        size_t count = jikji_results_count(res);
        FUZZ_CHECK(count <= FUZZ_LIMIT);
        for (size_t i = 0; i < count; i++)
            check_hit(jikji_results_get(res, i), i);
        FUZZ_CHECK(jikji_results_get(res, count) == NULL);
    }
    jikji_results_free(res);
    /* "did you mean" (Latin words by edit distance, Korean words by one
     * jamo changed): any query, a whole query back or none. */
    char *fix = NULL;
    st = jikji_suggest(g_db, q, &fix);
    if (st != JIKJI_OK)
        fprintf(stderr, "fuzz_query: suggest: %s: %s\n", jikji_status_str(st),
                jikji_db_errmsg(g_db));
    FUZZ_CHECK(st == JIKJI_OK);
    FUZZ_CHECK(fix == NULL || strcmp(fix, q) != 0);
    jikji_free(fix);
    free(q);
    return 0;
}
