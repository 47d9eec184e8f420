/* test_buf.c - jk_line_len(): where a line ends, LF, CRLF or a lone CR,
 * at every distance from the start (it looks in windows that double). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

/* A line of `len` bytes of 'a' followed by `end` (may be ""), then the
 * text `more`; checks that jk_line_len gives `want` (len, or another
 * length when the end is no line break). */
static void
check_more(size_t len, const char *end, const char *more, size_t want)
{
    size_t tail = strlen(end) + strlen(more);
    char *s = malloc(len + tail + 1);
    assert_non_null(s);
    memset(s, 'a', len);
    memcpy(s + len, end, strlen(end));
    memcpy(s + len + strlen(end), more, strlen(more));
    size_t n = *end ? len + tail : len; /* no end: the text stops there */
    if (jk_line_len(s, n) != want) {
        print_message("len %zu end %02x: got %zu, want %zu\n", len,
                      *end ? (unsigned char)*end : 0, jk_line_len(s, n),
                      want);
        fail();
    }
    free(s);
}

static void
check(size_t len, const char *end)
{
    /* a lone CR ends a line where no LF follows (an old Mac note) */
    check_more(len, end, *end == '\r' && end[1] != '\n' ? "b\rc\rd\r"
                                                       : "b\r\nc\nd\r", len);
}

static void
test_line_ends(void **state)
{
    (void)state;
    static const size_t lens[] = {0, 1, 255, 256, 257, 767, 768, 769,
                                  4096, 70000, 3u << 20};
    static const char *const ends[] = {"\n", "\r\n", "\r", "\rx\r", ""};
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        for (size_t j = 0; j < sizeof ends / sizeof *ends; j++)
            check(lens[i], ends[j]);
        /* A CR pasted into a note of LF lines is text, as vim counts
         * lines: the line runs on to the LF (QA). */
        check_more(lens[i], "\r", "pasted\nnext\n", lens[i] + 7);
        check_more(lens[i], "\r", "x\ry\r\nnext\n", lens[i] + 4);
    }
}

/* A file whose lines all end in a lone CR (an old Mac note): each line
 * found where it ends, none running on to the next. */
static void
test_cr_only_file(void **state)
{
    (void)state;
    enum { LINES = 5000 };
    const char *line = "some old mac text line here\r";
    size_t ll = strlen(line), n = ll * LINES;
    char *s = malloc(n);
    assert_non_null(s);
    for (size_t i = 0; i < LINES; i++)
        memcpy(s + i * ll, line, ll);
    for (size_t at = 0; at < n; at += ll)
        assert_int_equal(jk_line_len(s + at, n - at), ll - 1);
    free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_cr_only_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
