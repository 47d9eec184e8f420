/* fuzz_note.c - libFuzzer target: any bytes as a note file through
 * jikji_note_parse(), then every section through jikji_section_text()
 * and jikji_tokenize(), and jikji_note_section_at() for some lines.
 *
 * Invariants (abort when broken):
 *   - parsing never fails (only ENOMEM); warnings carry the path, an
 *     error status and a message;
 *   - the title, headings, tags, categories and aliases are valid UTF-8;
 *     the date is "" or YYYY-MM-DD;
 *   - each section: 1 <= line <= end_line, start <= end <= len, start at
 *     the start of its line and end at the start of the line after
 *     end_line (lines end at LF, CRLF or a lone CR, as in note.c);
 *     sections in file order without overlap; a heading path of at least
 *     the title;
 *   - jikji_section_text(): end - start bytes plus a NUL, each byte the
 *     original or a blank, line breaks kept, valid UTF-8 when the
 *     original range is;
 *   - tokens of the section text: see fuzz_util.h;
 *   - jikji_note_section_at(l) is NULL or the last section starting at or
 *     before l; it finds each section from its first and last line.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jikji.h"
#include "fuzz_util.h"
#include "../section_text_check.h"

#define FUZZ_PATH "fuzz/input.md"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
on_warning(void *ud, const char *path, unsigned line, jikji_status_t status,
           const char *msg)
{
    unsigned *count = ud;
    (void)line;
    FUZZ_CHECK(path != NULL && strcmp(path, FUZZ_PATH) == 0);
    FUZZ_CHECK(status > JIKJI_OK && status < JIKJI_STATUS_LAST);
    FUZZ_CHECK(msg != NULL);
    (void)strlen(msg);      /* NUL-terminated (ASan checks the read) */
    (*count)++;
}

/* Start offsets of the lines of t[0, len), as note.c splits them: a line
 * ends at LF, CRLF or a lone CR with no LF in the 4,096 bytes after it (an
 * old Mac note's; a CR pasted among LF lines is text).  starts[k] is where
 * line k + 1 starts; *n is the number of lines (a final line break opens
 * no line). */
static size_t *
line_starts(const char *t, size_t len, size_t *n)
{
    size_t cap = 16, k = 0;
    size_t *v = malloc(cap * sizeof *v);
    FUZZ_CHECK(v != NULL);
    for (size_t p = 0; p < len;) {
        if (k == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
            FUZZ_CHECK(v != NULL);
        }
        v[k++] = p;
        while (p < len && t[p] != '\n' &&
               !(t[p] == '\r' &&
                 ((p + 1 < len && t[p + 1] == '\n') ||
                  !memchr(t + p + 1, '\n',
                          len - p - 1 < 4096 ? len - p - 1 : 4096))))
            p++;
        if (p + 1 < len && t[p] == '\r' && t[p + 1] == '\n')
            p += 2;
        else if (p < len)
            p++;
    }
    *n = k;
    return v;
}

static void
check_display(const char *s)
{
    FUZZ_CHECK(s != NULL);
    FUZZ_CHECK(fuzz_utf8_valid(s, strlen(s)));
}

static void
check_list(size_t n, const char *const *items)
{
    FUZZ_CHECK(items != NULL);
    for (size_t i = 0; i < n; i++) {
        check_display(items[i]);
        FUZZ_CHECK(items[i][0] != '\0');
    }
}

static void
check_date(const char *d)
{
    FUZZ_CHECK(d != NULL);
    if (!*d)
        return;
    FUZZ_CHECK(strlen(d) == 10 && d[4] == '-' && d[7] == '-');
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7)
            FUZZ_CHECK(d[i] >= '0' && d[i] <= '9');
}

/* jikji_section_text() of s, and the tokens of that text. */
static void
check_section_text(const jikji_section_t *s, const char *text, size_t len)
{
    char *out = NULL;
    jikji_status_t st = jikji_section_text(s, text, len, &out);
    FUZZ_CHECK(st == JIKJI_OK && out != NULL);
    size_t n = s->end - s->start;
    const char *orig = text + s->start;
    FUZZ_CHECK(out[n] == '\0');
    FUZZ_CHECK(section_text_violation(orig, out, n) == n);
    if (fuzz_utf8_valid(orig, n))
        FUZZ_CHECK(fuzz_utf8_valid(out, n));
    fuzz_check_tokenize(out, n, 0);
    jikji_free(out);
}

/* jikji_note_section_at(note, l) against a linear search. */
static void
check_section_at(const jikji_note_t *note, unsigned l)
{
    const jikji_section_t *r = jikji_note_section_at(note, l);
    if (!r)
        return;
    size_t n = jikji_note_section_count(note);
    size_t i = 0;
    while (i < n && jikji_note_section(note, i) != r)
        i++;
    FUZZ_CHECK(i < n);                  /* one of the note's sections */
    FUZZ_CHECK(l >= 1 && r->line <= l);
    const jikji_section_t *next = jikji_note_section(note, i + 1);
    FUZZ_CHECK(!next || next->line > l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly `size` bytes, so ASan sees any read past it. */
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL);
    if (size)
        memcpy(text, data, size);

    unsigned nwarn = 0;
    jikji_note_t *note = NULL;
    jikji_status_t st = jikji_note_parse(text, size, FUZZ_PATH, on_warning,
                                         &nwarn, &note);
    if (st == JIKJI_ENOMEM) {
        free(text);
        return 0;
    }
    FUZZ_CHECK(st == JIKJI_OK && note != NULL);

    const char *title = jikji_note_title(note);
    check_display(title);
    FUZZ_CHECK(title[0] != '\0');
    check_date(jikji_note_date(note));
    const char *const *items = NULL;
    size_t k = jikji_note_tags(note, &items);
    check_list(k, items);
    k = jikji_note_categories(note, &items);
    check_list(k, items);
    k = jikji_note_aliases(note, &items);
    check_list(k, items);

    size_t nlines = 0;
    size_t *starts = line_starts(text, size, &nlines);
    int bom = size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    size_t nsec = jikji_note_section_count(note);
    FUZZ_CHECK(jikji_note_section(note, nsec) == NULL);
    const jikji_section_t *prev = NULL;
    for (size_t i = 0; i < nsec; i++) {
        const jikji_section_t *s = jikji_note_section(note, i);
        FUZZ_CHECK(s != NULL);
        FUZZ_CHECK(s->line >= 1 && s->line <= s->end_line);
        FUZZ_CHECK(s->end_line <= nlines);
        if (s->start == s->end) {
            /* Front matter alone: one empty section at its end. */
            FUZZ_CHECK(nsec == 1 && s->level == 0 && s->line == s->end_line);
            FUZZ_CHECK(s->start == (s->line < nlines ? starts[s->line]
                                                     : size));
            check_section_text(s, text, size);
            prev = s;
            continue;
        }
        FUZZ_CHECK(s->start < s->end && s->end <= size);
        /* Byte range = whole lines [line, end_line]. */
        FUZZ_CHECK(s->start == starts[s->line - 1] ||
                   (s->line == 1 && bom && s->start == 3));
        FUZZ_CHECK(s->end == (s->end_line < nlines ? starts[s->end_line]
                                                   : size));
        if (prev) {
            FUZZ_CHECK(prev->end_line < s->line);
            FUZZ_CHECK(prev->end <= s->start);
        }
        FUZZ_CHECK(s->level <= 7);
        FUZZ_CHECK(s->nheadings >= 1 && s->headings != NULL);
        FUZZ_CHECK(s->headings[0] != NULL && !strcmp(s->headings[0], title));
        for (size_t h = 0; h < s->nheadings; h++)
            check_display(s->headings[h]);
        check_display(s->heading);
        check_section_text(s, text, size);
        prev = s;
    }

    /* Each section from its first and last line; a few other lines. */
    for (size_t i = 0; i < nsec; i++) {
        const jikji_section_t *s = jikji_note_section(note, i);
        FUZZ_CHECK(jikji_note_section_at(note, s->line) == s);
        FUZZ_CHECK(jikji_note_section_at(note, s->end_line) == s);
    }
    FUZZ_CHECK(jikji_note_section_at(note, 0) == NULL);
    unsigned probe[] = {1, 2, 3, (unsigned)nlines / 2, (unsigned)nlines,
                        (unsigned)nlines + 1, UINT_MAX};
    for (size_t i = 0; i < sizeof probe / sizeof *probe; i++)
        check_section_at(note, probe[i]);

    free(starts);
    jikji_note_free(note);
    free(text);
    return 0;
}
