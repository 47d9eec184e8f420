/* hangul.c - a precomposed Hangul syllable's jamo, apart and together
 * (hangul.h). */
#include "hangul.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

int
jk_hangul_split(int32_t cp, jk_syl *s)
{
    utf8proc_int32_t j[4];
    if (cp < 0xAC00 || cp > 0xD7A3)
        return -1;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, j, 4, UTF8PROC_DECOMPOSE,
                                                 NULL);
    if (n < 2 || n > 3 || j[0] < 0x1100 || j[0] >= 0x1100 + JK_HANGUL_NL ||
        j[1] < 0x1161 || j[1] >= 0x1161 + JK_HANGUL_NV)
        return -1;
    s->l = j[0] - 0x1100;
    s->v = j[1] - 0x1161;
    s->t = n == 3 ? j[2] - 0x11A7 : 0;
    return s->t >= 0 && s->t < JK_HANGUL_NT ? 0 : -1;
}

size_t
jk_hangul_join(const jk_syl *s, char out[3])
{
    if (s->l < 0 || s->l >= JK_HANGUL_NL || s->v < 0 ||
        s->v >= JK_HANGUL_NV || s->t < 0 || s->t >= JK_HANGUL_NT)
        return 0;
    utf8proc_int32_t j[3] = {0x1100 + s->l, 0x1161 + s->v, 0x11A7 + s->t};
    utf8proc_uint8_t in[16];
    utf8proc_ssize_t n = 0;
    for (int k = 0; k < (s->t ? 3 : 2); k++)
        n += utf8proc_encode_char(j[k], in + n);
    in[n] = 0;
    utf8proc_uint8_t *composed = NULL;
    utf8proc_ssize_t cl = utf8proc_map(in, n, &composed,
                                       UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    size_t len = cl == 3 ? 3 : 0; /* one syllable, U+AC00..U+D7A3 */
    if (len)
        memcpy(out, composed, 3);
    free(composed);
    return len;
}

size_t
jk_hangul_read(const char *s, size_t len, jk_syl *v, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k != 3 || n == cap || jk_hangul_split(cp, &v[n]) < 0)
            return 0;
        n++;
        i += 3;
    }
    return n;
}
