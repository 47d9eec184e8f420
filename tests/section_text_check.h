/* section_text_check.h - the contract of jikji_section_text(), checked by
 * the unit tests and the note fuzz target alike. */
#ifndef JIKJI_SECTION_TEXT_CHECK_H
#define JIKJI_SECTION_TEXT_CHECK_H

#include <stddef.h>

/* Is out[0, n) a section text of orig[0, n)?  Line breaks stay where they
 * are; anything else is kept, blanked (a space), or (Hangul after closing
 * markup) moved left within its line: what is not blank is the line's
 * bytes in order, less some.  Returns n when it is, else the offset in
 * out of the first byte that breaks it. */
static inline size_t
section_text_violation(const char *orig, const char *out, size_t n)
{
    for (size_t i = 0, j = 0; i < n; i++) {
        if (orig[i] == '\n' || orig[i] == '\r') {
            /* a CR within a line (one pasted among LF lines) may be
             * blanked; a line's end may not */
            if (out[i] != orig[i] && !(orig[i] == '\r' && out[i] == ' '))
                return i;
            if (j <= i)
                j = i + 1;
            continue;
        }
        if (out[i] == ' ')
            continue;
        if (j < i)
            j = i;
        while (j < n && orig[j] != out[i] && orig[j] != '\n' && orig[j] != '\r')
            j++;
        if (j >= n || orig[j] != out[i])
            return i;
        j++;
    }
    return n;
}

#endif /* JIKJI_SECTION_TEXT_CHECK_H */
