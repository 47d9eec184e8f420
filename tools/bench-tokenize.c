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

#include "jikji.h"
#include "clock.h"
#include "buf.h" /* jk_read_file */

/* Notes larger than this are skipped (as the indexer's default). */
#define MAX_NOTE ((size_t)32 << 20)

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

int
main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 3;
    if (argc > 2 || runs < 1) {
        fprintf(stderr, "usage: find VAULT -name '*.md' | %s [RUNS]\n", argv[0]);
        return 2;
    }
    jk_buf *notes = NULL;
    size_t n = 0, cap = 0, total = 0;
    char path[4096];
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = '\0';
        if (!*path)
            continue;
        if (n == cap) {
            jk_buf *v = realloc(notes, (cap = cap ? cap * 2 : 1024) * sizeof *v);
            if (!v)
                return 2;
            notes = v;
        }
        notes[n] = (jk_buf)JK_BUF_INIT;
        if (jk_read_file(path, MAX_NOTE, &notes[n]) == 0) {
            total += notes[n++].len;
        } else {
            perror(path);
            jk_buf_fini(&notes[n]);
        }
    }
    if (n == 0) {
        fprintf(stderr, "no readable file named on stdin\n");
        return 2;
    }
    double best = 0;
    tally t = {0, 0};
    for (int r = 0; r < runs; r++) {
        t = (tally){0, 0};
        double start = mono_seconds();
        for (size_t i = 0; i < n; i++)
            if (jikji_tokenize(notes[i].data, notes[i].len, count, &t) != JIKJI_OK) {
                fprintf(stderr, "jikji_tokenize failed\n");
                return 1;
            }
        double s = mono_seconds() - start;
        if (r == 0 || s < best)
            best = s;
    }
    printf("%zu files, %.1f MB: best of %d runs %.3f s = %.1f MB/s; "
           "%zu tokens, %zu term bytes\n",
           n, (double)total / 1e6, runs, best, (double)total / 1e6 / best,
           t.tokens, t.bytes);
    for (size_t i = 0; i < n; i++)
        jk_buf_fini(&notes[i]);
    free(notes);
    return 0;
}
