/* progress.h - the progress bar of `jikji index` on a terminal. */
#ifndef JIKJI_CLI_PROGRESS_H
#define JIKJI_CLI_PROGRESS_H

#include <stddef.h>

#include "jikji.h"

/* Cells of the bar. */
#define CLI_PROGRESS_CELLS 30

/* Write into buf (size bytes; always NUL-terminated, cut when too small)
 * the bar line for p, `elapsed` seconds into the run:
 *
 *   [#########                     ] 855/2812 notes  3.2 MB/s  ETA 0:11
 *
 * The bar fills with the share of the work done: the mean of the share of
 * notes done and the share of their bytes (the notes' alone when they
 * hold no bytes).  A note costs time of its own (reading it, its
 * sections' documents) and time for each byte; a vault's notes come in no
 * order of size, and by either share alone the time left was 2-7 times
 * off over much of a run of the bench vault (tools/bench-index), by the
 * mean within 1.4 times.  MB/s is the note text read a second.  The time
 * left is that share's pace carried to the end: shown from half a second
 * into the run until the last note, as m:ss, or h:mm:ss from an hour on
 * (at most 99:59:59).  While the index is merged after the last note
 * (p->merging), the line says so instead, with how far the merge is and,
 * `merge_elapsed` seconds into it, its own time left:
 *
 *   [##############################] 2812/2812 notes  4.9 MB/s  merging
 *   the index  36%  ETA 0:02                          (on one line)
 *
 * The merge's share is an estimate (jikji_progress_t): exact at each of
 * Xapian's tables' ends, and in between carried at the pace of the tables
 * before, so its time left moves on through the last table, positions,
 * two thirds of the merge's time at 8 copies of the bench vault. */
void cli_progress_format(char *buf, size_t size, const jikji_progress_t *p,
                         double elapsed, double merge_elapsed);

#endif /* JIKJI_CLI_PROGRESS_H */
