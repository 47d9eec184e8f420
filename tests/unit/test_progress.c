/* test_progress.c - the progress bar line of `jikji index`
 * (tools/progress.c): its fill and time left follow the mean of the
 * shares of notes and of bytes done, so a vault whose first notes are its
 * longest is not given minutes to go, nor one whose first notes are its
 * shortest; the time left shows only while it means something. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "progress.h"

static void
expect_merge_line(const jikji_progress_t *p, double elapsed,
                  double merge_elapsed, const char *want)
{
    char line[200];
    memset(line, 'x', sizeof line);
    cli_progress_format(line, sizeof line, p, elapsed, merge_elapsed);
    assert_string_equal(line, want);
}

static void
expect_line(const jikji_progress_t *p, double elapsed, const char *want)
{
    expect_merge_line(p, elapsed, 0.0, want);
}

/* Half the notes and half the bytes in 10 s: half the bar, 10 s to go. */
static void
test_half_way(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 500, .notes_total = 1000,
                          .bytes_done = 5000000, .bytes_total = 10000000,
                          .bytes_read = 5000000};
    expect_line(&p, 10.0,
                "[###############               ] 500/1000 notes  "
                "0.5 MB/s  ETA 0:10");
}

/* A tenth of the notes but nine tenths of the bytes (the long notes came
 * first): half the work is done and 9 s are left, where the notes' pace
 * alone would say 81 s and the bytes' 1 s. */
static void
test_long_notes_first(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 100, .notes_total = 1000,
                          .bytes_done = 18000000, .bytes_total = 20000000,
                          .bytes_read = 18000000};
    expect_line(&p, 9.0,
                "[###############               ] 100/1000 notes  "
                "2.0 MB/s  ETA 0:09");
}

/* An update that finds most notes unchanged reads little: MB/s counts
 * what was read, the bar and the time left what was looked at. */
static void
test_unchanged_notes_count_as_done(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 750, .notes_total = 1000,
                          .bytes_done = 7500000, .bytes_total = 10000000,
                          .bytes_read = 200000};
    expect_line(&p, 3.0,
                "[######################        ] 750/1000 notes  "
                "0.1 MB/s  ETA 0:01");
}

/* No time left in the first half second (too little to go on), nor once
 * every note is done (the compaction may still run). */
static void
test_no_eta_too_early_or_at_the_end(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 10, .notes_total = 1000,
                          .bytes_done = 100000, .bytes_total = 10000000,
                          .bytes_read = 100000};
    expect_line(&p, 0.4,
                "[                              ] 10/1000 notes  0.2 MB/s");
    jikji_progress_t end = {.notes_done = 1000, .notes_total = 1000,
                            .bytes_done = 10000000, .bytes_total = 10000000,
                            .bytes_read = 10000000};
    expect_line(&end, 20.0,
                "[##############################] 1000/1000 notes  "
                "0.5 MB/s");
}

/* After the last note, the merge that may take seconds is named. */
static void
test_merging(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 1000, .notes_total = 1000,
                          .bytes_done = 10000000, .bytes_total = 10000000,
                          .bytes_read = 10000000, .merging = 1};
    expect_line(&p, 20.0,
                "[##############################] 1000/1000 notes  "
                "0.5 MB/s  merging the index");
}

/* Into the merge: how far it is, and its own time left, from the time
 * spent merging (not the run's): a quarter done in 1 s, 3 s to go.  The
 * share is not yet known at the start, and at the end nothing is left. */
static void
test_merge_time_left(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 1000, .notes_total = 1000,
                          .bytes_done = 10000000, .bytes_total = 10000000,
                          .bytes_read = 10000000, .merging = 1,
                          .merge_share = 0.25};
    expect_merge_line(&p, 21.0, 1.0,
                      "[##############################] 1000/1000 notes  "
                      "0.5 MB/s  merging the index  25%  ETA 0:03");
    p.merge_share = 0.999;
    expect_merge_line(&p, 24.0, 4.0,
                      "[##############################] 1000/1000 notes  "
                      "0.4 MB/s  merging the index  99%  ETA 0:00");
    p.merge_share = 0.0;
    expect_merge_line(&p, 20.5, 0.5,
                      "[##############################] 1000/1000 notes  "
                      "0.5 MB/s  merging the index");
    p.merge_share = 1.0;
    expect_merge_line(&p, 25.0, 5.0,
                      "[##############################] 1000/1000 notes  "
                      "0.4 MB/s  merging the index");
}

/* Hours as h:mm:ss, capped at 99:59:59. */
static void
test_hours(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 1, .notes_total = 4,
                          .bytes_done = 25, .bytes_total = 100,
                          .bytes_read = 25};
    expect_line(&p, 3600.0,
                "[#######                       ] 1/4 notes  0.0 MB/s  "
                "ETA 3:00:00");
    jikji_progress_t slow = {.notes_done = 1, .notes_total = 1000,
                             .bytes_done = 1, .bytes_total = 1000,
                             .bytes_read = 1};
    expect_line(&slow, 36000.0,
                "[                              ] 1/1000 notes  0.0 MB/s  "
                "ETA 99:59:59");
}

/* Notes without bytes (all empty): the notes give the share. */
static void
test_empty_notes(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 3, .notes_total = 6};
    expect_line(&p, 2.0,
                "[###############               ] 3/6 notes  0.0 MB/s  "
                "ETA 0:02");
    jikji_progress_t none = {0};
    expect_line(&none, 0.0,
                "[##############################] 0/0 notes  0.0 MB/s");
}

/* A small buffer gets the start of the line, terminated; none is left
 * alone. */
static void
test_small_buffer(void **state)
{
    (void)state;
    jikji_progress_t p = {.notes_done = 1, .notes_total = 2,
                          .bytes_done = 1, .bytes_total = 2};
    char b[8];
    memset(b, 'x', sizeof b);
    cli_progress_format(b, sizeof b, &p, 1.0, 0.0);
    assert_string_equal(b, "[######");
    char one = 'x';
    cli_progress_format(&one, 0, &p, 1.0, 0.0);
    assert_int_equal(one, 'x');
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_half_way),
        cmocka_unit_test(test_long_notes_first),
        cmocka_unit_test(test_unchanged_notes_count_as_done),
        cmocka_unit_test(test_no_eta_too_early_or_at_the_end),
        cmocka_unit_test(test_merging),
        cmocka_unit_test(test_merge_time_left),
        cmocka_unit_test(test_hours),
        cmocka_unit_test(test_empty_notes),
        cmocka_unit_test(test_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
