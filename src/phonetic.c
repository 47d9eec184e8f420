/* phonetic.c - sound keys for Hangul loanwords and Latin words (rules in
 * phonetic.h). */
#include "phonetic.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Append class c to the key unless it repeats the last one; with vm,
 * letters join vm at its place, a repeated class's too (a run of vowels is
 * one mark): a vowel mark's letters (JK_PHON_A...), a consonant's voicing
 * (JK_PHON_VOICED, JK_PHON_VOICELESS, 0 for either). */
static void
put_v(char *out, size_t *n, char c, unsigned char *vm, unsigned char letters)
{
    if (*n && out[*n - 1] == c) {
        if (vm)
            vm[*n - 1] |= letters;
        return;
    }
    if (*n >= JK_PHON_MAX)
        return;
    if (vm)
        vm[*n] = letters;
    out[(*n)++] = c;
}

/* The Latin vowel letters a Hangul vowel (U+1161..U+1175) may stand for
 * in a loanword: ㅓ for any (the schwa: data -> 데이터, server -> 서버),
 * ㅣ for i, e, y (ticket -> 티켓, key -> 키), ㅗ for o, a, u, w (salt ->
 * 솔트), ...  So 티켓 is no tagged and 버킷 no backward. */
static unsigned char
hangul_vowel_letters(utf8proc_int32_t v)
{
    enum { A = JK_PHON_A, E = JK_PHON_E, I = JK_PHON_I, O = JK_PHON_O,
           U = JK_PHON_U, Y = JK_PHON_Y, W = JK_PHON_W };
    static const unsigned char letters[] = {
        A | O,                 /* ㅏ */
        A | E,                 /* ㅐ */
        A | Y | I,             /* ㅑ */
        A | Y | E,             /* ㅒ */
        A | E | I | O | U | Y, /* ㅓ */
        E | A,                 /* ㅔ */
        Y | E | I | A,         /* ㅕ */
        Y | E | A,             /* ㅖ */
        O | A | U | W,         /* ㅗ */
        W | A | O | U,         /* ㅘ */
        W | A | E,             /* ㅙ */
        W | E | O,             /* ㅚ */
        Y | O | I,             /* ㅛ */
        U | O | W,             /* ㅜ */
        W | O | A | U | E,     /* ㅝ */
        W | E | A,             /* ㅞ */
        W | I | U | E,         /* ㅟ */
        U | E | Y | O | W,     /* ㅠ */
        0,                     /* ㅡ: no vowel */
        I | E | U,             /* ㅢ */
        I | E | Y,             /* ㅣ */
    };
    return v >= 0x1161 && v <= 0x1175 ? letters[v - 0x1161] : 0;
}

/* The JK_PHON_ bit of a Latin vowel letter (a e i o u y w), else 0. */
static unsigned char
latin_vowel_letter(char c)
{
    switch (c) {
    case 'a': return JK_PHON_A;
    case 'e': return JK_PHON_E;
    case 'i': return JK_PHON_I;
    case 'o': return JK_PHON_O;
    case 'u': return JK_PHON_U;
    case 'y': return JK_PHON_Y;
    case 'w': return JK_PHON_W;
    default: return 0;
    }
}

/* Class of a conjoining jamo (U+1100..U+11FF), 0 for silent. */
static char
jamo_class(utf8proc_int32_t j)
{
    if (j >= 0x1100 && j <= 0x1112) { /* initial consonants */
        static const char ini[] = "KKNTTLMPPSS\0JJJKTP\0";
        return ini[j - 0x1100];
    }
    if (j >= 0x1161 && j <= 0x1175) /* vowels; ㅡ (U+1173) is none */
        return j == 0x1173 ? 0 : 'V';
    switch (j) { /* finals */
    case 0x11A8: case 0x11A9: case 0x11AA: case 0x11BF: return 'K';
    case 0x11AB: case 0x11AC: case 0x11AD: case 0x11BC: return 'N';
    case 0x11AE: case 0x11BA: case 0x11BB: case 0x11C0: return 'T';
    case 0x11AF: case 0x11B0: case 0x11B1: case 0x11B2: case 0x11B3:
    case 0x11B4: case 0x11B5: case 0x11B6: return 'L';
    case 0x11B7: return 'M';
    case 0x11B8: case 0x11B9: case 0x11C1: return 'P';
    case 0x11BD: case 0x11BE: return 'T';
    default: return 0;
    }
}

/* JK_PHON_VOICED or JK_PHON_VOICELESS for an initial consonant that
 * loanwords keep apart (ㄱ g, ㅋ k; ㄷ d, ㅌ t; ㅂ b v, ㅍ p f), else 0.  A
 * final may be either (백업 backup, 웹 web, 로봇 robot). */
static unsigned char
initial_voicing(utf8proc_int32_t ini)
{
    switch (ini) {
    case 0x1100: case 0x1103: case 0x1107: return JK_PHON_VOICED;
    case 0x110F: case 0x1110: case 0x1111: return JK_PHON_VOICELESS;
    default: return 0;
    }
}

/* Whether a syllable of initial `ini` and final `fin` (0: none) may be
 * written in a loanword.  The standard orthography of loanwords (외래어
 * 표기법) writes no tense plosive or affricate (ㄲ ㄸ ㅃ ㅆ ㅉ) and only
 * ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ as finals: a word with 깊 or 꼭 is a native one, and
 * its sound must not find a Latin word (깊게 sounds like kafka). */
static int
loanword_jamo(utf8proc_int32_t ini, utf8proc_int32_t fin)
{
    if (ini == 0x1101 || ini == 0x1104 || ini == 0x1108 || ini == 0x110A ||
        ini == 0x110D)
        return 0;
    return fin == 0 || fin == 0x11A8 || fin == 0x11AB || fin == 0x11AF ||
           fin == 0x11B7 || fin == 0x11B8 || fin == 0x11BA || fin == 0x11BC;
}

/* Syllables that read a Hanja taught in school (개, 선, 기, 준, ...). */
static const unsigned short sino_syllables[] = {
#include "sino_syllables.inc"
};

static int
cmp_syllable(const void *a, const void *b)
{
    unsigned short x = *(const unsigned short *)a,
                   y = *(const unsigned short *)b;
    return (x > y) - (x < y);
}

/* Whether syllable cp reads a Hanja of the school set. */
static int
sino_syllable(utf8proc_int32_t cp)
{
    unsigned short key = (unsigned short)cp;
    return bsearch(&key, sino_syllables,
                   sizeof sino_syllables / sizeof *sino_syllables,
                   sizeof *sino_syllables, cmp_syllable) != NULL;
}

/* Endings of a verb or an adjective (거부합니다, 구조인데, 되면서) and
 * connectives (그런데): a word so written is a native one, which only
 * happens to sound like a Latin word (그런데 like client).  None ends a
 * loanword; a lone 다 does (람다, 판다), so only the verb forms before it
 * are listed. */
static const char *const native_endings[] = {
    "니다", "는다", "한다", "된다", "린다", "든다", "었다", "았다", "했다",
    "였다", "됐다", "나요", "가요", "세요", "어요", "아요", "해요", "에요",
    "예요", "는데", "인데", "은데", "한데", "던데", "면서", "으면", "하면",
    "되면", "다면", "어서", "아서", "해서", "돼서", "워서", "라서", "거나",
    "지만", "도록", "려고", "려다", "으며", "하며", "으니", "하니", "다고",
    "라고", "해도", "어도", "아도", "하고", "하지", "되지",
};
static const char *const connectives[] = {
    "그리고", "그래서", "그러면", "그런데", "그래도", "그러나", "그런",
};

static int
native_word(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof connectives / sizeof *connectives; i++)
        if (!strcmp(w, connectives[i]))
            return 1;
    for (size_t i = 0; i < sizeof native_endings / sizeof *native_endings;
         i++) {
        size_t el = strlen(native_endings[i]);
        if (el <= len && !memcmp(w + len - el, native_endings[i], el))
            return 1;
    }
    return 0;
}

int
jk_phon_loan_syllable(const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp, jamo[4];
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
        if (cp < 0xAC00 || cp > 0xD7A3)
            continue;
        utf8proc_ssize_t nj = utf8proc_decompose_char(cp, jamo, 4,
                                                      UTF8PROC_DECOMPOSE, NULL);
        /* ㅡ (U+1173) with no final, after a consonant loanwords write:
         * not ㅇ (으 is a particle's), not a tense one (쓰기 is native) */
        if (nj == 2 && jamo[1] == 0x1173 && jamo[0] != 0x110B &&
            loanword_jamo(jamo[0], 0))
            return 1;
    }
    return 0;
}

size_t
jk_phon_hangul(const char *word, char *out)
{
    return jk_phon_hangul_vowels(word, out, NULL);
}

size_t
jk_phon_hangul_vowels(const char *word, char *out, unsigned char *vm)
{
    size_t n = 0, len = strlen(word);
    /* Two to four syllables that all read Hanja make a Sino-Korean word
     * (or two) far more often than a loanword: 개선, 기준, 상태 and 순서
     * sounded like questions, caching, center and sensor, and 장애대응
     * like jonathan (QA).  Not when the word
     * starts with ㄹ, which the initial-sound law (두음 법칙) keeps from
     * the start of a Sino-Korean word (理由 is 이유): 람다 and 루비 are
     * loanwords.  The loanwords of this form that remain (백업, 해시) are
     * in the built-in dictionary. */
    int syllables = 0, sino = 0;
    if (native_word(word, len))
        return 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp, jamo[4];
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0 || cp < 0xAC00 || cp > 0xD7A3)
            return 0; /* only whole Hangul syllables */
        i += (size_t)k;
        utf8proc_ssize_t nj = utf8proc_decompose_char(cp, jamo, 4,
                                                      UTF8PROC_DECOMPOSE, NULL);
        if (nj < 2 || !loanword_jamo(jamo[0], nj > 2 ? jamo[2] : 0))
            return 0;
        sino += sino_syllable(cp) && !(syllables == 0 && jamo[0] == 0x1105);
        syllables++;
        for (utf8proc_ssize_t j = 0; j < nj && j < 4; j++) {
            char c = jamo_class(jamo[j]);
            /* 시 지 치 without a final: the ㅣ Korean adds after an sh, ch
             * or j sound (대시보드, 브런치), no vowel of the Latin word. */
            if (j == 1 && jamo[1] == 0x1175 && nj == 2 &&
                (jamo_class(jamo[0]) == 'S' || jamo_class(jamo[0]) == 'J'))
                c = 'I';
            if (c)
                put_v(out, &n, c, vm,
                      c == 'I'   ? JK_PHON_ANY
                      : j == 1   ? hangul_vowel_letters(jamo[1])
                      : j == 0   ? initial_voicing(jamo[0])
                                 : 0);
        }
    }
    if (syllables >= 2 && syllables <= 4 && sino == syllables)
        n = 0;
    out[n] = '\0';
    return n;
}

static int
vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

size_t
jk_phon_latin(const char *w, char *out)
{
    return jk_phon_latin_vowels(w, out, NULL);
}

size_t
jk_phon_latin_vowels(const char *w, char *out, unsigned char *vm)
{
    size_t n = 0, len = strlen(w);
    for (size_t i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    for (size_t i = 0; i < len; i++) {
        char c = w[i], next = i + 1 < len ? w[i + 1] : 0;
        switch (c) {
        case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w':
            put_v(out, &n, 'V', vm, latin_vowel_letter(c));
            break;
        case 'h':
            break; /* silent, or part of a digraph handled before it */
        case 'c':
            if (next == 'h') {
                put_v(out, &n, 'J', vm, 0);
                i++;
            } else if (next == 'k') {
                put_v(out, &n, 'K', vm, JK_PHON_VOICELESS);
                i++;
            } else {
                int soft = next == 'e' || next == 'i' || next == 'y';
                put_v(out, &n, soft ? 'S' : 'K', vm,
                      soft ? 0 : JK_PHON_VOICELESS);
            }
            break;
        case 's':
            put_v(out, &n, 'S', vm, 0);
            if (next == 'h')
                i++;
            break;
        case 't':
            /* -tion, -tial: the sh sound Korean writes 션, 셜. */
            if (i > 0 && next == 'i' && i + 2 < len &&
                (w[i + 2] == 'o' || w[i + 2] == 'a')) {
                put_v(out, &n, 'S', vm, 0);
                break;
            }
            /* th: ㄷ (메서드) or ㅌ (프로메테우스) */
            put_v(out, &n, 'T', vm, next == 'h' ? 0 : JK_PHON_VOICELESS);
            if (next == 'h')
                i++;
            break;
        case 'p':
            put_v(out, &n, 'P', vm, JK_PHON_VOICELESS);
            if (next == 'h')
                i++;
            break;
        case 'g':
            put_v(out, &n, 'K', vm, JK_PHON_VOICED);
            break;
        case 'k': case 'q':
            put_v(out, &n, 'K', vm, JK_PHON_VOICELESS);
            break;
        case 'x':
            put_v(out, &n, 'K', vm, JK_PHON_VOICELESS);
            put_v(out, &n, 'S', vm, 0);
            break;
        case 'j': case 'z':
            put_v(out, &n, 'J', vm, 0);
            break;
        case 'b':
            if (i > 0 && w[i - 1] == 'm')
                break; /* lamb, lambda: silent */
            put_v(out, &n, 'P', vm, JK_PHON_VOICED);
            break;
        case 'f':
            put_v(out, &n, 'P', vm, JK_PHON_VOICELESS);
            break;
        case 'v':
            put_v(out, &n, 'P', vm, JK_PHON_VOICED);
            break;
        case 'd':
            put_v(out, &n, 'T', vm, JK_PHON_VOICED);
            break;
        case 'm':
            put_v(out, &n, 'M', vm, 0);
            break;
        case 'n':
            put_v(out, &n, 'N', vm, 0);
            if (next == 'g' && !(i + 2 < len && vowel(w[i + 2])))
                i++; /* -ng is one sound (ㅇ) */
            break;
        case 'l':
            put_v(out, &n, 'L', vm, 0);
            break;
        case 'r':
            /* Korean renders English r only before a vowel. */
            if (vowel(next))
                put_v(out, &n, 'L', vm, 0);
            break;
        }
    }
    out[n] = '\0';
    return n;
}

size_t
jk_phon_latin_singular(const char *w, char *out)
{
    return jk_phon_latin_singular_vowels(w, out, NULL);
}

size_t
jk_phon_latin_singular_vowels(const char *w, char *out, unsigned char *vm)
{
    char sing[JK_PHON_MAX + 1];
    size_t len = strlen(w);
    if (len < 4 || len > JK_PHON_MAX || w[len - 1] != 's' ||
        strchr("sui", w[len - 2]))
        return 0;
    memcpy(sing, w, len - 1);
    sing[len - 1] = '\0';
    return jk_phon_latin_vowels(sing, out, vm);
}

static int
is_vowel_mark(char c)
{
    return c == 'V' || c == 'I';
}

/* The consonants of key (its skeleton) into skel, and for each of them
 * after the first whether a vowel sits between it and the one before
 * (weak: an 'I' counts too) into gap.  Both hold JK_PHON_MAX + 1.  With
 * voicing, each consonant's voicing from vm (the key's _vowels letters),
 * those of a repeat merged into it joined. */
static size_t
split_key(const char *key, char *skel, char *gap, int weak,
          const unsigned char *vm, unsigned char *voicing)
{
    size_t n = 0;
    int vowel_seen = 0;
    for (size_t i = 0; key[i] && n < JK_PHON_MAX; i++) {
        if (is_vowel_mark(key[i])) {
            vowel_seen |= key[i] == 'V' || weak;
        } else if (n == 0 || skel[n - 1] != key[i]) {
            gap[n] = (char)vowel_seen;
            if (voicing)
                voicing[n] = vm[i];
            skel[n++] = key[i];
            vowel_seen = 0;
        } else if (voicing) {
            voicing[n - 1] |= vm[i];
        }
        /* a repeated consonant (ll, or 릴리) merges, vowel and all */
    }
    skel[n] = '\0';
    return n;
}

size_t
jk_phon_skeleton(const char *key, char *out)
{
    char gap[JK_PHON_MAX + 1];
    return split_key(key, out, gap, 1, NULL, NULL);
}

/* Whether two keys are the same sound: equal once 'I' reads as 'V' and a
 * run of vowels as one. */
static int
same_key(const char *a, const char *b)
{
    for (;;) {
        int va = is_vowel_mark(*a), vb = is_vowel_mark(*b);
        if (va != vb)
            return 0;
        if (va) {
            while (is_vowel_mark(*a))
                a++;
            while (is_vowel_mark(*b))
                b++;
            continue;
        }
        if (*a != *b)
            return 0;
        if (!*a)
            return 1;
        a++, b++;
    }
}

/* Do the vowel runs of two keys that same_key() finds alike agree: does
 * each Hangul run stand for some letter of the Latin run at its place? */
static int
same_vowels(const char *hk, const unsigned char *hv, const char *lk,
            const unsigned char *lv)
{
    size_t i = 0, j = 0;
    while (hk[i] && lk[j]) {
        if (!is_vowel_mark(hk[i]) || !is_vowel_mark(lk[j])) {
            i++, j++;
            continue;
        }
        unsigned char h = 0, l = 0;
        for (; is_vowel_mark(hk[i]); i++)
            h |= hv[i];
        for (; is_vowel_mark(lk[j]); j++)
            l |= lv[j];
        if (!(h & l))
            return 0;
    }
    return 1;
}

/* Do the consonants of two keys with the same skeleton agree in voicing
 * where both tell it: 필드 is field, not build; 번아웃 no pinot. */
static int
same_voicing(const char *hk, const unsigned char *hv, const char *lk,
             const unsigned char *lv)
{
    char skel[JK_PHON_MAX + 1], gap[JK_PHON_MAX + 1];
    unsigned char h[JK_PHON_MAX], l[JK_PHON_MAX];
    size_t n = split_key(hk, skel, gap, 0, hv, h);
    if (split_key(lk, skel, gap, 1, lv, l) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (h[i] && l[i] && !(h[i] & l[i]))
            return 0;
    return 1;
}

int
jk_phon_match_vowels(const char *hangul, const unsigned char *hv,
                     const char *latin, const unsigned char *lv)
{
    int m = jk_phon_match(hangul, latin);
    if (m && !same_voicing(hangul, hv, latin, lv))
        return 0;
    if (m != 2 || same_vowels(hangul, hv, latin, lv))
        return m;
    /* The same consonants and vowel places, other vowels: a long word
     * may still sound alike by its consonants (rule above), a short one
     * does not. */
    char sh[JK_PHON_MAX + 1], gh[JK_PHON_MAX + 1];
    return split_key(hangul, sh, gh, 0, NULL, NULL) >= 4 ? 1 : 0;
}

int
jk_phon_match(const char *hangul, const char *latin)
{
    char sh[JK_PHON_MAX + 1], sl[JK_PHON_MAX + 1];
    char gh[JK_PHON_MAX + 1], gl[JK_PHON_MAX + 1];
    size_t n = split_key(hangul, sh, gh, 0, NULL, NULL);
    split_key(latin, sl, gl, 1, NULL, NULL);
    if (n < 2 || strcmp(sh, sl) != 0)
        return 0;
    if (same_key(hangul, latin))
        return 2;
    if (n < 4)
        return 0;
    /* A Latin word may have vowels the Hangul one drops (a silent e,
     * pipeline -> 파이프라인), but a full Hangul vowel between two
     * consonants is a vowel of the word: 조건부 is no zconf. */
    for (size_t i = 1; i < n; i++)
        if (gh[i] && !gl[i])
            return 0;
    return 1;
}
