/* db.h - the jikji_db_t handle as the other modules see it. */
#ifndef JIKJI_DB_H
#define JIKJI_DB_H

#include <limits.h>

#include "jikji.h"
#include "buf.h"
#include "xapian_c.h"

/* A direct-mapped cache of English stems: the same words recur all
 * through a vault, and each Snowball call crosses into C++.  An indexing
 * handle keeps JK_STEM_SLOTS_WRITE entries (280 KB); a search stems a few
 * hundred words, and every page of a large cache that it touches is a
 * page fault (2 us each on the bench VM; 4096 entries cost a search of
 * `repository` 83 of its 498 faults), so a read-only handle keeps
 * JK_STEM_SLOTS_READ.  Both are powers of two. */
#define JK_STEM_SLOTS_WRITE 4096
#define JK_STEM_SLOTS_READ 128
#define JK_STEM_WORD 32
typedef struct jk_stem_slot {
    unsigned char wl, sl;          /* 0 wl: empty */
    char word[JK_STEM_WORD];
    char stem[JK_STEM_WORD + 2];   /* "Z" + stem */
} jk_stem_slot;

struct jikji_db {
    jk_xdb *x;
    jikji_db_mode_t mode;
    char *dir;
    jk_xstem *stem;     /* English stemmer shared by index and query */
    jk_buf err;         /* jikji_db_errmsg() */
    struct jk_synonyms *syn; /* query expansion; NULL when none loaded */
    jk_buf syn_files;        /* the files loaded into syn after the
                                first (a user's), one per line */
    int no_expand;           /* jikji_db_set_expansion(db, 0) */
    jk_stem_slot *stems;     /* nstems entries, or NULL */
    size_t nstems;
    /* JIKJI_DB_REBUILD (open_for_rebuild()): the new index is written at
     * rebuild_dir ("<dir>.rebuild") and swapped in by the compaction at
     * the end of the run; until then lock_x holds the old index open for
     * its writer lock.  Both NULL otherwise, and once swapped. */
    jk_xdb *lock_x;
    char *rebuild_dir;
    int fresh;          /* a READ handle not yet used since it was opened */
};

/* arg made absolute without resolving symlinks (a vault as listed before
 * it was moved and linked back, a synonyms file reached through a link),
 * trailing slashes cut, into out.  0, or -1 (errno set). */
int jk_absolute_path(const char *arg, char out[PATH_MAX]);

/* arg made absolute as it would be if it existed: the symlinks of its
 * longest existing ancestor resolved (realpath), the rest added with "."
 * and empty components dropped and ".." taking the one before it (a
 * vault or note that no longer exists, named as `./dv`, `x/../dv` or
 * through a symlinked folder).  0, or -1 (errno set). */
int jk_existing_path(const char *arg, char out[PATH_MAX]);

/* arg made absolute with the folders above its last component resolved
 * (jk_existing_path()) and that component kept as named (a symlink's own
 * path), into out.  0, or -1 (errno set). */
int jk_link_path(const char *arg, char out[PATH_MAX]);

/* arg made absolute as a walk names what is there, into out: a symlink to
 * anything but a folder (a note reached through a link, which the walk
 * reads under the link's own name; a dangling link) keeps its name, with
 * the folders above it resolved (jk_link_path()); anything else is
 * resolved whole (realpath), else as jk_existing_path().  0, or -1 (errno
 * set). */
int jk_named_path(const char *arg, char out[PATH_MAX]);

/* Set the handle's error message (printf-style) and return status. */
jikji_status_t jk_db_fail(jikji_db_t *db, jikji_status_t status,
                          const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* At the start of each public call that reads the index: a READ handle
 * moves to the index's last commit (across a compaction's swap too), so a
 * long-lived reader sees new notes and never the files a compaction
 * discarded; the first call after the open needs nothing.  JIKJI_OK, or
 * the binding's error (the index is gone, ...) with its message. */
jikji_status_t jk_db_refresh(jikji_db_t *db);

/* A JIKJI_DB_REBUILD handle's vault list of the index it replaces, to fn
 * (nothing for another handle).  JIKJI_OK, or the binding's error. */
jikji_status_t jk_db_replaced_vaults(jikji_db_t *db, jikji_name_fn fn,
                                     void *ud);

/* Copy the binding's last message into the handle and return status. */
jikji_status_t jk_db_xfail(jikji_db_t *db, jikji_status_t status);

/* The docids of the sections of the note whose file id (jk_file_id()) is
 * file_id, in section order: a note's sections are added in order and
 * replaced in place, so their docids ascend with the section number (no
 * per-section id term is needed).  *docids malloc'd (free()), NULL with
 * *n = 0 when the note has none.  A backend error is recorded as by
 * jk_db_xfail(). */
jikji_status_t jk_db_file_sections(jikji_db_t *db, const char *file_id,
                                   unsigned **docids, size_t *n);

/* Stem an exact term into out as "Z<stem>"; returns its length, or 0 when
 * the term should have no stem (no letters, or a stemmer error). */
size_t jk_db_stem_term(jikji_db_t *db, const char *term, size_t len,
                       char *out, size_t outsz);

/* Set up *w as a second handle on db's index for an indexing thread:
 * its own Xapian handle x (borrowed: not closed by jk_db_writer_fini),
 * stemmer, stem cache and message; the directory name is borrowed from
 * db, which must outlive it.  Not for jikji_db_close().  Returns 0, or -1
 * on out of memory (then nothing needs freeing). */
int jk_db_writer_init(jikji_db_t *w, const jikji_db_t *db, jk_xdb *x);
/* Free what jk_db_writer_init() allocated (not w->x, not w->dir). */
void jk_db_writer_fini(jikji_db_t *w);

/* Write this process's id into the index directory, beside Xapian's
 * lock, so a second writer can name the holder.  Best effort. */
void jk_db_record_writer(const char *dir);

/* Told how far a compaction is: share, from 0 (told as it starts) to 1
 * (as its last table is written), estimated from the sizes of the tables
 * merged so far and, between two tables, from how much of the table is
 * written out and from the pace of those before it; those calls
 * come from a thread of the merge's own, never two at once
 * (merge_progress.h). */
typedef void (*jk_merge_fn)(void *ud, double share);

/* Replace the index with a compacted copy of its committed state (half
 * the size of an index grown by batches; compact.c).  The handle must be
 * writable; on success it points at the new files.  On failure the index
 * is left as it was and the handle's message says why; if the handle
 * could not be reopened after the swap (another writer took the lock in
 * between) its Xapian handle is gone and every later call fails.  fn (may
 * be NULL) is told how far the compaction is, with ud. */
jikji_status_t jk_db_compact(jikji_db_t *db, jk_merge_fn fn, void *ud);

/* The same, merging the shard databases at shards[] (written by the same
 * run, committed and closed) into the compacted copy; on success the shard
 * directories are removed.  With nshards == 0 it is jk_db_compact(). */
jikji_status_t jk_db_compact_shards(jikji_db_t *db, const char *const *shards,
                                    size_t nshards, jk_merge_fn fn, void *ud);

/* A rebuild (JIKJI_DB_REBUILD) that cannot be compacted: commit the new
 * index and swap it in as it is.  On failure the old index stays and the
 * handle's message says why. */
jikji_status_t jk_db_swap_rebuild(jikji_db_t *db);

/* The folders a run writes beside the index dir (never inside it, where a
 * reader would see them): a rebuild's new index and a compaction's copy.
 * A killed run's are removed by the next run (index.c). */
#define JK_DB_REBUILD_SUFFIX ".rebuild"
#define JK_DB_COMPACTING_SUFFIX ".compacting"

/* dir followed by suffix (one of the above), in memory the caller frees;
 * NULL when out of memory. */
char *jk_db_sibling(const char *dir, const char *suffix);

/* Xapian's writer lock lives in the index's folder, and a swap (compact.c)
 * exchanges that folder for another whose files nobody has locked until
 * the writer that swapped opens them: a second writer taking the lock in
 * between (it empties the index: QA) is kept out by a second lock, a
 * flock() on the index's parent folder, which a writer holds while it
 * takes Xapian's lock (jikji_db_open()) and a swap holds from the
 * exchange to the reopening: moments each.  Waits up to wait_ms for it.
 * Returns the descriptor to give jk_db_swap_unguard(); -1 when there is
 * no such lock (a parent that cannot be opened, a file system without
 * flock: the caller goes on without it, as before); -2 when someone still
 * holds it after wait_ms. */
int jk_db_swap_guard(const char *dir, int wait_ms);
void jk_db_swap_unguard(int fd);

/* Remove the directory dir if it holds only index files (Xapian's and
 * jikji's); 0 also when it does not exist, else -1 with errno (ENOTEMPTY:
 * something else is in it, which is left alone). */
int jk_db_remove_index_dir(const char *dir);

/* Does directory dir hold an entry that is not an index file (Xapian's or
 * jikji's)?  1 with its name copied to name (size bytes, truncated), 0
 * when it holds none or does not exist, -1 with errno when it cannot be
 * read.  An index is never created in, nor swapped away from, such a
 * directory: it is someone's folder, not ours. */
int jk_db_foreign_entry(const char *dir, char *name, size_t size);

#endif /* JIKJI_DB_H */
