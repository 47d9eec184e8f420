/* test_merge_progress.c - how far a compaction is (src/merge_progress.c):
 * the share told at each table's end comes from the tables' weighed
 * sizes, and between two ends it moves by what the merge has written of
 * the table and with time at the pace of the tables written, never down,
 * never to the next end, and not at all before either is known or after
 * the merge is stopped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "merge_progress.h"

/* The shares told, in order (fn may run on the ticker's thread). */
typedef struct told {
    pthread_mutex_t lock;
    double share[4096];
    size_t n;
} told;

static void
record(void *ud, double share)
{
    told *t = ud;
    pthread_mutex_lock(&t->lock);
    if (t->n < sizeof t->share / sizeof *t->share)
        t->share[t->n++] = share;
    pthread_mutex_unlock(&t->lock);
}

static size_t
count(told *t)
{
    pthread_mutex_lock(&t->lock);
    size_t n = t->n;
    pthread_mutex_unlock(&t->lock);
    return n;
}

static void
sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void
expect_guess(double done, double spent, double table, double secs,
             double total, double written, double want)
{
    double got =
        jk_merge_progress_guess(done, spent, table, secs, total, written);
    if (got - want > 1e-12 || want - got > 1e-12)
        fail_msg("guess(%g, %g, %g, %g, %g, %g) = %.15g, not %g", done,
                 spent, table, secs, total, written, got, want);
}

static void
test_guess(void **state)
{
    (void)state;
    /* No pace yet, nothing written: what the tables written weigh. */
    expect_guess(0, 0, 300, 5, 500, -1, 0.0);
    expect_guess(100, 0, 300, 5, 500, -1, 0.2);
    expect_guess(100, 0, 300, 5, 500, 0, 0.2);
    /* 100 took 1 s: 1 s into the next table, 100 more. */
    expect_guess(100, 1, 300, 1, 500, -1, 0.4);
    expect_guess(100, 1, 300, 0.5, 500, -1, 0.3);
    /* At most 90% of the way through the table (270 of 300). */
    expect_guess(100, 1, 300, 5, 500, -1, 0.74);
    expect_guess(100, 1, 300, 1e9, 500, -1, 0.74);
    /* Half the first table written out: half its weight, with no pace. */
    expect_guess(0, 0, 300, 5, 500, 0.5, 0.3);
    /* The further of the two: the pace's 100 over 60 written, then 150
     * written over it; and never past 90% of the table. */
    expect_guess(100, 1, 300, 1, 500, 0.2, 0.4);
    expect_guess(100, 1, 300, 1, 500, 0.5, 0.5);
    expect_guess(0, 0, 300, 5, 500, 1.3, 0.54);
    /* Nothing to weigh: nothing to tell; all weighed: the end. */
    expect_guess(0, 0, 0, 0, 0, 0.5, 0.0);
    expect_guess(500, 1, 0, 1, 500, -1, 1.0);
}

/* Set dir/NAME.glass to n bytes. */
static void
write_table(const char *dir, const char *name, size_t n)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s.glass", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (size_t j = 0; j < n; j++)
        fputc('x', f);
    assert_int_equal(fclose(f), 0);
}

static void
remove_table(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s.glass", dir, name);
    unlink(path);
}

/* An index of two tables: postlist 1,000 bytes (weight 1 a byte) and
 * position 2,000 (1.5): 1,000 of 4,000. */
static char *
make_index(void)
{
    char *dir = strdup("/tmp/jk-merge-progress-XXXXXX");
    assert_non_null(dir);
    assert_non_null(mkdtemp(dir));
    write_table(dir, "postlist", 1000);
    write_table(dir, "position", 2000);
    return dir;
}

static void
remove_index(char *dir)
{
    remove_table(dir, "postlist");
    remove_table(dir, "position");
    rmdir(dir);
    free(dir);
}

/* Each merge test's index of two tables and the record of what it was
 * told (cmocka's setup and teardown). */
typedef struct merge_case {
    char *dir;
    told t;
} merge_case;

static int
setup_case(void **state)
{
    merge_case *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->dir = make_index();
    pthread_mutex_init(&c->t.lock, NULL);
    *state = c;
    return 0;
}

static int
teardown_case(void **state)
{
    merge_case *c = *state;
    pthread_mutex_destroy(&c->t.lock);
    remove_index(c->dir);
    free(c);
    return 0;
}

static void
test_ticks_between_tables(void **state)
{
    merge_case *c = *state;
    told *t = &c->t;
    jk_merge_progress *m =
        jk_merge_progress_start(record, t, c->dir, NULL, 0, NULL, 5);
    assert_non_null(m);
    assert_int_equal(count(t), 1);
    assert_true(t->share[0] == 0.0);

    /* The first table: no pace yet, so nothing moves until its end. */
    jk_merge_progress_table(m, "postlist", 0);
    sleep_ms(40);
    assert_int_equal(count(t), 1);
    jk_merge_progress_table(m, "postlist", 1);
    assert_int_equal(count(t), 2);
    assert_true(t->share[1] == 0.25);
    /* Between two tables: nothing to guess. */
    sleep_ms(30);
    assert_int_equal(count(t), 2);

    /* The second: at the first one's pace, ticks every 5 ms. */
    jk_merge_progress_table(m, "position", 0);
    for (int i = 0; i < 400 && count(t) < 5; i++)
        sleep_ms(5);
    assert_true(count(t) >= 5);
    jk_merge_progress_table(m, "position", 1);
    jk_merge_progress_stop(m);
    size_t n = t->n;
    assert_true(t->share[n - 1] == 1.0);
    for (size_t i = 2; i < n - 1; i++) {
        /* Up, and short of 90% of the table: (1000 + 2700) / 4000. */
        assert_true(t->share[i] > t->share[i - 1]);
        assert_true(t->share[i] <= 0.925 + 1e-9);
    }
}

/* The share told last, waiting up to 2 s for one that is not `old`. */
static double
next_share(told *t, double old)
{
    for (int i = 0; i < 400; i++) {
        pthread_mutex_lock(&t->lock);
        double s = t->share[t->n - 1];
        pthread_mutex_unlock(&t->lock);
        if (s != old)
            return s;
        sleep_ms(5);
    }
    return old;
}

/* The first table, with no pace to go by, moves by what the merge has
 * written of it: 500 of its 1,000 source bytes is 500 of the 4,000
 * weighed; all of them only 90% of it, until Xapian tells its end. */
static void
test_first_table_by_bytes(void **state)
{
    merge_case *c = *state;
    told *t = &c->t;
    char out[] = "/tmp/jk-merge-out-XXXXXX";
    assert_non_null(mkdtemp(out));
    jk_merge_progress *m =
        jk_merge_progress_start(record, t, c->dir, NULL, 0, out, 5);
    assert_non_null(m);
    jk_merge_progress_table(m, "postlist", 0);
    sleep_ms(30); /* nothing written yet: nothing moves */
    assert_int_equal(count(t), 1);
    write_table(out, "postlist", 500);
    assert_true(next_share(t, 0.0) == 0.125);
    write_table(out, "postlist", 1000);
    assert_true(next_share(t, 0.125) == 0.225);
    jk_merge_progress_table(m, "postlist", 1);
    jk_merge_progress_stop(m);
    assert_int_equal(t->n, 4);
    assert_true(t->share[3] == 0.25);

    remove_table(out, "postlist");
    rmdir(out);
}

/* Stopped in the middle of a table: no call after the stop. */
static void
test_stop_mid_table(void **state)
{
    merge_case *c = *state;
    told *t = &c->t;
    jk_merge_progress *m =
        jk_merge_progress_start(record, t, c->dir, NULL, 0, NULL, 1);
    assert_non_null(m);
    jk_merge_progress_table(m, "postlist", 0);
    sleep_ms(10);
    jk_merge_progress_table(m, "postlist", 1);
    jk_merge_progress_table(m, "position", 0);
    sleep_ms(10);
    jk_merge_progress_stop(m);
    size_t n = count(t);
    sleep_ms(20);
    assert_int_equal(count(t), n);
}

/* A table Xapian names that is not weighed, and tables that do not
 * exist (spelling, synonym): told at their ends, never past 1. */
static void
test_unknown_and_missing_tables(void **state)
{
    merge_case *c = *state;
    told *t = &c->t;
    jk_merge_progress *m =
        jk_merge_progress_start(record, t, c->dir, NULL, 0, NULL, 0);
    assert_non_null(m);
    const char *tables[] = {"postlist", "mystery", "position", "spelling"};
    for (size_t i = 0; i < 4; i++) {
        jk_merge_progress_table(m, tables[i], 0);
        jk_merge_progress_table(m, tables[i], 1);
    }
    jk_merge_progress_stop(m);
    assert_int_equal(t->n, 5);
    const double want[] = {0.0, 0.25, 0.25, 1.0, 1.0};
    for (size_t i = 0; i < 5; i++)
        assert_true(t->share[i] == want[i]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guess),
        cmocka_unit_test_setup_teardown(test_ticks_between_tables, setup_case,
                                        teardown_case),
        cmocka_unit_test_setup_teardown(test_first_table_by_bytes,
                                        setup_case, teardown_case),
        cmocka_unit_test_setup_teardown(test_stop_mid_table, setup_case,
                                        teardown_case),
        cmocka_unit_test_setup_teardown(test_unknown_and_missing_tables,
                                        setup_case, teardown_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
