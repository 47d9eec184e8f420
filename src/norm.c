/* norm.c - utf8proc normalization with original byte offsets, and the
 * script classes used by the tokenizer. */
#include "norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jikji.h"
#include "buf.h"

/* UTF8PROC_IGNORE drops the default-ignorable code points (soft hyphen,
 * zero-width space, joiners, word joiner, a BOM inside the text,
 * variation selectors): invisible, they split `Kaf<ZWSP>ka` or `재시<SHY>도`
 * (text copied from the web or a PDF) into words nobody types. */
#define NORM_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | \
                      UTF8PROC_IGNORE)

/* A superscript or subscript form (`²`, `₂`, `ª`), which reader 12 folds
 * when it is one character's. */
static int
is_script_form(utf8proc_int32_t cp)
{
    if (cp < 0xAA)
        return 0;
    utf8proc_propval_t t = utf8proc_get_property(cp)->decomp_type;
    return t == UTF8PROC_DECOMP_TYPE_SUPER || t == UTF8PROC_DECOMP_TYPE_SUB;
}

/* Fold full-width ASCII variants and the ideographic space to ASCII, and
 * half-width katakana and Hangul jamo to their usual forms (`ｶﾌｶ` is
 * `カフカ`, `ﾡ` is `ㄱ`), before decomposition: NFC alone leaves them
 * alone, and NFKC would also rewrite Hangul compatibility jamo. */
static utf8proc_int32_t
fold_fullwidth(utf8proc_int32_t cp, void *data)
{
    (void)data;
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;
    if (cp == 0x3000)
        return 0x20;
    /* Half-width Hangul jamo: to the compatibility jamo (their
     * decomposition would go on to the conjoining ones). */
    if (cp >= 0xFFA1 && cp <= 0xFFBE)
        return cp - 0xFFA1 + 0x3131;
    if (cp >= 0xFFC2 && cp <= 0xFFDC) {
        static const unsigned char vowel[] = {  /* from U+FFC2, 0: none */
            0x4F, 0x50, 0x51, 0x52, 0x53, 0x54, 0, 0, 0x55, 0x56, 0x57,
            0x58, 0x59, 0x5A, 0, 0, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0,
            0, 0x61, 0x62, 0x63};
        unsigned char v = vowel[cp - 0xFFC2];
        return v ? 0x3100 + v : cp;
    }
    /* Half-width katakana and their marks; superscripts and subscripts
     * of one character (`x²` is x2, `H₂O` h2o, `1ª` 1a). */
    if ((cp >= 0xFF61 && cp <= 0xFF9F) || is_script_form(cp)) {
        utf8proc_int32_t to[4];
        int last = 0;
        if (utf8proc_decompose_char(cp, to, 4,
                                    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
                                    &last) == 1)
            return to[0];
    }
    return cp;
}

/* A combining mark of the diacritic blocks: accents (U+0300..036F and
 * their extensions) and the marks set on symbols (U+20D0..20FF, the
 * keycap of `3️⃣`). */
static int
is_diacritic(int32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Whether the diacritics on `base` are dropped: on a Latin or Greek
 * letter (`résumé` is resume, `İstanbul` istanbul, as a person types
 * them), and on what is no letter (a keycap's digit).  A Cyrillic `й` or
 * a Hangul or kana letter with a mark is a letter of its own, and the
 * kana voicing marks (U+3099) are not in the diacritic blocks.  Marks
 * with no base (0: a grapheme's start, or a piece of one too long)
 * stay. */
static int
drops_diacritics(int32_t base)
{
    if (base == 0)
        return 0;
    if (base < 0x0250 || (base >= 0x0370 && base <= 0x03FF) ||
        (base >= 0x1E00 && base <= 0x1FFF) || (base >= 0x2C60 && base <= 0x2C7F) ||
        (base >= 0xA720 && base <= 0xA7FF))
        return 1;
    switch (utf8proc_category(base)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 0;
    default:
        return 1;
    }
}

/* Drop from the decomposed grapheme cps[0, n) the diacritics its base
 * letters shed (drops_diacritics()); returns the count left. */
static utf8proc_ssize_t
drop_diacritics(int32_t *cps, utf8proc_ssize_t n)
{
    utf8proc_ssize_t k = 0;
    int32_t base = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        if (!is_diacritic(cps[i]))
            base = cps[i];
        else if (drops_diacritics(base))
            continue;
        cps[k++] = cps[i];
    }
    return k;
}

/* Grow the arrays to hold `extra` more code points. */
static int
nt_grow(jk_normtext *nt, size_t extra)
{
    size_t cap = nt->cap ? nt->cap : 256;
    while (cap < nt->n + extra)
        cap *= 2;
    int32_t *cp = realloc(nt->cp, cap * sizeof *cp);
    if (!cp)
        return -1;
    nt->cp = cp;
    size_t *os = realloc(nt->ostart, cap * sizeof *os);
    if (!os)
        return -1;
    nt->ostart = os;
    size_t *oe = realloc(nt->oend, cap * sizeof *oe);
    if (!oe)
        return -1;
    nt->oend = oe;
    uint8_t *fl = realloc(nt->flags, cap);
    if (!fl)
        return -1;
    nt->flags = fl;
    nt->cap = cap;
    return 0;
}

/* Make room for `extra` more code points (called for each one: the
 * check is inline, the growth is not). */
static inline int
nt_reserve(jk_normtext *nt, size_t extra)
{
    return nt->n + extra <= nt->cap ? 0 : nt_grow(nt, extra);
}

static void
nt_push(jk_normtext *nt, int32_t cp, size_t s, size_t e, uint8_t flags)
{
    nt->cp[nt->n] = cp;
    nt->ostart[nt->n] = s;
    nt->oend[nt->n] = e;
    nt->flags[nt->n] = flags;
    nt->n++;
}

static uint8_t
case_flags(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
               ? JK_NORM_UPPER : 0;
}

/* A precomposed Hangul syllable (U+AC00..U+D7A3)? */
static int
is_syllable(int32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Bytes of the code point s[0, n) starts with when is(it), else 0. */
static size_t
cp_len_if(const char *s, size_t n, int (*is)(int32_t))
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = n ? utf8proc_iterate((const utf8proc_uint8_t *)s,
                                              (utf8proc_ssize_t)n, &cp)
                           : 0;
    return k > 0 && is(cp) ? (size_t)k : 0;
}

size_t
jk_hangul_len(const char *s, size_t n)
{
    return cp_len_if(s, n, is_syllable);
}

/* A precomposed syllable or a conjoining jamo (U+1100..U+11FF,
 * U+A960..U+A97F, U+D7B0..U+D7FF): what a Hangul word is made of in NFC
 * or in NFD text. */
static int
is_hangul_piece(int32_t cp)
{
    return is_syllable(cp) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF);
}

size_t
jk_hangul_piece_len(const char *s, size_t n)
{
    return cp_len_if(s, n, is_hangul_piece);
}

/* Does a grapheme that is a Hangul syllable end at text[i]: at the end,
 * before ASCII or before another syllable? */
static int
ends_syllable(const char *text, size_t len, size_t i)
{
    if (i >= len || (unsigned char)text[i] < 0x80)
        return 1;
    utf8proc_int32_t cp;
    return utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                            (utf8proc_ssize_t)(len - i), &cp) > 0 &&
           is_syllable(cp);
}

/* Is code point cp, which starts a grapheme and is followed by text[next],
 * a grapheme of its own that is its own NFC and case fold but for A-Z?
 * ASCII followed by ASCII or the end (CR LF is the one ASCII pair that
 * joins, left to utf8proc), and a precomposed Hangul syllable followed by
 * ASCII, another syllable or the end (the Unicode rules join a syllable
 * only to a following vowel or final jamo, or to a mark).  These two are
 * most of a note and need no tables; test_norm compares them with
 * utf8proc on random text. */
static int
lone_grapheme(const char *text, size_t len, size_t next, int32_t cp)
{
    if (cp < 0x80)
        return cp != '\r' && (next >= len || (unsigned char)text[next] < 0x80);
    return is_syllable(cp) && ends_syllable(text, len, next);
}

/* Append the one code point cp of a grapheme from [s, e) that needs no
 * tables: its own NFC and case fold but for A-Z, which are folded and
 * flagged here.  0, or -1 on out of memory.  Inline: it runs for most
 * characters of every note, and as a call gcc left it cost 10% of the
 * tokenizer's throughput. */
static inline int
push_plain(jk_normtext *nt, int32_t cp, size_t s, size_t e)
{
    if (nt_reserve(nt, 1) < 0)
        return -1;
    int up = cp >= 'A' && cp <= 'Z';
    nt_push(nt, up ? cp + 32 : cp, s, e, up ? JK_NORM_UPPER : 0);
    return 0;
}

/* push_plain() for each byte of the run of lone ASCII graphemes (see
 * lone_grapheme()) that starts at text[i], as far as the arrays have room;
 * returns where the run ends.  One tight loop with the arrays in locals:
 * through nt, every store of a flag byte (which may alias anything) made
 * the compiler load all four array pointers again. */
static size_t
ascii_run(jk_normtext *nt, const char *text, size_t len, size_t i, size_t base)
{
    int32_t *cp = nt->cp;
    size_t *os = nt->ostart, *oe = nt->oend;
    uint8_t *fl = nt->flags;
    size_t k = nt->n, end = i + (nt->cap - k);
    if (end > len)
        end = len;
    for (; i < end; i++, k++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80 || c == '\r' ||
            (i + 1 < len && (unsigned char)text[i + 1] >= 0x80))
            break;
        int up = c >= 'A' && c <= 'Z';
        cp[k] = up ? c + 32 : c;
        os[k] = base + i;
        oe[k] = base + i + 1;
        fl[k] = up ? JK_NORM_UPPER : 0;
    }
    nt->n = k;
    return i;
}

/* The same for a run of lone Hangul syllables (see lone_grapheme()):
 * each is decoded once, where lone_grapheme() decodes the next character
 * too.  *last is the run's last code point. */
static size_t
syllable_run(jk_normtext *nt, const char *text, size_t len, size_t i,
             size_t base, int32_t *last)
{
    int32_t *cps = nt->cp;
    size_t *os = nt->ostart, *oe = nt->oend;
    uint8_t *fl = nt->flags;
    size_t k = nt->n, room = nt->cap - k;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    while (room && n > 0 && is_syllable(cp)) {
        size_t next = i + (size_t)n;
        utf8proc_int32_t ncp = 0;
        utf8proc_ssize_t nn = 0;
        if (next < len && (unsigned char)text[next] >= 0x80) {
            nn = utf8proc_iterate((const utf8proc_uint8_t *)text + next,
                                  (utf8proc_ssize_t)(len - next), &ncp);
            if (nn <= 0 || !is_syllable(ncp))
                break; /* cp may join what follows: not lone */
        }
        cps[k] = cp;
        os[k] = base + i;
        oe[k] = base + next;
        fl[k] = 0;
        k++;
        room--;
        *last = cp;
        i = next;
        if (nn == 0)
            break; /* the end, or ASCII next */
        cp = ncp;
        n = nn;
    }
    nt->n = k;
    return i;
}

/* Normalize one grapheme cluster text[s, e) whose first code point is
 * `first`, appending its normalized code points. */
static int
flush_grapheme(jk_normtext *nt, const char *text, size_t s, size_t e,
               int32_t first, size_t ncp, size_t base, int32_t **tmp,
               size_t *tmpcap)
{
    /* A precomposed Hangul syllable is its own NFC and case fold
     * (test_norm checks all 11,172 against utf8proc); ASCII but for A-Z. */
    if (ncp == 1 && (is_syllable(first) || first < 0x80))
        return push_plain(nt, first, base + s, base + e);
    uint8_t flags = case_flags(first);
    const utf8proc_uint8_t *str = (const utf8proc_uint8_t *)text + s;
    utf8proc_ssize_t m;
    for (;;) {
        m = utf8proc_decompose_custom(str, (utf8proc_ssize_t)(e - s), *tmp,
                                      (utf8proc_ssize_t)*tmpcap, NORM_OPTIONS,
                                      fold_fullwidth, NULL);
        if (m < 0)
            return -1; /* cannot happen: the bytes were validated */
        if ((size_t)m <= *tmpcap)
            break;
        int32_t *p = realloc(*tmp, (size_t)m * sizeof *p);
        if (!p)
            return -1;
        *tmp = p;
        *tmpcap = (size_t)m;
    }
    m = utf8proc_normalize_utf32(*tmp, drop_diacritics(*tmp, m), NORM_OPTIONS);
    if (m < 0)
        return -1;
    if (nt_reserve(nt, (size_t)m) < 0)
        return -1;
    for (utf8proc_ssize_t k = 0; k < m; k++)
        nt_push(nt, (*tmp)[k], base + s, base + e, flags);
    return 0;
}

int
jk_norm(const char *text, size_t len, size_t base, jk_normtext *nt)
{
    size_t tmpcap = 64;  /* grows when a grapheme decomposes to more */
    int32_t *tmp = malloc(tmpcap * sizeof *tmp);
    int rc = 0;

    nt->n = 0;
    /* A code point per byte at most, but for the rare expansions (ß ->
     * ss), which grow the arrays as they come: sized once, the arrays are
     * never copied by a realloc. */
    if (!tmp || nt_reserve(nt, len) < 0) {
        free(tmp);
        return -1;
    }

    size_t i = 0, gs = 0, gcount = 0;
    int32_t gfirst = 0, prev = 0;
    utf8proc_int32_t state = 0;
    while (i < len) {
        unsigned char c0 = (unsigned char)text[i];
        if (gcount == 0 && c0 < 0x80) {
            size_t j = ascii_run(nt, text, len, i, base);
            if (j > i) {
                prev = (unsigned char)text[j - 1];
                state = 0;
                i = j;
                continue;
            }
        }
        /* 0xEA-0xED lead the UTF-8 of U+A000-U+DFFF, which holds the
         * precomposed syllables: a cheap test before decoding. */
        if (gcount == 0 && c0 >= 0xEA && c0 <= 0xED) {
            int32_t last;
            size_t j = syllable_run(nt, text, len, i, base, &last);
            if (j > i) {
                prev = last;
                state = 0;
                i = j;
                continue;
            }
        }
        utf8proc_int32_t cp = c0;
        size_t n = 1;
        if (c0 >= 0x80) {
            utf8proc_ssize_t k = utf8proc_iterate(
                (const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i),
                &cp);
            if (k <= 0) {
                /* Invalid bytes: close the grapheme, emit one U+FFFD
                 * (a separator for the tokenizer) for the character cut
                 * short or the stray byte, and resynchronize. */
                if (gcount && flush_grapheme(nt, text, gs, i, gfirst, gcount,
                                             base, &tmp, &tmpcap) < 0)
                    goto oom;
                gcount = 0;
                state = 0;
                if (nt_reserve(nt, 1) < 0)
                    goto oom;
                size_t bad = jikji_utf8_bad_len(text + i, len - i);
                nt_push(nt, 0xFFFD, base + i, base + i + bad, JK_NORM_BAD);
                i += bad;
                continue;
            }
            n = (size_t)k;
        }
        if (gcount &&
            (gcount >= JK_NORM_MAX_GRAPHEME ||
             utf8proc_grapheme_break_stateful(prev, cp, &state))) {
            if (flush_grapheme(nt, text, gs, i, gfirst, gcount, base, &tmp,
                               &tmpcap) < 0)
                goto oom;
            gcount = 0;
        }
        if (gcount == 0 && lone_grapheme(text, len, i + n, cp)) {
            if (push_plain(nt, cp, base + i, base + i + n) < 0)
                goto oom;
            prev = cp;
            state = 0;
            i += n;
            continue;
        }
        if (gcount == 0) {
            gs = i;
            gfirst = cp;
            if (cp < 0x80)
                state = 0;
        }
        gcount++;
        prev = cp;
        i += n;
    }
    if (gcount && flush_grapheme(nt, text, gs, len, gfirst, gcount, base, &tmp,
                                 &tmpcap) < 0)
        goto oom;
    goto out;
oom:
    rc = -1;
out:
    free(tmp);
    return rc;
}

void
jk_normtext_fini(jk_normtext *nt)
{
    free(nt->cp);
    free(nt->ostart);
    free(nt->oend);
    free(nt->flags);
    memset(nt, 0, sizeof *nt);
}

enum jk_class
jk_class_by_property(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        break;
    case UTF8PROC_CATEGORY_PC:
        return JK_CLASS_JOIN;
    default:
        /* Punctuation and symbols separate, even inside CJK blocks
         * (the katakana middle dot U+30FB). */
        return JK_CLASS_SEP;
    }
    /* Scripts written without spaces: utf8proc has no script property, so
     * these are the Unicode block ranges. */
    if ((cp >= 0xAC00 && cp <= 0xD7FF) || (cp >= 0x1100 && cp <= 0x11FF) ||
        (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
        (cp >= 0xFFA0 && cp <= 0xFFDC))
        return JK_CLASS_HANGUL;
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
        (cp >= 0xFF66 && cp <= 0xFF9F))
        return JK_CLASS_KANA;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
        (cp >= 0x3005 && cp <= 0x3007)) /* 々 〆 〇 */
        return JK_CLASS_HAN;
    return JK_CLASS_WORD;
}

int
jk_norm_id(char *buf, size_t size)
{
    int n = snprintf(buf, size, "norm-%d utf8proc-%s unicode-%s",
                     JK_NORM_VERSION, utf8proc_version(),
                     utf8proc_unicode_version());
    return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

int
jk_norm_has_diacritic_or_script(const char *text, size_t len)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    for (size_t i = 0; i < len;) {
        /* ASCII and U+AC00..DFFF (Hangul syllables and jamo: no
         * diacritic, no superscript), most of a note, are skipped
         * undecoded: the index runs this over every section it writes. */
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if ((s[i] >= 0xEB && s[i] <= 0xED) ||
            (s[i] == 0xEA && i + 1 < len && s[i + 1] >= 0xB0)) {
            i += 3;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i),
                                              &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (is_syllable(cp))
            continue;
        if (is_script_form(cp))
            return 1;
        utf8proc_int32_t to[8];
        int last = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(
            cp, to, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
        for (utf8proc_ssize_t k = 0; k < m && k < 8; k++)
            if (is_diacritic(to[k]))
                return 1;
    }
    return 0;
}

jikji_status_t
jikji_normalize(const char *text, size_t len, char **out)
{
    if (out)
        *out = NULL;
    if (!out || (!text && len))
        return JIKJI_EINVAL;
    jk_normtext nt = JK_NORMTEXT_INIT;
    jk_buf b = JK_BUF_INIT;
    if (jk_norm(text ? text : "", len, 0, &nt) < 0)
        goto oom;
    for (size_t i = 0; i < nt.n; i++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(nt.cp[i], enc);
        if (jk_buf_append(&b, enc, (size_t)k) < 0)
            goto oom;
    }
    jk_normtext_fini(&nt);
    *out = jk_buf_steal(&b);
    return *out ? JIKJI_OK : JIKJI_ENOMEM;
oom:
    jk_normtext_fini(&nt);
    jk_buf_fini(&b);
    return JIKJI_ENOMEM;
}

size_t
jikji_utf8_bad_len(const char *text, size_t len)
{
    if (!text || !len)
        return 0;
    const unsigned char *u = (const unsigned char *)text;
    utf8proc_int32_t cp;
    if (utf8proc_iterate(u, (utf8proc_ssize_t)len, &cp) > 0)
        return 0;
    /* The second byte's range depends on the lead (no overlong forms,
     * surrogates or values above U+10FFFF); every later byte is 80-BF.
     * The subpart ends at the first byte out of range. */
    unsigned c = u[0], lo = 0x80, hi = 0xBF;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 1;
    size_t k = 1;
    while (k < need && k < len && u[k] >= lo && u[k] <= hi) {
        k++;
        lo = 0x80, hi = 0xBF;
    }
    return k < need ? k : 1; /* k == need: valid, which iterate denied */
}

char *
jk_norm_path(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                          UTF8PROC_COMPOSE);
    return n < 0 ? NULL : (char *)out;
}

/* Whether the n bytes at p look like UTF-16 without a byte order mark:
 * the high bytes of one parity (odd for little-endian, even for big) are
 * nearly all 0 (ASCII) or Hangul syllables' 0xAC-0xD7, while the other
 * parity's bytes are mostly not 0 (a run of zeros is binary, not text). */
static int
looks_utf16(const unsigned char *p, size_t n)
{
    if (n < 16)
        return 0;
    for (int hi = 0; hi < 2; hi++) {
        size_t pairs = 0, high_ok = 0, low_nul = 0;
        for (size_t i = 0; i + 1 < n; i += 2, pairs++) {
            unsigned char h = p[i + (size_t)hi], l = p[i + 1 - (size_t)hi];
            high_ok += h == 0 || (h >= 0xAC && h <= 0xD7);
            low_nul += l == 0;
        }
        if (high_ok * 10 >= pairs * 9 && low_nul * 2 < pairs)
            return 1;
    }
    return 0;
}

/* Whether the non-ASCII bytes of the n at p are mostly EUC-KR / CP949
 * Hangul pairs (lead 0xB0-0xC8, trail 0xA1-0xFE). */
static int
looks_euc_kr(const unsigned char *p, size_t n)
{
    size_t high = 0, paired = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x80)
            continue;
        high++;
        if (i + 1 < n && p[i] >= 0xB0 && p[i] <= 0xC8 && p[i + 1] >= 0xA1 &&
            p[i + 1] != 0xFF) {
            high++;
            paired += 2;
            i++;
        }
    }
    return high >= 8 && paired * 10 >= high * 8;
}

/* Whether the whole of u[0, len), which the first 8 KiB did not show to be
 * another encoding, is EUC-KR/CP949: few Korean words among ASCII (code,
 * an English note), or Korean only past 8 KiB.  Its bytes that are no
 * UTF-8 are 8 or more and nearly all Hangul pairs (lead 0xB0-0xC8, trail
 * 0xA1-0xFE; a pair that happens to be UTF-8, 0xC7 0xA1, counts as
 * neither), with two runs of two pairs or more: a word of two syllables,
 * where Latin-1's accented capitals pair too (ÇÃ) but one by one.  A
 * character of three or four bytes of UTF-8 (→, a Hangul syllable) makes
 * it UTF-8 with a stray line of something else, read as UTF-8 (QA: a note
 * with one pasted CP949 line was skipped, and the iconv the warning gave
 * failed on it). */
static int
euc_kr_throughout(const unsigned char *u, size_t len)
{
    size_t bad = 0, paired = 0, runs = 0;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i),
                                              &cp);
        if (k >= 3)
            return 0;
        if (k == 2) {
            i += 2;
            continue;
        }
        size_t j = i, pairs = 0;
        while (j + 1 < len && u[j] >= 0xB0 && u[j] <= 0xC8 &&
               u[j + 1] >= 0xA1 && u[j + 1] != 0xFF) {
            j += 2;
            pairs++;
        }
        if (pairs) {
            bad += 2 * pairs;
            paired += 2 * pairs;
            runs += pairs >= 2;
            i = j;
        } else {
            bad++;
            i++;
        }
    }
    return bad >= 8 && paired * 10 >= bad * 8 && runs >= 2;
}

/* Looks at the first 8 KiB: text may hold a stray NUL or invalid byte,
 * but not one in ten (nor fewer than 8 of them: a short Latin-1 note with
 * a few accents is read, its accents as U+FFFD). */
const char *
jikji_text_problem(const char *p, size_t len)
{
    if (!p)
        return NULL;
    const unsigned char *u = (const unsigned char *)p;
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                     (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)))
        return "UTF-32 text is not supported (save the note as UTF-8)";
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                     (u[0] == 0xFE && u[1] == 0xFF)))
        return "UTF-16 text is not supported (save the note as UTF-8)";
    size_t n = len < 8192 ? len : 8192, nul = 0, bad = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i),
                                              &cp);
        if (k <= 0) {
            /* A character cut by the 8 KiB window is not bad data. */
            bad += n - i >= 4;
            i++;
            continue;
        }
        nul += cp == 0;
        i += (size_t)k;
    }
    int many_nul = n && nul * 10 > n, many_bad = n && bad * 10 > n && bad >= 8;
    if ((many_nul || many_bad) && looks_utf16(u, n))
        return "UTF-16 text without a byte order mark is not supported (save "
               "the note as UTF-8)";
    if (many_nul)
        return "binary file (many NUL bytes)";
    if (many_bad && looks_euc_kr(u, n))
        return "EUC-KR/CP949 text is not supported (convert the note to "
               "UTF-8: iconv -f cp949 -t utf-8)";
    if (many_bad)
        return "not UTF-8 text: binary, or another encoding (convert the "
               "note to UTF-8)";
    /* EUC-KR/CP949 text of few Korean words among much ASCII, or with its
     * Korean past the first 8 KiB. */
    if ((bad || len > n) && euc_kr_throughout(u, len))
        return "EUC-KR/CP949 text is not supported (convert the note to "
               "UTF-8: iconv -f cp949 -t utf-8)";
    return NULL;
}
