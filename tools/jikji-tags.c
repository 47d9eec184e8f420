/* jikji-tags.c - `jikji tags`: every tag with the number of its notes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit.h"

static const char help_text[] =
"Print every tag of the indexed notes (front matter tags and inline #tags,\n"
"in lower case) with the number of notes that carry it, most used first.\n"
"Search a tag with 'jikji search tag:NAME'.\n"
"\n"
"Options:\n"
"  --json          one JSON object per tag: {\"tag\":..., \"notes\":N}\n"
"  --db DIR        index location (see 'jikji --help')\n"
"\n"
"Exit status: 0 tags printed, 1 no tags, 2 error.\n";

typedef struct tag_row {
    char *name;
    uint64_t notes;
} tag_row;

typedef struct tag_list {
    tag_row *v;
    size_t n, cap;
    int oom;
} tag_list;

static int
collect(void *ud, const char *name, uint64_t count)
{
    tag_list *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        tag_row *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return l->oom = 1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n].name = strdup(name)))
        return l->oom = 1;
    l->v[l->n++].notes = count;
    return 0;
}

static int
by_count(const void *a, const void *b)
{
    const tag_row *x = a, *y = b;
    if (x->notes != y->notes)
        return x->notes > y->notes ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int
run_tags(cli_global *g, int argc, char **argv)
{
    int json, code0 = cli_parse_json_only(&cli_tags_cmd, help_text, g, argc, argv,
                                          &json);
    if (code0 >= 0)
        return code0;
    jikji_db_t *db = cli_open_db(g, JIKJI_DB_READ);
    if (!db)
        return EXIT_ERROR;
    tag_list l = {0};
    jikji_status_t st = jikji_db_tags(db, collect, &l);
    int code = EXIT_ERROR;
    if (st != JIKJI_OK || l.oom) {
        cli_error(st != JIKJI_OK ? st : JIKJI_ENOMEM, jikji_db_errmsg(db));
        goto out;
    }
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, by_count);
    for (size_t i = 0; i < l.n; i++) {
        if (json) {
            fputs("{\"tag\":", stdout);
            emit_json_string(stdout, l.v[i].name);
            printf(",\"notes\":%llu}\n", (unsigned long long)l.v[i].notes);
        } else {
            printf("%6llu  %s\n", (unsigned long long)l.v[i].notes, l.v[i].name);
        }
    }
    code = cli_finish(l.n ? EXIT_HIT : EXIT_NONE);
out:
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i].name);
    free(l.v);
    jikji_db_close(db);
    return code;
}

const cli_command cli_tags_cmd = {
    "tags", run_tags, "tags [--json]", help_text, 1,
};
