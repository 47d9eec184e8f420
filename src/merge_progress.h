/* merge_progress.h - how far a compaction is, for the progress bar.
 *
 * Xapian merges an index's tables one after another and tells only where
 * each starts and ends (jk_xtable_fn).  The tables' sizes, each weighed
 * by what a byte of it costs to merge, make the share done at each end.
 * Between two ends the share moves on, so that the bar and its time left
 * do not stand still while a big table (positions: two thirds of the
 * merge at 8 copies of the bench vault) is written: by how much of the
 * table Xapian has written out, and by the pace of the tables already
 * merged, whichever is further.
 */
#ifndef JIKJI_MERGE_PROGRESS_H
#define JIKJI_MERGE_PROGRESS_H

#include <stddef.h>

#include "db.h"

typedef struct jk_merge_progress jk_merge_progress;

/* Follow a merge of the index directory dir and the shards[0..nshards)
 * (their tables' sizes are read now) into out_dir (where Xapian writes
 * the merged tables, as NAME.glass; NULL: not looked at): tells fn(ud,
 * 0.0) at once, then a share after each table, and every tick_ms
 * milliseconds between two tables (from a thread of its own, once part of
 * the table is in out_dir or a table's pace is known) one that never goes
 * down, never reaches the next table's share, and is only told when it
 * moved.  fn is never called twice at once.  Nothing is kept of the
 * strings passed.  Returns NULL on out of memory (then nothing is told);
 * with no thread, only the tables' ends are told.  Stop it with
 * jk_merge_progress_stop(). */
jk_merge_progress *jk_merge_progress_start(jk_merge_fn fn, void *ud,
                                           const char *dir,
                                           const char *const *shards,
                                           size_t nshards,
                                           const char *out_dir,
                                           unsigned tick_ms);

/* A jk_xtable_fn for jk_xdb_compact() (ud: the jk_merge_progress): table
 * starts (done 0) or is written (done 1). */
void jk_merge_progress_table(void *ud, const char *table, int done);

/* Stop the ticks and free m; NULL is a no-op.  fn is not called after it
 * returns. */
void jk_merge_progress_stop(jk_merge_progress *m);

/* The share of a merge at `secs` into a table of weight `table`, when
 * `done` of `total` (weighed bytes) took `spent` seconds and `written` of
 * the table's bytes are in its output (a fraction; negative: not known):
 * the further of that fraction of the table and of the pace so far
 * carried on, at most 90% of the way through the table.  With neither (no
 * pace yet: done or spent 0; nothing written), done / total.  Pure: for
 * tests. */
double jk_merge_progress_guess(double done, double spent, double table,
                               double secs, double total, double written);

#endif /* JIKJI_MERGE_PROGRESS_H */
