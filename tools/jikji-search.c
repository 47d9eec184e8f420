/* jikji-search.c - `jikji search`: ranked sections with snippets. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"

static const char help_text[] =
"Search the index and print the best matching sections, best first.\n"
"The words of QUERY are joined with spaces.  Sections containing every\n"
"word rank first; when fewer than --limit do, sections containing some of\n"
"the words follow.  A Korean word matches whatever particle or ending\n"
"follows it in a note (재시도 finds 재시도를, 재시도하도록); a particle in the\n"
"query is optional (Kafka를 finds Kafka); `retry count` finds retryCount;\n"
"English words match their other forms (retries, retried).\n"
"\n"
"Options:\n"
"  --json          JSON Lines, one object per hit (schema in README.md)\n"
"  -n, --limit N   at most N hits (default 10)\n"
"  --offset N      skip the first N hits (paging)\n"
"  --color WHEN    auto, always or never (default auto: colour on a\n"
"                  terminal unless NO_COLOR is set)\n"
"  --db DIR        index location (see 'jikji --help')\n"
"\n"
"Output: on a terminal, hits grouped by note: the line where the section\n"
"starts, its heading path, and a snippet with the matched words marked.\n"
"Piped: one hit per line, PATH:LINE:HEADING PATH<TAB>SNIPPET.\n"
"\n"
"Exit status: 0 hits found, 1 no hits, 2 error (no index, bad option,\n"
"query without a searchable word).\n";

static int
run_search(cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"color", required_argument, NULL, 'c'},
        {"colour", required_argument, NULL, 'c'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, c;
    long v;
    jikji_search_opts_t so = {.limit = 10};
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'n':
            if ((v = cli_parse_count(optarg)) <= 0)
                return cli_usage_error(&cli_search_cmd,
                                       "--limit takes a positive number, not '%s'",
                                       optarg);
            so.limit = (unsigned)v;
            break;
        case 'o':
            if ((v = cli_parse_count(optarg)) < 0)
                return cli_usage_error(&cli_search_cmd,
                                       "--offset takes a number, not '%s'", optarg);
            so.offset = (unsigned)v;
            break;
        case 'c':
            if ((v = cli_parse_color(optarg)) < 0)
                return cli_usage_error(&cli_search_cmd,
                                       "--color takes auto, always or never");
            g->color = (enum color_when)v;
            break;
        case 'd': g->db = optarg; break;
        case 'h':
            printf("usage: jikji %s\n\n%s", cli_search_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        case ':':
            return cli_usage_error(&cli_search_cmd, "option '%s' needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error(&cli_search_cmd, "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error(&cli_search_cmd, "no query given");
    size_t qlen = 0;
    for (int i = optind; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *query = malloc(qlen + 1);
    if (!query) {
        cli_error(JIKJI_ENOMEM, NULL);
        return EXIT_ERROR;
    }
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }

    jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
    if (!db) {
        free(query);
        return EXIT_ERROR;
    }
    jikji_results_t *res = NULL;
    jikji_status_t st = jikji_search(db, query, &so, &res);
    free(query);
    if (st != JIKJI_OK) {
        cli_error(st, jikji_db_errmsg(db));
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    int color = !json && cli_use_color(g, stdout);
    int pretty = !json && isatty(fileno(stdout));
    const char *prev = NULL;
    size_t n = jikji_results_count(res);
    for (size_t i = 0; i < n; i++) {
        const jikji_hit_t *h = jikji_results_get(res, i);
        if (json)
            emit_hit_json(stdout, h);
        else if (pretty)
            emit_hit_pretty(stdout, h, color, prev);
        else
            emit_hit_line(stdout, h, color);
        prev = h->path;
    }
    int code = cli_finish(n ? EXIT_HIT : EXIT_NONE);
    jikji_results_free(res);
    jikji_db_close(db);
    return code;
}

const cli_command cli_search_cmd = {
    "search", run_search,
    "search [--json] [-n N] [--offset N] [--color WHEN] QUERY...", help_text,
};
