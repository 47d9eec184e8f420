/* compact.c - swap an index grown by many batches for a compacted copy.
 *
 * Each batch commit merges postings into the B-trees, which leaves their
 * blocks about half full; Xapian's compact() rewrites them full, halving
 * the index.  The copy is written beside the index ("<dir>.compacting")
 * while the writer lock is held, then swapped in with one atomic
 * renameat2(RENAME_EXCHANGE): a reader sees either the old files or the
 * new ones, and a kill at any moment leaves a working index (a leftover
 * copy is removed by the next compaction).  The shards of a first build
 * (index.c, next_shard) are merged into the same copy.
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "db.h"

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

jikji_status_t
jk_db_compact(jikji_db_t *db)
{
    return jk_db_compact_shards(db, NULL, 0);
}

jikji_status_t
jk_db_compact_shards(jikji_db_t *db, const char *const *shards,
                     size_t nshards)
{
    if (!db || !db->x || db->mode == JIKJI_DB_READ)
        return JIKJI_EINVAL;
    struct stat st;
    if (lstat(db->dir, &st) < 0 || !S_ISDIR(st.st_mode))
        /* A symlinked index directory: swapping would replace the link. */
        return jk_db_fail(db, JIKJI_EIO, "%s is not a plain directory",
                          db->dir);

    size_t n = strlen(db->dir);
    char *tmp = malloc(n + sizeof ".compacting");
    if (!tmp)
        return JIKJI_ENOMEM;
    memcpy(tmp, db->dir, n);
    memcpy(tmp + n, ".compacting", sizeof ".compacting");

    jikji_status_t rc = JIKJI_OK;
    if (jk_db_remove_index_dir(tmp) < 0) {
        rc = jk_db_fail(db, JIKJI_EIO, "cannot remove %s: %s", tmp,
                        strerror(errno));
        goto out;
    }
    rc = jk_xdb_compact(db->x, tmp, shards, nshards);
    if (rc != JIKJI_OK) {
        rc = jk_db_xfail(db, JIKJI_EIO);
        jk_db_remove_index_dir(tmp);
        goto out;
    }
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, db->dir, RENAME_EXCHANGE) < 0) {
        rc = jk_db_fail(db, JIKJI_EIO, "cannot swap in the compacted index: %s",
                        strerror(errno));
        jk_db_remove_index_dir(tmp);
        goto out;
    }
    /* The old files are now at tmp, still locked by db->x: open the new
     * ones before letting go of the lock, then remove the old ones. */
    jk_xdb *fresh = NULL;
    char *msg = NULL;
    rc = jk_xdb_open(db->dir, JK_XDB_WRITE, &fresh, &msg);
    jk_xdb_close(db->x); /* nothing pending: no write to the old files */
    db->x = fresh;
    if (rc != JIKJI_OK)
        rc = jk_db_fail(db, rc, "index compacted, but not reopened: %s",
                        msg ? msg : "unknown error");
    else
        jk_db_record_writer(db->dir);
    free(msg);
    jk_db_remove_index_dir(tmp); /* a leftover is removed next time */
    for (size_t i = 0; i < nshards; i++)
        jk_db_remove_index_dir(shards[i]);
out:
    free(tmp);
    return rc;
}
