/* jikji-status.c - `jikji status`: where the index is, what is in it, and
 * how far the vaults have moved on since it was last updated. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"

static const char help_text[] =
"Print the index location, the vaults in it, the number of notes and\n"
"sections, its size on disk, when it was last updated, and how many notes\n"
"were added, changed (by size or time, or read by an older jikji) or\n"
"deleted since then, and how many notes a run would skip (cannot be\n"
"read, no text).\n"
"\n"
"Options:\n"
"  --json          one JSON object with the same fields\n"
"  --db DIR        index location (see 'jikji --help')\n"
"\n"
"Exit status: 0 done, 2 error (no index).\n";

/* Bytes used by the files of directory dir (the index is flat). */
static unsigned long long
dir_size(const char *dir)
{
    unsigned long long total = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            total += (unsigned long long)st.st_size;
    }
    closedir(d);
    return total;
}

/* Whether the listed vault v is gone: not there, or a file where its
 * folder was (a vault of one note is a file with a note's name). */
static int
vault_missing(const char *v)
{
    struct stat st;
    if (stat(v, &st) < 0)
        return 1;
    return !S_ISDIR(st.st_mode) && !jikji_is_note_name(v);
}

/* A path on stdout, its control characters as pictures, on one line. */
static void
put_name(const char *s)
{
    cli_put_text(stdout, s, strlen(s), 0);
}

static int
run_status(cli_global *g, int argc, char **argv)
{
    int json, code0 = cli_parse_json_only(&cli_status_cmd, help_text, g, argc, argv,
                                          &json);
    if (code0 >= 0)
        return code0;
    jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
    if (!db)
        return EXIT_ERROR;
    char *dir = cli_db_dir(g);
    /* Absolute, as the vaults are: a relative --db means nothing to a
     * reader of the output elsewhere. */
    char *abs = dir ? realpath(dir, NULL) : NULL;
    if (abs) {
        free(dir);
        dir = abs;
    }
    char **vaults = NULL;
    jikji_db_stats_t s;
    int64_t updated = 0;
    jikji_index_stats_t since = {0};
    jikji_index_opts_t dry = {.dry_run = 1};
    jikji_status_t st = jikji_db_get_stats(db, &s);
    if (st == JIKJI_OK)
        st = jikji_db_vaults(db, cli_collect_name, &vaults);
    if (st == JIKJI_OK)
        st = jikji_db_updated(db, &updated);
    /* What an index run would do now, without doing it; vaults that are
     * gone are not an error here. */
    if (st == JIKJI_OK && vaults)
        st = jikji_index(db, NULL, 0, &dry, &since);
    int code = EXIT_ERROR;
    if (st != JIKJI_OK) {
        cli_error(st, jikji_db_errmsg(db));
        goto out;
    }
    unsigned long long size = dir ? dir_size(dir) : 0;
    char when[64] = "never";
    if (updated) {
        time_t t = (time_t)updated;
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", localtime(&t));
    }
    if (json) {
        fputs("{\"index\":", stdout);
        emit_json_string(stdout, dir ? dir : "");
        fputs(",\"vaults\":[", stdout);
        for (size_t i = 0; vaults && vaults[i]; i++) {
            if (i)
                fputc(',', stdout);
            emit_json_string(stdout, vaults[i]);
        }
        fputs("],\"missing_vaults\":[", stdout);
        for (size_t i = 0, k = 0; vaults && vaults[i]; i++)
            if (vault_missing(vaults[i])) {
                if (k++)
                    fputc(',', stdout);
                emit_json_string(stdout, vaults[i]);
            }
        printf("],\"notes\":%llu,\"sections\":%llu,\"size_bytes\":%llu,"
               "\"updated\":%lld,\"changed_since\":{\"added\":%u,"
               "\"changed\":%u,\"reread\":%u,\"deleted\":%u,\"skipped\":%u}}\n",
               (unsigned long long)s.notes, (unsigned long long)s.sections,
               size, (long long)updated, since.added, since.updated,
               since.reread, since.removed, since.skipped);
    } else {
        /* A folder's name cannot drive the terminal (cli_put_text()). */
        fputs("index:    ", stdout);
        put_name(dir ? dir : "?");
        putchar('\n');
        for (size_t i = 0; vaults && vaults[i]; i++) {
            fputs("vault:    ", stdout);
            put_name(vaults[i]);
            if (vault_missing(vaults[i])) {
                fputs(access(vaults[i], F_OK) == 0
                      ? " (no longer a folder: its notes stay in the index "
                        "until 'jikji index --forget "
                      : " (no longer exists: its notes stay in the index "
                        "until 'jikji index --forget ", stdout);
                put_name(vaults[i]);
                fputs("')", stdout);
            }
            putchar('\n');
        }
        printf("notes:    %llu\nsections: %llu\nsize:     %.1f MB\n"
               "updated:  %s\n", (unsigned long long)s.notes,
               (unsigned long long)s.sections, (double)size / 1e6, when);
        char reread[96] = "";
        if (since.reread)
            snprintf(reread, sizeof reread, " (%u of them read by an older "
                     "jikji)", since.reread);
        printf("since:    %u new, %u changed%s, %u deleted notes%s\n",
               since.added, since.updated, reread, since.removed,
               since.added + since.updated + since.removed
                   ? " (run 'jikji index' to catch up)" : "");
        /* Notes a run skips (unreadable, not text) would otherwise show
         * as changed after every run, with nothing to catch up on. */
        if (since.skipped)
            printf("skipped:  %u (notes that cannot be read or hold no "
                   "text; 'jikji index' says why)\n", since.skipped);
    }
    code = cli_finish(EXIT_HIT);
out:
    cli_free_names(vaults);
    free(dir);
    jikji_db_close(db);
    return code;
}

const cli_command cli_status_cmd = {
    "status", run_status, "status [--json]", help_text, 1,
};
