/* heap.c - a transparent huge page under the heap of a short command.
 *
 * Why: a search touches about 220 fresh 4 KB heap pages, most of them
 * Xapian's block buffers, one cursor per postlist of the query.  On some
 * virtual machines each first touch of a page costs 10-15 us (a
 * hypervisor exit per page table entry), which made those faults ~1.7 ms
 * of a ~10 ms search.  One 2 MB huge page costs one fault and zeroing
 * 2 MB (~0.15 ms there).  Where a fault costs 1-2 us (bare metal, or a
 * VM such as Firecracker), the small faults are the cheaper: zeroing
 * 2 MB, and the cache it evicts, cost a search about 0.2 ms more.  So
 * cli_heap_faults_slow() times a few faults first, and the command asks
 * for the huge page only where they are slow.  README, "Speed and size",
 * has the figures.
 *
 * How: glibc's malloc carves new blocks from the start of its top chunk
 * and grows it with brk.  We allocate (and keep) a filler that ends one
 * page below the next 2 MB boundary, with enough top pad that the brk
 * heap then reaches 2 MB past that boundary, and mark that aligned 2 MB
 * with MADV_HUGEPAGE before anything writes into it; what malloc hands
 * out next comes from there.  The filler is address space only: nothing
 * touches its pages but its header's.  glibc's own hugetlb tunable marks
 * the heap too, but not an aligned range, so no huge page fits in it.
 *
 * Only for commands that end in milliseconds: the mmap threshold is
 * raised and trimming is off for the rest of the process (a trim would
 * split the huge page), which a long run (index, watch) should not get. */
#define _GNU_SOURCE
#include "heap.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__GLIBC__) && defined(__GLIBC_MINOR__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#ifdef MADV_HUGEPAGE
#define JK_HUGE_HEAP 1
#endif
#endif

#ifdef JK_HUGE_HEAP
/* First touches timed, and the cost above which a huge page pays: the
 * break-even for ~220 small faults against one huge page lies at 2-3 us
 * a fault; the machines measured were at 1-2 us or at 10-15 us. */
#define PROBE_PAGES 4
#define SLOW_FAULT_NS 4000

static int64_t
now_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return -1;
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
cli_heap_faults_slow(void)
{
    long pagesz = sysconf(_SC_PAGESIZE);
    if (pagesz <= 0)
        return 0;
    size_t page = (size_t)pagesz;
    char *p = mmap(NULL, PROBE_PAGES * page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    /* The cheapest of a few faults: an interrupt or a preemption during
     * one of them says nothing about the machine. */
    int64_t best = -1;
    for (size_t i = 0; i < PROBE_PAGES; i++) {
        int64_t t0 = now_ns();
        ((volatile char *)p)[i * page] = 1;
        int64_t t1 = now_ns();
        if (t0 >= 0 && t1 >= t0 && (best < 0 || t1 - t0 < best))
            best = t1 - t0;
    }
    munmap(p, PROBE_PAGES * page);
    return best > SLOW_FAULT_NS;
}

void *
cli_heap_huge_page(void)
{
    const uintptr_t huge = (uintptr_t)2 << 20;
    long pagesz = sysconf(_SC_PAGESIZE);
    if (pagesz <= 0)
        return NULL;
    uintptr_t page = (uintptr_t)pagesz;
    /* The main arena's top chunk ends at the break and is keepcost long
     * (0 under an allocator that is not glibc's, e.g. a sanitizer's). */
    struct mallinfo2 mi = mallinfo2();
    void *brk = sbrk(0);
    if (brk == (void *)-1 || mi.keepcost == 0)
        return NULL;
    uintptr_t top = (uintptr_t)brk - mi.keepcost;
    uintptr_t start = (top + 2 * page + huge - 1) & ~(huge - 1);
    /* A filler that fits in the top chunk as it is would not grow the
     * heap past start + huge: aim at the next boundary then (1 run in 16,
     * when the top chunk's 128 KB cross a boundary). */
    if (start - page - top <= mi.keepcost + page)
        start += huge;
    /* A chunk's header is two size_t before the block malloc returns;
     * the filler's chunk then ends in the page below start, where the
     * top chunk's new header goes. */
    size_t hdr = 2 * sizeof(size_t);
    size_t filler = start - page - top - hdr;
    mallopt(M_MMAP_THRESHOLD, 16 << 20); /* the filler and later blocks
                                          * up to 16 MB from the heap */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, (int)(huge + 2 * page));
    void *f = malloc(filler);
    mallopt(M_TOP_PAD, 128 << 10); /* glibc's default */
    if (!f)
        return NULL;
    if ((uintptr_t)f != top + hdr ||
        (uintptr_t)sbrk(0) < start + huge) { /* not where we thought */
        free(f);
        return NULL;
    }
    /* A hint: with THP off, or no huge page free, nothing changes. */
    (void)madvise((void *)start, huge, MADV_HUGEPAGE);
    return f;
}
#else
int
cli_heap_faults_slow(void)
{
    return 0;
}

void *
cli_heap_huge_page(void)
{
    return NULL;
}
#endif
