/* progress.c - the progress bar of `jikji index` (see progress.h). */
#include "progress.h"

#include <stdio.h>

void
cli_progress_format(char *buf, size_t size, const jikji_progress_t *p,
                    double elapsed)
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
    char eta[40] = "";
    if (p->merging) {
        snprintf(eta, sizeof eta, "  merging the index");
    } else if (p->notes_done < p->notes_total && share > 0.0 &&
               elapsed > 0.5) {
        double left = elapsed / share * (1.0 - share);
        if (left > 359999.0) /* 99:59:59 */
            left = 359999.0;
        long s = (long)(left + 0.5);
        if (s >= 3600)
            snprintf(eta, sizeof eta, "  ETA %ld:%02ld:%02ld", s / 3600,
                     s / 60 % 60, s % 60);
        else
            snprintf(eta, sizeof eta, "  ETA %ld:%02ld", s / 60, s % 60);
    }
    snprintf(buf, size, "[%.*s%*s] %llu/%llu notes  %.1f MB/s%s", fill, cells,
             CLI_PROGRESS_CELLS - fill, "",
             (unsigned long long)p->notes_done,
             (unsigned long long)p->notes_total,
             elapsed > 0 ? (double)p->bytes_read / 1e6 / elapsed : 0.0, eta);
}
