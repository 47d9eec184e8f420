/* suggest_ko.c - "did you mean" for a Korean word (jk_suggest_hangul()).
 *
 * A Korean word that no section has is often one letter (jamo) off in one
 * of two ways: ㅔ typed for ㅐ, which sound the same (제시도 for 재시도),
 * or a Shift missed or held (설게 for 설계, 썰계 for 설계).  Korean has no
 * spelling table in the index either (its words are bigram terms), so
 * each syllable of the word is tried with its vowel or consonant so
 * changed; a candidate whose bigrams are all in the index is searched as
 * the phrase of its bigrams starting a word, the most frequent first, and
 * the first that two sections or more have is the suggestion.  Any other
 * change of one jamo (QA: 로그인 became 러그인 of 플러그인, 레이블 테이블,
 * 채우기 배우기) turned a word the vault simply lacks into another word
 * far more often than it mended a typo.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "suggest_ko.h"
#include "db.h"
#include "hangul.h"
#include "query.h"
#include "schema.h"
#include "xapian_c.h"

/* Words longer than this (without their ending) are not corrected. */
#define JK_KO_MAX_SYLLABLES 12
/* Candidates searched at most, of those whose bigrams are all in the
 * index. */
#define JK_KO_TRIED 8

enum { NL = JK_HANGUL_NL, NV = JK_HANGUL_NV, NT = JK_HANGUL_NT };
typedef jk_syl syllable;

/* The changes tried: the vowels that sound the same or differ by Shift
 * (ㅐ ㅒ ㅔ ㅖ; ㅙ ㅚ ㅞ) and the consonants Shift makes tense (ㄱ ㄲ,
 * ㄷ ㄸ, ㅂ ㅃ, ㅅ ㅆ, ㅈ ㅉ; as finals ㄱ ㄲ, ㅅ ㅆ). */
static int
same_group(const signed char *groups, int a, int b)
{
    return groups[a] >= 0 && groups[a] == groups[b];
}
static const signed char vowel_group[NV] = {
    -1, 0, -1, 0, -1, 0, -1, 0, -1, -1, 1, 1, -1, -1, -1, 1, -1, -1, -1, -1, -1};
static const signed char initial_group[NL] = {
    0, 0, -1, 1, 1, -1, -1, 2, 2, 3, 3, -1, 4, 4, -1, -1, -1, -1, -1};
static const signed char final_group[NT] = {
    -1, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, 1, 1, -1, -1, -1, -1, -1, -1, -1};

/* A word's syllables, as text (3 bytes each) and as jamo. */
typedef struct word {
    size_t n;
    char text[JK_KO_MAX_SYLLABLES][4];
    syllable s[JK_KO_MAX_SYLLABLES];
} word;

/* Read s[0, len) as 2 to JK_KO_MAX_SYLLABLES Hangul syllables; -1 when it
 * is anything else. */
static int
read_word(const char *s, size_t len, word *w)
{
    w->n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k != 3 || w->n == JK_KO_MAX_SYLLABLES ||
            jk_hangul_split(cp, &w->s[w->n]) < 0)
            return -1;
        memcpy(w->text[w->n++], s + i, 3);
        i += 3;
    }
    return w->n >= 2 ? 0 : -1;
}

/* Bigram i of w (syllables i and i + 1), its 6 bytes into b. */
static void
bigram_of(const word *w, size_t i, char b[6])
{
    memcpy(b, w->text[i], 3);
    memcpy(b + 3, w->text[i + 1], 3);
}

/* How many sections have bigram i of w. */
static jikji_status_t
bigram_freq(jikji_db_t *db, const word *w, size_t i, uint64_t *freq)
{
    char b[6];
    bigram_of(w, i, b);
    return jk_xdb_termfreq(db->x, b, 6, freq);
}

/* Whether `need` sections or more have w as written: the phrase of its
 * bigrams, and (word_start) its first bigram where a word starts, so that
 * the end of another word is not taken for it (러그인 of 플러그인). */
static jikji_status_t
phrase_found(jikji_db_t *db, const word *w, int word_start, unsigned need,
             int *found)
{
    jk_xq *terms[JK_KO_MAX_SYLLABLES + 1];
    size_t n = 0;
    int oom = 0;
    for (size_t i = 0; i + 1 < w->n && !oom; i++, n++) {
        char b[6];
        bigram_of(w, i, b);
        oom = !(terms[n] = jk_xq_term(b, 6, 1, (uint32_t)i + 1));
    }
    jk_xq *q = oom ? NULL : n == 1 ? terms[0] : jk_xq_bigram_phrase(terms, n);
    jk_xq *start = NULL, *both = NULL;
    if (q && word_start) {
        char t[16];
        size_t pl = strlen(JK_P_WORDSTART);
        memcpy(t, JK_P_WORDSTART, pl);
        bigram_of(w, 0, t + pl);
        start = jk_xq_term(t, pl + 6, 1, 0);
        jk_xq *pair[2] = {q, start};
        both = start ? jk_xq_combine(JK_XQ_AND, pair, 2, 0) : NULL;
    }
    const jk_xq *use = word_start ? both : q;
    jikji_status_t st = JIKJI_ENOMEM;
    jk_xmset *ms = NULL;
    /* only whether `need` match: unweighed, the first ones end it */
    if (use && (st = jk_xdb_search(db->x, use,
                                   &(jk_xsearch_opts){.limit = need, .any = 1},
                                   &ms)) == JIKJI_OK)
        *found = jk_xmset_size(ms) >= need;
    else if (use)
        st = jk_db_xfail(db, st);
    jk_xmset_free(ms);
    jk_xq_free(both);
    jk_xq_free(start);
    if (q && n > 1)
        jk_xq_free(q);
    for (size_t i = 0; i < n; i++)
        jk_xq_free(terms[i]);
    return st;
}

/* Whether a search finds the word text as the query searches it: its
 * bigrams, its ending optional, its synonyms and sound-alikes. */
jikji_status_t
jk_suggest_searched_found(jikji_db_t *db, const char *text, int *found)
{
    jk_query q;
    jikji_status_t st = jk_query_build(db, text, &q);
    jk_xmset *ms = NULL;
    *found = 1; /* a word the query cannot search is no misspelling */
    if (st == JIKJI_OK && q.all) {
        st = jk_xdb_search(db->x, q.all,
                           &(jk_xsearch_opts){.limit = 1, .any = 1}, &ms);
        if (st == JIKJI_OK)
            *found = jk_xmset_size(ms) > 0;
        else
            st = jk_db_xfail(db, st);
    } else if (st == JIKJI_EQUERY) {
        st = JIKJI_OK;
    }
    jk_xmset_free(ms);
    jk_query_fini(&q);
    return st;
}

typedef struct candidate {
    size_t at;      /* the syllable changed */
    syllable s;     /* its new jamo */
    uint64_t freq;  /* sections with its rarest bigram */
} candidate;

/* Keep c among the JK_KO_TRIED most frequent candidates, most frequent
 * first (an earlier one of equal frequency stays ahead). */
static void
keep(candidate *best, size_t *n, const candidate *c)
{
    size_t i = *n < JK_KO_TRIED ? (*n)++ : JK_KO_TRIED;
    while (i > 0 && best[i - 1].freq < c->freq) {
        if (i < JK_KO_TRIED)
            best[i] = best[i - 1];
        i--;
    }
    if (i < JK_KO_TRIED)
        best[i] = *c;
}

/* Try syllable `at` of w as t: keep it when every bigram of the word so
 * changed is in the index.  freq: the sections of each bigram of w. */
static jikji_status_t
try_syllable(jikji_db_t *db, word *w, const uint64_t *freq, size_t at,
             const syllable *t, candidate *best, size_t *nbest)
{
    uint64_t low = UINT64_MAX, f = 0;
    for (size_t i = 0; i + 1 < w->n; i++)
        if (i + 1 != at && i != at && freq[i] < low)
            low = freq[i];
    if (low == 0)
        return JIKJI_OK; /* a bigram it leaves as it is is in no section */
    char was[4];
    memcpy(was, w->text[at], 4);
    if (!jk_hangul_join(t, w->text[at])) {
        memcpy(w->text[at], was, 4);
        return JIKJI_OK;
    }
    jikji_status_t st = JIKJI_OK;
    if (at > 0 && (st = bigram_freq(db, w, at - 1, &f)) == JIKJI_OK && f < low)
        low = f;
    if (st == JIKJI_OK && at + 1 < w->n &&
        (st = bigram_freq(db, w, at, &f)) == JIKJI_OK && f < low)
        low = f;
    memcpy(w->text[at], was, 4);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    if (low > 0)
        keep(best, nbest, &(candidate){.at = at, .s = *t, .freq = low});
    return JIKJI_OK;
}

jikji_status_t
jk_suggest_hangul(jikji_db_t *db, const char *run, size_t len, jk_buf *out)
{
    jk_buf_clear(out);
    size_t blen = jk_strip_particle(run, len);
    word w;
    if (read_word(run, blen, &w) < 0)
        return JIKJI_OK;
    /* Found as written, or without its ending, most often: quicker to
     * tell than by the search of the word with all its forms. */
    int found = 0;
    word whole;
    jikji_status_t st = phrase_found(db, &w, 0, 1, &found);
    if (st == JIKJI_OK && !found && blen < len &&
        read_word(run, len, &whole) == 0)
        st = phrase_found(db, &whole, 0, 1, &found);
    if (st != JIKJI_OK || found)
        return st;
    char *text = jk_strndup(run, len);
    if (!text)
        return JIKJI_ENOMEM;
    st = jk_suggest_searched_found(db, text, &found);
    free(text);
    if (st != JIKJI_OK || found)
        return st;

    uint64_t freq[JK_KO_MAX_SYLLABLES];
    for (size_t i = 0; i + 1 < w.n && st == JIKJI_OK; i++)
        if ((st = bigram_freq(db, &w, i, &freq[i])) != JIKJI_OK)
            return jk_db_xfail(db, st);
    candidate best[JK_KO_TRIED];
    size_t nbest = 0;
    for (size_t at = 0; at < w.n && st == JIKJI_OK; at++) {
        const syllable was = w.s[at];
        for (int k = 0; k < NL + NV + NT && st == JIKJI_OK; k++) {
            syllable t = was;
            int *slot = k < NL ? &t.l : k < NL + NV ? &t.v : &t.t;
            int to = k < NL ? k : k < NL + NV ? k - NL : k - NL - NV;
            const signed char *groups = k < NL        ? initial_group
                                        : k < NL + NV ? vowel_group
                                                      : final_group;
            if (*slot == to || !same_group(groups, *slot, to))
                continue;
            *slot = to;
            st = try_syllable(db, &w, freq, at, &t, best, &nbest);
        }
    }
    for (size_t i = 0; i < nbest && st == JIKJI_OK; i++) {
        word c = w;
        jk_hangul_join(&best[i].s, c.text[best[i].at]);
        if ((st = phrase_found(db, &c, 1, 2, &found)) != JIKJI_OK || !found)
            continue;
        for (size_t k = 0; k < c.n && st == JIKJI_OK; k++)
            if (jk_buf_append(out, c.text[k], 3) < 0)
                st = JIKJI_ENOMEM;
        if (st == JIKJI_OK && jk_buf_append(out, run + blen, len - blen) < 0)
            st = JIKJI_ENOMEM;
        break;
    }
    return st;
}
