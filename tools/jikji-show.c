/* jikji-show.c - `jikji show PATH:LINE`: the whole section at a line.
 * Reads the note itself (not the index), so it shows what is on disk now. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"

static const char help_text[] =
"Print the whole section (the question and its full answer) that contains\n"
"line LINE of the note at PATH: its heading path, then its lines as they\n"
"are in the file; control characters show as pictures (ESC as \u241b), a\n"
"lone CR as a line break (not one pasted among LF lines).  PATH:LINE is\n"
"what 'jikji search' prints.  The note is read from disk; no index is\n"
"needed.\n"
"\n"
"Options:\n"
"  --context       also print the section of the enclosing heading first\n"
"                  (the question a follow-up question belongs to)\n"
"  --json          one JSON object: path, line, end_line, title, headings,\n"
"                  text exactly as in the note (and parent: line,\n"
"                  end_line, text with --context)\n"
"  --color WHEN    the path and line in colour: auto (default: on a\n"
"                  terminal, unless NO_COLOR is set or TERM=dumb),\n"
"                  always or never\n"
"\n"
"Exit status: 0 shown, 1 no section there (a line in the front matter or\n"
"past the end), 2 error (unreadable file, not a note: binary, UTF-16,\n"
"over 32 MiB or not named .md, .markdown, .mdx or .txt; bad argument).\n";

/* Read a whole regular file; NULL with errno set on failure.  Opened
 * non-blocking and checked with fstat, so a FIFO or device named like a
 * note is refused instead of blocking (EINVAL), as is a file larger than
 * `jikji index` reads (EFBIG). */
static char *
slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int bad = fstat(fd, &st) < 0                     ? errno
              : !S_ISREG(st.st_mode)                 ? EINVAL
              : (uint64_t)st.st_size > JIKJI_DEFAULT_MAX_FILE_SIZE ? EFBIG
                                                     : 0;
    if (bad) {
        close(fd);
        errno = bad; /* EINVAL: not a regular file */
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            buf = NULL;
            errno = e;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) { /* the file grew while we read it */
            char *nb = cap < ((size_t)1 << 30) ? realloc(buf, cap * 2 + 1) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    close(fd);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* The section of the enclosing heading of s: the nearest one before it
 * with a shallower heading level.  NULL for top-level text. */
static const jikji_section_t *
parent_of(const jikji_note_t *note, const jikji_section_t *s)
{
    size_t i = 0, n = jikji_note_section_count(note);
    while (i < n && jikji_note_section(note, i) != s)
        i++;
    while (s->level > 0 && i-- > 0) {
        const jikji_section_t *p = jikji_note_section(note, i);
        if (p->level > 0 && p->level < s->level)
            return p;
    }
    return NULL;
}

static int
run_show(cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"context", no_argument, NULL, 'C'},
        {"db", required_argument, NULL, 'd'},
        {"color", required_argument, NULL, 'K'},
        {"colour", required_argument, NULL, 'K'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, context = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'C': context = 1; break;
        case 'd': g->db = optarg; break;
        case 'K':
            if (cli_color_option(&cli_show_cmd, g, optarg))
                return EXIT_ERROR;
            break;
        case 'h':
            printf("usage: jikji %s\n\n%s", cli_show_cmd.usage, help_text);
            return cli_finish(EXIT_HIT);
        default:
            return cli_bad_option(&cli_show_cmd, c, argv);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error(&cli_show_cmd, "expected one PATH:LINE");
    char *arg;
    unsigned line;
    int parsed = cli_parse_path_line(&cli_show_cmd, argv[optind], &arg, &line);
    if (parsed == -2) { /* exit 1, as a line past a note's end below */
        cli_notef("%s: no section there: past the end of the note",
                  argv[optind]);
        return EXIT_NONE;
    }
    if (parsed < 0)
        return EXIT_ERROR;
    /* What `jikji index` would not read is no note to show either. */
    if (!jikji_is_note_name(arg)) {
        cli_errorf("%s: not a note: notes are files ending in .md, "
                   ".markdown, .mdx or .txt", arg);
        free(arg);
        return EXIT_ERROR;
    }
    size_t len = 0;
    char *text = slurp(arg, &len);
    if (!text) {
        cli_errorf("%s: %s", arg,
                   errno == EINVAL ? "not a regular file"
                   : errno == EFBIG ? "not a note: larger than 32 MiB"
                                    : strerror(errno));
        free(arg);
        return EXIT_ERROR;
    }
    const char *why = jikji_text_problem(text, len);
    if (why) { /* as `jikji index` skips it: nothing to show */
        cli_errorf("%s: not a note: %s", arg, why);
        free(text);
        free(arg);
        return EXIT_ERROR;
    }
    jikji_note_t *note = NULL;
    jikji_status_t st = jikji_note_parse(text, len, arg, NULL, NULL, &note);
    if (st != JIKJI_OK) {
        cli_error(st, arg);
        free(text);
        free(arg);
        return EXIT_ERROR;
    }
    const jikji_section_t *s = jikji_note_section_at(note, line);
    const jikji_section_t *parent = context && s ? parent_of(note, s) : NULL;
    int code = EXIT_HIT;
    if (!s) {
        /* Exit 1, as grep finding nothing: a note, not an error. */
        const jikji_section_t *first = jikji_note_section(note, 0);
        if (!first)
            cli_notef("%s:%u: the note has no section (it is blank)", arg,
                      line);
        else if (line < first->line)
            cli_notef("%s:%u: no section there: the first section starts at "
                      "line %u (before it: front matter, blank lines or "
                      "markup alone)", arg, line, first->line);
        else
            cli_notef("%s:%u: no section there: past the end of the note",
                      arg, line);
        code = EXIT_NONE;
    } else if (json) {
        fputs("{\"path\":", stdout);
        emit_json_string(stdout, arg);
        printf(",\"line\":%u,\"end_line\":%u,\"title\":", s->line, s->end_line);
        emit_json_string(stdout, jikji_note_title(note));
        fputs(",\"headings\":[", stdout);
        for (size_t i = 0; i < s->nheadings; i++) {
            if (i)
                fputc(',', stdout);
            emit_json_string(stdout, s->headings[i]);
        }
        fputs("],\"text\":", stdout);
        emit_json_string_n(stdout, text + s->start, s->end - s->start);
        if (parent) {
            printf(",\"parent\":{\"line\":%u,\"end_line\":%u,\"text\":",
                   parent->line, parent->end_line);
            emit_json_string_n(stdout, text + parent->start,
                               parent->end - parent->start);
            fputs("}", stdout);
        }
        fputs("}\n", stdout);
    } else {
        int color = cli_use_color(g, stdout);
        /* The name as given: it cannot drive the terminal either. */
        fputs(color ? "\033[35m" : "", stdout);
        cli_put_text(stdout, arg, strlen(arg), 0);
        printf(":%u%s  ", s->line, color ? "\033[0m" : "");
        emit_headings(stdout, s->headings, s->nheadings, 0);
        fputs("\n\n", stdout);
        if (parent) {
            if (!cli_put_text(stdout, text + parent->start,
                              parent->end - parent->start, 1))
                fputc('\n', stdout);
            fputs("\n", stdout);
        }
        if (!cli_put_text(stdout, text + s->start, s->end - s->start, 1))
            fputc('\n', stdout);
    }
    jikji_note_free(note);
    free(text);
    free(arg);
    return cli_finish(code);
}

const cli_command cli_show_cmd = {
    "show", run_show, "show [--json] [--context] PATH:LINE", help_text, 1,
};
