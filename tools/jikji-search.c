/* jikji-search.c - `jikji search`: ranked sections with snippets. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


#include "cli.h"
#include "emit.h"

static const char help_text[] =
"Search the index and print the best matching sections, best first.\n"
"The arguments are joined with spaces into one query:\n"
"\n"
"  Kafka 재시도         sections with both words (then, if fewer than a page,\n"
"                      sections with some of them)\n"
"  \"재시도 토픽\"        the exact phrase          -word   without this word\n"
"  Redis OR 레디스      either                   ( )     grouping\n"
"  tag:kafka  category:면접후기  title:쿠팡  heading:꼬리 (the section's own\n"
"  heading)  path:interviews/ (vault-relative prefix)\n"
"  date:2024-07..2025-06  date:2025..  after:2024-07  before:2025  (YYYY,\n"
"  YYYY-MM or YYYY-MM-DD of the note's date/created, else the date its\n"
"  file name starts with; both ends inclusive)\n"
"\n"
"A Korean word matches whatever particle or ending follows it in a note\n"
"(재시도 finds 재시도를, 재시도하도록); a particle in the query is optional\n"
"(Kafka를 finds Kafka), and so is a question word beside other words (왜,\n"
"어떻게, how); a filler beside them (있는, 분) is not searched; a verb finds\n"
"its other forms (막으셨어요 finds 막았습니다, 썼던 썼고, 도운 도왔다);\n"
"`retry count` finds retryCount; English words match\n"
"their other forms (retries, retried).  Put '--' before a query that starts\n"
"with '-'.\n"
"\n"
"Options:\n"
"  --json              JSON Lines: one object per hit, then a summary\n"
"                      (schema in README.md)\n"
"  -l, --files-with-matches\n"
"                      print each matching note once, best first (with\n"
"                      --json: the note's best hit record, snippet empty);\n"
"                      -n and --offset then count notes\n"
"  -c, --count         print the number of matching sections\n"
"  --vimgrep           PATH:LINE:COL:HEADING PATH: SNIPPET (quickfix lists)\n""                      (one output format: only --json -l go together)\n"
"  -n, --limit N       at most N hits (default 10; with -l, 1000 notes)\n"
"  --offset N          skip the first N hits (paging)\n"
"  --sort ORDER        relevance (default), date (newest note first) or path\n"
"  --color WHEN        auto, always or never (default auto: colour on a\n"
"                      terminal unless NO_COLOR is set or TERM=dumb)\n"
"  --explain           first print on stderr how the query is understood:\n"
"                      terms, phrases, particles, synonyms, sound-alikes\n"
"  --no-expand         words only as typed (and their English stems): no\n"
"                      synonyms, no sound-alikes\n"
"  --synonyms FILE     more synonyms for this search (YAML: `- [kafka, 카프카]`\n"
"                      per group); 'jikji index' stores the built-in\n"
"                      dictionary and ~/.config/jikji/synonyms.yaml\n"
"  --db DIR            index location (see 'jikji --help')\n"
"\n"
"Words are also searched in their other script and spelling (카프카 and\n"
"Kafka, 메세지 and 메시지) through the built-in loanword dictionary, and a\n"
"Hangul loanword that is not in it finds the vault's Latin word that sounds\n"
"the same (젠킨스 finds Jenkins, 테라폼으로 finds Terraform).\n"
"\n"
"Output: on a terminal, hits grouped by note: rank, the line where the\n"
"section starts, its heading path, and a snippet with the matched words\n"
"marked.  Piped: one hit per line, PATH:LINE:HEADING PATH<TAB>SNIPPET.\n"
"\n"
"A word in no note is said on a terminal with a spelling suggestion\n"
"(Kafak: kafka; 제시도: 재시도, a Korean typo such as ㅔ for ㅐ); --json\n"
"gives it in the summary.\n"
"\n"
"Exit status: 0 hits found, 1 no hits (on a terminal also said on\n"
"stderr), 2 error (no index, bad option, malformed query: the message\n"
"says where).\n";

enum format { FMT_AUTO, FMT_JSON, FMT_FILES, FMT_COUNT, FMT_VIMGREP,
              FMT_JSON_FILES /* --json with -l: a hit record per note */ };

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Join argv[from..argc) with spaces; NULL on out of memory. */
static char *
join_args(int argc, char **argv, int from)
{
    size_t len = 1;
    for (int i = from; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *q = malloc(len);
    if (!q)
        return NULL;
    q[0] = '\0';
    for (int i = from; i < argc; i++) {
        if (i > from)
            strcat(q, " ");
        strcat(q, argv[i]);
    }
    return q;
}

/* Print the hits of res in format fmt. */
static void
print_hits(cli_global *g, jikji_results_t *res, enum format fmt)
{
    int color = fmt == FMT_AUTO && cli_use_color(g, stdout);
    int pretty = fmt == FMT_AUTO && isatty(fileno(stdout));
    unsigned cols = pretty ? cli_term_cols(stdout) : 0;
    const char *prev = NULL;
    size_t n = jikji_results_count(res);
    for (size_t i = 0; i < n; i++) {
        const jikji_hit_t *h = jikji_results_get(res, i);
        switch (fmt) {
        case FMT_JSON: emit_hit_json(stdout, h); break;
        case FMT_VIMGREP: emit_hit_vimgrep(stdout, h); break;
        case FMT_FILES: /* one hit per note (JIKJI_SEARCH_BY_NOTE) */
            cli_put_path(stdout, h->path);
            putchar('\n');
            break;
        case FMT_JSON_FILES: emit_hit_json(stdout, h); break;
        default:
            if (pretty)
                emit_hit_pretty(stdout, h, color, prev, cols);
            else
                emit_hit_line(stdout, h, color);
        }
        prev = h->path;
    }
}

/* Print "jikji: LEAD; did you mean: ..." when a word of query is in no
 * section and a word of the index is close (Kafak -> kafka).  Returns
 * whether it printed. */
static int
say_suggestion(jikji_db_t *db, const char *query, const char *lead)
{
    char *fix = NULL;
    int said = jikji_suggest(db, query, &fix) == JIKJI_OK && fix;
    if (said)
        fprintf(stderr, "jikji: %s; did you mean: %s\n", lead, fix);
    jikji_free(fix);
    return said;
}

int
cli_search_run(cli_global *g, const jikji_search_opts_t *so, int fmt_in,
               const void *arg, cli_produce_fn produce, const char *explain)
{
    enum format fmt = (enum format)fmt_in;
    double t0 = now_ms();
    jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
    if (!db)
        return EXIT_ERROR;
    if (cli_load_synonyms(g, db, 0, 0) < 0) {
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    if (so->flags & CLI_NO_EXPAND)
        jikji_db_set_expansion(db, 0);
    jikji_status_t st;
    if ((so->flags & CLI_EXPLAIN) && explain) {
        char *text = NULL;
        st = jikji_explain(db, explain, &text);
        if (st != JIKJI_OK) {
            cli_error(st, jikji_db_errmsg(db));
            jikji_db_close(db);
            return EXIT_ERROR;
        }
        cli_put_text(stderr, text, strlen(text), 1); /* it quotes the query */
        jikji_free(text);
    }
    jikji_search_opts_t lib = *so;
    lib.flags &= ~(CLI_EXPLAIN | CLI_NO_EXPAND);
    jikji_results_t *res = produce(db, arg, &lib, &st);
    if (!res) {
        cli_error(st, jikji_db_errmsg(db));
        jikji_db_close(db);
        return EXIT_ERROR;
    }
    size_t n = jikji_results_count(res);
    uint64_t total = jikji_results_estimate(res);
    if (fmt == FMT_COUNT)
        printf("%llu\n", (unsigned long long)total);
    else
        print_hits(g, res, fmt);
    if (fmt == FMT_JSON || fmt == FMT_JSON_FILES) {
        printf("{\"type\":\"summary\",\"version\":1,\"hits\":%zu,"
               "\"offset\":%u,\"estimated_total\":%llu,\"elapsed_ms\":%.1f,"
               "\"suggestion\":",
               n, so->offset, (unsigned long long)total, now_ms() - t0);
        /* What a terminal would be told (did you mean), for a script or
         * an editor to offer; a failed lookup is no suggestion. */
        char *fix = NULL;
        if (explain && jikji_suggest(db, explain, &fix) != JIKJI_OK)
            fix = NULL;
        if (fix)
            emit_json_string(stdout, fix);
        else
            fputs("null", stdout);
        fputs("}\n", stdout);
        jikji_free(fix);
    }
    int found = fmt == FMT_COUNT ? total > 0 : n > 0;
    /* A person at a terminal sees that nothing was found, and why, in any
     * format of lines (-c prints its 0); a pipe gets only the exit status,
     * as from grep. */
    int person = (fmt == FMT_AUTO || fmt == FMT_FILES || fmt == FMT_VIMGREP) &&
                 isatty(fileno(stdout));
    /* After an upgrade, until the next `jikji index`, notes are searched
     * as the older jikji read them: say so, once a search. */
    int current = 1;
    if (person && jikji_db_notes_current(db, &current) == JIKJI_OK &&
        !current)
        fprintf(stderr, "jikji: some notes were read by an older jikji and "
                "are searched as it read them until 'jikji index'\n");
    if (!found && person) {
        if (total)
            fprintf(stderr, "jikji: no hits past the first %llu\n",
                    (unsigned long long)total);
        else if (!explain)
            fprintf(stderr, "jikji: no hits\n");
        else if (!say_suggestion(db, explain, "no hits"))
            fprintf(stderr, "jikji: no hits (how the words were searched: "
                    "jikji search --explain)\n");
    } else if (found && person && explain) {
        /* Hits for the other words hide a misspelt one (Kafak 재시도
         * finds the 재시도 sections): say what it was likely meant as. */
        say_suggestion(db, explain, "a word is in no note");
    }
    int code = cli_finish(found ? EXIT_HIT : EXIT_NONE);
    jikji_results_free(res);
    jikji_db_close(db);
    return code;
}

/* Parse the output options shared by search and similar.  Returns 0 when
 * the option was one of them, 1 when it was not, or EXIT_ERROR + 10 after a
 * usage error was reported. */
int
cli_parse_output_option(const cli_command *cmd, cli_global *g, int c,
                        jikji_search_opts_t *so, int *fmt, int *limit_set)
{
    long v;
    /* One output format; --json and -l go together (a record per note).
     * Any other pair is a mistake, not a silent choice. */
    static const char *const names[] = {
        [FMT_JSON] = "--json", [FMT_FILES] = "-l", [FMT_COUNT] = "-c",
        [FMT_VIMGREP] = "--vimgrep", [FMT_JSON_FILES] = "--json -l"};
    int want = c == 'j' ? FMT_JSON : c == 'l' ? FMT_FILES
                     : c == 'c' ? FMT_COUNT : FMT_VIMGREP;
    if ((c == 'j' || c == 'l' || c == 'c' || c == 'V') && *fmt != FMT_AUTO &&
        *fmt != want && !((want == FMT_JSON || want == FMT_FILES) &&
                          (*fmt == FMT_JSON || *fmt == FMT_FILES ||
                           *fmt == FMT_JSON_FILES)))
        return 10 + cli_usage_error(cmd, "%s and %s cannot be combined: "
                                    "pick one output format", names[*fmt],
                                    names[want]);
    switch (c) {
    case 'j':
        *fmt = (*fmt == FMT_FILES || *fmt == FMT_JSON_FILES) ? FMT_JSON_FILES
                                                             : FMT_JSON;
        return 0;
    case 'l':
        *fmt = (*fmt == FMT_JSON || *fmt == FMT_JSON_FILES) ? FMT_JSON_FILES
                                                            : FMT_FILES;
        return 0;
    case 'c': *fmt = FMT_COUNT; return 0;
    case 'V': *fmt = FMT_VIMGREP; return 0;
    case 'n':
        if ((v = cli_parse_count(optarg)) <= 0)
            return 10 + cli_usage_error(cmd, "--limit takes a number from 1 to "
                                        "%d, not '%s'", CLI_COUNT_MAX, optarg);
        so->limit = (unsigned)v;
        *limit_set = 1;
        return 0;
    case 'o':
        if ((v = cli_parse_count(optarg)) < 0)
            return 10 + cli_usage_error(cmd, "--offset takes a number from 0 "
                                        "to %d, not '%s'", CLI_COUNT_MAX,
                                        optarg);
        so->offset = (unsigned)v;
        return 0;
    case 's':
        if (!strcmp(optarg, "relevance"))
            so->sort = JIKJI_SORT_RELEVANCE;
        else if (!strcmp(optarg, "date"))
            so->sort = JIKJI_SORT_DATE;
        else if (!strcmp(optarg, "path"))
            so->sort = JIKJI_SORT_PATH;
        else
            return 10 + cli_usage_error(cmd, "--sort takes relevance, date or "
                                        "path, not '%s'", optarg);
        return 0;
    case 'K':
        return cli_color_option(cmd, g, optarg) ? 10 + EXIT_ERROR : 0;
    case 'd': g->db = optarg; return 0;
    case 'S': g->synonyms = optarg; return 0;
    case 'E': so->flags |= CLI_EXPLAIN; return 0;
    case 'X': so->flags |= CLI_NO_EXPAND; return 0;
    }
    return 1;
}

/* Apply the defaults that depend on the format. */
void
cli_output_defaults(jikji_search_opts_t *so, int fmt, int limit_set)
{
    if (fmt == FMT_FILES || fmt == FMT_JSON_FILES) {
        so->flags |= JIKJI_SEARCH_NO_SNIPPETS | JIKJI_SEARCH_BY_NOTE;
        if (!limit_set)
            so->limit = 1000;
    }
    if (fmt == FMT_COUNT)
        so->flags |= JIKJI_SEARCH_COUNT;
    /* Only --json prints the estimate (-c counts on its own). */
    if (fmt != FMT_JSON && fmt != FMT_JSON_FILES)
        so->flags |= JIKJI_SEARCH_NO_ESTIMATE;
    /* On a terminal a snippet line (indented 4) is as wide as the window,
     * up to the usual 120 characters: Latin text fills one line and
     * Korean, two columns a character, two (at 80 columns a snippet of
     * 120 Korean characters wrapped over three). */
    unsigned cols = fmt == FMT_AUTO ? cli_term_cols(stdout) : 0;
    if (cols > 0) {
        unsigned chars = cols > 4 ? cols - 4u : 0;
        so->snippet_chars = chars < 40 ? 40 : chars > 120 ? 120 : chars;
    }
}

static jikji_results_t *
do_search(jikji_db_t *db, const void *query, const jikji_search_opts_t *so,
          jikji_status_t *st)
{
    jikji_results_t *res = NULL;
    *st = jikji_search(db, query, so, &res);
    return res;
}

static int
run_search(cli_global *g, int argc, char **argv)
{
    const struct option *opts = cli_output_options;
    int fmt = FMT_AUTO, limit_set = 0, c;
    jikji_search_opts_t so = {.limit = 10};
    opterr = 0;
    while ((c = getopt_long(argc, argv, CLI_OUTPUT_SHORTOPTS, opts, NULL)) != -1) {
        /* `-h` alone or last in a cluster (`-ch`, --help) asks for help;
         * inside a word (`-handle Object`) getopt has not moved past it,
         * and that is a query starting with '-', as `-kafka` is. */
        if (c == 'h' && optind < argc && optind > 0 &&
            !(argv[optind - 1][0] == '-' &&
              argv[optind - 1][strlen(argv[optind - 1]) - 1] == 'h'))
            return cli_usage_error(&cli_search_cmd, "'%s' is no option"
                                   CLI_DASH_HINT, argv[optind]);
        if (c == 'h') {
            printf("usage: jikji %s\n\n%s", cli_search_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        }
        int r = cli_parse_output_option(&cli_search_cmd, g, c, &so, &fmt,
                                        &limit_set);
        if (r >= 10)
            return r - 10;
        if (r == 1)
            return cli_bad_option(&cli_search_cmd, c, argv);
    }
    if (optind >= argc)
        return cli_usage_error(&cli_search_cmd, "no query given");
    cli_output_defaults(&so, fmt, limit_set);
    char *query = join_args(argc, argv, optind);
    if (!query) {
        cli_error(JIKJI_ENOMEM, NULL);
        return EXIT_ERROR;
    }
    int code = cli_search_run(g, &so, fmt, query, do_search, query);
    free(query);
    return code;
}

const struct option cli_output_options[] = {
    {"json", no_argument, NULL, 'j'},
    {"files-with-matches", no_argument, NULL, 'l'},
    {"count", no_argument, NULL, 'c'},
    {"vimgrep", no_argument, NULL, 'V'},
    {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, 'o'},
    {"sort", required_argument, NULL, 's'},
    {"color", required_argument, NULL, 'K'},
    {"colour", required_argument, NULL, 'K'},
    {"db", required_argument, NULL, 'd'},
    {"synonyms", required_argument, NULL, 'S'},
    {"explain", no_argument, NULL, 'E'},
    {"no-expand", no_argument, NULL, 'X'},
    {"help", no_argument, NULL, 'h'},
    {0, 0, 0, 0},
};

const cli_command cli_search_cmd = {
    "search", run_search,
    "search [--json|-l|-c|--vimgrep] [-n N] [--offset N] [--sort ORDER] "
    "QUERY...", help_text, 1,
};
