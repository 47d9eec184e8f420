/* jikji-watch.c - `jikji watch`: keep the index current while you write.
 *
 * inotify on every folder of the vaults (watch-tree.c), then one
 * incremental `index` run.  A note closed after writing, moved in or out,
 * deleted or linked starts a countdown; when the vaults have been quiet
 * for JK_WATCH_QUIET_MS (or JK_WATCH_MAX_WAIT_MS after the first change)
 * an incremental run brings the index up to date (it re-reads only what
 * changed).  Editors that save through a temporary file and a rename are
 * seen as a move into place.  Nothing is read while idle: the process
 * sleeps in poll().  The index is opened only for each update, so other
 * commands are never locked out for long.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "watch-tree.h"

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
"  --synonyms FILE your synonyms, stored with the index (see 'jikji help\n"
"                  index')\n"
"\n"
"Exit status: 0 stopped by a signal, 2 error (no vault, an index run\n"
"failed, inotify unavailable, or stopped while the index was still locked\n"
"or full with changes not indexed).  An index that is locked, or that a\n"
"full disk or a read-only file system keeps from being written, is tried\n"
"again every 2 s.\n";

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

typedef struct watcher {
    wt_tree tree;
    int quiet;
    int started;            /* the first update is done */
    int synonyms_broken;    /* the last update could not load them: said */
    char **paths;           /* vault paths given (NULL: all known) */
    size_t npaths;
    unsigned warnings;
    int locked;             /* the last update found the index locked */
    int limited;            /* ... or failed on a limit (a full disk) */
    int stop_at;            /* update(): stop once this many signals came */
    long long signal_seen;  /* when should_stop() first saw such a signal
                               in this update (ms), or 0 */
    /* Warnings already shown ("path:line: message"): each update walks
     * the vaults again, and a file skipped for good (binary, a loop) is
     * not news after the first time.  At most JK_WATCH_SAID of them. */
    char **said;
    size_t nsaid;
    unsigned new_skips;     /* files skipped with a warning not shown before,
                               in this update */
    char **added;           /* the paths of vaults watched since the start
                               (watch_new_vaults()), owned */
    size_t nadded;
} watcher;

#define JK_WATCH_SAID 4096

/* Whether this warning was shown before; else remember it. */
static int
said_before(watcher *w, const char *text)
{
    for (size_t i = 0; i < w->nsaid; i++)
        if (!strcmp(w->said[i], text))
            return 1;
    if (w->nsaid < JK_WATCH_SAID) {
        char **v = realloc(w->said, (w->nsaid + 1) * sizeof *v);
        char *t = strdup(text);
        if (v)
            w->said = v;
        if (v && t)
            w->said[w->nsaid++] = t;
        else
            free(t);
    }
    return 0;
}

static long long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
    char text[PATH_MAX + 512];
    if (line)
        snprintf(text, sizeof text, "%s:%u: %s", cli_display_path(path), line,
                 msg);
    else
        snprintf(text, sizeof text, "%s: %s", cli_display_path(path), msg);
    if (said_before(w, text))
        return;
    cli_warnf("%s", text);
    size_t n = strlen(msg);
    if (n >= 7 && !strcmp(msg + n - 7, "skipped"))
        w->new_skips++;
}

/* Retry an update this long after finding the index locked. */
#define JK_WATCH_LOCKED_RETRY_MS 2000

/* How long an update goes on after a first signal: a short one (the save
 * before last) ends and the last save is indexed after it; a long one (a
 * first build, a folder of notes moved in) stops at the next note. */
#define JK_WATCH_GRACE_MS 1000

/* jikji_index_opts_t's should_stop: a first signal once it is
 * JK_WATCH_GRACE_MS old, a second one at once. */
static int
should_stop(void *ud)
{
    watcher *w = ud;
    if (stop_requested <= w->stop_at)
        return 0;
    if (w->stop_at > 0 || stop_requested > w->stop_at + 1)
        return 1; /* a second signal */
    long long t = now_ms();
    if (!w->signal_seen)
        w->signal_seen = t;
    return t - w->signal_seen >= JK_WATCH_GRACE_MS;
}

/* The local time as HH:MM:SS, the stamp of watch's lines. */
static void
clock_now(char when[16])
{
    time_t now = time(NULL);
    strftime(when, 16, "%H:%M:%S", localtime(&now));
}

/* The line of an update that changed something: what changed, and the
 * files skipped that were not skipped before (those are warned about
 * once; a file skipped for good is not news at every later update). */
static void
say_update(const jikji_index_stats_t *s, unsigned new_skips, int stopped)
{
    const struct { unsigned n; const char *what; } part[] = {
        {s->added, "added"},     {s->updated, "updated"},
        {s->removed, "removed"}, {s->renamed, "renamed"},
        {new_skips, "skipped"},
    };
    char line[256];
    size_t len = 0;
    for (size_t i = 0; i < sizeof part / sizeof *part; i++)
        if (part[i].n && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%u %s",
                                    len ? ", " : "", part[i].n, part[i].what);
    if (!len)
        return;
    char when[16];
    clock_now(when);
    fprintf(stderr, "jikji: %s %s%s\n", when, line,
            stopped ? " (stopped before the end)" : "");
}

/* Watching the index's vaults: a vault forgotten meanwhile ('jikji index
 * --forget' in another terminal) leaves live[0, *nlive), said once;
 * indexing it would list it again.  The list cannot be read: all stay. */
static void
drop_forgotten(jikji_db_t *db, watcher *w, char **live, size_t *nlive)
{
    char **vaults = NULL;
    if (jikji_db_vaults(db, cli_collect_name, &vaults) != JIKJI_OK) {
        cli_free_names(vaults);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < *nlive; i++) {
        /* A vault moved and linked back is listed where it is now. */
        char real[PATH_MAX], now[PATH_MAX];
        int here = realpath(live[i], real) != NULL, listed = 0;
        for (size_t v = 0; vaults && vaults[v] && !listed; v++)
            listed = !strcmp(vaults[v], live[i]) ||
                     (here && realpath(vaults[v], now) && !strcmp(now, real));
        if (listed) {
            live[k++] = live[i];
            for (size_t r = 0; r < w->tree.nroots; r++)
                if (w->tree.roots[r].path == live[i])
                    w->tree.roots[r].forgotten = 0; /* indexed again */
            continue;
        }
        for (size_t r = 0; r < w->tree.nroots; r++) {
            wt_root *root = &w->tree.roots[r];
            if (root->path == live[i] && !root->forgotten) {
                root->forgotten = 1;
                if (!w->quiet)
                    cli_warnf("%s: no longer a vault of the index (forgotten); "
                              "no longer updated", cli_display_path(live[i]));
            }
        }
    }
    *nlive = k;
    cli_free_names(vaults);
}

/* Watching the index's vaults: the vaults indexed since (by 'jikji index
 * DIR' in another terminal) are watched too, and said.  Returns how many,
 * or -1 out of memory.  An index that cannot be read now: none. */
static int
watch_new_vaults(cli_global *g, watcher *w)
{
    char *dir = cli_db_dir(g), *msg = NULL;
    jikji_db_t *db = NULL;
    char **vaults = NULL;
    if (dir && jikji_db_open(dir, JIKJI_DB_READ, &db, &msg) == JIKJI_OK)
        jikji_db_vaults(db, cli_collect_name, &vaults);
    jikji_db_close(db);
    jikji_free(msg);
    free(dir);
    int added = 0;
    for (size_t v = 0; vaults && vaults[v]; v++) {
        char real[PATH_MAX], other[PATH_MAX];
        int here = realpath(vaults[v], real) != NULL, known = 0;
        for (size_t i = 0; i < w->tree.nroots && !known; i++)
            known = !strcmp(w->tree.roots[i].path, vaults[v]) ||
                    (here && realpath(w->tree.roots[i].path, other) &&
                     !strcmp(other, real));
        if (known)
            continue;
        char **grown = realloc(w->added, (w->nadded + 1) * sizeof *grown);
        char *copy = strdup(vaults[v]);
        if (!grown || !copy || wt_add_root(&w->tree, copy) < 0) {
            if (grown)
                w->added = grown;
            free(copy);
            cli_free_names(vaults);
            cli_errorf("out of memory");
            return -1;
        }
        w->added = grown;
        w->added[w->nadded++] = copy;
        wt_watch_root(&w->tree, &w->tree.roots[w->tree.nroots - 1]);
        if (!w->quiet) {
            char when[16];
            clock_now(when);
            fprintf(stderr, "jikji: %s also watching ", when);
            cli_put_path(stderr, vaults[v]);
            fputs(" (indexed since watch started)\n", stderr);
        }
        added++;
    }
    cli_free_names(vaults);
    return added;
}

/* The index cannot be written now (msg: a full disk, a read-only file
 * system): said once until an update gets through, with when it is tried
 * again. */
static void
say_limited(watcher *w, jikji_status_t st, const char *msg)
{
    if (!w->limited) {
        cli_error(st, msg);
        if (!w->quiet)
            cli_warnf("will retry every %d s", JK_WATCH_LOCKED_RETRY_MS / 1000);
    }
    w->limited = 1;
}

/* One incremental index run, stopped at the next note by a signal once
 * stop_at of them have come.  0 done (or nothing to index), 1 the index is
 * locked by another writer or cannot be written now (a full disk; said once,
 * to be retried), 2 stopped by a signal (the notes done are committed),
 * -1 after reporting an error. */
static int
update(cli_global *g, watcher *w, int stop_at)
{
    /* A vault may be deleted or moved while watched: its notes stay
     * indexed, as `jikji index` leaves a vault that no longer exists, and
     * the others go on. */
    wt_tree *t = &w->tree;
    char **live = t->nroots ? calloc(t->nroots, sizeof *live) : NULL;
    size_t nlive = 0;
    if (t->nroots && !live) {
        cli_errorf("out of memory");
        return -1;
    }
    for (size_t i = 0; i < t->nroots; i++) {
        wt_root *r = &t->roots[i];
        if (access(r->path, F_OK) < 0) {
            if (!r->gone_said && !w->quiet)
                cli_warnf("%s: vault no longer exists; left as is (watched "
                          "for its return)", cli_display_path(r->path));
            r->gone_said = 1;
        } else if (access(r->path, r->file_vault ? R_OK : R_OK | X_OK) < 0) {
            /* One that cannot be read now (chmod) is left as is too:
             * named to the update, it would end watch for every vault. */
            if (!r->unreadable_said && !w->quiet)
                cli_warnf("%s: %s; left as is until it can be read",
                          cli_display_path(r->path), strerror(errno));
            r->unreadable_said = 1;
        } else {
            r->unreadable_said = 0;
            live[nlive++] = (char *)r->path;
        }
    }
    if (t->nroots && !nlive) {
        free(live);
        return 0;
    }
    /* Watching the index's vaults, an index deleted meanwhile is an
     * error: the open for writing would create an empty one, whose vault
     * list has none of them. */
    if (!w->npaths && cli_require_index(g, 0) < 0) {
        free(live);
        return -1;
    }
    char *locked = NULL;
    jikji_db_t *db = cli_open_db_or_locked(g, JIKJI_DB_WRITE, &locked,
                                           &stop_requested);
    if (!db) {
        free(live);
        if (!locked)
            return -1;
        if (cli_limit_hint(locked)) {
            say_limited(w, JIKJI_EIO, locked);
        } else {
            if (!w->quiet && !w->locked)
                cli_warnf("%s; will retry every %d s", locked,
                          JK_WATCH_LOCKED_RETRY_MS / 1000);
            w->locked = 1;
        }
        free(locked);
        return 1;
    }
    w->locked = 0;
    if (!w->npaths && t->nroots) {
        drop_forgotten(db, w, live, &nlive);
        if (!nlive) { /* no paths would index every listed vault */
            free(live);
            jikji_db_close(db);
            return 0;
        }
    }
    /* A synonyms file broken by an edit in progress must not stop the
     * notes' updates once watch runs: they go on with a handle that
     * loaded no groups, which leaves the index's as they are (said once
     * until fixed).  At the start it is an error, as for 'jikji index'. */
    int syn = cli_load_synonyms(g, db, 1, (w->started ? CLI_SYN_KEEP : 0) |
                                (w->quiet || w->synonyms_broken
                                     ? CLI_SYN_QUIET : 0));
    if (syn > 0) {
        jikji_db_close(db);
        db = cli_open_db_or_locked(g, JIKJI_DB_WRITE, &locked,
                                   &stop_requested);
        if (!db && locked) { /* taken meanwhile: retried as above */
            if (cli_limit_hint(locked))
                w->limited = 1;
            else
                w->locked = 1;
            free(locked);
            free(live);
            return 1;
        }
    }
    if (syn < 0 || !db) {
        free(live);
        jikji_db_close(db);
        return -1;
    }
    w->synonyms_broken = syn > 0;
    w->stop_at = stop_at;
    w->signal_seen = 0;
    w->new_skips = 0;
    jikji_index_opts_t io = {.on_warning = on_warning, .ud = w,
                             .should_stop = should_stop};
    jikji_index_stats_t s;
    jikji_status_t st = jikji_index(db, (const char *const *)live, nlive,
                                    &io, &s);
    free(live);
    int stopped = st == JIKJI_ECANCELED;
    /* A full disk or a read-only index is no reason to stop watching, as
     * nobody may be there to start it again: said once, tried again like
     * a locked index.  What was committed stays. */
    int limited = st != JIKJI_OK && !stopped &&
                  cli_limit_hint(jikji_db_errmsg(db)) != NULL;
    if (limited) {
        say_limited(w, st, jikji_db_errmsg(db));
    } else {
        w->limited = 0;
        if (st != JIKJI_OK && !stopped)
            cli_error(st, jikji_db_errmsg(db));
    }
    jikji_status_t cst = jikji_db_close(db);
#ifdef __GLIBC__
    /* What the update held (a huge note is held whole until its commit)
     * goes back to the system, not kept while watch waits. */
    malloc_trim(0);
#endif
    if ((st == JIKJI_OK || stopped) && cst != JIKJI_OK) {
        cli_error(cst, "committing the index");
        st = cst;
        stopped = 0;
    }
    if (limited)
        return 1;
    if (st != JIKJI_OK && !stopped)
        return -1;
    if (!w->quiet)
        say_update(&s, w->new_skips, stopped);
    return stopped ? 2 : 0;
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
        {"synonyms", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    watcher w = {.tree = {.fd = -1}};
    int mounts = -1; /* /proc/self/mountinfo, polled for mounts */
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q': w.quiet = 1; break;
        case 'd': g->db = optarg; break;
        case 'S': g->synonyms = optarg; break;
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
    char *dbdir = cli_db_dir(g);
    /* Watch first, then update: a save during the first update is seen. */
    if (wt_open(&w.tree, w.quiet) < 0) {
        char max[32];
        wt_inotify_limit("max_user_instances", max);
        if (errno == EMFILE) /* also the open files' limit: say both */
            cli_errorf("inotify cannot start: the limit of inotify "
                       "instances, fs.inotify.max_user_instances (%s), is "
                       "reached (editors and file managers hold them too), "
                       "or that of open files (ulimit -n).  Raise it: sysctl "
                       "fs.inotify.max_user_instances=1024", max);
        else
            cli_errorf("inotify: %s", strerror(errno));
        goto out;
    }
    /* The vaults to watch: those given, or every vault of the index. */
    if (w.npaths == 0) {
        jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
        if (!db)
            goto out;
        jikji_db_vaults(db, cli_collect_name, &vaults);
        jikji_db_close(db);
    }
    for (size_t i = 0; w.npaths ? i < w.npaths : vaults && vaults[i]; i++)
        if (wt_add_root(&w.tree, w.npaths ? w.paths[i] : vaults[i]) < 0) {
            cli_errorf("out of memory");
            goto out;
        }
    if (dbdir)
        wt_locate_db(&w.tree, dbdir);
    for (size_t i = 0; i < w.tree.nroots; i++)
        wt_watch_root(&w.tree, &w.tree.roots[i]);
    /* A vault whose own folder cannot be watched would never be updated
     * (no event ever comes from it): an error, not a warning. */
    for (size_t i = 0; i < w.tree.nroots; i++)
        if (w.tree.roots[i].no_room) {
            char max[32];
            wt_inotify_limit("max_user_watches", max);
            cli_errorf("%s cannot be watched: the inotify limit "
                       "fs.inotify.max_user_watches (%s) is reached (other "
                       "programs may hold the watches).  Raise it: sysctl "
                       "fs.inotify.max_user_watches=524288, and start 'jikji "
                       "watch' again", cli_display_path(w.tree.roots[i].path),
                       max);
            goto out;
        }
    wt_limit_warning(&w.tree);
    int first = update(g, &w, 0);
    if (first < 0)
        goto out;
    w.started = 1;
    if (dbdir) /* the first update may have created the index */
        wt_locate_db(&w.tree, dbdir);
    /* Watching the index's vaults: one indexed from elsewhere meanwhile
     * joins them (QA: it was never watched until a restart). */
    if (dbdir && !w.npaths)
        wt_watch_index(&w.tree, dbdir);
    if (first == 2) {
        code = stopped_message(&w, 1);
        goto out;
    }
    if (!w.quiet && !stop_requested) {
        size_t nv = wt_vault_count(&w.tree);
        fprintf(stderr, "jikji: watching %zu vault%s; Ctrl-C to stop\n", nv,
                nv == 1 ? "" : "s");
    }

    /* when to update, or -1; a locked index is tried again later */
    long long due = first == 1 ? now_ms() + JK_WATCH_LOCKED_RETRY_MS : -1;
    long long waiting_since = -1; /* the first change not yet indexed */
    /* inotify says nothing of mounts: a vault on a drive unmounted and
     * mounted again (a USB disk, a network share), or a mount over a
     * vault's folder, was never watched again.  The mount table's file
     * polls POLLPRI at each change: every vault is then watched anew. */
    mounts = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    while (!stop_requested) {
        int timeout = -1;
        if (due >= 0) {
            long long left = due - now_ms();
            timeout = left > 0 ? (int)left : 0;
        }
        struct pollfd pfd[2] = {{.fd = w.tree.fd, .events = POLLIN},
                                {.fd = mounts, .events = POLLPRI}};
        int r = poll(pfd, mounts >= 0 ? 2 : 1, timeout);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            cli_errorf("poll: %s", strerror(errno));
            goto out;
        }
        int remount = mounts >= 0 && (pfd[1].revents & (POLLPRI | POLLERR));
        if (remount) {
            /* Opened again, the file polls for the next change. */
            close(mounts);
            mounts = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
            w.tree.rescan = 1;
        }
        int changed = r > 0 && wt_drain(&w.tree);
        if (w.tree.index_changed && !w.npaths && dbdir) {
            w.tree.index_changed = 0;
            if (w.tree.index_wd < 0)
                wt_watch_index(&w.tree, dbdir);
            int added = watch_new_vaults(g, &w);
            if (added < 0)
                goto out;
            changed |= added > 0; /* an edit made before its watch */
        }
        if (changed || remount) {
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
    if (wt_drain(&w.tree) || due >= 0) {
        int u = update(g, &w, 1);
        if (u < 0)
            goto out;
        if (u == 1) {
            cli_errorf("stopped with changes not indexed: the index is "
                       "still %s; run 'jikji index'",
                       w.limited ? "not writable (see above)" : "locked");
            goto out;
        }
        code = stopped_message(&w, u == 2);
        goto out;
    }
    code = stopped_message(&w, 0);
out:
    if (mounts >= 0)
        close(mounts);
    wt_close(&w.tree);
    for (size_t i = 0; i < w.nsaid; i++)
        free(w.said[i]);
    free(w.said);
    cli_free_names(vaults);
    for (size_t i = 0; i < w.nadded; i++)
        free(w.added[i]);
    free(w.added);
    free(dbdir);
    return code == EXIT_HIT ? cli_finish(code) : code;
}

const cli_command cli_watch_cmd = {
    "watch", run_watch, "watch [-q] [PATH...]", help_text, 0,
};
