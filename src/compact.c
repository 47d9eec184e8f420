/* compact.c - swap an index grown by many batches for a compacted copy.
 *
 * Each batch commit merges postings into the B-trees, which leaves their
 * blocks about half full; Xapian's compact() rewrites them full, halving
 * the index.  The copy is written beside the index ("<dir>.compacting")
 * while the writer lock is held, then swapped in with one atomic
 * renameat2(RENAME_EXCHANGE): a reader sees either the old files or the
 * new ones, and a kill at any moment leaves a working index (a leftover
 * copy is removed by the next compaction).  The shards of a first build
 * (index.c, next_shard) are merged into the same copy, and so is the new
 * index of a rebuild ("<dir>.rebuild", db.c, open_for_rebuild), which
 * replaces the old one only here.  Only a directory holding nothing but
 * index files is ever swapped.
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "db.h"
#include "merge_progress.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Only the files a Xapian glass database and jikji put in an index
 * directory are ever deleted here. */
static int
is_index_file(const char *name)
{
    static const char *const exact[] = {"iamglass", "flintlock",
                                        "jikji.writer"};
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
        if (strcmp(name, exact[i]) == 0)
            return 1;
    size_t n = strlen(name);
    return (n > 6 && strcmp(name + n - 6, ".glass") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".tmp") == 0) ||
           strncmp(name, "changes", 7) == 0;
}

int
jk_db_foreign_entry(const char *dir, char *name, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            !is_index_file(e->d_name)) {
            snprintf(name, size, "%s", e->d_name);
            found = 1;
        }
    closedir(d);
    return found;
}

int
jk_db_remove_index_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    int fd = dirfd(d), rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (!is_index_file(e->d_name)) {
            errno = ENOTEMPTY;
            rc = -1;
            continue;
        }
        if (unlinkat(fd, e->d_name, 0) < 0 && errno != ENOENT)
            rc = -1;
    }
    closedir(d);
    if (rc == 0 && rmdir(dir) < 0 && errno != ENOENT)
        rc = -1;
    return rc;
}

/* The index directory must be a plain directory holding only index files:
 * a swap moves the whole directory, and would replace a symlink or carry
 * files put there since the index was created away with the old index. */
static jikji_status_t
check_swappable(jikji_db_t *db, const char *what)
{
    struct stat st;
    if (lstat(db->dir, &st) < 0 || !S_ISDIR(st.st_mode))
        return jk_db_fail(db, JIKJI_EIO, "%s is not a plain directory: %s",
                          db->dir, what);
    char other[256];
    if (jk_db_foreign_entry(db->dir, other, sizeof other) != 0)
        return jk_db_fail(db, JIKJI_EIO,
                          "%s holds '%s', which is not part of the index: "
                          "%s (move it out)", db->dir, other, what);
    return JIKJI_OK;
}

/* Exchange directory from (a complete, committed index) with the index
 * directory in one renameat2(RENAME_EXCHANGE), *swapped set once done: a
 * reader sees either the old files or the new ones.  The old files, now
 * at from, are still locked by db->x (by db->lock_x in a rebuild): the
 * new ones are opened before the lock is let go, then the old ones are
 * removed.  On failure the handle's message says why; db->x is NULL if
 * the new index could not be opened (every later call fails), and then
 * from and a rebuild's folder are left as they are. */
static jikji_status_t
swap_in(jikji_db_t *db, const char *from, int *swapped)
{
    *swapped = 0;
    /* A rebuild swapped in as it is: db->x has the new files open, and
     * locked, under their old name; let go of them first (committed) so
     * that they can be opened where they go.  The old index stays locked
     * by db->lock_x until then. */
    if (db->rebuild_dir && strcmp(from, db->rebuild_dir) == 0) {
        jikji_status_t cs = jk_xdb_close(db->x);
        db->x = NULL;
        if (cs != JIKJI_OK)
            return jk_db_fail(db, cs, "cannot close the rebuilt index");
    }
    /* From the exchange until the new files are locked, under the guard
     * (db.h): no other writer can take their lock in between. */
    int guard = jk_db_swap_guard(db->dir, 2000); /* -2: swapped unguarded */
    if (renameat2(AT_FDCWD, from, AT_FDCWD, db->dir, RENAME_EXCHANGE) < 0) {
        jk_db_swap_unguard(guard);
        return jk_db_fail(db, JIKJI_EIO, "cannot swap in the new index: %s",
                          strerror(errno));
    }
    *swapped = 1;
    jk_xdb *fresh = NULL;
    char *msg = NULL;
    jikji_status_t rc = jk_xdb_open(db->dir, JK_XDB_WRITE, &fresh, &msg);
    jk_db_swap_unguard(guard);
    jk_xdb_close(db->x); /* nothing pending: no write to the old files */
    db->x = fresh;
    jk_xdb_close(db->lock_x);
    db->lock_x = NULL;
    if (rc != JIKJI_OK) {
        rc = jk_db_fail(db, rc, "new index swapped in, but not reopened: %s",
                        msg ? msg : "unknown error");
        /* Another writer may hold the index now and write its own copy
         * or rebuild where ours were: leave them to the next run. */
        free(msg);
        free(db->rebuild_dir);
        db->rebuild_dir = NULL;
        return rc;
    }
    jk_db_record_writer(db->dir);
    free(msg);
    jk_db_remove_index_dir(from); /* a leftover is removed next time */
    if (db->rebuild_dir) { /* swapped in, or merged into from */
        if (strcmp(db->rebuild_dir, from) != 0)
            jk_db_remove_index_dir(db->rebuild_dir);
        free(db->rebuild_dir);
        db->rebuild_dir = NULL;
    }
    return rc;
}

jikji_status_t
jk_db_swap_rebuild(jikji_db_t *db)
{
    if (!db || !db->x || !db->rebuild_dir)
        return JIKJI_EINVAL;
    jikji_status_t rc = check_swappable(db, "the rebuilt index is not in place");
    if (rc != JIKJI_OK)
        return rc;
    rc = jk_xdb_commit(db->x);
    if (rc != JIKJI_OK)
        return jk_db_xfail(db, rc);
    int swapped;
    return swap_in(db, db->rebuild_dir, &swapped);
}

/* How often the share moves between two tables' ends. */
#define MERGE_TICK_MS 250

jikji_status_t
jk_db_compact(jikji_db_t *db, jk_merge_fn fn, void *ud)
{
    return jk_db_compact_shards(db, NULL, 0, fn, ud);
}

jikji_status_t
jk_db_compact_shards(jikji_db_t *db, const char *const *shards,
                     size_t nshards, jk_merge_fn fn, void *ud)
{
    if (!db || !db->x || db->mode == JIKJI_DB_READ)
        return JIKJI_EINVAL;
    jikji_status_t rc = check_swappable(db, "not compacted");
    if (rc != JIKJI_OK)
        return rc;

    char *tmp = jk_db_sibling(db->dir, JK_DB_COMPACTING_SUFFIX);
    if (!tmp)
        return JIKJI_ENOMEM;

    if (jk_db_remove_index_dir(tmp) < 0) {
        rc = jk_db_fail(db, JIKJI_EIO, "cannot remove %s: %s", tmp,
                        strerror(errno));
        goto out;
    }
    jk_merge_progress *mp =
        fn ? jk_merge_progress_start(
                 fn, ud, db->rebuild_dir ? db->rebuild_dir : db->dir, shards,
                 nshards, tmp, MERGE_TICK_MS)
           : NULL;
    rc = jk_xdb_compact(db->x, tmp, shards, nshards,
                        mp ? jk_merge_progress_table : NULL, mp);
    jk_merge_progress_stop(mp);
    if (rc != JIKJI_OK) {
        rc = jk_db_xfail(db, JIKJI_EIO);
        jk_db_remove_index_dir(tmp);
        goto out;
    }
    int swapped;
    rc = swap_in(db, tmp, &swapped);
    /* Swapped: the shards are in the new index.  Not swapped: the run
     * fails and indexes their notes again next time. */
    for (size_t i = 0; i < nshards; i++)
        jk_db_remove_index_dir(shards[i]);
    if (!swapped) /* the copy; once swapped, see swap_in() */
        jk_db_remove_index_dir(tmp);
out:
    free(tmp);
    return rc;
}
