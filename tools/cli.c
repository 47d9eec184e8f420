/* cli.c - shared plumbing of the jikji subcommands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* A message names files from the vault: it goes out through
 * cli_put_text(), so a file name cannot drive the terminal either. */
static void
vmsg(const char *kind, const char *fmt, va_list ap)
{
    char small[512], *text = small;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL)
        vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!text) { /* out of memory: the message cut short */
        text = small;
        n = (int)strlen(small);
    }
    if (kind)
        fprintf(stderr, "jikji: %s: ", kind);
    else
        fputs("jikji: ", stderr);
    if (n > 0)
        cli_put_text(stderr, text, (size_t)n, 1);
    fputc('\n', stderr);
    if (text != small)
        free(text);
}

void
cli_notef(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(NULL, fmt, ap);
    va_end(ap);
}

void
cli_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("error", fmt, ap);
    va_end(ap);
}

void
cli_warnf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("warning", fmt, ap);
    va_end(ap);
}

const char *
cli_limit_hint(const char *detail)
{
    if (!detail)
        return NULL;
    if (strstr(detail, "No space left") || strstr(detail, "Disk quota"))
        return "free some space";
    if (strstr(detail, "File too large"))
        return "raise the file size limit (ulimit -f)";
    if (strstr(detail, "Too many open files"))
        return "raise the limit of open files (ulimit -n)";
    if (strstr(detail, "Read-only file system"))
        return "make the index's file system writable";
    return NULL;
}

void
cli_error(jikji_status_t st, const char *detail)
{
    /* A file's trouble says which file and why, as show's does, and a
     * refused argument says what is wrong with it: the status's own text
     * ("input/output error", "invalid argument") would add nothing. */
    if (detail && *detail && (st == JIKJI_EIO || st == JIKJI_EINVAL))
        cli_errorf("%s", detail);
    else if (detail && *detail)
        cli_errorf("%s: %s", jikji_status_str(st), detail);
    else
        cli_errorf("%s", jikji_status_str(st));
    switch (st) {
    case JIKJI_ENOINDEX:
        fprintf(stderr, "jikji: hint: build it first with 'jikji index DIR' "
                "(or point --db / JIKJI_DB at an existing index)\n");
        break;
    case JIKJI_ESCHEMA:
        fprintf(stderr, "jikji: hint: rebuild the index with "
                "'jikji index --rebuild' (it keeps the index's vaults)\n");
        break;
    case JIKJI_ELOCKED:
        fprintf(stderr, "jikji: hint: to wait longer for it: 'jikji index "
                "--wait SECONDS'\n");
        break;
    case JIKJI_EBACKEND:
    case JIKJI_EIO: {
        /* A limit reached is no damage: a rebuild needs more of it. */
        const char *limit = cli_limit_hint(detail);
        if (limit)
            fprintf(stderr, "jikji: hint: %s and run it again; the index "
                    "keeps what was last committed\n", limit);
        else if (st == JIKJI_EBACKEND)
            fprintf(stderr, "jikji: hint: run it again; if it keeps failing "
                    "the index may be damaged: rebuild it with 'jikji index "
                    "--rebuild' (it keeps the index's vaults), or, if it "
                    "cannot read them, 'jikji index --rebuild DIR...' naming "
                    "your vault folders\n");
        break;
    }
    default:
        break;
    }
}

int
cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("error", fmt, ap);
    va_end(ap);
    fprintf(stderr, "usage: jikji %s\nTry 'jikji help %s'.\n", cmd->usage,
            cmd->name);
    return EXIT_ERROR;
}

const char *
cli_bad_arg(char **argv)
{
    /* Inside a cluster (-kafka, -레디스) getopt has not moved past the
     * argument yet: then the offending one is argv[optind]. */
    if (optopt && argv[optind] && argv[optind][0] == '-' &&
        argv[optind][1] != '-' && strchr(argv[optind] + 1, optopt))
        return argv[optind];
    return argv[optind - 1];
}

int
cli_bad_option(const cli_command *cmd, int c, char **argv)
{
    const char *arg = cli_bad_arg(argv);
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs a value", arg);
    /* Only search takes free text that may start with '-'. */
    int query = !strcmp(cmd->name, "search");
    /* A byte of a letter that is not ASCII (-레디스) is no option name
     * to show alone. */
    if (optopt && (optopt < 0x21 || optopt > 0x7E) && arg[0] == '-')
        return cli_usage_error(cmd, "'%s' is no option%s", arg,
                               query ? CLI_DASH_HINT : "");
    if (optopt && arg[0] == '-' && arg[1] != '-' && (arg[2] || query))
        return cli_usage_error(cmd, "unknown option '-%c' in '%s'%s", optopt,
                               arg, query ? CLI_DASH_HINT : "");
    /* getopt_long accepts a unique prefix of a long option (--lim); one
     * that fits several (--co: --color, --count) comes here too. */
    return cli_usage_error(cmd, arg[0] == '-' && arg[1] == '-'
                                    ? "unknown or ambiguous option '%s'"
                                    : "unknown option '%s'", arg);
}

int
cli_parse_json_only(const cli_command *cmd, const char *help, cli_global *g,
                    int argc, char **argv, int *json)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int c;
    *json = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': *json = 1; break;
        case 'd': g->db = optarg; break;
        case 'h':
            printf("usage: jikji %s\n\n%s", cmd->usage, help);
            return cli_finish(EXIT_HIT);
        default:
            return cli_bad_option(cmd, c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return -1;
}

char *
cli_db_dir(const cli_global *g)
{
    const char *env;
    char buf[PATH_MAX];
    if (g->db)
        return *g->db ? strdup(g->db) : NULL; /* --db "": no default */
    if ((env = getenv("JIKJI_DB")) && *env)
        return strdup(env);
    if ((env = getenv("XDG_DATA_HOME")) && *env == '/') {
        snprintf(buf, sizeof buf, "%s/jikji", env);
        return strdup(buf);
    }
    /* A relative HOME would put the index where the command runs. */
    if ((env = getenv("HOME")) && *env == '/') {
        snprintf(buf, sizeof buf, "%s/.local/share/jikji", env);
        return strdup(buf);
    }
    return NULL;
}

void
cli_no_db_dir(const cli_global *g)
{
    cli_errorf(g->db ? "--db: an empty path names no index"
                     : "no index location: set HOME (an absolute path), "
                       "JIKJI_DB or use --db DIR");
}

jikji_db_t *
cli_open_db_or_locked(const cli_global *g, jikji_db_mode_t mode, char **locked,
                      const volatile sig_atomic_t *stop)
{
    if (locked)
        *locked = NULL;
    char *dir = cli_db_dir(g);
    if (!dir) {
        cli_no_db_dir(g);
        return NULL;
    }
    jikji_db_t *db = NULL;
    char *msg = NULL;
    jikji_status_t st;
    /* A writer that holds the lock usually finishes within seconds: wait
     * up to CLI_LOCK_WAIT_DEFAULT s (index --wait) before giving up. */
    long tenths = 10 * (g->lock_wait_set ? g->lock_wait : CLI_LOCK_WAIT_DEFAULT);
    for (long tries = 0;; tries++) {
        st = jikji_db_open(dir, mode, &db, &msg);
        if (st != JIKJI_ELOCKED || mode == JIKJI_DB_READ || tries >= tenths ||
            (stop && *stop))
            break;
        jikji_free(msg);
        msg = NULL;
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    }
    /* A write that cannot be done now (a read-only or full file system)
     * is told the same way: the caller tries again later. */
    if (locked && mode != JIKJI_DB_READ &&
        (st == JIKJI_ELOCKED || (st != JIKJI_OK && cli_limit_hint(msg)))) {
        *locked = strdup(msg && *msg ? msg : dir);
        jikji_free(msg);
        free(dir);
        return NULL;
    }
    if (st != JIKJI_OK) {
        cli_error(st, msg && *msg ? msg : dir);
        jikji_free(msg);
        free(dir);
        return NULL;
    }
    free(dir);
    return db;
}

static int
count_name(void *ud, const char *name, uint64_t count)
{
    (void)name;
    (void)count;
    ++*(size_t *)ud;
    return 0;
}

int
cli_require_index(const cli_global *g, int need_vault)
{
    char *dir = cli_db_dir(g), *msg = NULL;
    if (!dir) {
        cli_no_db_dir(g);
        return -1;
    }
    size_t n = 0;
    jikji_status_t st = jikji_db_vaults_at(dir, count_name, &n, &msg);
    /* An index of another version has vaults too: opening it for writing
     * gives the message that says what to do. */
    int rc = 0;
    if (st == JIKJI_ENOINDEX || (st == JIKJI_OK && need_vault && n == 0)) {
        cli_errorf(st == JIKJI_OK ? "no vault indexed yet in %s; name a "
                   "directory: jikji index DIR" : "no index at %s; build one "
                   "with 'jikji index DIR'", dir);
        rc = -1;
    }
    jikji_free(msg);
    free(dir);
    return rc;
}

jikji_db_t *
cli_open_db(const cli_global *g, jikji_db_mode_t mode)
{
    return cli_open_db_or_locked(g, mode, NULL, NULL);
}

/* Does path name a readable file? */
static int
readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* A user's synonyms file that could not be loaded (what, st, detail):
 * an error (-1), or with CLI_SYN_KEEP a warning (1), unless quiet. */
static int
broken_synonyms(int flags, const char *what, jikji_status_t st,
                const char *detail)
{
    if (!(flags & CLI_SYN_KEEP)) {
        if (*what)
            cli_errorf("%s%s", what, detail);
        else
            cli_error(st, detail);
        fprintf(stderr, "jikji: hint: fix it, or give another with "
                "--synonyms FILE\n");
        return -1;
    }
    if (!(flags & CLI_SYN_QUIET))
        cli_warnf("%s%s; the index keeps the synonym groups it has until "
                  "the file is fixed", what, detail);
    return 1;
}

/* No synonyms file named, none in the default place: the user's files
 * the index's groups came from (a --synonyms FILE of an earlier run) are
 * loaded again, so that a run without the option keeps them; one that
 * cannot be read is named (unless quiet), as its groups leave the index.
 * One that is broken is an error, as a broken default file is: the groups
 * stay until it is fixed.  0, or -1 after the error (1 after the warning
 * with CLI_SYN_KEEP: broken_synonyms()). */
static int
load_stored_synonyms(jikji_db_t *db, int flags)
{
    int quiet = flags & CLI_SYN_QUIET;
    char **files = NULL;
    if (jikji_db_synonym_files(db, cli_collect_name, &files) != JIKJI_OK) {
        cli_free_names(files);
        return 0; /* unreadable list: the run reports the index's trouble */
    }
    int rc = 0;
    for (size_t i = 0; files && files[i] && rc == 0; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 && !S_ISREG(st.st_mode)) {
            /* Remembered by an older jikji: a pipe is not read twice. */
            if (!quiet)
                cli_warnf("%s: the synonyms file of an earlier run is not a "
                          "regular file now: its groups leave the index; "
                          "give --synonyms FILE to keep yours", files[i]);
        } else if (!readable(files[i])) {
            if (!quiet)
                cli_warnf("%s: the synonyms file of an earlier run cannot be "
                          "read (%s): its groups leave the index; give "
                          "--synonyms FILE to keep yours", files[i],
                          strerror(errno));
        } else if (jikji_db_load_synonyms(db, files[i]) != JIKJI_OK) {
            rc = broken_synonyms(flags, "the synonyms file of an earlier "
                                 "run: ", JIKJI_EINVAL, jikji_db_errmsg(db));
        }
    }
    cli_free_names(files);
    return rc;
}

int
cli_load_synonyms(const cli_global *g, jikji_db_t *db, int all, int flags)
{
    char path[PATH_MAX];
    if (!all) {
        if (!g->synonyms)
            return 0;
        jikji_status_t st = jikji_db_load_synonyms(db, g->synonyms);
        if (st != JIKJI_OK)
            cli_error(st, jikji_db_errmsg(db));
        return st == JIKJI_OK ? 0 : -1;
    }
    const char *env = getenv("JIKJI_DATA_DIR");
    /* Beside the program first (`cmake --install --prefix P` after a
     * configure for another prefix, a tree copied elsewhere: QA), then
     * where it was configured to be installed, then the source tree's
     * (a build run from its tree). */
    char beside[PATH_MAX] = "";
    ssize_t el = readlink("/proc/self/exe", beside, sizeof beside - 1);
    char *slash = el > 0 ? (beside[el] = '\0', strrchr(beside, '/')) : NULL;
    if (slash && (size_t)(slash - beside) + sizeof "/../share/jikji" <
                     sizeof beside)
        strcpy(slash, "/../share/jikji");
    else
        beside[0] = '\0';
    const char *dirs[] = {env && *env ? env : NULL, *beside ? beside : NULL,
                          JIKJI_DATADIR, JIKJI_SOURCE_DATADIR};
    int found = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs && !found; i++) {
        if (!dirs[i])
            continue;
        snprintf(path, sizeof path, "%s/synonyms.yaml", dirs[i]);
        if (!readable(path))
            continue;
        jikji_status_t st = jikji_db_load_synonyms(db, path);
        if (st != JIKJI_OK) {
            cli_error(st, jikji_db_errmsg(db));
            return -1;
        }
        found = 1;
    }
    if (!found)
        cli_warnf("the built-in dictionary (synonyms.yaml) is in none of %s%s"
                  "%s, %s, %s: words are searched without its other forms "
                  "(set JIKJI_DATA_DIR to its folder)",
                  env && *env ? env : "", env && *env ? ", " : "",
                  *beside ? beside : "(the program's ../share/jikji)",
                  JIKJI_DATADIR, JIKJI_SOURCE_DATADIR);
    const char *user = g->synonyms;
    if (!user) {
        /* The default file, else the user's files the index names. */
        const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
        path[0] = '\0';
        if (xdg && *xdg == '/')
            snprintf(path, sizeof path, "%s/jikji/synonyms.yaml", xdg);
        else if (home && *home == '/')
            snprintf(path, sizeof path, "%s/.config/jikji/synonyms.yaml", home);
        if (!*path || !readable(path))
            return load_stored_synonyms(db, flags);
        user = path;
    }
    jikji_status_t st = jikji_db_load_synonyms(db, user);
    if (st == JIKJI_ENOMEM) {
        cli_error(st, jikji_db_errmsg(db));
        return -1;
    }
    return st == JIKJI_OK ? 0 : broken_synonyms(flags, "", st,
                                                 jikji_db_errmsg(db));
}

int
cli_collect_name(void *ud, const char *name, uint64_t count)
{
    (void)count;
    char ***v = ud;
    size_t n = 0;
    while (*v && (*v)[n])
        n++;
    char **nv = realloc(*v, (n + 2) * sizeof *nv);
    if (!nv)
        return 1;
    nv[n] = strdup(name);
    nv[n + 1] = NULL;
    *v = nv;
    return nv[n] == NULL;
}

void
cli_free_names(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

int
cli_parse_color(const char *s)
{
    if (!strcmp(s, "auto"))
        return COLOR_AUTO;
    if (!strcmp(s, "always"))
        return COLOR_ALWAYS;
    if (!strcmp(s, "never"))
        return COLOR_NEVER;
    return -1;
}

int
cli_color_option(const cli_command *cmd, cli_global *g, const char *s)
{
    int c = cli_parse_color(s);
    if (c < 0)
        return cli_usage_error(cmd, "--color takes auto, always or never, "
                               "not '%s'", s);
    g->color = (enum color_when)c;
    return 0;
}

int
cli_use_color(const cli_global *g, FILE *f)
{
    if (g->color == COLOR_ALWAYS)
        return 1;
    if (g->color == COLOR_NEVER)
        return 0;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return 0;
    const char *term = getenv("TERM");
    if (term && !strcmp(term, "dumb"))
        return 0;
    return isatty(fileno(f));
}

const char *
cli_display_path(const char *abs)
{
    /* jikji never changes directory: one getcwd() per process, not one
     * per hit printed.  0 unknown, 1 known, -1 getcwd failed. */
    static char cwd[PATH_MAX];
    static int known;
    if (!known)
        known = getcwd(cwd, sizeof cwd) ? 1 : -1;
    if (known < 0)
        return abs;
    size_t n = strlen(cwd);
    if (n > 1 && strncmp(abs, cwd, n) == 0 && abs[n] == '/')
        return abs + n + 1;
    return abs;
}

unsigned
cli_term_cols(FILE *f)
{
    struct winsize ws;
    return isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0
               ? ws.ws_col : 0;
}

int
cli_put_text(FILE *f, const char *s, size_t len, int breaks)
{
    int at_break = 1;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            cp = 0xFFFD; /* a character cut short, or a stray byte */
            n = (utf8proc_ssize_t)jikji_utf8_bad_len(s + i, len - i);
        }
        /* a lone CR breaks the line only where the note reader says it
         * does (jikji_line_len(): not one pasted among LF lines) */
        if (breaks && (cp == '\n' ||
                       (cp == '\r' && jikji_line_len(s + i, len - i) == 0))) {
            fputc('\n', f);
            if (cp == '\r' && (size_t)n + i < len && s[i + 1] == '\n')
                n++; /* CRLF: one break */
            at_break = 1;
            i += (size_t)n;
            continue;
        }
        char pic[4];
        utf8proc_ssize_t pl = 0;
        /* C1 controls drive a terminal (U+009B is CSI); the bidi
         * embeddings, overrides and isolates can reorder what a line
         * shows (a name that reads backwards). */
        if (cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0) ||
            (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            pl = utf8proc_encode_char(0xFFFD, (utf8proc_uint8_t *)pic);
        else if ((cp != '\t' || !breaks) && (cp < 0x20 || cp == 0x7F))
            pl = utf8proc_encode_char(cp == 0x7F ? 0x2421 : 0x2400 + cp,
                                      (utf8proc_uint8_t *)pic);
        if (pl > 0)
            fwrite(pic, 1, (size_t)pl, f);
        else
            fwrite(s + i, 1, (size_t)n, f);
        at_break = 0;
        i += (size_t)n;
    }
    return at_break;
}

void
cli_same_name_on_disk(char **path)
{
    if (access(*path, F_OK) == 0 || errno != ENOENT)
        return;
    const char *p = *path;
    while (*p && (unsigned char)*p < 0x80)
        p++;
    if (!*p)
        return; /* ASCII: one way to write it */
    /* A name typed in NFC for a file saved from macOS in NFD, or the other
     * way round, name by name: a folder saved in NFC may hold a note saved
     * in NFD (QA: x/문서/ and an NFD note in it). */
    char built[PATH_MAX];
    size_t bl = 0;
    const char *s = *path;
    if (*s == '/')
        built[bl++] = '/';
    while (*s == '/')
        s++;
    static const int forms[] = {0, UTF8PROC_DECOMPOSE, UTF8PROC_COMPOSE};
    while (*s) {
        size_t n = strcspn(s, "/");
        char name[NAME_MAX + 1];
        if (n > NAME_MAX)
            return;
        memcpy(name, s, n);
        name[n] = '\0';
        int found = 0;
        for (size_t i = 0; i < sizeof forms / sizeof *forms && !found; i++) {
            utf8proc_uint8_t *alt = NULL;
            if (forms[i] &&
                utf8proc_map((const utf8proc_uint8_t *)name, 0, &alt,
                             UTF8PROC_NULLTERM | UTF8PROC_STABLE | forms[i]) < 0)
                continue;
            const char *c = alt ? (const char *)alt : name;
            size_t cl = strlen(c);
            if (bl + cl + 1 < sizeof built) {
                memcpy(built + bl, c, cl + 1);
                if (access(built, F_OK) == 0) {
                    bl += cl;
                    found = 1;
                }
            }
            free(alt);
        }
        if (!found)
            return; /* no form of this name is there: as typed */
        s += n;
        while (*s == '/')
            s++;
        if (*s)
            built[bl++] = '/';
    }
    built[bl] = '\0';
    char *now = strdup(built);
    if (now) {
        free(*path);
        *path = now;
    }
}

void
cli_put_path(FILE *f, const char *abs)
{
    const char *p = cli_display_path(abs);
    cli_put_text(f, p, strlen(p), 0);
}

long
cli_parse_count(const char *s)
{
    char *end;
    errno = 0;
    /* Digits only: strtol would also take " 3" and "+3". */
    if (*s < '0' || *s > '9')
        return -1;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > CLI_COUNT_MAX)
        return -1;
    return v;
}

/* Has the reading end of stdout (a pipe) been closed?  errno may no
 * longer say EPIPE when the failed write was an earlier one. */
static int
reader_gone(void)
{
    struct pollfd p = {.fd = STDOUT_FILENO, .events = POLLOUT};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

int
cli_finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        /* The reader stopped reading (| head): it has what it wanted. */
        if (errno == EPIPE || reader_gone())
            return code;
        cli_errorf("cannot write output: %s", strerror(errno));
        return EXIT_ERROR;
    }
    return code;
}
