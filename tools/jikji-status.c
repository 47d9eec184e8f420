/* jikji-status.c - `jikji status`: where the index is and what is in it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const char help_text[] =
"Print the index location and how many notes and sections it holds.\n"
"\n"
"Exit status: 0 index found, 2 error (no index).\n";

static int
run_status(cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': g->db = optarg; break;
        case 'h':
            printf("usage: jikji %s\n\n%s", cli_status_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        default:
            return cli_usage_error(&cli_status_cmd, "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error(&cli_status_cmd, "unexpected argument '%s'",
                               argv[optind]);
    jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
    if (!db)
        return EXIT_ERROR;
    jikji_db_stats_t s;
    jikji_status_t st = jikji_db_get_stats(db, &s);
    if (st != JIKJI_OK) {
        cli_error(st, jikji_db_errmsg(db));
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    char *dir = cli_db_dir(g);
    printf("index: %s\nnotes: %llu\nsections: %llu\n", dir ? dir : "?",
           (unsigned long long)s.notes, (unsigned long long)s.sections);
    free(dir);
    jikji_db_close(db);
    return cli_finish(EXIT_HIT);
}

const cli_command cli_status_cmd = {
    "status", run_status, "status", help_text,
};
