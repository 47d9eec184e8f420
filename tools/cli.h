/* cli.h - what the jikji subcommands share: option defaults, the index
 * location, messages, exit codes, path display. */
#ifndef JIKJI_CLI_H
#define JIKJI_CLI_H

#include <signal.h>
#include <stdio.h>

#include "jikji.h"

/* Exit codes, as grep: */
#define EXIT_HIT 0      /* success, or at least one result */
#define EXIT_NONE 1     /* search/show found nothing, no error */
#define EXIT_ERROR 2    /* any error, including usage errors */

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* Options given before the command (and accepted after it too). */
typedef struct cli_global {
    const char *db;           /* --db, else NULL */
    const char *synonyms;     /* --synonyms FILE, else NULL */
    enum color_when color;
    long lock_wait;           /* seconds a writer waits for another
                                 writer's lock; 0: CLI_LOCK_WAIT_DEFAULT */
    int lock_wait_set;        /* lock_wait was given (--wait), 0 too */
} cli_global;

/* A writer that holds the lock usually finishes within seconds. */
#define CLI_LOCK_WAIT_DEFAULT 3

typedef struct cli_command {
    const char *name;
    int (*run)(cli_global *g, int argc, char **argv);
    const char *usage;        /* one line: "index [OPTIONS] [PATH...]" */
    const char *help;         /* the full text of `jikji help CMD` */
    int short_lived;          /* ends in milliseconds: its heap gets a
                                 huge page (heap.h) */
} cli_command;

extern const cli_command cli_index_cmd, cli_search_cmd, cli_show_cmd,
    cli_status_cmd, cli_similar_cmd, cli_tags_cmd, cli_watch_cmd;

/* "jikji: error: <status text>: <detail>" on stderr (detail may be NULL
 * or ""), then "jikji: hint: ..." for the statuses that have one. */
void cli_error(jikji_status_t st, const char *detail);
/* "jikji: error: <printf>" on stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "jikji: " and the message on stderr, as cli_errorf() writes it: a note
 * to a person that is no error (nothing found there). */
void cli_notef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "jikji: warning: <printf>" on stderr. */
void cli_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* What to do about a limit an error message names (a full disk, a quota,
 * ulimit -f or -n, a read-only file system), or NULL when it names none:
 * such a failure is no damage, and trying again later may succeed. */
const char *cli_limit_hint(const char *detail);
/* Usage error for command cmd: message, its usage line, a pointer to help.
 * Returns EXIT_ERROR. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Report the option getopt_long just rejected (c is its return value:
 * '?' unknown, ':' missing value) as a usage error; mentions '--' for a
 * query word that starts with '-'.  Returns EXIT_ERROR. */
int cli_bad_option(const cli_command *cmd, int c, char **argv);

/* The argument of argv that held the option getopt_long just rejected
 * (borrowed from argv). */
const char *cli_bad_arg(char **argv);

/* How to search for a word that starts with '-', after an error that took
 * it for an option. */
#define CLI_DASH_HINT \
    " (to search for a word starting with '-', put '--' before the query)"

/* Parse the options of a command that takes only --json, --db and --help
 * and no argument.  Returns -1 to go on (*json set), else the exit code
 * to return (help printed, or a usage error reported). */
int cli_parse_json_only(const cli_command *cmd, const char *help,
                        cli_global *g, int argc, char **argv, int *json);

/* The index directory: --db, $JIKJI_DB, $XDG_DATA_HOME/jikji, or
 * ~/.local/share/jikji.  Returns a malloc'd string or NULL (no HOME). */
char *cli_db_dir(const cli_global *g);
/* Report why cli_db_dir() returned NULL (an empty --db, or no HOME). */
void cli_no_db_dir(const cli_global *g);

/* Before a command that needs an existing index opens one for writing
 * (which would create it): report, and return -1, when there is no index
 * at the --db location, or (need_vault) it has no vault.  Other trouble
 * (an unreadable index) is left for the open to report.  0 otherwise. */
int cli_require_index(const cli_global *g, int need_vault);

/* Open the index, printing any error; waits briefly for a writer's lock.
 * Returns NULL on failure (already reported). */
jikji_db_t *cli_open_db(const cli_global *g, jikji_db_mode_t mode);

/* The same, except that a writer's lock still held after the wait is not
 * an error: NULL is returned with *locked set to the message naming the
 * holder (malloc'd, free()), nothing printed; so is an index that cannot
 * be written now (cli_limit_hint() of *locked: a read-only or full file
 * system).  *locked is NULL otherwise.
 * The wait ends early once *stop (when not NULL) is set: a signal to a
 * process that is only waiting stops it at once. */
jikji_db_t *cli_open_db_or_locked(const cli_global *g, jikji_db_mode_t mode,
                                  char **locked,
                                  const volatile sig_atomic_t *stop);

/* Load synonyms into db.  With `all` (for jikji index, which writes them
 * into the index): the built-in dictionary ($JIKJI_DATA_DIR, the installed
 * data directory, or the source tree's data/) and the user's file
 * (--synonyms FILE, else $XDG_CONFIG_HOME/jikji/synonyms.yaml or
 * ~/.config/jikji/synonyms.yaml if it exists).  Without: only an explicit
 * --synonyms FILE (search adds it to what the index holds).  With all and
 * neither file, the user's files of the index's last run again
 * (jikji_db_synonym_files()): one that cannot be read or is broken now is
 * a warning (unless CLI_SYN_QUIET), as its groups leave the index.
 * Returns 0, or -1 after reporting a broken or unreadable file named or
 * found; with CLI_SYN_KEEP, 1 after a warning (none with CLI_SYN_QUIET)
 * for a broken user's file: the caller, which goes on, should index with
 * a handle that loaded no groups, so that the index keeps those it has. */
enum { CLI_SYN_QUIET = 1, CLI_SYN_KEEP = 2 };
int cli_load_synonyms(const cli_global *g, jikji_db_t *db, int all,
                      int flags);

/* A jikji_name_fn that appends copies of the names to a NULL-terminated
 * array: ud is a char *** starting as a pointer to NULL; the caller frees
 * it with cli_free_names(). */
int cli_collect_name(void *ud, const char *name, uint64_t count);
/* Free a list made by cli_collect_name() (NULL-safe). */
void cli_free_names(char **v);

/* Parse a --color argument; -1 if invalid. */
int cli_parse_color(const char *s);
/* A command's --color WHEN into g: 0, or a usage error of cmd
 * (EXIT_ERROR, reported) for a WHEN that is none of the three. */
int cli_color_option(const cli_command *cmd, cli_global *g, const char *s);
/* Should output to `f` be coloured? (NO_COLOR, tty, --color) */
int cli_use_color(const cli_global *g, FILE *f);

/* A path as the user should see it: relative to the current directory
 * when inside it, else absolute.  Returns s itself or a pointer into it. */
const char *cli_display_path(const char *abs);

/* The width in columns of the terminal f is, 0 when it is none (a pipe,
 * a file) or says none; asked anew at each call (a window resized). */
unsigned cli_term_cols(FILE *f);

/* Write s[0, len) for a terminal or a pager: every control character
 * shown as its Unicode picture (ESC as U+241B; C1 controls, the bidi
 * embeddings, overrides and isolates and invalid UTF-8 as U+FFFD), so a
 * note or a file name cannot move the cursor, retitle or clear the
 * terminal, nor show its text reordered.  With `breaks`, tabs are kept and line
 * breaks are written as the reader counts them (CRLF and a lone CR become
 * LF); without, both are pictures too (a file name keeps its hit on one
 * line, and out of the fields a tab separates).
 * Returns 1 when the last character written is a line break (or nothing
 * was written). */
int cli_put_text(FILE *f, const char *s, size_t len, int breaks);

/* When no file is named *path (malloc'd) but one is named by its other
 * Unicode form (NFD for NFC, or NFC for NFD: a vault synced from macOS has
 * NFD names, a name typed on Linux is NFC), replace *path with that name
 * (freeing the old one).  Else, or out of memory, *path stays. */
void cli_same_name_on_disk(char **path);

/* cli_display_path(abs), written by cli_put_text() without breaks. */
void cli_put_path(FILE *f, const char *abs);

/* Largest --limit / --offset (and line number) accepted. */
#define CLI_COUNT_MAX 1000000

/* Parse a non-negative integer option value (decimal digits only), at most
 * CLI_COUNT_MAX; -1 if invalid. */
long cli_parse_count(const char *s);

/* Flush stdout and report a write error (full disk); returns EXIT_ERROR
 * on failure, else `code`. */
int cli_finish(int code);

/* --- output options shared by `search` and `similar` (jikji-search.c) --- */

#include <getopt.h>

extern const struct option cli_output_options[];
/* -c is --count (as grep); --color has no short form, nor has --json
 * (-j is index's --jobs). */
#define CLI_OUTPUT_SHORTOPTS ":lcn:h"

int cli_parse_output_option(const cli_command *cmd, cli_global *g, int c,
                            jikji_search_opts_t *so, int *fmt, int *limit_set);
void cli_output_defaults(jikji_search_opts_t *so, int fmt, int limit_set);
/* Makes the results to print from `arg`; NULL with *st set on failure. */
typedef jikji_results_t *(*cli_produce_fn)(jikji_db_t *db, const void *arg,
                                           const jikji_search_opts_t *so,
                                           jikji_status_t *st);
/* A flag of ours in jikji_search_opts_t.flags (above the library's):
 * print jikji_explain() first.  Cleared before the library sees it. */
#define CLI_EXPLAIN 0x10000u
#define CLI_NO_EXPAND 0x20000u

/* Open the index, print the explanation of `explain` (a query; NULL for
 * none) when --explain was given, run produce(arg) and print its results
 * in format fmt; returns the exit code. */
int cli_search_run(cli_global *g, const jikji_search_opts_t *so, int fmt,
                   const void *arg, cli_produce_fn produce,
                   const char *explain);
/* Split PATH:LINE (LINE >= 1) into a malloc'd path and line; 0, -1 after
 * reporting a usage error of cmd, or -2 (nothing said, nothing allocated)
 * when LINE, past 4294967295, is past the end of any note. */
int cli_parse_path_line(const cli_command *cmd, const char *arg, char **path,
                        unsigned *line);

#endif /* JIKJI_CLI_H */
