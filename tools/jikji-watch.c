/* jikji-watch.c - `jikji watch`: keep the index current while you write.
 *
 * One incremental `index` run at start, then inotify on every folder of
 * the vaults.  A note closed after writing, moved in or out, or deleted
 * starts a countdown; when the vaults have been quiet for JK_WATCH_QUIET_MS
 * an incremental run brings the index up to date (it re-reads only what
 * changed).  Editors that save through a temporary file and a rename are
 * seen as a move into place.  Nothing is read while idle: the process
 * sleeps in poll().  The index is opened only for each update, so other
 * commands are never locked out for long.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Quiet time after the last change before the index is updated. */
#define JK_WATCH_QUIET_MS 300
/* The longest a change waits: a file written every 100 ms (a log, a
 * journal) must not hold back a note saved next to it. */
#define JK_WATCH_MAX_WAIT_MS 1000

static const char help_text[] =
"Keep the index up to date while you write: watch the vaults (PATH..., or\n"
"every vault indexed before), update the index once, then re-index changed,\n"
"added, renamed and deleted notes (and links made in a vault) within a\n"
"second of a save.  Editors that save through a temporary file and a\n"
"rename are handled; a vault given as a symlink is followed.  Uses no CPU\n"
"while nothing changes.  Stop it with Ctrl-C (SIGINT), SIGTERM or SIGHUP:\n"
"the index is left committed (a change saved just before is indexed first;\n"
"a second Ctrl-C, or one during a long update, stops at the next note, and\n"
"the next run indexes the rest).  Folders skipped by 'jikji index' (hidden\n"
"ones, node_modules) are not watched.  While another process writes the index\n"
"(a 'jikji index' elsewhere), updates wait and are retried every 2 s; a\n"
"vault deleted while watched keeps its notes in the index, as with 'jikji\n"
"index'.\n"
"\n"
"Options:\n"
"  -q, --quiet     print nothing but errors\n"
"  --db DIR        index location (see 'jikji --help')\n"
"\n"
"Exit status: 0 stopped by a signal, 2 error (no vault, an index run\n"
"failed, inotify unavailable, or stopped while the index was still locked\n"
"with changes not indexed).\n";

/* Signals received (SIGINT, SIGTERM, SIGHUP), counted by the handler; the
 * only state outside main's frame. */
static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
    (void)sig;
    if (stop_requested < 100)
        stop_requested++;
}

/* A vault watched: its folder (a file vault: the file's folder). */
typedef struct root {
    char *path;             /* as given or as the index has it */
    char *dir;              /* the folder watched, symlinks resolved */
    int wd;                 /* its watch, -1 while it does not exist */
    int parent_wd;          /* while it does not exist: its parent's watch,
                               to see it come back */
    int gone_said;          /* "no longer exists" was said */
    int file_vault;         /* a single note: only its folder is watched */
} root;

typedef struct watcher {
    int fd;                 /* inotify */
    int quiet;
    char **paths;           /* vault paths given (NULL: all known) */
    size_t npaths;
    unsigned warnings;
    int locked;             /* the last update found the index locked */
    char **dirs;            /* watched directory of each watch descriptor */
    size_t ndirs;
    root *roots;
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
    int stop_at;            /* update(): stop once this many signals came */
} watcher;

static long long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
skipped_dir(const char *name)
{
    return name[0] == '.' || strcmp(name, "node_modules") == 0;
}

/* Remember the path of watch descriptor wd. */
static void
remember(watcher *w, int wd, const char *path)
{
    if (wd < 0)
        return;
    if ((size_t)wd >= w->ndirs) {
        size_t n = (size_t)wd + 64;
        char **d = realloc(w->dirs, n * sizeof *d);
        if (!d)
            return;
        memset(d + w->ndirs, 0, (n - w->ndirs) * sizeof *d);
        w->dirs = d;
        w->ndirs = n;
    }
    free(w->dirs[wd]);
    w->dirs[wd] = strdup(path);
}

/* Is the folder of st the index's own? */
static int
is_db_dir(const watcher *w, const struct stat *st)
{
    return w->have_db && st->st_dev == w->db_dev && st->st_ino == w->db_ino;
}

/* Watch dir and, recursively, its folders (symlinks are not followed
 * below a vault's folder, as `jikji index` does not follow them).
 * Returns dir's watch descriptor, or -1. */
static int
watch_tree(watcher *w, const char *dir, int depth)
{
    if (depth > 64)
        return -1;
    int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
                               IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                               IN_DELETE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) {
        if (errno == ENOSPC)
            w->limit_hits++; /* said once, with the cure (limit_warning) */
        else if (!w->quiet && errno != ENOENT)
            cli_warnf("%s: cannot watch: %s", cli_display_path(dir),
                      strerror(errno));
        return -1;
    }
    remember(w, wd, dir);
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
        if (skipped_dir(e->d_name))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && !is_db_dir(w, &st))
            watch_tree(w, path, depth + 1);
    }
    closedir(d);
    return wd;
}

/* Report folders left unwatched by inotify's limit, once per batch. */
static void
limit_warning(watcher *w)
{
    if (w->limit_hits == w->limit_said || w->quiet)
        return;
    char max[32] = "?";
    FILE *f = fopen("/proc/sys/fs/inotify/max_user_watches", "r");
    if (f) {
        if (!fgets(max, sizeof max, f))
            snprintf(max, sizeof max, "?");
        max[strcspn(max, "\n")] = '\0';
        fclose(f);
    }
    cli_warnf("%u folder%s (with the folders in them) not watched: the "
              "inotify limit fs.inotify.max_user_watches (%s) is reached; "
              "notes saved there are indexed by the next update or 'jikji "
              "index'.  Raise it: sysctl fs.inotify.max_user_watches=524288",
              w->limit_hits - w->limit_said,
              w->limit_hits - w->limit_said == 1 ? "" : "s", max);
    w->limit_said = w->limit_hits;
}

/* Start watching vault r (again): its folder, or while it does not exist,
 * its parent folder for it to come back. */
static void
watch_root(watcher *w, root *r)
{
    struct stat st;
    if (stat(r->dir, &st) == 0 && S_ISDIR(st.st_mode)) {
        r->wd = watch_tree(w, r->dir, r->file_vault ? 64 : 0);
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

static void
on_warning(void *ud, const char *path, unsigned line, jikji_status_t st,
           const char *msg)
{
    watcher *w = ud;
    (void)st;
    w->warnings++;
    if (w->quiet)
        return;
    if (line)
        cli_warnf("%s:%u: %s", cli_display_path(path), line, msg);
    else
        cli_warnf("%s: %s", cli_display_path(path), msg);
}

/* Retry an update this long after finding the index locked. */
#define JK_WATCH_LOCKED_RETRY_MS 2000

/* jikji_index_opts_t's should_stop: a signal past the ones expected. */
static int
should_stop(void *ud)
{
    return stop_requested > ((const watcher *)ud)->stop_at;
}

/* One incremental index run, stopped at the next note by a signal once
 * stop_at of them have come.  0 done (or nothing to index), 1 the index is
 * locked by another writer (`jikji index` in another terminal: said once,
 * to be retried), 2 stopped by a signal (the notes done are committed),
 * -1 after reporting an error. */
static int
update(cli_global *g, watcher *w, int stop_at)
{
    /* A vault may be deleted or moved while watched: its notes stay
     * indexed, as `jikji index` leaves a vault that no longer exists, and
     * the others go on. */
    char **live = w->nroots ? calloc(w->nroots, sizeof *live) : NULL;
    size_t nlive = 0;
    if (w->nroots && !live) {
        cli_errorf("out of memory");
        return -1;
    }
    for (size_t i = 0; i < w->nroots; i++) {
        root *r = &w->roots[i];
        if (access(r->path, F_OK) == 0) {
            live[nlive++] = r->path;
        } else if (!r->gone_said) {
            if (!w->quiet)
                cli_warnf("%s: vault no longer exists; left as is (watched "
                          "for its return)", cli_display_path(r->path));
            r->gone_said = 1;
        }
    }
    if (w->nroots && !nlive) {
        free(live);
        return 0;
    }
    char *locked = NULL;
    jikji_db_t *db = cli_open_db_or_locked(g, JIKJI_DB_WRITE, &locked);
    if (!db) {
        free(live);
        if (!locked)
            return -1;
        if (!w->quiet && !w->locked)
            cli_warnf("%s; will retry every %d s", locked,
                      JK_WATCH_LOCKED_RETRY_MS / 1000);
        w->locked = 1;
        free(locked);
        return 1;
    }
    w->locked = 0;
    if (cli_load_synonyms(g, db, 1) < 0) {
        free(live);
        jikji_db_close(db);
        return -1;
    }
    w->stop_at = stop_at;
    jikji_index_opts_t io = {.on_warning = on_warning, .ud = w,
                             .should_stop = should_stop};
    jikji_index_stats_t s;
    jikji_status_t st = jikji_index(db, (const char *const *)live, nlive,
                                    &io, &s);
    free(live);
    int stopped = st == JIKJI_ECANCELED;
    if (st != JIKJI_OK && !stopped)
        cli_error(st, jikji_db_errmsg(db));
    jikji_status_t cst = jikji_db_close(db);
    if ((st == JIKJI_OK || stopped) && cst != JIKJI_OK) {
        cli_error(cst, "committing the index");
        st = cst;
        stopped = 0;
    }
    if (st != JIKJI_OK && !stopped)
        return -1;
    if (!w->quiet &&
        (s.added || s.updated || s.removed || s.skipped || s.renamed)) {
        char when[16];
        time_t t = time(NULL);
        strftime(when, sizeof when, "%H:%M:%S", localtime(&t));
        fprintf(stderr, "jikji: %s %u added, %u updated, %u removed, "
                "%u skipped, %u renamed%s\n", when, s.added, s.updated,
                s.removed, s.skipped, s.renamed,
                stopped ? " (stopped before the end)" : "");
    }
    return stopped ? 2 : 0;
}

/* Is the event about the index itself (its folder or one beside it:
 * idx.rebuild, idx.compacting, idx.shard-1)? */
static int
about_db(const watcher *w, const struct inotify_event *ev, const char *name)
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
root_event(watcher *w, const struct inotify_event *ev, const char *name)
{
    int other = -1;
    for (size_t i = 0; i < w->nroots; i++) {
        root *r = &w->roots[i];
        if (r->wd >= 0 || r->parent_wd != ev->wd)
            continue;
        const char *base = strrchr(r->dir, '/');
        base = base ? base + 1 : r->dir;
        if (strcmp(base, name) != 0) {
            other = 0;
            continue;
        }
        watch_root(w, r);
        if (r->wd >= 0)
            return 1;
    }
    return other;
}

/* Read pending events; returns 1 if any concerns the index, and starts
 * watching folders that appeared. */
static int
drain(watcher *w)
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
            if (root_event(w, ev, name) > 0)
                relevant = 1;
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF)) {
                /* A vault's folder deleted: watch for its return. */
                for (size_t i = 0; i < w->nroots; i++)
                    if (w->roots[i].wd == ev->wd &&
                        access(w->roots[i].dir, F_OK) < 0)
                        watch_root(w, &w->roots[i]);
                continue;
            }
            const char *dir = ev->wd >= 0 && (size_t)ev->wd < w->ndirs
                                  ? w->dirs[ev->wd] : NULL;
            if (!dir)
                continue; /* only a vault's parent, watched for the vault */
            if (about_db(w, ev, name))
                continue;
            if (*name && name[0] == '.' && !(ev->mask & IN_ISDIR) &&
                !(ev->mask & IN_MOVED_FROM))
                continue; /* an editor's hidden temporary file */
            if ((ev->mask & IN_ISDIR) && *name && skipped_dir(name))
                continue;
            if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) &&
                (ev->mask & IN_ISDIR)) {
                char path[PATH_MAX];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s", dir, name);
                if (!(stat(path, &st) == 0 && is_db_dir(w, &st)))
                    watch_tree(w, path, 0);
            }
            if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR) &&
                !created_whole(dir, name))
                continue; /* wait for the close after writing */
            relevant = 1;
        }
    }
    if (w->rescan) {
        w->rescan = 0;
        for (size_t i = 0; i < w->nroots; i++)
            watch_root(w, &w->roots[i]);
    }
    limit_warning(w);
    return relevant;
}

/* locate_db()'s first half: stat the index's folder and its parent. */
static void
locate_db_path(cli_global *g, watcher *w)
{
    char *dir = cli_db_dir(g);
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
    free(dir);
}

/* Note where the index is, to keep its own writes out (it may be inside
 * a vault); a watch already on its folder (the first update may have
 * created it) is removed. */
static void
locate_db(cli_global *g, watcher *w)
{
    locate_db_path(g, w);
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

/* What a stop by signal leaves. */
static int
stopped_message(const watcher *w, int during_update)
{
    if (!w->quiet)
        fprintf(stderr, during_update
                ? "jikji: stopped during an update: the notes done so far "
                  "are committed; 'jikji index' (or the next 'jikji watch') "
                  "indexes the rest\n"
                : "jikji: stopped; the index is up to date\n");
    return EXIT_HIT;
}

static int
run_watch(cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, NULL, 'q'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    watcher w = {.fd = -1, .dbp_wd = -1};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q': w.quiet = 1; break;
        case 'd': g->db = optarg; break;
        case 'h':
            printf("usage: jikji %s\n\n%s", cli_watch_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        default:
            return cli_bad_option(&cli_watch_cmd, c, argv);
        }
    }
    for (int i = optind; i < argc; i++)
        if (access(argv[i], R_OK) < 0) {
            cli_errorf("%s: %s", argv[i], strerror(errno));
            return EXIT_ERROR;
        }
    w.paths = argv + optind;
    w.npaths = (size_t)(argc - optind);
    if (w.npaths == 0 && cli_require_index(g, 1) < 0)
        return EXIT_ERROR;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL); /* the terminal closed */

    int code = EXIT_ERROR;
    char **vaults = NULL;
    /* The vaults to watch: those given, or every vault of the index. */
    if (w.npaths == 0) {
        jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
        if (!db)
            goto out;
        jikji_db_vaults(db, cli_collect_name, &vaults);
        jikji_db_close(db);
    }
    size_t nv = w.npaths;
    while (!w.npaths && vaults && vaults[nv])
        nv++;
    if (nv && !(w.roots = calloc(nv, sizeof *w.roots))) {
        cli_errorf("out of memory");
        goto out;
    }
    for (size_t i = 0; i < nv; i++) {
        root *r = &w.roots[w.nroots++];
        r->path = w.npaths ? w.paths[i] : vaults[i];
        r->wd = r->parent_wd = -1;
        /* A symlink to the vault is followed, as `jikji index` does. */
        char real[PATH_MAX];
        struct stat st;
        const char *at = realpath(r->path, real) ? real : r->path;
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
        if (!(r->dir = strdup(dir))) {
            cli_errorf("out of memory");
            goto out;
        }
    }

    /* Watch first, then update: a save during the first update is seen. */
    w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w.fd < 0) {
        cli_errorf("inotify: %s", strerror(errno));
        goto out;
    }
    locate_db(g, &w);
    for (size_t i = 0; i < w.nroots; i++)
        watch_root(&w, &w.roots[i]);
    limit_warning(&w);
    int first = update(g, &w, 0);
    if (first < 0)
        goto out;
    locate_db(g, &w); /* the first update may have created the index */
    if (first == 2) {
        code = stopped_message(&w, 1);
        goto out;
    }
    if (!w.quiet && !stop_requested)
        fprintf(stderr, "jikji: watching %zu vault%s; Ctrl-C to stop\n",
                w.nroots, w.nroots == 1 ? "" : "s");

    /* when to update, or -1; a locked index is tried again later */
    long long due = first == 1 ? now_ms() + JK_WATCH_LOCKED_RETRY_MS : -1;
    long long waiting_since = -1; /* the first change not yet indexed */
    while (!stop_requested) {
        int timeout = -1;
        if (due >= 0) {
            long long left = due - now_ms();
            timeout = left > 0 ? (int)left : 0;
        }
        struct pollfd pfd = {.fd = w.fd, .events = POLLIN};
        int r = poll(&pfd, 1, timeout);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            cli_errorf("poll: %s", strerror(errno));
            goto out;
        }
        if (r > 0 && drain(&w)) {
            /* Debounce: wait for quiet, but not past the longest wait. */
            long long t = now_ms();
            if (waiting_since < 0)
                waiting_since = t;
            due = t + JK_WATCH_QUIET_MS;
            if (due > waiting_since + JK_WATCH_MAX_WAIT_MS)
                due = waiting_since + JK_WATCH_MAX_WAIT_MS;
        }
        if (due >= 0 && now_ms() >= due) {
            waiting_since = -1;
            int u = update(g, &w, 0);
            if (u < 0)
                goto out;
            if (u == 2) {
                code = stopped_message(&w, 1);
                goto out;
            }
            due = u == 1 ? now_ms() + JK_WATCH_LOCKED_RETRY_MS : -1;
        }
    }
    /* A change seen before the signal, or during the last update, is not
     * lost (unless the index is still locked: then the other writer's run,
     * or the next one, has to pick it up, and the exit status says so).
     * Another signal stops this last update at the next note. */
    if (drain(&w) || due >= 0) {
        int u = update(g, &w, 1);
        if (u < 0)
            goto out;
        if (u == 1) {
            cli_errorf("stopped with changes not indexed: the index is "
                       "still locked; run 'jikji index'");
            goto out;
        }
        code = stopped_message(&w, u == 2);
        goto out;
    }
    code = stopped_message(&w, 0);
out:
    if (w.fd >= 0)
        close(w.fd);
    for (size_t i = 0; i < w.nroots; i++)
        free(w.roots[i].dir);
    free(w.roots);
    for (size_t i = 0; vaults && vaults[i]; i++)
        free(vaults[i]);
    free(vaults);
    for (size_t i = 0; i < w.ndirs; i++)
        free(w.dirs[i]);
    free(w.dirs);
    free(w.db_base);
    return code == EXIT_HIT ? cli_finish(code) : code;
}

const cli_command cli_watch_cmd = {
    "watch", run_watch, "watch [-q] [PATH...]", help_text,
};
