/* watch-tree.h - inotify over the folders of the vaults, for `jikji watch`:
 * which folders are watched (every folder of a vault but those `jikji
 * index` skips, new ones as they appear, all again after the event queue
 * overflowed; a vault's parent while the vault is gone; the folder of a
 * symlinked note's target outside the vaults, or its nearest ancestor
 * while it is gone; the file of a hard-linked note), and whether a
 * batch of events is a change to the notes (not an editor's hidden temp
 * file, not the index's own files when it lives inside a vault, not
 * another note beside a symlinked note's target).
 *
 * One wt_tree per process, used from one thread; warnings go to stderr
 * (cli_warnf) unless quiet. */
#ifndef JIKJI_WATCH_TREE_H
#define JIKJI_WATCH_TREE_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* A vault watched: its folder (a file vault: the file's folder). */
typedef struct wt_root {
    const char *path;       /* as given or as the index has it (borrowed) */
    char *dir;              /* the folder watched, symlinks resolved */
    int wd;                 /* its watch, -1 while it does not exist */
    int parent_wd;          /* while it does not exist: its parent's watch,
                               to see it come back */
    int gone_said;          /* "no longer exists" was said (by the caller) */
    int unreadable_said;    /* "cannot be read" was said (by the caller) */
    int forgotten;          /* left the index's vault list ('jikji index
                               --forget' elsewhere): no longer updated */
    int file_vault;         /* a single note: only its folder is watched */
    int no_room;            /* its folder is there but not watched:
                               inotify's limit was reached */
} wt_root;

/* wt_tree.outside of a watch on a note's file, not a folder. */
#define WT_FILE 2

typedef struct wt_tree {
    int fd;                 /* inotify */
    int quiet;
    char **dirs;            /* watched folder of each watch descriptor */
    unsigned char *outside; /* of each: 1 for a folder outside the vaults
                               that holds a symlinked note's target, or
                               one on the way to it while that is gone
                               (watched for its notes only, not its
                               folders); WT_FILE for a hard-linked note's
                               own file */
    size_t ndirs;
    char **targets;         /* the symlinked notes' targets in those
                               folders (paths, links resolved), sorted:
                               only their changes there are changes to
                               the notes */
    size_t ntargets, targets_cap;
    wt_root *roots;
    size_t nroots;
    int rescan;             /* events were lost: watch every folder again */
    unsigned limit_hits;    /* folders not watched: inotify's limit */
    unsigned limit_said;    /* of them, already reported */
    /* The index, when inside a vault: its folder is not watched, and
     * changes to it and beside it (idx.rebuild, idx.shard-1) are not
     * changes to notes. */
    dev_t db_dev;
    ino_t db_ino;
    dev_t dbp_dev;          /* its parent folder */
    ino_t dbp_ino;
    int dbp_wd;             /* the parent's watch, -1 if not watched */
    char *db_base;          /* its name in the parent */
    int have_db;
    /* The index's own folder, watched to learn of other processes'
     * commits (a vault indexed since watch started); -1 when not. */
    int index_wd;
    int index_changed;      /* it was written since last cleared */
} wt_tree;

/* Start an inotify instance (non-blocking: poll w->fd).  0, or -1 with
 * errno set; w is then still safe to wt_close(). */
int wt_open(wt_tree *w, int quiet);

/* Add a vault (path is borrowed and must outlive w); not yet watched.
 * 0, or -1 when out of memory. */
int wt_add_root(wt_tree *w, const char *path);

/* How many vaults the roots are: a root inside another's folder, or
 * given twice, is part of that vault (as `jikji index` takes it). */
size_t wt_vault_count(const wt_tree *w);

/* Watch root r and its folders, or while it does not exist, its parent
 * folder for it to come back.  Folders past inotify's limit are counted
 * for wt_limit_warning(); other failures are warned about. */
void wt_watch_root(wt_tree *w, wt_root *r);

/* Warn once about the folders left unwatched by inotify's limit since the
 * last warning, with the sysctl that raises it. */
void wt_limit_warning(wt_tree *w);

/* The sysctl fs.inotify.<name> (max_user_watches, max_user_instances)
 * as text into max ("?" if unknown). */
void wt_inotify_limit(const char *name, char max[32]);

/* Keep the index at dir (it may be inside a vault) out of the changes; a
 * watch already on its folder is removed.  Call again once the index
 * exists if it did not. */
void wt_locate_db(wt_tree *w, const char *dir);

/* Watch the index's folder dir for writes (w->index_changed, not a
 * change to the notes); again after it was replaced (a compaction, a
 * rebuild: w->index_wd is then -1). */
void wt_watch_index(wt_tree *w, const char *dir);

/* Read every pending event: 1 when any is a change to the notes, else 0.
 * New folders are watched, a vault that came back too. */
int wt_drain(wt_tree *w);

/* Stop watching and free everything (not the roots' paths). */
void wt_close(wt_tree *w);

#endif /* JIKJI_WATCH_TREE_H */
