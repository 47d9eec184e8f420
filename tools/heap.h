/* heap.h - a transparent huge page under the heap of a short command. */
#ifndef JIKJI_HEAP_H
#define JIKJI_HEAP_H

/* Arrange for the malloc heap that a short command (search, show, ...)
 * grows from here on to lie in one 2 MB transparent huge page, so that
 * its first touch is one page fault, not one per 4 KB page.  Call it
 * once, first thing, before the command runs.  Returns a block to free()
 * when the command is done (NULL when nothing was arranged: not glibc,
 * another allocator such as a sanitizer's, or no room); never fails in a
 * way the caller must handle: at worst the heap stays as it was. */
void *cli_heap_huge_page(void);

/* Whether a first touch of a fresh 4 KB page is slow here (over 4 us:
 * some virtual machines), so that cli_heap_huge_page() pays; measured on
 * a few pages of a scratch mapping, which is unmapped again.  0 where it
 * cannot tell (not glibc, no clock).  Costs a few page faults. */
int cli_heap_faults_slow(void);

#endif
