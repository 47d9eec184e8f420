/* jikji-similar.c - `jikji similar PATH:LINE`: past answers like this one. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help_text[] =
"Print the sections most like the one containing line LINE of the note at\n"
"PATH: every story about the same topic.  The section's words that best set\n"
"it apart (used often there, rare elsewhere, twice in its heading; a Korean\n"
"word without its particle), joined with OR, are searched as a query; the\n"
"section itself is left out.  PATH:LINE is what 'jikji search' prints.\n"
"\n"
"Options: the output options of 'jikji search': --json, -l, -c, --vimgrep,\n"
"-n/--limit N, --offset N, --sort ORDER, --color WHEN, --db DIR,\n"
"--synonyms FILE;\n"
"--explain first prints on stderr the query and how it is understood;\n"
"--no-expand searches the words only as written.\n"
"\n"
"Exit status: 0 similar sections found, 1 none (on a terminal also said\n"
"on stderr), 2 error (the note or line\n"
"is not in the index, unreadable file, bad option).\n";

typedef struct target {
    char *path;
    unsigned line;
    int explain;
} target;

static jikji_results_t *
do_similar(jikji_db_t *db, const void *arg, const jikji_search_opts_t *so,
           jikji_status_t *st)
{
    const target *t = arg;
    jikji_results_t *res = NULL;
    if (t->explain) {
        char *query = NULL, *text = NULL;
        if ((*st = jikji_similar_query(db, t->path, t->line, &query)) !=
                JIKJI_OK ||
            (*query && (*st = jikji_explain(db, query, &text)) != JIKJI_OK)) {
            jikji_free(query);
            return NULL;
        }
        /* Words of the note, and a query quoted: as text, not controls. */
        const char *q = *query ? query
                        : "(no word of the section is in another section)";
        fputs("similar: ", stderr);
        cli_put_text(stderr, q, strlen(q), 0);
        fputc('\n', stderr);
        if (text)
            cli_put_text(stderr, text, strlen(text), 1);
        jikji_free(query);
        jikji_free(text);
    }
    *st = jikji_similar(db, t->path, t->line, so, &res);
    return res;
}

/* Split PATH:LINE; 0 or -1 (reported). */
int
cli_parse_path_line(const cli_command *cmd, const char *arg, char **path,
                    unsigned *line)
{
    const char *colon = strrchr(arg, ':');
    char *end = NULL;
    errno = 0;
    unsigned long v = colon && colon[1] >= '0' && colon[1] <= '9'
                          ? strtoul(colon + 1, &end, 10) : 0;
    /* A line past any note's end is that, however many digits it has;
     * the caller says so as typed (it was said as 4294967295). */
    if (colon && end && !*end && (errno == ERANGE || v > UINT_MAX))
        return -2;
    if (!colon || errno || !end || *end || v == 0) {
        cli_usage_error(cmd, "expected PATH:LINE with LINE >= 1, got '%s'", arg);
        return -1;
    }
    *path = strndup(arg, (size_t)(colon - arg));
    *line = (unsigned)v;
    if (*path)
        cli_same_name_on_disk(path);
    return *path ? 0 : -1;
}

static int
run_similar(cli_global *g, int argc, char **argv)
{
    int fmt = 0, limit_set = 0, c;
    jikji_search_opts_t so = {.limit = 10};
    opterr = 0;
    while ((c = getopt_long(argc, argv, CLI_OUTPUT_SHORTOPTS, cli_output_options,
                            NULL)) != -1) {
        if (c == 'h') {
            printf("usage: jikji %s\n\n%s", cli_similar_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        }
        int r = cli_parse_output_option(&cli_similar_cmd, g, c, &so, &fmt,
                                        &limit_set);
        if (r >= 10)
            return r - 10;
        if (r == 1)
            return cli_bad_option(&cli_similar_cmd, c, argv);
    }
    if (argc - optind != 1)
        return cli_usage_error(&cli_similar_cmd, "expected one PATH:LINE");
    target t = {.explain = (so.flags & CLI_EXPLAIN) != 0};
    int parsed = cli_parse_path_line(&cli_similar_cmd, argv[optind], &t.path,
                                     &t.line);
    if (parsed == -2) /* as a line past a note's end (jikji_similar()) */
        cli_errorf("%s: no section there: past the end of the note",
                   argv[optind]);
    if (parsed < 0)
        return EXIT_ERROR;
    cli_output_defaults(&so, fmt, limit_set);
    int code = cli_search_run(g, &so, fmt, &t, do_similar, NULL);
    free(t.path);
    return code;
}

const cli_command cli_similar_cmd = {
    "similar", run_similar,
    "similar [--json|-l|-c|--vimgrep] [-n N] [--offset N] [--sort ORDER] "
    "PATH:LINE", help_text, 1,
};
