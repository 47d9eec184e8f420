/* test_index.c - jikji_index() through the public API on real notes in a
 * temporary directory: what on_progress is told (jikji_progress_t) on a
 * first build by two writers and its merge, on an update that finds
 * nothing changed, and for a note named alone. */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jikji.h"

/* Enough bytes for a first build by two writers (1 MiB and more than one
 * chunk of 16 notes: index.c's JK_CREW_MIN_BYTES and JK_CREW_CHUNK). */
#define NOTES 24

static char root[4096];
static uint64_t note_bytes; /* the notes' sizes, summed */

typedef struct calls {
    jikji_progress_t last;
    size_t n, merging; /* calls, and merging calls among them */
    size_t partial;    /* merging calls with a share between 0 and 1 */
    int bad; /* a call went back, or past its totals */
} calls;

static void
on_progress(void *ud, const jikji_progress_t *p)
{
    calls *c = ud;
    /* One call a note, in order; then the merging calls, which repeat the
     * final counts, the first at a share of 0, the next ones never lower. */
    int again = p->merging && c->n &&
                p->notes_done == c->last.notes_done &&
                p->bytes_done == c->last.bytes_done &&
                p->bytes_read == c->last.bytes_read &&
                p->merge_share >= 0.0 && p->merge_share <= 1.0 &&
                (c->last.merging ? p->merge_share >= c->last.merge_share
                                 : p->merge_share == 0.0);
    if (p->notes_done > p->notes_total || p->bytes_done > p->bytes_total ||
        (p->merging && !again) || (!p->merging && p->merge_share != 0.0) ||
        (c->last.merging && !p->merging) ||
        (c->n && !again && (p->notes_done != c->last.notes_done + 1 ||
                            p->bytes_done < c->last.bytes_done ||
                            p->bytes_read < c->last.bytes_read)))
        c->bad = 1;
    c->last = *p;
    c->n++;
    c->merging += p->merging != 0;
    c->partial += p->merge_share > 0.0 && p->merge_share < 1.0;
}

/* Note i: a title, then sections whose length grows with i, so that the
 * notes' sizes differ. */
static void
write_note(int i)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/vault/note-%02d.md", root, i);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# 노트 %d\n\n", i);
    for (int s = 0; s < 4 + i; s++) {
        fprintf(f, "## 섹션 %d\n\n", s);
        for (int l = 0; l < 40; l++)
            fprintf(f, "Kafka 재시도 토픽 %d-%d-%d retryCount backoff "
                       "컨슈머 처리 실패 시 다시 보냅니다.\n", i, s, l);
        fputc('\n', f);
    }
    long size = ftell(f);
    assert_true(size > 0);
    note_bytes += (uint64_t)size;
    assert_int_equal(fclose(f), 0);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static int
group_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/jikji-test-index-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        return -1;
    char vault[4200];
    snprintf(vault, sizeof vault, "%s/vault", root);
    if (mkdir(vault, 0755) != 0)
        return -1;
    for (int i = 0; i < NOTES; i++)
        write_note(i);
    return note_bytes >= (1u << 20) ? 0 : -1;
}

static int
group_teardown(void **state)
{
    (void)state;
    return nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static jikji_db_t *
open_db(const char *name)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", root, name);
    jikji_db_t *db = NULL;
    char *err = NULL;
    assert_int_equal(jikji_db_open(dir, JIKJI_DB_WRITE, &db, &err), JIKJI_OK);
    jikji_free(err);
    return db;
}

/* Index paths into db with two writers; the calls made. */
static calls
index_paths(jikji_db_t *db, const char *path, jikji_index_stats_t *s)
{
    calls c = {0};
    jikji_index_opts_t o = {.on_progress = on_progress, .ud = &c,
                            .jobs = 2};
    const char *paths[] = {path};
    assert_int_equal(jikji_index(db, paths, 1, &o, s), JIKJI_OK);
    assert_false(c.bad);
    return c;
}

/* Every note once, and at the end the totals: all the notes, all their
 * bytes, and every byte read, on a build by two writers, then the calls
 * saying how far the merge of its shards is; then an update that reads nothing still
 * goes through every note and byte, and merges nothing. */
static void
test_progress_of_build_and_update(void **state)
{
    (void)state;
    char vault[4200];
    snprintf(vault, sizeof vault, "%s/vault", root);
    jikji_db_t *db = open_db("db");
    jikji_index_stats_t s;
    calls c = index_paths(db, vault, &s);
    assert_int_equal(s.added, NOTES);
    /* The merge: its start, then each of Xapian's six tables as it is
     * written, the last at a share of 1 (and, were a table to take a
     * quarter of a second, a guess between its start and end:
     * test_merge_progress). */
    assert_true(c.merging >= 7);
    assert_int_equal(c.n, NOTES + c.merging);
    assert_true(c.last.merging);
    assert_true(c.last.merge_share == 1.0);
    assert_true(c.partial >= 3); /* postlist, docdata, termlist at least */
    assert_int_equal(c.last.notes_done, NOTES);
    assert_int_equal(c.last.notes_total, NOTES);
    assert_int_equal(c.last.bytes_done, note_bytes);
    assert_int_equal(c.last.bytes_total, note_bytes);
    assert_int_equal(c.last.bytes_read, s.bytes);
    assert_int_equal(s.bytes, note_bytes);

    c = index_paths(db, vault, &s);
    assert_int_equal(s.unchanged, NOTES);
    assert_int_equal(c.n, NOTES);
    assert_false(c.last.merging);
    assert_int_equal(c.last.notes_done, NOTES);
    assert_int_equal(c.last.bytes_done, note_bytes);
    assert_int_equal(c.last.bytes_total, note_bytes);
    assert_int_equal(c.last.bytes_read, 0);
    assert_int_equal(jikji_db_close(db), JIKJI_OK);
}

/* A note named alone counts as the whole run. */
static void
test_progress_of_one_note(void **state)
{
    (void)state;
    char note[4200];
    snprintf(note, sizeof note, "%s/vault/note-03.md", root);
    struct stat st;
    assert_int_equal(stat(note, &st), 0);
    jikji_db_t *db = open_db("db-one");
    jikji_index_stats_t s;
    calls c = index_paths(db, note, &s);
    assert_int_equal(s.added, 1);
    assert_int_equal(c.n, 1);
    assert_false(c.last.merging);
    assert_int_equal(c.last.notes_total, 1);
    assert_int_equal(c.last.bytes_done, (uint64_t)st.st_size);
    assert_int_equal(c.last.bytes_total, (uint64_t)st.st_size);
    assert_int_equal(jikji_db_close(db), JIKJI_OK);
}

/* Index path into a new index `name` (under root) by one writer. */
static void
index_into(const char *name, const char *path)
{
    jikji_db_t *db = open_db(name);
    jikji_index_stats_t s;
    const char *paths[] = {path};
    assert_int_equal(jikji_index(db, paths, 1, NULL, &s), JIKJI_OK);
    assert_int_equal(jikji_db_close(db), JIKJI_OK);
}

/* Notes n0..n(count-1) of `sections` short sections each in dir. */
static void
write_small_notes(const char *dir, int count, int sections)
{
    assert_int_equal(mkdir(dir, 0755), 0);
    for (int i = 0; i < count; i++) {
        char path[4300];
        int pl = snprintf(path, sizeof path, "%s/n%d.md", dir, i);
        assert_true(pl > 0 && (size_t)pl < sizeof path);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "---\ntags: [follow]\n---\n# 노트 %d\n\n", i);
        for (int s = 0; s < sections; s++)
            fprintf(f, "## 질문 %d\n\nKafka 재시도 %d.\n\n", s, s);
        assert_int_equal(fclose(f), 0);
    }
}

static int
count_name(void *ud, const char *name, uint64_t n)
{
    (void)name, (void)n;
    (*(size_t *)ud)++;
    return 0;
}

/* A reader kept open while another handle's run compacts the index (a
 * forget of most of it) follows it: every read call works and sees the
 * index after the run.  It failed for good with the files discarded
 * ("revision being read has been discarded"), as reopen() does not
 * follow the compaction's swap of the index's files. */
static void
test_reader_follows_compaction(void **state)
{
    (void)state;
    char vault[4200], gone[4300], kept[4300], dir[4200];
    snprintf(vault, sizeof vault, "%s/follow", root);
    snprintf(gone, sizeof gone, "%s/a", vault);
    snprintf(kept, sizeof kept, "%s/b", vault);
    snprintf(dir, sizeof dir, "%s/db-follow", root);
    assert_int_equal(mkdir(vault, 0755), 0);
    write_small_notes(gone, 40, 30); /* 1,240 sections: past the compaction's 1,000 */
    write_small_notes(kept, 10, 30);
    index_into("db-follow", vault);

    jikji_db_t *rd = NULL;
    char *err = NULL;
    assert_int_equal(jikji_db_open(dir, JIKJI_DB_READ, &rd, &err), JIKJI_OK);
    jikji_results_t *res = NULL;
    jikji_search_opts_t so = {.flags = JIKJI_SEARCH_COUNT};
    assert_int_equal(jikji_search(rd, "kafka", &so, &res), JIKJI_OK);
    assert_int_equal(jikji_results_estimate(res), 50 * 31 - 50);
    jikji_results_free(res);

    jikji_db_t *w = open_db("db-follow");
    jikji_index_stats_t s;
    const char *forget[] = {gone};
    assert_int_equal(jikji_forget(w, forget, 1, &s), JIKJI_OK);
    assert_int_equal(jikji_db_close(w), JIKJI_OK);

    jikji_db_stats_t ds;
    assert_int_equal(jikji_db_get_stats(rd, &ds), JIKJI_OK);
    assert_int_equal(ds.notes, 10);
    assert_int_equal(jikji_search(rd, "kafka", &so, &res), JIKJI_OK);
    assert_int_equal(jikji_results_estimate(res), 10 * 30);
    jikji_results_free(res);
    size_t tags = 0;
    assert_int_equal(jikji_db_tags(rd, count_name, &tags), JIKJI_OK);
    assert_int_equal(tags, 1);
    char *sugg = NULL;
    assert_int_equal(jikji_suggest(rd, "kafak", &sugg), JIKJI_OK);
    jikji_free(sugg);
    /* A limit of UINT_MAX is "all of them", not room for 2^32 hits. */
    jikji_search_opts_t all = {.limit = UINT_MAX};
    assert_int_equal(jikji_search(rd, "kafka", &all, &res), JIKJI_OK);
    assert_int_equal(jikji_results_count(res), 10 * 30);
    jikji_results_free(res);
    assert_int_equal(jikji_db_close(rd), JIKJI_OK);
}

/* The notes and sections of the index at dir, read by a handle of its
 * own. */
static jikji_db_stats_t
stats_at(const char *dir)
{
    jikji_db_t *db = NULL;
    char *err = NULL;
    jikji_db_stats_t ds = {0};
    assert_int_equal(jikji_db_open(dir, JIKJI_DB_READ, &db, &err), JIKJI_OK);
    assert_int_equal(jikji_db_get_stats(db, &ds), JIKJI_OK);
    assert_int_equal(jikji_db_close(db), JIKJI_OK);
    return ds;
}

/* A rebuild that names no vault rebuilds every vault of the index it
 * replaces (it failed: "no vault indexed yet"). */
static void
test_rebuild_of_every_vault(void **state)
{
    (void)state;
    char note[4200], dir[4200];
    snprintf(note, sizeof note, "%s/vault/note-05.md", root);
    snprintf(dir, sizeof dir, "%s/db-rebuild", root);
    index_into("db-rebuild", note);
    jikji_db_t *db = NULL;
    jikji_index_stats_t s;
    char *err = NULL;
    assert_int_equal(jikji_db_open(dir, JIKJI_DB_REBUILD, &db, &err), JIKJI_OK);
    assert_int_equal(jikji_index(db, NULL, 0, NULL, &s), JIKJI_OK);
    assert_int_equal(s.added, 1);
    assert_int_equal(jikji_db_close(db), JIKJI_OK);
    assert_int_equal(stats_at(dir).notes, 1);
}

static int
stop_after(void *ud)
{
    return ++*(int *)ud > 12;
}

/* A first build stopped after it went on into shards keeps only what it
 * wrote into the index itself: its stats count that, not the notes of the
 * shards it dropped, whatever the number of writers (they counted 2,000
 * notes for 25 kept, and another number with two writers). */
static void
test_stopped_build_counts_what_it_keeps(void **state)
{
    (void)state;
    char vault[4200];
    snprintf(vault, sizeof vault, "%s/vault", root);
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        char name[32], dir[4200];
        snprintf(name, sizeof name, "db-stop-%u", jobs);
        snprintf(dir, sizeof dir, "%s/%s", root, name);
        jikji_db_t *db = open_db(name);
        int asked = 0;
        jikji_index_opts_t o = {.should_stop = stop_after, .ud = &asked,
                                .jobs = jobs, .shard_sections = 20};
        jikji_index_stats_t s;
        const char *paths[] = {vault};
        assert_int_equal(jikji_index(db, paths, 1, &o, &s), JIKJI_ECANCELED);
        assert_int_equal(jikji_db_close(db), JIKJI_OK);
        jikji_db_stats_t ds = stats_at(dir);
        assert_true(ds.notes > 0);
        assert_int_equal(s.added, ds.notes);
        assert_int_equal(s.sections, ds.sections);
    }
}

/* Every failure of jikji_db_open() gives a message, as its header says. */
static void
test_open_failures_say_why(void **state)
{
    (void)state;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/db-none", root);
    const char *dirs[] = {NULL, "", dir};
    int modes[] = {JIKJI_DB_READ, JIKJI_DB_READ, 9};
    for (size_t i = 0; i < 3; i++) {
        jikji_db_t *db = (jikji_db_t *)&db;
        char *err = NULL;
        assert_int_equal(jikji_db_open(dirs[i], (jikji_db_mode_t)modes[i], &db,
                                       &err), JIKJI_EINVAL);
        assert_null(db);
        assert_non_null(err);
        assert_true(strlen(err) > 0);
        jikji_free(err);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress_of_build_and_update),
        cmocka_unit_test(test_progress_of_one_note),
        cmocka_unit_test(test_reader_follows_compaction),
        cmocka_unit_test(test_open_failures_say_why),
        cmocka_unit_test(test_rebuild_of_every_vault),
        cmocka_unit_test(test_stopped_build_counts_what_it_keeps),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
