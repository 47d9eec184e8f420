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

static const char help_text[] =
"Keep the index up to date while you write: update it once, then watch the\n"
"vaults (PATH..., or every vault indexed before) and re-index changed,\n"
"added, renamed and deleted notes within a second of a save.  Editors that\n"
"save through a temporary file and a rename are handled.  Uses no CPU while\n"
"nothing changes.  Stop it with Ctrl-C (SIGINT) or SIGTERM: the index is\n"
"left committed.  Folders skipped by 'jikji index' (hidden ones,\n"
"node_modules) are not watched.  While another process writes the index\n"
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

/* Set by the signal handler; the only state outside main's frame. */
static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

typedef struct watcher {
    int fd;                 /* inotify */
    int quiet;
    char **paths;           /* vault paths given (NULL: all known) */
    size_t npaths;
    unsigned warnings;
    int locked;             /* the last update found the index locked */
    char **dirs;            /* watched directory of each watch descriptor */
    size_t ndirs;
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

/* Watch dir and, recursively, its folders (symlinks are not followed). */
static void
watch_tree(watcher *w, const char *dir, int depth)
{
    if (depth > 64)
        return;
    int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
                               IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                               IN_DELETE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) {
        if (!w->quiet)
            cli_warnf("%s: cannot watch: %s", dir, strerror(errno));
        return;
    }
    remember(w, wd, dir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[PATH_MAX];
    while ((e = readdir(d)) != NULL) {
        if (skipped_dir(e->d_name))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            watch_tree(w, path, depth + 1);
    }
    closedir(d);
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

/* One incremental index run.  0 done (or nothing to index), 1 the index is
 * locked by another writer (`jikji index` in another terminal: said once,
 * to be retried), -1 after reporting an error. */
static int
update(cli_global *g, watcher *w)
{
    /* A vault given on the command line may be deleted or moved while
     * watched: its notes stay indexed, as `jikji index` leaves a vault
     * that no longer exists, and the others go on. */
    char **live = w->npaths ? calloc(w->npaths, sizeof *live) : NULL;
    size_t nlive = 0;
    if (w->npaths && !live) {
        cli_errorf("out of memory");
        return -1;
    }
    for (size_t i = 0; i < w->npaths; i++) {
        if (access(w->paths[i], F_OK) == 0)
            live[nlive++] = w->paths[i];
        else if (!w->quiet)
            cli_warnf("%s: vault no longer exists; left as is",
                      cli_display_path(w->paths[i]));
    }
    if (w->npaths && !nlive) {
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
    jikji_index_opts_t io = {.on_warning = on_warning, .ud = w};
    jikji_index_stats_t s;
    jikji_status_t st = jikji_index(db, (const char *const *)live, nlive,
                                    &io, &s);
    free(live);
    if (st != JIKJI_OK)
        cli_error(st, jikji_db_errmsg(db));
    jikji_status_t cst = jikji_db_close(db);
    if (st == JIKJI_OK && cst != JIKJI_OK) {
        cli_error(cst, "committing the index");
        st = cst;
    }
    if (st != JIKJI_OK)
        return -1;
    if (!w->quiet &&
        (s.added || s.updated || s.removed || s.skipped || s.renamed)) {
        char when[16];
        time_t t = time(NULL);
        strftime(when, sizeof when, "%H:%M:%S", localtime(&t));
        fprintf(stderr, "jikji: %s %u added, %u updated, %u removed, "
                "%u skipped, %u renamed\n", when, s.added, s.updated,
                s.removed, s.skipped, s.renamed);
    }
    return 0;
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
                relevant = 1; /* events lost: a full run sorts it out */
                continue;
            }
            const char *name = ev->len ? ev->name : "";
            if (*name && name[0] == '.' && !(ev->mask & IN_ISDIR) &&
                !(ev->mask & IN_MOVED_FROM))
                continue; /* an editor's hidden temporary file */
            if ((ev->mask & IN_ISDIR) && *name && skipped_dir(name))
                continue;
            if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR) &&
                ev->wd >= 0 && (size_t)ev->wd < w->ndirs && w->dirs[ev->wd]) {
                char path[PATH_MAX];
                snprintf(path, sizeof path, "%s/%s", w->dirs[ev->wd], name);
                watch_tree(w, path, 0);
            }
            if (ev->mask & (IN_CREATE) && !(ev->mask & IN_ISDIR))
                continue; /* wait for the close after writing */
            relevant = 1;
        }
    }
    return relevant;
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
    watcher w = {.fd = -1};
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

    int code = EXIT_ERROR;
    int first = update(g, &w);
    if (first < 0)
        goto out;
    /* The vaults to watch: those given, or every vault of the index. */
    char **vaults = NULL;
    if (w.npaths == 0) {
        jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
        if (!db)
            goto out;
        jikji_db_vaults(db, cli_collect_name, &vaults);
        jikji_db_close(db);
    }
    w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w.fd < 0) {
        cli_errorf("inotify: %s", strerror(errno));
        goto out_vaults;
    }
    size_t nv = 0;
    for (size_t i = 0; i < (w.npaths ? w.npaths : (size_t)-1); i++) {
        const char *v = w.npaths ? w.paths[i] : (vaults ? vaults[i] : NULL);
        if (!v)
            break;
        struct stat st;
        if (stat(v, &st) == 0 && S_ISDIR(st.st_mode))
            watch_tree(&w, v, 0);
        else if (stat(v, &st) == 0) {
            /* A single-file vault: watch its folder. */
            char dir[PATH_MAX];
            snprintf(dir, sizeof dir, "%s", v);
            char *slash = strrchr(dir, '/');
            if (slash)
                *slash = '\0';
            watch_tree(&w, slash ? dir : ".", 64);
        }
        nv++;
    }
    if (!w.quiet)
        fprintf(stderr, "jikji: watching %zu vault%s; Ctrl-C to stop\n", nv,
                nv == 1 ? "" : "s");

    /* when to update, or -1; a locked index is tried again later */
    long long due = first == 1 ? now_ms() + JK_WATCH_LOCKED_RETRY_MS : -1;
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
            goto out_vaults;
        }
        if (r > 0 && drain(&w))
            due = now_ms() + JK_WATCH_QUIET_MS; /* debounce: wait for quiet */
        if (due >= 0 && now_ms() >= due) {
            int u = update(g, &w);
            if (u < 0)
                goto out_vaults;
            due = u == 1 ? now_ms() + JK_WATCH_LOCKED_RETRY_MS : -1;
        }
    }
    /* A change seen just before the signal is not lost (unless the index
     * is still locked: then the other writer's run, or the next one, has
     * to pick it up, and the exit status says so). */
    if (due >= 0) {
        int u = update(g, &w);
        if (u < 0)
            goto out_vaults;
        if (u == 1) {
            cli_errorf("stopped with changes not indexed: the index is "
                       "still locked; run 'jikji index'");
            goto out_vaults;
        }
    }
    if (!w.quiet)
        fprintf(stderr, "jikji: stopped; the index is up to date\n");
    code = EXIT_HIT;
out_vaults:
    for (size_t i = 0; vaults && vaults[i]; i++)
        free(vaults[i]);
    free(vaults);
out:
    if (w.fd >= 0)
        close(w.fd);
    for (size_t i = 0; i < w.ndirs; i++)
        free(w.dirs[i]);
    free(w.dirs);
    return code == EXIT_HIT ? cli_finish(code) : code;
}

const cli_command cli_watch_cmd = {
    "watch", run_watch, "watch [-q] [PATH...]", help_text,
};
