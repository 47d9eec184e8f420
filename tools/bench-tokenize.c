/* bench-tokenize - throughput of jikji_tokenize() on real notes.
 *
 *   find VAULT -name '*.md' | build/bench-tokenize [RUNS]
 *
 * Reads every file named on stdin into memory, then tokenizes all of them
 * RUNS times (default 3) and prints the best run's time and MB/s, with the
 * number of tokens and their total bytes (equal across builds that
 * tokenize alike).  Built beside jikji (build/bench-tokenize), not
 * installed; ctest runs it once over samples/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jikji.h"

typedef struct note {
    char *text;
    size_t len;
} note;

typedef struct tally {
    size_t tokens, bytes;
} tally;

static int
count(void *ud, const jikji_token_t *t)
{
    tally *c = ud;
    c->tokens++;
    c->bytes += t->term_len;
    return 0;
}

/* The whole file at path, or -1 (reported) when it cannot be read. */
static int
slurp(const char *path, note *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + len, 1, cap - len, f)) > 0;) {
        len += got;
        if (len == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (!buf || err) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return -1;
    }
    n->text = buf;
    n->len = len;
    return 0;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 3;
    if (argc > 2 || runs < 1) {
        fprintf(stderr, "usage: find VAULT -name '*.md' | %s [RUNS]\n", argv[0]);
        return 2;
    }
    note *notes = NULL;
    size_t n = 0, cap = 0, total = 0;
    char path[4096];
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = '\0';
        if (!*path)
            continue;
        if (n == cap) {
            note *v = realloc(notes, (cap = cap ? cap * 2 : 1024) * sizeof *v);
            if (!v)
                return 2;
            notes = v;
        }
        if (slurp(path, &notes[n]) == 0)
            total += notes[n++].len;
    }
    if (n == 0) {
        fprintf(stderr, "no readable file named on stdin\n");
        return 2;
    }
    double best = 0;
    tally t = {0, 0};
    for (int r = 0; r < runs; r++) {
        t = (tally){0, 0};
        double start = now();
        for (size_t i = 0; i < n; i++)
            if (jikji_tokenize(notes[i].text, notes[i].len, count, &t) != JIKJI_OK) {
                fprintf(stderr, "jikji_tokenize failed\n");
                return 1;
            }
        double s = now() - start;
        if (r == 0 || s < best)
            best = s;
    }
    printf("%zu files, %.1f MB: best of %d runs %.3f s = %.1f MB/s; "
           "%zu tokens, %zu term bytes\n",
           n, (double)total / 1e6, runs, best, (double)total / 1e6 / best,
           t.tokens, t.bytes);
    for (size_t i = 0; i < n; i++)
        free(notes[i].text);
    free(notes);
    return 0;
}
