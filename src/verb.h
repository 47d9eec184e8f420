/* verb.h - the forms of a Korean verb or adjective typed in a query
 * (verb.c).
 *
 * A note tells what was done in the past and politely (막았습니다, 썼고,
 * 늘렸습니다, 도왔던); a query asks it otherwise (막으셨어요, 쓴, 늘린,
 * 도운 경험).  The index holds bigrams, so two forms of one verb share
 * nothing when the stem's last syllable changes with its ending (쓰 썼,
 * 늘리 늘렸, 돕 도왔, 고르 골랐, 듣 들었).  jk_verb_stems() reads a typed
 * word as the stems it may be a form of, by the rules of regular and
 * irregular conjugation, without a dictionary; jk_verb_starts() gives the
 * closed set of syllables a note's word of that stem starts with.  Never
 * one syllable open at its end (막 of 막대, 쓰 of 쓰레드): a one-syllable
 * stem's forms are that syllable and the next one of a closed list
 * (막았, 막은, 막고), or a word of one syllable alone (쓴, 쓸).
 */
#ifndef JIKJI_VERB_H
#define JIKJI_VERB_H

#include <stddef.h>

#include "hangul.h"

/* Longest stem, in syllables; longest word read, and most stems. */
#define JK_VERB_STEM_MAX 6
#define JK_VERB_WORD_MAX 8
#define JK_VERB_STEMS_MAX 10

typedef struct jk_verb_stem {
    jk_syl s[JK_VERB_STEM_MAX];
    size_t n;
    /* Read so only by an ending a noun takes too (은, 는, 을, 서버다) or by
     * none (쓴, 늘린): the caller believes it only when the index has one
     * of its verbal forms (jk_verb_start.verbal). */
    int unsure;
} jk_verb_stem;

/* Read the Hangul word w[0, len) (NFC, 2 to JK_VERB_WORD_MAX syllables;
 * anything else has none) as the verb stems it may be a form of, into
 * out[0, cap): their number.  A stem of one syllable that a note writes
 * in every other sentence (하, 되, 이, 있, 없, 않, 같, 싶) is left out. */
size_t jk_verb_stems(const char *w, size_t len, jk_verb_stem *out,
                     size_t cap);

/* Most syllables of a start. */
#define JK_VERB_START_MAX (JK_VERB_STEM_MAX + 1)

typedef struct jk_verb_start {
    char text[JK_VERB_START_MAX * 3 + 1]; /* UTF-8, NUL-terminated */
    size_t nsyl;
    /* nsyl == 1: a word of this syllable alone, not a word start (the
     * functions below give none such; a caller may: 락 of 락은) */
    int whole;
    /* a form no noun starts with: the past (썼다, 막았, 도왔), a
     * one-syllable stem's -는 (막는), a two-syllable stem's contracted
     * form and its ending (늘려서, 골라서); not a one-syllable stem's
     * contracted form (커서 is a cursor, 서서히 no verb) */
    int verbal;
} jk_verb_start;

/* The starts of the forms of stem into out[0, cap): their number (the
 * first cap when there are more).  A note's word is a form of the stem
 * when it starts with one of them (two syllables or more each). */
size_t jk_verb_starts(const jk_verb_stem *stem, jk_verb_start *out,
                      size_t cap);

/* A word of one syllable ending in ㄴ, a verb's modifier (쓴, 준, 본, 켠):
 * into out[0, cap) the starts of its stem's past and contracted forms,
 * which no noun starts (썼, 써서, 줬, 봤, 켰), their number; 0 for any
 * other word, and for a stem that every sentence has (한, 된, 인). */
size_t jk_verb_modifier_starts(const char *w, size_t len, jk_verb_start *out,
                               size_t cap);

#endif /* JIKJI_VERB_H */
