/* progress.c - the progress bar of `jikji index` (see progress.h). */
#include "progress.h"

#include <stdio.h>

/* "  ETA m:ss" (or h:mm:ss, at most 99:59:59) for `left` seconds. */
static void
format_eta(char *buf, size_t size, double left)
{
    if (left > 359999.0)
        left = 359999.0;
    long s = (long)(left + 0.5);
    if (s >= 3600)
        snprintf(buf, size, "  ETA %ld:%02ld:%02ld", s / 3600, s / 60 % 60,
                 s % 60);
    else
        snprintf(buf, size, "  ETA %ld:%02ld", s / 60, s % 60);
}

void
cli_progress_format(char *buf, size_t size, const jikji_progress_t *p,
                    double elapsed, double merge_elapsed)
{
    static const char cells[] = "##############################";
    _Static_assert(sizeof cells - 1 == CLI_PROGRESS_CELLS, "one # a cell");
    if (!size)
        return;
    double notes = p->notes_total
                       ? (double)p->notes_done / (double)p->notes_total
                       : 1.0;
    double share = p->bytes_total
                       ? (notes + (double)p->bytes_done /
                                      (double)p->bytes_total) / 2
                       : notes;
    if (share > 1.0)
        share = 1.0;
    int fill = (int)(CLI_PROGRESS_CELLS * share);
    char eta[64] = "";
    if (p->merging) {
        double m = p->merge_share;
        int n = snprintf(eta, sizeof eta, "  merging the index");
        if (m > 0.0 && m < 1.0 && n > 0 && (size_t)n < sizeof eta) {
            int pct = (int)(100 * m);
            int k = snprintf(eta + n, sizeof eta - (size_t)n, "  %d%%", pct);
            if (k > 0 && (size_t)(n + k) < sizeof eta && merge_elapsed > 0)
                format_eta(eta + n + k, sizeof eta - (size_t)(n + k),
                           merge_elapsed / m * (1.0 - m));
        }
    } else if (p->notes_done < p->notes_total && share > 0.0 &&
               elapsed > 0.5) {
        format_eta(eta, sizeof eta, elapsed / share * (1.0 - share));
    }
    snprintf(buf, size, "[%.*s%*s] %llu/%llu notes  %.1f MB/s%s", fill, cells,
             CLI_PROGRESS_CELLS - fill, "",
             (unsigned long long)p->notes_done,
             (unsigned long long)p->notes_total,
             elapsed > 0 ? (double)p->bytes_read / 1e6 / elapsed : 0.0, eta);
}
