/* jikji.c - main(): global options, the command table, exit codes.
 *
 *   jikji [--db DIR] [--color WHEN] COMMAND [OPTIONS] [ARGS]
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "heap.h"

static const cli_command *const commands[] = {
    &cli_index_cmd, &cli_search_cmd, &cli_show_cmd, &cli_similar_cmd,
    &cli_tags_cmd, &cli_status_cmd, &cli_watch_cmd,
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void
usage(FILE *f)
{
    fprintf(f,
"usage: jikji [--db DIR] [--color WHEN] [--synonyms FILE] COMMAND [OPTIONS] [ARGS]\n"
"\n"
"Offline full-text search for career notes (Markdown, Korean and English).\n"
"\n"
"Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %s\n", commands[i]->usage);
    fprintf(f,
"  help [COMMAND]\n"
"\n"
"Global options:\n"
"  --db DIR        index location (default: $JIKJI_DB, else\n"
"                  $XDG_DATA_HOME/jikji if absolute, else\n"
"                  ~/.local/share/jikji)\n"
"  --color WHEN    auto (default), always or never; NO_COLOR disables auto\n"
"  --synonyms FILE your synonyms, added to the built-in dictionary (see\n"
"                  'jikji help index')\n"
"  -h, --help      this help\n"
"  --version       print the version\n"
"\n"
"Exit status: 0 success or results found, 1 nothing found, 2 error.\n"
"Run 'jikji help COMMAND' for a command's options.\n");
}

static const cli_command *
find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i]->name, name))
            return commands[i];
    return NULL;
}

static int
help(const char *name)
{
    if (!name) {
        usage(stdout);
        return cli_finish(EXIT_HIT);
    }
    if (!strcmp(name, "help")) {
        printf("usage: jikji help [COMMAND]\n\nPrint jikji's usage, or the "
               "help of COMMAND (the same as 'jikji COMMAND --help').\n");
        return cli_finish(EXIT_HIT);
    }
    const cli_command *c = find_command(name);
    if (!c) {
        cli_errorf("unknown command '%s'", name);
        fprintf(stderr, "Try 'jikji --help'.\n");
        return EXIT_ERROR;
    }
    printf("usage: jikji %s\n\n%s", c->usage, c->help);
    return cli_finish(EXIT_HIT);
}

int
main(int argc, char **argv)
{
    cli_global g = {.color = COLOR_AUTO};
    /* Past a file size limit (ulimit -f) a write should fail with EFBIG,
     * reported as an error, not kill jikji mid-commit without a word. */
    signal(SIGXFSZ, SIG_IGN);
    /* A closed pipe (jikji search ... | head -1) ends the output quietly
     * with the usual exit status (cli_finish()), not by SIGPIPE's 141,
     * which `set -o pipefail` scripts would take for a failure. */
    signal(SIGPIPE, SIG_IGN);
    /* A standard descriptor the caller closed (cron, `2>&-`) would go to
     * the next file opened, the index's lock file, and the warnings with
     * it: each closed one gets /dev/null (open() takes the lowest). */
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int n = open("/dev/null", O_RDWR);
            if (n > 2)
                close(n);
        }
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"synonyms", required_argument, NULL, 'S'},
        {"color", required_argument, NULL, 'c'},
        {"colour", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    int c;
    opterr = 0;
    /* "+": stop at the command; its options are its own. */
    while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': g.db = optarg; break;
        case 'S': g.synonyms = optarg; break;
        case 'c':
            if ((c = cli_parse_color(optarg)) < 0) {
                cli_errorf("--color takes auto, always or never, not '%s'", optarg);
                fprintf(stderr, "Try 'jikji --help'.\n");
                return EXIT_ERROR;
            }
            g.color = (enum color_when)c;
            break;
        case 'h': return help(NULL);
        case 'V':
            printf("jikji %s\n", JIKJI_VERSION);
            return cli_finish(EXIT_HIT);
        case ':':
            cli_errorf("option '%s' needs a value", argv[optind - 1]);
            fprintf(stderr, "Try 'jikji --help'.\n");
            return EXIT_ERROR;
        default:
            cli_errorf("unknown or ambiguous option '%s'", cli_bad_arg(argv));
            fprintf(stderr, "Try 'jikji --help'.\n");
            return EXIT_ERROR;
        }
    }
    if (optind >= argc) {
        /* `jikji --db status`: the option took the command as its value. */
        if (argc > 1 && find_command(argv[argc - 1])) {
            cli_errorf("no command: '%s' was taken as the value of '%s'",
                       argv[argc - 1], argv[argc - 2]);
            fprintf(stderr, "Try 'jikji --help'.\n");
            return EXIT_ERROR;
        }
        usage(stderr);
        return EXIT_ERROR;
    }
    const char *name = argv[optind];
    if (!strcmp(name, "help")) {
        if (optind + 2 < argc) {
            cli_errorf("help takes one command, not '%s' after it",
                       argv[optind + 2]);
            fprintf(stderr, "usage: jikji help [COMMAND]\n");
            return EXIT_ERROR;
        }
        return help(optind + 1 < argc ? argv[optind + 1] : NULL);
    }
    const cli_command *cmd = find_command(name);
    if (!cmd) {
        cli_errorf("unknown command '%s'", name);
        fprintf(stderr, "Try 'jikji --help'.\n");
        return EXIT_ERROR;
    }
    /* The command parses argv[optind..] as its own argc/argv. */
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0; /* glibc: 0 re-initializes getopt completely */
    void *heap_filler = cmd->short_lived && cli_heap_faults_slow()
                            ? cli_heap_huge_page() : NULL;
    int rc = cmd->run(&g, sub_argc, sub_argv);
    free(heap_filler);
    return rc;
}
