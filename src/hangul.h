/* hangul.h - a precomposed Hangul syllable's jamo, apart and together
 * (hangul.c), by utf8proc's canonical (de)composition. */
#ifndef JIKJI_HANGUL_H
#define JIKJI_HANGUL_H

#include <stddef.h>
#include <stdint.h>

/* How many initials, vowels and finals (with "none", 0) there are. */
enum { JK_HANGUL_NL = 19, JK_HANGUL_NV = 21, JK_HANGUL_NT = 28 };

/* A syllable's jamo as indices: initial l (ㄱ 0 .. ㅎ 18), vowel v (ㅏ 0 ..
 * ㅣ 20), final t (0: none, ㄱ 1 .. ㅎ 27), in Unicode's order. */
typedef struct jk_syl {
    int l, v, t;
} jk_syl;

/* Split the code point cp into *s: 0, or -1 when cp is no precomposed
 * Hangul syllable (U+AC00..U+D7A3). */
int jk_hangul_split(int32_t cp, jk_syl *s);

/* The syllable of s's jamo as UTF-8 into out[0, 3) (not NUL-terminated):
 * 3, or 0 when the indices make none. */
size_t jk_hangul_join(const jk_syl *s, char out[3]);

/* Read the UTF-8 text s[0, len) as Hangul syllables into v[0, cap): how
 * many, or 0 when it is empty, longer than cap syllables, or holds
 * anything but precomposed syllables. */
size_t jk_hangul_read(const char *s, size_t len, jk_syl *v, size_t cap);

#endif /* JIKJI_HANGUL_H */
