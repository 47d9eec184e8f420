/* clock.h - seconds on the monotonic clock, for the tools that time
 * themselves (jikji index's summary, the benchmarks). */
#ifndef JIKJI_TOOLS_CLOCK_H
#define JIKJI_TOOLS_CLOCK_H

#include <time.h>

/* Seconds since an arbitrary start; only differences mean anything. */
static inline double
mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
