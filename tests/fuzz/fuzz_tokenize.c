/* fuzz_tokenize.c - libFuzzer target: any bytes through jikji_tokenize()
 * and jikji_normalize().
 *
 * Invariants (abort when broken): every token's span is non-empty, inside
 * the input and in text order; its term is 1..JK_TERM_MAX bytes of valid
 * UTF-8, NUL-terminated, without NUL; positions and chunks never
 * decrease; a callback returning non-zero is the last one called.  The
 * normalized text is valid UTF-8 (up to its first NUL: an input NUL stays
 * U+0000).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jikji.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly `size` bytes, so ASan sees any read past it. */
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL);
    if (size)
        memcpy(text, data, size);

    fuzz_check_tokenize(text, size, 1);

    char *norm = NULL;
    jikji_status_t st = jikji_normalize(text, size, &norm);
    FUZZ_CHECK(st == JIKJI_OK && norm != NULL);
    FUZZ_CHECK(fuzz_utf8_valid(norm, strlen(norm)));
    /* No input NUL: the whole normalized text is one string, not empty
     * when the input holds an ASCII letter or digit (invisible code
     * points, a lone BOM, may normalize to nothing). */
    int alnum = 0;
    for (size_t i = 0; i < size && !alnum; i++)
        alnum = (text[i] >= '0' && text[i] <= '9') ||
                ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z');
    if (!memchr(text, '\0', size) && alnum)
        FUZZ_CHECK(norm[0] != '\0');
    jikji_free(norm);

    free(text);
    return 0;
}
