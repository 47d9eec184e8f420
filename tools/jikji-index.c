/* jikji-index.c - `jikji index`: build or update the index. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char help_text[] =
"Index the Markdown and text notes under each PATH (a directory or a file).\n"
"The first run builds the index; later runs re-read only new and changed\n"
"notes and remove notes that were deleted.  Without PATH, every vault indexed\n"
"before is updated.\n"
"\n"
"Skipped: hidden files and folders (.git, .obsidian, .trash, ...),\n"
"node_modules, files other than .md .markdown .mdx .txt, symlinked folders\n"
"(symlinked files are followed), binary and UTF-16 files, files over\n"
"64 MiB.  Every skipped file is reported with the reason.\n"
"\n"
"Options:\n"
"  --rebuild       discard the index and build it anew\n"
"  -q, --quiet     no warnings, no summary (errors are still reported)\n"
"  --synonyms FILE your synonyms (YAML, a list of groups: `- [kafka, 카프카]`),\n"
"                  stored with the built-in loanword dictionary for searches\n"
"                  (default: ~/.config/jikji/synonyms.yaml if it exists;\n"
"                  re-run 'jikji index' after editing it)\n"
"  --db DIR        index location (see 'jikji --help')\n"
"\n"
"A summary line on stderr says what was added, updated, removed, unchanged\n"
"and skipped.  Exit status: 0 done (even if some files were skipped),\n"
"2 error (nothing after the last commit is lost; run it again).\n";

typedef struct index_ui {
    int quiet;
    unsigned warnings;
} index_ui;

static void
on_warning(void *ud, const char *path, unsigned line, jikji_status_t st,
           const char *msg)
{
    index_ui *ui = ud;
    ui->warnings++;
    if (ui->quiet)
        return;
    (void)st;
    if (line)
        cli_warnf("%s:%u: %s", cli_display_path(path), line, msg);
    else
        cli_warnf("%s: %s", cli_display_path(path), msg);
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
run_index(cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"rebuild", no_argument, NULL, 'r'},
        {"quiet", no_argument, NULL, 'q'},
        {"db", required_argument, NULL, 'd'},
        {"synonyms", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int rebuild = 0, c;
    index_ui ui = {0};
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
        switch (c) {
        case 'r': rebuild = 1; break;
        case 'q': ui.quiet = 1; break;
        case 'd': g->db = optarg; break;
        case 'S': g->synonyms = optarg; break;
        case 'h':
            printf("usage: jikji %s\n\n%s", cli_index_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        default:
            return cli_bad_option(&cli_index_cmd, c, argv);
        }
    }
    double t0 = now();
    /* A path that does not exist fails the run before the index is
     * created or changed. */
    for (int i = optind; i < argc; i++)
        if (access(argv[i], R_OK) < 0) {
            cli_errorf("%s: %s", argv[i], strerror(errno));
            return EXIT_ERROR;
        }
    /* --rebuild without a path rebuilds the vaults the index has now:
     * read their list before the index is discarded. */
    char **vaults = NULL;
    size_t nvaults = 0;
    if (rebuild && optind == argc) {
        jikji_db_t *old = cli_open_db(g, JIKJI_DB_READ);
        if (!old)
            return EXIT_ERROR;
        jikji_status_t vs = jikji_db_vaults(old, cli_collect_name, &vaults);
        jikji_db_close(old);
        if (vs != JIKJI_OK) {
            cli_error(vs, "reading the vault list");
            return EXIT_ERROR;
        }
        while (vaults && vaults[nvaults])
            nvaults++;
        if (!nvaults) {
            cli_errorf("the index has no vault to rebuild; name a directory");
            free(vaults);
            return EXIT_ERROR;
        }
    }
    jikji_db_t *db = cli_open_db(g, rebuild ? JIKJI_DB_REBUILD : JIKJI_DB_WRITE);
    if (!db)
        return EXIT_ERROR;
    if (cli_load_synonyms(g, db, 1) < 0) {
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    jikji_index_opts_t io = {.on_warning = on_warning, .ud = &ui};
    jikji_index_stats_t s;
    jikji_status_t st = nvaults
        ? jikji_index(db, (const char *const *)vaults, nvaults, &io, &s)
        : jikji_index(db, (const char *const *)argv + optind,
                      (size_t)(argc - optind), &io, &s);
    for (size_t i = 0; i < nvaults; i++)
        free(vaults[i]);
    free(vaults);
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
                "%u skipped; %llu sections written (%.1f MB read) in %.2f s; "
                "index: %llu notes, %llu sections\n",
                s.added, s.updated, s.removed, s.unchanged, s.skipped,
                (unsigned long long)s.sections, (double)s.bytes / 1e6,
                now() - t0, (unsigned long long)ds.notes,
                (unsigned long long)ds.sections);
    return cli_finish(EXIT_HIT);
}

const cli_command cli_index_cmd = {
    "index", run_index, "index [--rebuild] [-q] [PATH...]", help_text,
};
