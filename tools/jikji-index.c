/* jikji-index.c - `jikji index`: build or update the index. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "clock.h"

/* More writers than this would only add memory and smaller batches. */
#define JK_JOBS_MAX 16
#define JK_STR_(x) #x
#define JK_STR(x) JK_STR_(x)

static const char help_text[] =
"Index the Markdown and text notes under each PATH (a directory or a file).\n"
"The first run builds the index; later runs re-read only new and changed\n"
"notes and remove notes that were deleted.  Without PATH, every vault indexed\n"
"before is updated.\n"
"\n"
"Not looked at: hidden files and folders (.git, .obsidian, .trash, ...),\n"
"node_modules, files other than .md .markdown .mdx .txt, symlinked folders\n"
"(symlinked files are followed).  Skipped, and reported with the reason:\n"
"notes that are binary, UTF-16, unreadable or over 32 MiB.\n"
"\n"
"Options:\n"
"  --rebuild       discard the index and build it anew (without PATH: the\n"
"                  vaults it had, also in an index of an older version;\n"
"                  with PATH: only those, and a warning names each vault\n"
"                  they leave out)\n"
"  --forget        remove each PATH from the index instead: a vault (its\n"
"                  notes and its place among the vaults), a folder or a\n"
"                  note; PATH need not exist any more\n"
"  -j, --jobs N    writer threads of a first build (an empty index, a\n"
"                  rebuild), each with its own shard, merged at the end;\n"
"                  1 to 16; default: one per CPU, at most 2 (together\n"
"                  under 100 MB), one for a vault under 1 MiB\n"
"  -q, --quiet     no warnings, no summary (errors are still reported)\n"
"  --wait SECONDS  while another process writes the index (a `jikji watch`\n"
"                  keeping it current, another run), wait up to this long\n"
"                  for it before giving up with exit 2; default 3, 0 not at\n"
"                  all (a git hook with watch running: --wait 60)\n"
"  --synonyms FILE your synonyms (YAML, a list of groups: `- [kafka, 카프카]`),\n"
"                  stored with the built-in loanword dictionary for searches\n"
"                  (default: ~/.config/jikji/synonyms.yaml if it exists;\n"
"                  re-run 'jikji index' after editing it; without either,\n"
"                  the file an earlier run was given is read again)\n"
"  --db DIR        index location (see 'jikji --help')\n"
"\n"
"On a terminal a progress bar shows notes done, MB/s and the time left,\n"
"then how far the merge of the index after a first build is; piped, only\n"
"the summary is printed.\n"
"A summary line on stderr says what was added, updated, removed, unchanged,\n"
"skipped and renamed (moved with the same content: not re-read).\n"
"Ctrl-C (SIGINT, SIGTERM, SIGHUP) stops the run at the next note: what is\n"
"done is committed (a rebuild is abandoned, the index left as it was), and\n"
"the next run does the rest; a second Ctrl-C stops it at once.\n"
"Exit status: 0 done (even if some files were skipped),\n"
"2 error or stopped (nothing after the last commit is lost; run it again).\n";

typedef struct index_ui {
    int quiet;
    unsigned warnings;
    int bar;            /* draw a progress bar (stderr is a terminal) */
    int drawn;          /* a bar is on the screen */
    double start, last; /* when the run started / the bar was drawn */
    double merge_start; /* when the merge after the last note began, or 0 */
} index_ui;

/* Set by the first SIGINT, SIGTERM or SIGHUP (the handler then goes:
 * a second one stops the process at once). */
static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* jikji_index_opts_t's should_stop. */
static int
should_stop(void *ud)
{
    (void)ud;
    return stop_signal != 0;
}

/* Erase the progress bar before a warning or the summary. */
static void
clear_bar(index_ui *ui)
{
    if (ui->drawn) {
        fputs("\r\033[K", stderr);
        ui->drawn = 0;
    }
}

/* The bar (progress.h), at most ten times a second. */
static void
on_progress(void *ud, const jikji_progress_t *p)
{
    index_ui *ui = ud;
    double t = mono_seconds();
    if (!ui->bar || (t - ui->last < 0.1 && p->notes_done < p->notes_total))
        return;
    ui->last = t;
    if (p->merging && ui->merge_start == 0)
        ui->merge_start = t;
    char line[200];
    cli_progress_format(line, sizeof line, p, t - ui->start,
                        p->merging ? t - ui->merge_start : 0.0);
    /* One line of the window (the bar is ASCII): a wider one wrapped, and
     * each redraw left a line behind (QA: 10 columns). */
    unsigned cols = cli_term_cols(stderr);
    if (cols > 1 && strlen(line) >= cols)
        line[cols - 1] = '\0';
    fprintf(stderr, "\r\033[K%s", line);
    ui->drawn = 1;
}

static void
on_warning(void *ud, const char *path, unsigned line, jikji_status_t st,
           const char *msg)
{
    index_ui *ui = ud;
    ui->warnings++;
    if (ui->quiet)
        return;
    (void)st;
    clear_bar(ui);
    if (line)
        cli_warnf("%s:%u: %s", cli_display_path(path), line, msg);
    else
        cli_warnf("%s: %s", cli_display_path(path), msg);
}

/* The vaults of the index that none of paths holds: a --rebuild with
 * paths leaves them out.  An index that cannot be read says nothing here
 * (the run reports it). */
static void
warn_dropped_vaults(const cli_global *g, int n, char **paths)
{
    char *dir = cli_db_dir(g), **vaults = NULL;
    if (!dir || jikji_db_vaults_at(dir, cli_collect_name, &vaults, NULL) !=
                    JIKJI_OK) {
        free(dir);
        cli_free_names(vaults);
        return;
    }
    for (size_t v = 0; vaults && vaults[v]; v++) {
        /* A vault moved and linked back is kept where it is now. */
        char now[PATH_MAX];
        const char *where[2] = {vaults[v], realpath(vaults[v], now) ? now : NULL};
        int kept = 0;
        for (int i = 0; i < n && !kept; i++) {
            char real[PATH_MAX];
            if (!realpath(paths[i], real))
                continue;
            size_t rl = strlen(real);
            for (int k = 0; k < 2 && !kept; k++)
                kept = where[k] &&
                       (!strcmp(where[k], real) ||
                        (!strncmp(where[k], real, rl) &&
                         (where[k][rl] == '/' || (rl == 1 && real[0] == '/'))));
        }
        if (!kept)
            cli_warnf("--rebuild with paths keeps only those: the vault %s "
                      "will not be in the rebuilt index (rebuild without a "
                      "path to keep every vault)", vaults[v]);
    }
    free(dir);
    cli_free_names(vaults);
}

/* index --forget PATH...: take vaults (or notes, folders) out. */
static int
run_forget(cli_global *g, int n, char **paths, int quiet)
{
    if (n == 0)
        return cli_usage_error(&cli_index_cmd, "--forget needs the vaults "
                               "(or notes) to remove");
    if (cli_require_index(g, 0) < 0)
        return EXIT_ERROR;
    jikji_db_t *db = cli_open_db(g, JIKJI_DB_WRITE);
    if (!db)
        return EXIT_ERROR;
    jikji_index_stats_t s;
    jikji_status_t st = jikji_forget(db, (const char *const *)paths,
                                     (size_t)n, &s);
    if (st != JIKJI_OK) {
        cli_error(st, jikji_db_errmsg(db));
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    if (s.compact_failed && !quiet)
        cli_warnf("%s", jikji_db_errmsg(db));
    st = jikji_db_close(db);
    if (st != JIKJI_OK) {
        cli_error(st, "committing the index");
        return EXIT_ERROR;
    }
    if (!quiet)
        fprintf(stderr, "jikji: %u removed\n", s.removed);
    return cli_finish(EXIT_HIT);
}

static int
run_index(cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"rebuild", no_argument, NULL, 'r'},
        {"forget", no_argument, NULL, 'F'},
        {"quiet", no_argument, NULL, 'q'},
        {"db", required_argument, NULL, 'd'},
        {"synonyms", required_argument, NULL, 'S'},
        {"jobs", required_argument, NULL, 'j'},
        {"wait", required_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int rebuild = 0, forget = 0, jobs_set = 0, c;
    unsigned jobs = 0;
    index_ui ui = {0};
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qhj:", opts, NULL)) != -1) {
        switch (c) {
        case 'r': rebuild = 1; break;
        case 'F': forget = 1; break;
        case 'q': ui.quiet = 1; break;
        case 'd': g->db = optarg; break;
        case 'S': g->synonyms = optarg; break;
        case 'j': {
            long v = cli_parse_count(optarg);
            if (v < 1 || v > JK_JOBS_MAX)
                return cli_usage_error(&cli_index_cmd, "--jobs takes a number "
                                       "from 1 to " JK_STR(JK_JOBS_MAX)
                                       ", not '%s'", optarg);
            jobs = (unsigned)v;
            jobs_set = 1;
            break;
        }
        case 'W': {
            long v = cli_parse_count(optarg);
            if (v < 0 || v > 86400)
                return cli_usage_error(&cli_index_cmd, "--wait takes seconds "
                                       "from 0 to 86400, not '%s'", optarg);
            g->lock_wait = v;
            g->lock_wait_set = 1;
            break;
        }
        case 'h':
            printf("usage: jikji %s\n\n%s", cli_index_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        default:
            return cli_bad_option(&cli_index_cmd, c, argv);
        }
    }
    double t0 = mono_seconds();
    if (forget && (rebuild || jobs_set))
        return cli_usage_error(&cli_index_cmd, "--forget cannot be combined "
                               "with %s", rebuild ? "--rebuild" : "--jobs");
    if (forget)
        return run_forget(g, argc - optind, argv + optind, ui.quiet);
    /* Without a path the run updates the index's vaults: refuse before
     * opening for writing would create an empty index. */
    if (!rebuild && optind == argc && cli_require_index(g, 1) < 0)
        return EXIT_ERROR;
    /* A path that does not exist, or is neither a folder nor a note,
     * fails the run before the index is created or changed (an empty
     * index left behind answered searches with no hits, not "no index"). */
    for (int i = optind; i < argc; i++) {
        char msg[PATH_MAX + 128];
        if (access(argv[i], R_OK) < 0) {
            cli_errorf("%s: %s", argv[i], strerror(errno));
            return EXIT_ERROR;
        }
        if (jikji_index_path_check(argv[i], msg, sizeof msg) != JIKJI_OK) {
            cli_errorf("%s", msg);
            return EXIT_ERROR;
        }
    }
    /* --rebuild with paths keeps only those: say which vaults of the
     * index it leaves out, whose notes the rebuilt index will not have. */
    if (rebuild && optind < argc && !ui.quiet)
        warn_dropped_vaults(g, argc - optind, argv + optind);
    /* --rebuild without a path rebuilds the vaults the index has now:
     * read their list before the index is discarded. */
    char **vaults = NULL;
    size_t nvaults = 0;
    if (rebuild && optind == argc) {
        /* Also from an index of an incompatible version: rebuilding it is
         * what the error message for one tells the user to do. */
        char *dir = cli_db_dir(g), *msg = NULL;
        if (!dir) {
            cli_no_db_dir(g);
            return EXIT_ERROR;
        }
        jikji_status_t vs =
            jikji_db_vaults_at(dir, cli_collect_name, &vaults, &msg);
        if (vs != JIKJI_OK) {
            cli_error(vs, msg && *msg ? msg : dir);
            jikji_free(msg);
            free(dir);
            cli_free_names(vaults);
            return EXIT_ERROR;
        }
        free(dir);
        while (vaults && vaults[nvaults])
            nvaults++;
        if (!nvaults) {
            cli_errorf("the index has no vault to rebuild; name a directory");
            free(vaults);
            return EXIT_ERROR;
        }
        /* A rebuild reads every note again: a vault that is gone (a
         * drive not mounted?) would lose its notes, so say so first. */
        for (size_t i = 0; i < nvaults; i++)
            if (access(vaults[i], F_OK) < 0) {
                cli_errorf("cannot rebuild: the vault %s no longer exists "
                           "(%s), and its notes would be lost", vaults[i],
                           strerror(errno));
                fprintf(stderr, "jikji: hint: remove it first with 'jikji "
                        "index --forget %s', or rebuild the vaults you name: "
                        "'jikji index --rebuild DIR...'\n", vaults[i]);
                cli_free_names(vaults);
                return EXIT_ERROR;
            }
    }
    jikji_db_t *db = cli_open_db(g, rebuild ? JIKJI_DB_REBUILD : JIKJI_DB_WRITE);
    if (!db)
        return EXIT_ERROR;
    if (cli_load_synonyms(g, db, 1, ui.quiet ? CLI_SYN_QUIET : 0) < 0) {
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    ui.bar = !ui.quiet && isatty(fileno(stderr));
    ui.start = mono_seconds();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    jikji_index_opts_t io = {.on_warning = on_warning, .ud = &ui,
                             .on_progress = ui.bar ? on_progress : NULL,
                             .should_stop = should_stop, .jobs = jobs};
    /* For tests of the sharded first build on small vaults. */
    const char *shard = getenv("JIKJI_SHARD_SECTIONS");
    if (shard && *shard)
        io.shard_sections = strtoull(shard, NULL, 10);
    jikji_index_stats_t s;
    jikji_status_t st = nvaults
        ? jikji_index(db, (const char *const *)vaults, nvaults, &io, &s)
        : jikji_index(db, (const char *const *)argv + optind,
                      (size_t)(argc - optind), &io, &s);
    clear_bar(&ui);
    cli_free_names(vaults);
    if (st == JIKJI_ECANCELED) {
        /* Closing commits what is done (a rebuild's copy is dropped). */
        jikji_status_t cst = jikji_db_close(db);
        if (cst != JIKJI_OK)
            cli_error(cst, "committing the index");
        else if (!ui.quiet)
            fprintf(stderr, rebuild
                    ? "jikji: stopped (%s): the rebuild is abandoned and the "
                      "index is as it was; run it again to rebuild\n"
                    : "jikji: stopped (%s): %u added, %u updated, %u removed "
                      "so far are committed; run 'jikji index' again for the "
                      "rest\n", strsignal(stop_signal), s.added, s.updated,
                    s.removed);
        return EXIT_ERROR;
    }
    if (st != JIKJI_OK) {
        cli_error(st, jikji_db_errmsg(db));
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    jikji_db_stats_t ds = {0};
    jikji_db_get_stats(db, &ds);
    st = jikji_db_close(db);
    if (st != JIKJI_OK) {
        cli_error(st, "committing the index");
        return EXIT_ERROR;
    }
    if (!ui.quiet)
        fprintf(stderr,
                "jikji: %u added, %u updated, %u removed, %u unchanged, "
                "%u skipped, %u renamed; %llu sections written (%.1f MB read) "
                "in %.2f s; index: %llu notes, %llu sections\n",
                s.added, s.updated, s.removed, s.unchanged, s.skipped, s.renamed,
                (unsigned long long)s.sections, (double)s.bytes / 1e6,
                mono_seconds() - t0, (unsigned long long)ds.notes,
                (unsigned long long)ds.sections);
    if (!ui.quiet && s.reread)
        fprintf(stderr, "jikji: %u of the updated notes had not changed: an "
                "older jikji had read them, and this one reads notes "
                "differently\n", s.reread);
    return cli_finish(EXIT_HIT);
}

const cli_command cli_index_cmd = {
    "index", run_index, "index [--rebuild] [-j N] [-q] [--wait S] [PATH...] | index --forget PATH...", help_text, 0,
};
