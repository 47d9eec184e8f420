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
 *   Hangul 시 지 치 without a final give I, not V: the ㅣ written after
 *   an sh, ch or j sound (대시보드 -> dashboard) is no vowel of the word.
 *
 * Each consonant also carries its voicing where loanwords keep it: a
 * syllable's initial ㄱ ㄷ ㅂ is g, d, b or v, and ㅋ ㅌ ㅍ k c q, t, p or
 * f (JK_PHON_VOICED, JK_PHON_VOICELESS); a final, th and the other
 * classes may be either.  Matching words agree where both tell it.
 *
 * The skeleton is the key without V and I.  Two words match when their
 * skeletons are equal and either the whole keys are equal (I reads as V),
 * or the skeleton has 4 or more consonants and every V of the Hangul key
 * between two consonants has a vowel of the Latin key there too.  Short
 * keys need the vowels to agree, which keeps 장애 (JVNV) from matching
 * june; a long one may drop the Latin word's silent vowels (파이프라인,
 * pipeline) but not add its own, which keeps 조건부 (JVKVNPV) from
 * matching zconf (JKVNP).
 */
#ifndef JIKJI_PHONETIC_H
#define JIKJI_PHONETIC_H

#include <stddef.h>

/* Longest key written (longer words are cut, which only loses matches). */
#define JK_PHON_MAX 48

/* Key of a normalized Hangul word (syllables; anything else stops it).
 * Writes a NUL-terminated key into out[JK_PHON_MAX + 1]; returns its
 * length, 0 when the word gives no key: also when it cannot be a loanword
 * (a tense initial ㄲ ㄸ ㅃ ㅆ ㅉ, a final other than ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ)
 * or is most likely Sino-Korean: two or three syllables that all read
 * one of the 1,800 Hanja taught in school (개선, 시간대;
 * src/sino_syllables.inc), the first without an initial ㄹ (람다). */
size_t jk_phon_hangul(const char *word, char *out);

/* Key of a normalized Latin word (a-z only; 0 for anything else). */
size_t jk_phon_latin(const char *word, char *out);

/* Key of a Latin plural without its -s (actions -> action, as 깃허브 액션
 * names GitHub Actions), 0 when word is no such plural (-ss, -us, -is, or
 * shorter than 4 letters).  Both keys are tried: jenkins must stay 젠킨스. */
size_t jk_phon_latin_singular(const char *word, char *out);

/* The consonants of key (vowels removed, repeats merged) into
 * out[JK_PHON_MAX + 1]; returns their number. */
size_t jk_phon_skeleton(const char *key, char *out);

/* Whether the UTF-8 word has a syllable of a plain or aspirated consonant
 * and ㅡ alone (스, 트, 크, 프, 르): loanwords write it for a consonant
 * with no vowel after it (스트림, 마이크로, 레지스트리), and it reads no
 * Hanja. */
int jk_phon_loan_syllable(const char *word);

/* Does the Hangul word of key `hangul` sound like the Latin word of key
 * `latin`, by the rule above?  2: the same key (vowels agree), 1: a
 * sound-alike by the skeleton alone, 0: no. */
int jk_phon_match(const char *hangul, const char *latin);

/* The vowel letters behind a key's vowel marks: for each place of a key,
 * the Latin letters a run of vowels holds (JK_PHON_A ... JK_PHON_W), or
 * for a Hangul word the letters its vowels may stand for (ㅣ: i, e, y;
 * ㅓ: any); an 'I' mark stands for any. */
enum {
    JK_PHON_A = 1, JK_PHON_E = 2, JK_PHON_I = 4, JK_PHON_O = 8,
    JK_PHON_U = 16, JK_PHON_Y = 32, JK_PHON_W = 64, JK_PHON_ANY = 127
};

/* At a consonant's place, the voicing loanwords keep: a Hangul initial
 * ㄱ ㄷ ㅂ is voiced (g, d, b or v), ㅋ ㅌ ㅍ voiceless (k c q, t, p f);
 * the Latin letters likewise; 0 for either (a Hangul final, th, and the
 * other classes). */
enum { JK_PHON_VOICED = 1, JK_PHON_VOICELESS = 2 };

/* jk_phon_hangul(), jk_phon_latin() and jk_phon_latin_singular() that
 * also fill vm[JK_PHON_MAX + 1] with each place's vowel letters and each
 * consonant's voicing (NULL: none). */
size_t jk_phon_hangul_vowels(const char *word, char *out, unsigned char *vm);
size_t jk_phon_latin_vowels(const char *word, char *out, unsigned char *vm);
size_t jk_phon_latin_singular_vowels(const char *word, char *out,
                                     unsigned char *vm);

/* jk_phon_match() of keys with their vowel letters and voicing (the
 * _vowels functions): none (0) when a consonant's voicing differs (필드
 * and build: ㅍ is no b); the same key whose vowels cannot be the same
 * (티켓 and tagged: ㅣ is no a) is a sound-alike by the skeleton alone
 * (1) when that has 4 or more consonants, else none (0). */
int jk_phon_match_vowels(const char *hangul, const unsigned char *hv,
                         const char *latin, const unsigned char *lv);

#endif /* JIKJI_PHONETIC_H */
