/* watch-tree.c - inotify over the folders of the vaults, for `jikji
 * watch` (watch-tree.h). */
#include "watch-tree.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "cli.h"

/* Remember the path of watch descriptor wd, and whether it is a folder
 * outside the vaults (wt_tree.outside). */
static void
remember(wt_tree *w, int wd, const char *path, int outside)
{
    if (wd < 0)
        return;
    if ((size_t)wd >= w->ndirs) {
        size_t n = (size_t)wd + 64;
        char **d = realloc(w->dirs, n * sizeof *d);
        if (!d)
            return;
        w->dirs = d;
        unsigned char *o = realloc(w->outside, n);
        if (!o)
            return;
        w->outside = o;
        memset(d + w->ndirs, 0, (n - w->ndirs) * sizeof *d);
        memset(o + w->ndirs, 0, n - w->ndirs);
        w->ndirs = n;
    }
    free(w->dirs[wd]);
    w->dirs[wd] = strdup(path);
    w->outside[wd] = (unsigned char)outside;
}

/* Where path is in w->targets (kept sorted), or would go: *found says
 * which.  A vault can link thousands of notes: a list searched linearly
 * made watching it quadratic. */
static size_t
find_target(const wt_tree *w, const char *path, int *found)
{
    size_t lo = 0, hi = w->ntargets;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(w->targets[mid], path);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

/* Add path (a symlinked note's target, links resolved) to w->targets
 * unless it is there.  Out of memory, it is left out: its edits then go
 * unseen until the next rescan, as for a folder past inotify's limit. */
static void
remember_target(wt_tree *w, const char *path)
{
    int found;
    size_t at = find_target(w, path, &found);
    if (found)
        return;
    if (w->ntargets == w->targets_cap) {
        size_t cap = w->targets_cap ? 2 * w->targets_cap : 16;
        char **t = realloc(w->targets, cap * sizeof *t);
        if (!t)
            return;
        w->targets = t;
        w->targets_cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return;
    memmove(w->targets + at + 1, w->targets + at,
            (w->ntargets - at) * sizeof *w->targets);
    w->targets[at] = copy;
    w->ntargets++;
}

/* Is dir/name one of the symlinked notes' targets? */
static int
is_target(const wt_tree *w, const char *dir, const char *name)
{
    char path[PATH_MAX];
    int found;
    size_t dl = strlen(dir);
    int n = snprintf(path, sizeof path, "%s%s%s", dir,
                     dl && dir[dl - 1] == '/' ? "" : "/", name);
    if (n < 0 || (size_t)n >= sizeof path)
        return 0;
    find_target(w, path, &found);
    return found;
}

/* path with its longest existing leading folders resolved (realpath) and
 * the rest, which does not exist yet, as written, into real[PATH_MAX];
 * 0 when not even / resolves or it is too long. */
static int
resolve_existing(const char *path, char *real)
{
    char head[PATH_MAX];
    size_t len = strlen(path);
    if (len >= sizeof head)
        return 0;
    memcpy(head, path, len + 1);
    for (;;) {
        struct stat st;
        if (realpath(*head ? head : "/", real) && stat(real, &st) == 0 &&
            S_ISDIR(st.st_mode))
            break;
        char *slash = strrchr(head, '/');
        if (!slash)
            return 0;
        *slash = '\0';
    }
    size_t hl = strlen(head), rl = strlen(real);
    const char *rest = path + hl; /* "" or "/a/b" */
    if (rl == 1 && *rest == '/')
        rest++; /* "/" + "a/b" */
    return snprintf(real + rl, PATH_MAX - rl, "%s", rest) < (int)(PATH_MAX - rl);
}

/* Where a dangling link's target would be, its folders resolved as far as
 * they exist (a link made before its note's folder, as one git checkout
 * makes them: QA), into real[PATH_MAX]; 0 when there is no such place. */
static int
dangling_target(const char *link, char *real)
{
    char target[PATH_MAX], path[PATH_MAX];
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return 0;
    target[n] = '\0';
    const char *slash = strrchr(link, '/');
    int len = target[0] == '/' || !slash
                  ? snprintf(path, sizeof path, "%s", target)
                  : snprintf(path, sizeof path, "%.*s/%s",
                             (int)(slash - link), link, target);
    if (len < 0 || (size_t)len >= sizeof path)
        return 0;
    char *last = strrchr(path, '/');
    if (!last || !last[1])
        return 0;
    return resolve_existing(path, real);
}

/* Watch the folder of target (a symlinked note's target, links
 * resolved) for its notes when no watch has it (a folder outside the
 * vaults); while that folder does not exist, its nearest ancestor that
 * does, to see the folders on the way made again (a sync tool, `rm -rf t
 * && tar x`).  IN_MASK_ADD: a vault's folder keeps its own mask. */
static void
watch_target_folder(wt_tree *w, const char *target)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", target);
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash || (slash == dir && !dir[1]))
            return; /* not even / to watch */
        slash[slash == dir] = '\0'; /* "/x.md" -> "/" */
        int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
                                   IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                                   IN_ATTRIB | IN_MOVE_SELF | IN_ONLYDIR |
                                   IN_MASK_ADD);
        if (wd >= 0) {
            if ((size_t)wd >= w->ndirs || !w->dirs[wd])
                remember(w, wd, dir, 1);
            return;
        }
        if (errno == ENOSPC)
            w->limit_hits++;
        if (errno != ENOENT)
            return;
    }
}

/* A symlinked note at link: watch its target's folder, so that an edit
 * there is seen too. */
static void
watch_link_target(wt_tree *w, const char *link)
{
    char real[PATH_MAX];
    /* Dangling (a loop: the walk reports it): a link made before its
     * note, whose folder may already be there.  Watched, the note's first
     * save there starts the update that finds it. */
    if (!realpath(link, real) &&
        (errno != ENOENT || !dangling_target(link, real)))
        return;
    remember_target(w, real);
    watch_target_folder(w, real);
}

/* Watch the targets below dir again (dir was made again, or deleted: then
 * the nearest ancestor); 1 when one of them is there now. */
static int
rewatch_targets(wt_tree *w, const char *dir)
{
    char below[PATH_MAX];
    int found, any = 0;
    int n = snprintf(below, sizeof below, "%s/", dir);
    if (n < 0 || (size_t)n >= sizeof below)
        return 0;
    for (size_t i = find_target(w, below, &found); i < w->ntargets; i++) {
        const char *t = w->targets[i];
        if (strncmp(t, below, (size_t)n) != 0)
            break; /* sorted: the targets below dir are together */
        watch_target_folder(w, t);
        any |= access(t, F_OK) == 0;
    }
    return any;
}

/* A note with more than one name (a hard link): its file is watched too,
 * as an edit through a name outside the vaults (or in a folder they leave
 * out) changes it without an event in its folder. */
static void
watch_hard_link(wt_tree *w, const char *path)
{
    int wd = inotify_add_watch(w->fd, path, IN_CLOSE_WRITE | IN_ATTRIB |
                               IN_DONT_FOLLOW | IN_MASK_ADD);
    if (wd < 0) {
        if (errno == ENOSPC)
            w->limit_hits++;
        return;
    }
    if ((size_t)wd >= w->ndirs || !w->dirs[wd])
        remember(w, wd, path, WT_FILE);
}

/* Is the folder of st the index's own? */
static int
is_db_dir(const wt_tree *w, const struct stat *st)
{
    return w->have_db && st->st_dev == w->db_dev && st->st_ino == w->db_ino;
}

/* Watch dir and, recursively, its folders (symlinks are not followed
 * below a vault's folder, as `jikji index` does not follow them).
 * Returns dir's watch descriptor, or -1. */
static int
watch_tree(wt_tree *w, const char *dir, int depth)
{
    if (depth > 64)
        return -1;
    /* IN_ATTRIB: a note or folder made readable again (chmod) is read by
     * the next update, and such a folder watched; a read changes no
     * attribute that raises it (atime updates do not). */
    int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
                               IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                               IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |
                               IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) {
        if (errno == ENOSPC)
            w->limit_hits++; /* said once, with the cure (limit_warning) */
        else if (!w->quiet && errno != ENOENT)
            cli_warnf("%s: cannot watch: %s", cli_display_path(dir),
                      strerror(errno));
        return -1;
    }
    remember(w, wd, dir, 0);
    struct stat ds;
    if (w->have_db && stat(dir, &ds) == 0 && ds.st_dev == w->dbp_dev &&
        ds.st_ino == w->dbp_ino)
        w->dbp_wd = wd;
    DIR *d = opendir(dir);
    if (!d)
        return wd;
    struct dirent *e;
    char path[PATH_MAX];
    while ((e = readdir(d)) != NULL) {
        /* What `jikji index` leaves out: a Jekyll site's _site is
         * rewritten at every build, and would start update after update. */
        if (jikji_folder_left_out(dir, e->d_name))
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (n < 0 || (size_t)n >= sizeof path || lstat(path, &st) < 0)
            continue; /* a path too long to name is not watched */
        if (S_ISDIR(st.st_mode) && !is_db_dir(w, &st))
            watch_tree(w, path, depth + 1);
        else if (S_ISLNK(st.st_mode) && jikji_is_note_name(e->d_name))
            watch_link_target(w, path);
        else if (S_ISREG(st.st_mode) && st.st_nlink > 1 &&
                 jikji_is_note_name(e->d_name))
            watch_hard_link(w, path);
    }
    closedir(d);
    return wd;
}

void
wt_inotify_limit(const char *name, char max[32])
{
    char path[96];
    snprintf(max, 32, "?");
    snprintf(path, sizeof path, "/proc/sys/fs/inotify/%s", name);
    FILE *f = fopen(path, "r");
    if (f) {
        if (!fgets(max, 32, f))
            snprintf(max, 32, "?");
        max[strcspn(max, "\n")] = '\0';
        fclose(f);
    }
}

void
wt_limit_warning(wt_tree *w)
{
    if (w->limit_hits == w->limit_said || w->quiet)
        return;
    char max[32];
    wt_inotify_limit("max_user_watches", max);
    cli_warnf("%u folder%s (with the folders in them) not watched: the "
              "inotify limit fs.inotify.max_user_watches (%s) is reached; "
              "notes saved there are indexed by the next update or 'jikji "
              "index'.  Raise it: sysctl fs.inotify.max_user_watches=524288",
              w->limit_hits - w->limit_said,
              w->limit_hits - w->limit_said == 1 ? "" : "s", max);
    w->limit_said = w->limit_hits;
}

void
wt_watch_root(wt_tree *w, wt_root *r)
{
    struct stat st;
    /* A vault moved and linked back (into a synced folder): its folder
     * is watched where it is now, as `jikji index` follows it there. */
    char real[PATH_MAX];
    const char *at = realpath(r->dir, real) ? real : r->dir;
    if (stat(at, &st) == 0 && S_ISDIR(st.st_mode)) {
        r->wd = watch_tree(w, at, r->file_vault ? 64 : 0);
        r->no_room = r->wd < 0 && errno == ENOSPC;
        r->gone_said = 0;
        /* Back: its parent's watch is no longer needed, unless the parent
         * is a watched folder itself. */
        if (r->wd >= 0 && r->parent_wd >= 0 &&
            !((size_t)r->parent_wd < w->ndirs && w->dirs[r->parent_wd]))
            inotify_rm_watch(w->fd, r->parent_wd);
        if (r->wd >= 0)
            r->parent_wd = -1;
        return;
    }
    r->wd = -1;
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", r->dir);
    char *slash = strrchr(parent, '/');
    if (!slash)
        return;
    slash[slash == parent] = '\0';
    /* IN_MASK_ADD: the parent may be a watched folder too. */
    r->parent_wd = inotify_add_watch(w->fd, parent, IN_CREATE | IN_MOVED_TO |
                                     IN_ONLYDIR | IN_MASK_ADD);
}

/* Stop watching dir and every folder below it (by their paths). */
static void
forget_tree(wt_tree *w, const char *dir)
{
    size_t n = strlen(dir);
    for (size_t i = 0; i < w->ndirs; i++)
        if (w->dirs[i] && !strncmp(w->dirs[i], dir, n) &&
            (w->dirs[i][n] == '\0' || w->dirs[i][n] == '/')) {
            inotify_rm_watch(w->fd, (int)i);
            free(w->dirs[i]);
            w->dirs[i] = NULL;
        }
}

/* A Jekyll site's config (jikji_is_site_config_name()) came or went in dir: its
 * _site and vendor folders are left out by the walk now, or no longer
 * (walk.c), so stop watching them, or watch them. */
static void
site_config_changed(wt_tree *w, const char *dir)
{
    static const char *const outputs[] = {"_site", "vendor"};
    for (size_t i = 0; i < 2; i++) {
        char path[PATH_MAX];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, outputs[i]);
        if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
            continue;
        if (jikji_folder_left_out(dir, outputs[i]))
            forget_tree(w, path);
        else
            watch_tree(w, path, 0);
    }
}

/* Is the event about the index itself (its folder or one beside it:
 * idx.rebuild, idx.compacting, idx.shard-1)? */
static int
about_db(const wt_tree *w, const struct inotify_event *ev, const char *name)
{
    if (!w->have_db || ev->wd != w->dbp_wd || !*name)
        return 0;
    size_t n = strlen(w->db_base);
    return !strncmp(name, w->db_base, n) && (!name[n] || name[n] == '.');
}

/* A file created in place (IN_CREATE) is a change on its own when no
 * write follows: a symlink, or a hard link to an existing file. */
static int
created_whole(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return lstat(path, &st) == 0 &&
           (S_ISLNK(st.st_mode) || (S_ISREG(st.st_mode) && st.st_nlink > 1));
}

/* An event on a vault's parent folder, watched while the vault does not
 * exist: 1 when the vault came back (it is watched again), 0 for another
 * name, -1 when ev is not such an event. */
static int
root_event(wt_tree *w, const struct inotify_event *ev, const char *name)
{
    int other = -1;
    for (size_t i = 0; i < w->nroots; i++) {
        wt_root *r = &w->roots[i];
        if (r->wd >= 0 || r->parent_wd != ev->wd)
            continue;
        const char *base = strrchr(r->dir, '/');
        base = base ? base + 1 : r->dir;
        if (strcmp(base, name) != 0) {
            other = 0;
            continue;
        }
        wt_watch_root(w, r);
        if (r->wd >= 0)
            return 1;
    }
    return other;
}

void
wt_watch_index(wt_tree *w, const char *dir)
{
    /* Xapian writes its tables in place and renames the version file at
     * each commit; a compaction swaps the folder (IN_MOVE_SELF). */
    w->index_wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
                                    IN_MOVE_SELF | IN_DELETE_SELF |
                                    IN_ONLYDIR | IN_MASK_ADD);
}

int
wt_drain(wt_tree *w)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int relevant = 0;
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n <= 0)
            break; /* EAGAIN: drained */
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)(void *)p;
            p += sizeof *ev + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                /* Events were lost, new folders among them perhaps: watch
                 * every folder again, and a full run sorts out the rest. */
                w->rescan = 1;
                relevant = 1;
                continue;
            }
            const char *name = ev->len ? ev->name : "";
            if (w->index_wd >= 0 && ev->wd == w->index_wd &&
                !(ev->wd >= 0 && (size_t)ev->wd < w->ndirs && w->dirs[ev->wd])) {
                /* the index written: no change to the notes */
                w->index_changed = 1;
                if (ev->mask & (IN_IGNORED | IN_MOVE_SELF | IN_DELETE_SELF)) {
                    if (ev->mask & IN_MOVE_SELF)
                        inotify_rm_watch(w->fd, ev->wd);
                    w->index_wd = -1; /* swapped: the caller watches again */
                }
                continue;
            }
            if (root_event(w, ev, name) > 0)
                relevant = 1;
            if (ev->mask & IN_MOVE_SELF) {
                /* A vault's folder moved away (mv v v.old): its watches
                 * now follow v.old, so drop them, and watch v again, or
                 * its parent for its return.  A folder below a vault
                 * moved is seen in its parent (IN_MOVED_FROM). */
                for (size_t i = 0; i < w->nroots; i++)
                    if (w->roots[i].wd == ev->wd) {
                        forget_tree(w, w->roots[i].dir);
                        wt_watch_root(w, &w->roots[i]);
                        relevant = 1;
                    }
                /* A symlinked note's target folder outside the vaults
                 * moved (renamed, or swapped for a new one): its watch
                 * follows the old folder, so drop it; its IN_IGNORED
                 * watches the targets' paths again (rewatch_targets()),
                 * and the update reads the links again. */
                if (ev->wd >= 0 && (size_t)ev->wd < w->ndirs &&
                    w->dirs[ev->wd] && w->outside[ev->wd] == 1) {
                    inotify_rm_watch(w->fd, ev->wd);
                    relevant = 1;
                }
                continue;
            }
            const char *dir = ev->wd >= 0 && (size_t)ev->wd < w->ndirs
                                  ? w->dirs[ev->wd] : NULL;
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF)) {
                /* A vault's folder deleted: watch for its return. */
                for (size_t i = 0; i < w->nroots; i++)
                    if (w->roots[i].wd == ev->wd &&
                        access(w->roots[i].dir, F_OK) < 0)
                        wt_watch_root(w, &w->roots[i]);
                /* A watch gone with its file or folder; a symlink
                 * target's folder is watched for again. */
                if (dir && (ev->mask & IN_IGNORED)) {
                    char *gone = w->dirs[ev->wd];
                    int outside = w->outside[ev->wd];
                    w->dirs[ev->wd] = NULL;
                    if (outside == 1 && rewatch_targets(w, gone))
                        relevant = 1;
                    free(gone);
                }
                continue;
            }
            if (!dir)
                continue; /* only a vault's parent, watched for the vault */
            if (w->outside[ev->wd] == WT_FILE) {
                /* A hard-linked note written or relinked, by any name. */
                relevant = 1;
                continue;
            }
            if (about_db(w, ev, name))
                continue;
            if (*name && name[0] == '.' && !(ev->mask & IN_ISDIR) &&
                !(ev->mask & IN_MOVED_FROM))
                continue; /* an editor's hidden temporary file */
            int outside = w->outside[ev->wd];
            if ((ev->mask & IN_ISDIR) && *name && outside &&
                (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
                /* A folder on the way to a target made again. */
                char path[PATH_MAX];
                snprintf(path, sizeof path, "%s/%s", dir, name);
                if (rewatch_targets(w, path))
                    relevant = 1;
            }
            if ((ev->mask & IN_ISDIR) && *name &&
                (outside || jikji_folder_left_out(dir, name)))
                continue; /* a symlink target's folder: its notes only */
            if ((ev->mask & (IN_CREATE | IN_MOVED_TO | IN_ATTRIB)) &&
                (ev->mask & IN_ISDIR) && *name) {
                char path[PATH_MAX];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s", dir, name);
                if (!(stat(path, &st) == 0 && is_db_dir(w, &st)))
                    watch_tree(w, path, 0);
            }
            /* A Jekyll site's config decides whether its _site and
             * vendor hold notes: the next update adds or removes them. */
            if (!(ev->mask & IN_ISDIR) && !outside &&
                jikji_is_site_config_name(name)) {
                site_config_changed(w, dir);
                relevant = 1;
                continue;
            }
            /* A file that is not a note (a log, a build's output, an
             * editor's backup) changes nothing in the index. */
            if (!(ev->mask & IN_ISDIR) && *name && !jikji_is_note_name(name))
                continue;
            /* Beside a target, other notes are not the vaults'. */
            if (outside && !is_target(w, dir, name))
                continue;
            if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR) &&
                !created_whole(dir, name))
                continue; /* wait for the close after writing */
            if ((ev->mask & (IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)) &&
                !outside) {
                char path[PATH_MAX];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s", dir, name);
                int there = lstat(path, &st) == 0;
                if (there && S_ISLNK(st.st_mode))
                    watch_link_target(w, path);
                else if (there && *name && S_ISREG(st.st_mode) &&
                         st.st_nlink > 1)
                    watch_hard_link(w, path);
            }
            relevant = 1;
        }
    }
    if (w->rescan) {
        w->rescan = 0;
        for (size_t i = 0; i < w->nroots; i++)
            wt_watch_root(w, &w->roots[i]);
    }
    wt_limit_warning(w);
    return relevant;
}

/* locate_db()'s first half: stat the index's folder and its parent. */
static void
locate_db_path(wt_tree *w, const char *dir)
{
    char real[PATH_MAX];
    struct stat st, pst;
    w->have_db = 0;
    if (dir && realpath(dir, real) && stat(real, &st) == 0) {
        char *slash = strrchr(real, '/');
        if (slash && slash[1]) {
            free(w->db_base);
            w->db_base = strdup(slash + 1);
            slash[slash == real] = '\0';
            if (w->db_base && stat(real, &pst) == 0) {
                w->db_dev = st.st_dev;
                w->db_ino = st.st_ino;
                w->dbp_dev = pst.st_dev;
                w->dbp_ino = pst.st_ino;
                w->have_db = 1;
            }
        }
    }
}

void
wt_locate_db(wt_tree *w, const char *dir)
{
    locate_db_path(w, dir);
    struct stat st;
    for (size_t i = 0; w->have_db && i < w->ndirs; i++) {
        if (!w->dirs[i] || stat(w->dirs[i], &st) < 0)
            continue;
        if (is_db_dir(w, &st)) {
            inotify_rm_watch(w->fd, (int)i);
            free(w->dirs[i]);
            w->dirs[i] = NULL;
        } else if (st.st_dev == w->dbp_dev && st.st_ino == w->dbp_ino) {
            w->dbp_wd = (int)i;
        }
    }
}

int
wt_add_root(wt_tree *w, const char *path)
{
    wt_root *nr = realloc(w->roots, (w->nroots + 1) * sizeof *nr);
    if (!nr)
        return -1;
    w->roots = nr;
    wt_root *r = &w->roots[w->nroots];
    memset(r, 0, sizeof *r);
    r->path = path;
    r->wd = r->parent_wd = -1;
    /* A symlink to the vault is followed, as `jikji index` does. */
    char real[PATH_MAX];
    struct stat st;
    const char *at = realpath(path, real) ? real : path;
    r->file_vault = stat(at, &st) == 0 && !S_ISDIR(st.st_mode);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", at);
    if (r->file_vault) {
        char *slash = strrchr(dir, '/');
        if (slash)
            slash[slash == dir] = '\0';
        else
            snprintf(dir, sizeof dir, ".");
    }
    for (size_t i = 0; i < w->nroots; i++)
        if (!w->roots[i].file_vault && !r->file_vault &&
            !strcmp(w->roots[i].dir, dir))
            return 0; /* given twice: one root */
    if (!(r->dir = strdup(dir)))
        return -1;
    w->nroots++;
    return 0;
}

size_t
wt_vault_count(const wt_tree *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->nroots; i++) {
        const wt_root *r = &w->roots[i];
        int inside = 0;
        for (size_t j = 0; j < w->nroots && !inside; j++) {
            const wt_root *o = &w->roots[j];
            size_t k = strlen(o->dir);
            if (j == i || o->file_vault || strncmp(r->dir, o->dir, k) ||
                (r->dir[k] && r->dir[k] != '/'))
                continue;
            /* the same folder: the first of them counts */
            inside = r->dir[k] == '/' || r->file_vault ? 1 : j < i;
        }
        n += !inside;
    }
    return n;
}

int
wt_open(wt_tree *w, int quiet)
{
    memset(w, 0, sizeof *w);
    w->quiet = quiet;
    w->dbp_wd = -1;
    w->index_wd = -1;
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    return w->fd < 0 ? -1 : 0;
}

void
wt_close(wt_tree *w)
{
    if (w->fd >= 0)
        close(w->fd);
    for (size_t i = 0; i < w->nroots; i++)
        free(w->roots[i].dir);
    free(w->roots);
    for (size_t i = 0; i < w->ndirs; i++)
        free(w->dirs[i]);
    free(w->dirs);
    free(w->outside);
    for (size_t i = 0; i < w->ntargets; i++)
        free(w->targets[i]);
    free(w->targets);
    free(w->db_base);
    memset(w, 0, sizeof *w);
    w->fd = -1;
}
