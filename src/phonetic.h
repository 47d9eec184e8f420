/* phonetic.h - a sound key shared by Hangul loanwords and their Latin
 * spellings, so 젠킨스 finds Jenkins and 테라폼 finds Terraform without a
 * dictionary entry.
 *
 * Both scripts map to consonant classes K T P S J M N L, with V for a
 * vowel sound (runs collapse: ll -> L, 에어 -> V):
 *
 *   Hangul  ㄱㄲㅋ K  ㄷㄸㅌ T  ㅂㅃㅍ P  ㅅㅆ S  ㅈㅉㅊ J  ㅁ M  ㄴ N  ㄹ L;
 *           initial ㅇ and ㅎ silent; ㅡ is the vowel Korean inserts
 *           between consonants (스, 브) and counts as none; final ㅅ is T
 *           (깃), final ㅇ is N (몽).
 *   Latin   c before e/i/y S, ch J, sh S, th T, -tio/-tia S (액션), ph P,
 *           ck K, x KS, q K,
 *           g K, z J, f/v/b P, d T, w/y/h vowel-like or silent; r before a
 *           consonant or at the end is silent (terraform -> 테라폼), as is
 *           b after m (lambda -> 람다).
 *
 * The skeleton is the key without V.  Two words match when their
 * skeletons are equal and either the skeleton has 4 or more consonants or
 * the whole keys are equal: short keys need the vowels to agree too, which
 * keeps 장애 (JVNV) from matching june.
 */
#ifndef JIKJI_PHONETIC_H
#define JIKJI_PHONETIC_H

#include <stddef.h>

/* Longest key written (longer words are cut, which only loses matches). */
#define JK_PHON_MAX 48

/* Key of a normalized Hangul word (syllables; anything else stops it).
 * Writes a NUL-terminated key into out[JK_PHON_MAX + 1]; returns its
 * length, 0 when the word gives no key: also when it cannot be a loanword
 * (a tense initial ㄲ ㄸ ㅃ ㅆ ㅉ, a final other than ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ). */
size_t jk_phon_hangul(const char *word, char *out);

/* Key of a normalized Latin word (a-z only; 0 for anything else). */
size_t jk_phon_latin(const char *word, char *out);

/* Key of a Latin plural without its -s (actions -> action, as 깃허브 액션
 * names GitHub Actions), 0 when word is no such plural (-ss, -us, -is, or
 * shorter than 4 letters).  Both keys are tried: jenkins must stay 젠킨스. */
size_t jk_phon_latin_singular(const char *word, char *out);

/* The consonants of key (V removed) into out[JK_PHON_MAX + 1]. */
size_t jk_phon_skeleton(const char *key, char *out);

/* Do two keys (from either script) match by the rule above? */
int jk_phon_match(const char *a, const char *b);

#endif /* JIKJI_PHONETIC_H */
