/* test_heap.c - the CLI's huge page under the heap (tools/heap.c): after
 * cli_heap_huge_page(), what malloc hands out lies in a 2 MB-aligned
 * stretch of the heap marked for transparent huge pages, and the heap
 * still works as a heap (big and small blocks, the filler freed).
 * Whether the kernel then backs that stretch with a huge page depends on
 * its settings and free memory, so it is printed, not asserted; so is
 * whether cli_heap_faults_slow() finds this machine's page faults slow,
 * but not what its probe leaves behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif

#define HUGE ((uintptr_t)2 << 20)

/* The mapping of /proc/self/smaps that holds addr: its bounds, whether
 * its VmFlags have "hg" (MADV_HUGEPAGE), its AnonHugePages in kB. */
static int
mapping_of(uintptr_t addr, uintptr_t *lo, uintptr_t *hi, int *hg, long *ahp_kb)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    int in = 0, found = 0;
    while (fgets(line, sizeof line, f)) {
        uintptr_t a, b;
        if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " ", &a, &b) == 2 &&
            strchr(line, ':') > strchr(line, ' ')) {
            if (found)
                break;
            in = addr >= a && addr < b;
            if (in) {
                found = 1;
                *lo = a;
                *hi = b;
                *hg = 0;
                *ahp_kb = 0;
            }
            continue;
        }
        if (!in)
            continue;
        if (!strncmp(line, "AnonHugePages:", 14))
            *ahp_kb = strtol(line + 14, NULL, 10);
        else if (!strncmp(line, "VmFlags:", 8))
            *hg = strstr(line, " hg") != NULL;
    }
    fclose(f);
    return found ? 0 : -1;
}

static void
test_heap_huge_page(void **state)
{
    (void)state;
    void *filler = cli_heap_huge_page();
#if defined(UNDER_SANITIZER) || !defined(__GLIBC__)
    /* Another allocator: nothing arranged, nothing broken. */
    if (!filler) {
        free(filler);
        skip();
    }
#endif
    assert_non_null(filler);
    /* Blocks a search allocates (Xapian's 8 KB block buffers, strings). */
    char *small = malloc(100);
    char *block = malloc(8192);
    assert_non_null(small);
    assert_non_null(block);
    memset(small, 'x', 100);
    memset(block, 'y', 8192);
    uintptr_t lo, hi;
    int hg;
    long ahp;
    /* The first few KB come from the page below the stretch, which the
     * top chunk's header already touched; the block ends past it. */
    uintptr_t end = (uintptr_t)block + 8191;
    assert_int_equal(mapping_of(end, &lo, &hi, &hg, &ahp), 0);
    printf("# block end %p in %" PRIxPTR "-%" PRIxPTR " hg=%d AnonHugePages=%ld kB\n",
           (void *)end, lo, hi, hg, ahp);
    assert_true(lo % HUGE == 0);       /* the aligned stretch ... */
    assert_true(hi - lo >= HUGE);      /* ... all of it ... */
    assert_true(hg);                   /* ... marked */
    assert_true((uintptr_t)small >= lo - 4096 && (uintptr_t)small < hi);
    /* The filler lies below the stretch: its pages are never touched. */
    assert_true((uintptr_t)filler < lo);
    /* Still a heap: a block bigger than the stretch, reuse, the filler. */
    char *big = malloc(3 * HUGE);
    assert_non_null(big);
    memset(big, 'z', 3 * HUGE);
    free(big);
    free(block);
    free(small);
    free(filler);
    char *again = malloc(8192);
    assert_non_null(again);
    free(again);
}

/* Bytes this process has mapped, the heap and the stack aside (malloc and
 * calls grow those on their own).  Counted in bytes, not mappings: the
 * kernel merges a new anonymous mapping into the one beside it. */
static long long
mapped_bytes(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    long long total = 0;
    while (fgets(line, sizeof line, f)) {
        uintptr_t a, b;
        if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " ", &a, &b) != 2)
            continue;
        if (strstr(line, "[heap]") || strstr(line, "[stack]"))
            continue;
        total += (long long)(b - a);
    }
    fclose(f);
    return total;
}

/* The probe answers 0 or 1 and leaves nothing mapped, every time. */
static void
test_faults_slow_probe(void **state)
{
    (void)state;
    long long before = mapped_bytes();
    assert_true(before > 0);
    int slow = cli_heap_faults_slow();
    assert_true(slow == 0 || slow == 1);
    for (int i = 0; i < 20; i++) {
        int again = cli_heap_faults_slow();
        assert_true(again == 0 || again == 1);
    }
#ifndef UNDER_SANITIZER
    /* (A sanitizer's allocator maps memory of its own as it goes.) */
    assert_int_equal(mapped_bytes(), before);
#endif
    printf("# page faults here: %s\n", slow ? "slow (huge page)" : "fast");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faults_slow_probe),
        cmocka_unit_test(test_heap_huge_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
