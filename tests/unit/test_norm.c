/* test_norm.c - unit tests for src/norm.c: the one normalizer (NFC, case
 * folding, full-width Latin to ASCII, Latin accents dropped, no NFKC), its
 * original byte spans, its handling of invalid UTF-8, the script classes
 * and the public jikji_normalize().
 *
 * Each jk_norm() test states the exact output as a table of
 * {code point, original start, original end, flags}.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "jikji.h"
#include "norm.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Shorthands for the flags column. */
#define UP JK_NORM_UPPER
#define BAD JK_NORM_BAD

typedef struct exp_cp {
    int32_t cp;
    size_t start, end;
    uint8_t flags;
} exp_cp;

/* Normalize len bytes of text with offsets shifted by base and compare the
 * result with exp[0, n).  On mismatch both tables are printed. */
static void
check_norm_base(const char *text, size_t len, size_t base, const exp_cp *exp,
                size_t n, const char *file, int line)
{
    jk_normtext nt = JK_NORMTEXT_INIT;
    int rc = jk_norm(text, len, base, &nt);
    int ok = rc == 0 && nt.n == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = nt.cp[i] == exp[i].cp && nt.ostart[i] == exp[i].start &&
             nt.oend[i] == exp[i].end && nt.flags[i] == exp[i].flags;
    if (!ok) {
        print_message("%s:%d: jk_norm returned %d\n", file, line, rc);
        print_message("  expected %zu code points:\n", n);
        for (size_t i = 0; i < n; i++)
            print_message("    U+%04X [%zu,%zu) flags=%u\n",
                          (unsigned)exp[i].cp, exp[i].start, exp[i].end,
                          exp[i].flags);
        print_message("  actual %zu code points:\n", nt.n);
        for (size_t i = 0; i < nt.n; i++)
            print_message("    U+%04X [%zu,%zu) flags=%u\n",
                          (unsigned)nt.cp[i], nt.ostart[i], nt.oend[i],
                          nt.flags[i]);
    }
    jk_normtext_fini(&nt);
    if (!ok)
        _fail(file, line);
}

/* EXPECT_NORM("literal", {cp, start, end, flags}, ...) */
#define EXPECT_NORM(text, ...) EXPECT_NORM_BASE(text, 0, __VA_ARGS__)
#define EXPECT_NORM_BASE(text, base, ...)                                   \
    do {                                                                    \
        static const exp_cp exp_[] = {__VA_ARGS__};                         \
        check_norm_base(text, sizeof(text) - 1, base, exp_,                 \
                        ARRAY_LEN(exp_), __FILE__, __LINE__);               \
    } while (0)

/* jikji_normalize() of len bytes must give exactly `want`. */
static void
check_normalize(const char *text, size_t len, const char *want,
                const char *file, int line)
{
    char *out = NULL;
    jikji_status_t rc = jikji_normalize(text, len, &out);
    int ok = rc == JIKJI_OK && out && strcmp(out, want) == 0;
    if (!ok)
        print_message("%s:%d: jikji_normalize -> %s, \"%s\"; want \"%s\"\n",
                      file, line, jikji_status_str(rc), out ? out : "(null)",
                      want);
    jikji_free(out);
    if (!ok)
        _fail(file, line);
}

#define EXPECT_NORMALIZE(text, want) \
    check_normalize(text, sizeof(text) - 1, want, __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* Composition and folding                                             */

/* 재시도 written as conjoining jamo (NFD, 9 code points, 18 bytes)
 * composes to three syllables, each spanning all bytes of its jamo. */
static void
test_nfd_hangul_composes(void **state)
{
    (void)state;
    EXPECT_NORM("\xE1\x84\x8C\xE1\x85\xA2"  /* ᄌ ᅢ -> 재 */
                "\xE1\x84\x89\xE1\x85\xB5"  /* ᄉ ᅵ -> 시 */
                "\xE1\x84\x83\xE1\x85\xA9", /* ᄃ ᅩ -> 도 */
                {0xC7AC, 0, 6, 0},
                {0xC2DC, 6, 12, 0},
                {0xB3C4, 12, 18, 0});
}

/* A syllable with a final consonant in NFD: L V T -> one syllable. */
static void
test_nfd_hangul_with_final(void **state)
{
    (void)state;
    /* ᄒ ᅡ ᆫ (한) then 국 already composed. */
    EXPECT_NORM("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB" "국",
                {0xD55C, 0, 9, 0},
                {0xAD6D, 9, 12, 0});
    /* A precomposed LV syllable followed by a trailing jamo (가 + ᆨ). */
    EXPECT_NORM("가\xE1\x86\xA8",
                {0xAC01, 0, 6, 0});
}

static void
test_combining_acute_composes(void **state)
{
    (void)state;
    /* Reader 12: the accent of a Latin letter is dropped, composed or
     * not; upper case folded and flagged. */
    EXPECT_NORM("e\xCC\x81", {'e', 0, 3, 0});
    EXPECT_NORM("E\xCC\x81t\xC3\xA9",
                {'e', 0, 3, UP},
                {'t', 3, 4, 0},
                {'e', 4, 6, 0});
}

/* Which marks go (reader 12): those of the diacritic blocks on Latin and
 * Greek letters and on what is no letter; the others stay. */
static void
test_diacritics(void **state)
{
    (void)state;
    /* İ folds to i + U+0307, whose dot goes. */
    EXPECT_NORM("İs", {'i', 0, 2, UP}, {'s', 2, 3, 0});
    EXPECT_NORM("ñ", {'n', 0, 2, 0});
    EXPECT_NORM("Ά", {0x03B1, 0, 2, UP});            /* Greek tonos */
    EXPECT_NORM("ệ", {'e', 0, 3, 0});                /* two marks */
    /* A keycap: the digit, without U+FE0F (ignorable) and U+20E3. */
    EXPECT_NORM("3\xEF\xB8\x8F\xE2\x83\xA3", {'3', 0, 7, 0});
    /* Cyrillic й, kana が (U+3099 is no diacritic), Hangul with a mark,
     * and a mark with no base: kept. */
    EXPECT_NORM("й", {0x0439, 0, 2, 0});
    EXPECT_NORM("\xE3\x81\x8B\xE3\x82\x99", {0x304C, 0, 6, 0});
    EXPECT_NORM("가\xCC\x81", {0xAC00, 0, 5, 0}, {0x0301, 0, 5, 0});
    EXPECT_NORM("\xCC\x81", {0x0301, 0, 2, 0});
    /* A mark outside the blocks stays on a Latin letter (titlo). */
    EXPECT_NORM("a\xD2\x83", {'a', 0, 3, 0}, {0x0483, 0, 3, 0});
}

static void
test_has_diacritic_or_script(void **state)
{
    (void)state;
    static const char *yes[] = {"café", "e\xCC\x81", "İ", "x²", "H₂O",
                                "1ª", "3\xE2\x83\xA3", "й", "재시도 Ά",
                                "가\xEA\x9A\x9C" /* U+A69C, <super> */};
    static const char *no[] = {"", "kafka 재시도", "ㅋㅋ カフカ 再試行",
                               "\xE1\x84\x8C\xE1\x85\xA2", "Straße ΣΑς",
                               "→ — · ①", "bad\xFF\xCC", "가각깋 힣",
                               "\xEA"};
    for (size_t i = 0; i < ARRAY_LEN(yes); i++)
        assert_true(jk_norm_has_diacritic_or_script(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < ARRAY_LEN(no); i++)
        assert_false(jk_norm_has_diacritic_or_script(no[i], strlen(no[i])));
}

static void
test_case_folding_ascii(void **state)
{
    (void)state;
    EXPECT_NORM("KAFKA",
                {'k', 0, 1, UP}, {'a', 1, 2, UP}, {'f', 2, 3, UP},
                {'k', 3, 4, UP}, {'a', 4, 5, UP});
    EXPECT_NORM("aB1_",
                {'a', 0, 1, 0}, {'b', 1, 2, UP}, {'1', 2, 3, 0},
                {'_', 3, 4, 0});
}

/* Full case folding: ß becomes two code points, both spanning ß's two
 * bytes; only the capital S is flagged upper. */
static void
test_case_folding_sharp_s(void **state)
{
    (void)state;
    EXPECT_NORM("Straße",
                {'s', 0, 1, UP}, {'t', 1, 2, 0}, {'r', 2, 3, 0},
                {'a', 3, 4, 0}, {'s', 4, 6, 0}, {'s', 4, 6, 0},
                {'e', 6, 7, 0});
}

static void
test_case_folding_non_latin(void **state)
{
    (void)state;
    /* Greek final sigma folds to σ as well; Cyrillic folds. */
    EXPECT_NORM("ΣΑς",
                {0x03C3, 0, 2, UP}, {0x03B1, 2, 4, UP}, {0x03C3, 4, 6, 0});
    EXPECT_NORM("Ж", {0x0436, 0, 2, UP});
    /* Title case letter (U+01C5 ǅ) counts as upper. */
    EXPECT_NORM("\xC7\x85", {0x01C6, 0, 2, UP});
}

static void
test_fullwidth_latin(void **state)
{
    (void)state;
    EXPECT_NORM("Ｋａｆｋａ",
                {'k', 0, 3, UP}, {'a', 3, 6, 0}, {'f', 6, 9, 0},
                {'k', 9, 12, 0}, {'a', 12, 15, 0});
    /* Digits, punctuation and the edges of the block U+FF01..FF5E. */
    EXPECT_NORM("！２＿～",
                {'!', 0, 3, 0}, {'2', 3, 6, 0}, {'_', 6, 9, 0},
                {'~', 9, 12, 0});
    /* U+FF5F (fullwidth left white parenthesis) is outside: unchanged. */
    EXPECT_NORM("\xEF\xBD\x9F", {0xFF5F, 0, 3, 0});
}

static void
test_halfwidth_kana_and_jamo(void **state)
{
    (void)state;
    /* Half-width katakana: the usual ones; a voiced mark joins its kana
     * (one grapheme, composed: ｶﾞ is ガ). */
    EXPECT_NORM("ｶﾌｶ", {0x30AB, 0, 3, 0}, {0x30D5, 3, 6, 0},
                {0x30AB, 6, 9, 0});
    EXPECT_NORM("ｶﾞ", {0x30AC, 0, 6, 0});
    /* Half-width Hangul jamo: the compatibility jamo, not the conjoining
     * ones their decomposition goes on to (ﾡ is ㄱ, ￂ is ㅏ, ￜ is ㅣ). */
    EXPECT_NORM("ﾡￂￜ", {0x3131, 0, 3, 0}, {0x314F, 3, 6, 0},
                {0x3163, 6, 9, 0});
}

static void
test_ideographic_space(void **state)
{
    (void)state;
    EXPECT_NORM("a\xE3\x80\x80" "b",
                {'a', 0, 1, 0}, {' ', 1, 4, 0}, {'b', 4, 5, 0});
}

/* The NFKC trap (DESIGN.md "Tokens"): compatibility jamo must stay
 * compatibility jamo, not become conjoining jamo (U+110F). */
static void
test_compat_jamo_not_nfkc(void **state)
{
    (void)state;
    EXPECT_NORM("ㅋㅋ", {0x314B, 0, 3, 0}, {0x314B, 3, 6, 0});
    EXPECT_NORM("ㅈㅅㄷ",
                {0x3148, 0, 3, 0}, {0x3145, 3, 6, 0}, {0x3137, 6, 9, 0});
}

/* Other compatibility characters are left alone too (NFC, not NFKC):
 * superscripts, circled digits, ligature-free text. */
static void
test_no_other_compat_folding(void **state)
{
    (void)state;
    /* Superscripts and subscripts of one character fold (reader 12);
     * circled numbers and ™ (two letters) do not. */
    EXPECT_NORM("x²", {'x', 0, 1, 0}, {'2', 1, 3, 0});
    EXPECT_NORM("₂ᵃ", {'2', 0, 3, 0}, {'a', 3, 6, 0});
    EXPECT_NORM("①", {0x2460, 0, 3, 0});
    EXPECT_NORM("™", {0x2122, 0, 3, 0});
    /* Half-width forms outside the kana and jamo are left alone (U+FFE8,
     * HALFWIDTH FORMS LIGHT VERTICAL). */
    EXPECT_NORM("\xEF\xBF\xA8", {0xFFE8, 0, 3, 0});
}

/* Precomposed and decomposed input give identical code points. */
static void
test_nfc_nfd_agree(void **state)
{
    (void)state;
    static const char nfc[] = "재시도 café";
    static const char nfd[] = "\xE1\x84\x8C\xE1\x85\xA2"
                              "\xE1\x84\x89\xE1\x85\xB5"
                              "\xE1\x84\x83\xE1\x85\xA9 cafe\xCC\x81";
    char *a = NULL, *b = NULL;
    assert_int_equal(jikji_normalize(nfc, sizeof nfc - 1, &a), JIKJI_OK);
    assert_int_equal(jikji_normalize(nfd, sizeof nfd - 1, &b), JIKJI_OK);
    assert_string_equal(a, b);
    assert_string_equal(a, "재시도 cafe");
    jikji_free(a);
    jikji_free(b);
}

/* ------------------------------------------------------------------ */
/* Offsets                                                             */

static void
test_offsets_per_grapheme(void **state)
{
    (void)state;
    /* 1-, 2-, 3- and 4-byte characters. */
    EXPECT_NORM("aй가𠀀",
                {'a', 0, 1, 0}, {0x0439, 1, 3, 0}, {0xAC00, 3, 6, 0},
                {0x20000, 6, 10, 0});
    /* CR LF is one grapheme: both code points share its span. */
    EXPECT_NORM("a\r\nb",
                {'a', 0, 1, 0}, {'\r', 1, 3, 0}, {'\n', 1, 3, 0},
                {'b', 3, 4, 0});
    /* An emoji ZWJ sequence is one grapheme; the joiner, invisible, is
     * dropped. */
    EXPECT_NORM("👩\xE2\x80\x8D💻",
                {0x1F469, 0, 11, 0}, {0x1F4BB, 0, 11, 0});
    /* A zero-width space or a soft hyphen inside a word is dropped: the
     * letters around it are one word, their offsets as they were. */
    EXPECT_NORM("a\xE2\x80\x8B" "b\xC2\xAD" "c",
                {'a', 0, 1, 0}, {'b', 4, 5, 0}, {'c', 7, 8, 0});
}

static void
test_offsets_base(void **state)
{
    (void)state;
    EXPECT_NORM_BASE("A가", 1000, {'a', 1000, 1001, UP},
                     {0xAC00, 1001, 1004, 0});
}

static void
test_empty(void **state)
{
    (void)state;
    jk_normtext nt = JK_NORMTEXT_INIT;
    assert_int_equal(jk_norm("", 0, 0, &nt), 0);
    assert_int_equal(nt.n, 0);
    /* Reusing a normtext replaces its contents. */
    assert_int_equal(jk_norm("abc", 3, 0, &nt), 0);
    assert_int_equal(nt.n, 3);
    assert_int_equal(jk_norm("d", 1, 7, &nt), 0);
    assert_int_equal(nt.n, 1);
    assert_int_equal(nt.cp[0], 'd');
    assert_int_equal(nt.ostart[0], 7);
    jk_normtext_fini(&nt);
    assert_null(nt.cp);
    assert_int_equal(nt.n, 0);
    jk_normtext_fini(&nt); /* twice is harmless */
}

/* ------------------------------------------------------------------ */
/* Invalid UTF-8, NUL and controls                                     */

static void
test_invalid_byte(void **state)
{
    (void)state;
    EXPECT_NORM("a\xFF" "b",
                {'a', 0, 1, 0}, {0xFFFD, 1, 2, BAD}, {'b', 2, 3, 0});
    /* A lone continuation byte. */
    EXPECT_NORM("\x80", {0xFFFD, 0, 1, BAD});
}

/* One U+FFFD for each maximal subpart of an ill-formed sequence (a
 * character cut short), one for each byte that can start nothing. */
static void
test_invalid_sequences_maximal_subparts(void **state)
{
    (void)state;
    /* Truncated 3-byte sequence at the end of the text: one. */
    EXPECT_NORM("가\xEA\xB0", {0xAC00, 0, 3, 0}, {0xFFFD, 3, 5, BAD});
    /* Truncated sequence followed by ASCII. */
    EXPECT_NORM("\xEA\xB0z", {0xFFFD, 0, 2, BAD}, {'z', 2, 3, 0});
    /* A truncated 4-byte emoji. */
    EXPECT_NORM("\xF0\x9F\x98 ", {0xFFFD, 0, 3, BAD}, {' ', 3, 4, 0});
    /* Overlong encoding of NUL: C0 starts nothing, 80 continues nothing. */
    EXPECT_NORM("\xC0\x80",
                {0xFFFD, 0, 1, BAD}, {0xFFFD, 1, 2, BAD});
    /* A UTF-16 surrogate encoded in UTF-8 (CESU): ED takes 80-9F only. */
    EXPECT_NORM("\xED\xA0\x80",
                {0xFFFD, 0, 1, BAD}, {0xFFFD, 1, 2, BAD},
                {0xFFFD, 2, 3, BAD});
    /* Beyond U+10FFFF. */
    EXPECT_NORM("\xF5\x80\x80\x80",
                {0xFFFD, 0, 1, BAD}, {0xFFFD, 1, 2, BAD},
                {0xFFFD, 2, 3, BAD}, {0xFFFD, 3, 4, BAD});
}

/* The Unicode Standard's table (3.9, "U+FFFD Substitution of Maximal
 * Subparts") through the public function. */
static void
test_utf8_bad_len(void **state)
{
    (void)state;
    static const struct { const char *s; size_t len, bad; } cases[] = {
        {"a", 1, 0},          {"\xEA\xB0\x80", 3, 0}, /* valid: 0 */
        {"\xEA\xB0", 2, 2},   {"\xEA\xB0z", 3, 2},     /* cut short */
        {"\xEA", 1, 1},       {"\xF0\x9F\x98", 3, 3},
        {"\xF4\x8F\xBF", 3, 3}, {"\xF4\x90\x80\x80", 4, 1}, /* > 10FFFF */
        {"\xE0\x80\x80", 3, 1}, {"\xE0\xA0", 2, 2},      /* overlong */
        {"\xED\xA0\x80", 3, 1}, {"\xED\x9F", 2, 2},      /* surrogate */
        {"\xF0\x80\x80\x80", 4, 1}, {"\xF0\x90\x80", 3, 3},
        {"\xC0\xAF", 2, 1},   {"\xC2", 1, 1},   {"\x80", 1, 1},
        {"\xFF", 1, 1},       {"\xF5\x80", 2, 1},
        {"\xEA\xB0\x80", 2, 2}, /* the length cuts it short */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t got = jikji_utf8_bad_len(cases[i].s, cases[i].len);
        if (got != cases[i].bad)
            fail_msg("case %zu: %zu, want %zu", i, got, cases[i].bad);
    }
    assert_int_equal(jikji_utf8_bad_len(NULL, 3), 0);
    assert_int_equal(jikji_utf8_bad_len("\xEA", 0), 0);
}

/* A real U+FFFD in the input is valid text: not flagged BAD. */
static void
test_literal_replacement_char(void **state)
{
    (void)state;
    EXPECT_NORM("\xEF\xBF\xBD", {0xFFFD, 0, 3, 0});
}

/* An invalid byte inside NFD jamo ends the grapheme: no composition
 * across it. */
static void
test_invalid_byte_breaks_grapheme(void **state)
{
    (void)state;
    EXPECT_NORM("\xE1\x84\x8C\xFF\xE1\x85\xA2",
                {0x110C, 0, 3, 0}, {0xFFFD, 3, 4, BAD}, {0x1162, 4, 7, 0});
    EXPECT_NORM("e\xFF\xCC\x81",
                {'e', 0, 1, 0}, {0xFFFD, 1, 2, BAD}, {0x0301, 2, 4, 0});
}

static void
test_nul_kept(void **state)
{
    (void)state;
    EXPECT_NORM("a\0b", {'a', 0, 1, 0}, {0, 1, 2, 0}, {'b', 2, 3, 0});
    EXPECT_NORM("\0\0", {0, 0, 1, 0}, {0, 1, 2, 0});
    /* Other controls pass through unchanged. */
    EXPECT_NORM("\x01\x7F", {0x01, 0, 1, 0}, {0x7F, 1, 2, 0});
}

/* ------------------------------------------------------------------ */
/* Long graphemes (Zalgo text)                                         */

/* 'a' + 100 x U+0301: split every JK_NORM_MAX_GRAPHEME (32) input code
 * points.  The first piece is a Latin letter and its accents. */
static void
test_long_grapheme_split(void **state)
{
    (void)state;
    enum { MARKS = 100 };
    char text[1 + 2 * MARKS];
    text[0] = 'a';
    for (int i = 0; i < MARKS; i++)
        memcpy(text + 1 + 2 * i, "\xCC\x81", 2);

    jk_normtext nt = JK_NORMTEXT_INIT;
    assert_int_equal(jk_norm(text, sizeof text, 0, &nt), 0);
    /* Grapheme pieces: [a + 31 marks] [32] [32] [5].  The first is a
     * Latin letter whose accents go (reader 12); the others have no base
     * and keep their marks. */
    assert_int_equal(nt.n, 70);
    assert_int_equal(nt.cp[0], 'a');
    for (size_t i = 1; i < nt.n; i++)
        assert_int_equal(nt.cp[i], 0x0301);
    static const struct { size_t from, to, start, end; } spans[] = {
        {0, 1, 0, 63}, {1, 33, 63, 127}, {33, 65, 127, 191},
        {65, 70, 191, 201},
    };
    for (size_t s = 0; s < ARRAY_LEN(spans); s++)
        for (size_t i = spans[s].from; i < spans[s].to; i++) {
            assert_int_equal(nt.ostart[i], spans[s].start);
            assert_int_equal(nt.oend[i], spans[s].end);
        }
    jk_normtext_fini(&nt);
}

/* Many marks of different combining classes: canonical reordering inside
 * each piece, no overflow of the per-grapheme buffer. */
static void
test_huge_grapheme_no_overflow(void **state)
{
    (void)state;
    enum { MARKS = 5000 };
    static const char *marks[] = {"\xCC\x81", "\xCC\xA3", "\xCC\x9B",
                                  "\xCC\x88"}; /* ccc 230, 220, 216, 230 */
    size_t len = 1 + 2 * MARKS;
    char *text = malloc(len);
    assert_non_null(text);
    text[0] = 'o';
    for (int i = 0; i < MARKS; i++)
        memcpy(text + 1 + 2 * i, marks[i % 4], 2);

    jk_normtext nt = JK_NORMTEXT_INIT;
    assert_int_equal(jk_norm(text, len, 0, &nt), 0);
    assert_true(nt.n > 0 && nt.n <= MARKS + 1);
    for (size_t i = 0; i < nt.n; i++) {
        assert_true(nt.ostart[i] < nt.oend[i]);
        assert_true(nt.oend[i] <= len);
        assert_true(nt.oend[i] - nt.ostart[i] <= 4 * JK_NORM_MAX_GRAPHEME);
        if (i)
            assert_true(nt.ostart[i] >= nt.ostart[i - 1]);
    }
    assert_int_equal(nt.oend[nt.n - 1], len);
    jk_normtext_fini(&nt);
    free(text);
}

/* ------------------------------------------------------------------ */
/* Script classes                                                      */

static void
test_class_of(void **state)
{
    (void)state;
    static const struct { int32_t cp; enum jk_class cls; } cases[] = {
        {0xAC00, JK_CLASS_HANGUL},  /* 가 */
        {0xD7A3, JK_CLASS_HANGUL},  /* 힣, last syllable */
        {0x314B, JK_CLASS_HANGUL},  /* ㅋ compatibility jamo */
        {0x110F, JK_CLASS_HANGUL},  /* ᄏ conjoining jamo */
        {0x11A8, JK_CLASS_HANGUL},  /* ᆨ final jamo */
        {0x518D, JK_CLASS_HAN},     /* 再 */
        {0x8A66, JK_CLASS_HAN},     /* 試 */
        {0x3400, JK_CLASS_HAN},     /* extension A */
        {0x20000, JK_CLASS_HAN},    /* extension B */
        {0x3042, JK_CLASS_KANA},    /* あ */
        {0x30AB, JK_CLASS_KANA},    /* カ */
        {0x30FC, JK_CLASS_KANA},    /* ー prolonged sound mark */
        {0xFF76, JK_CLASS_KANA},    /* ｶ half-width */
        {'a', JK_CLASS_WORD},
        {'z', JK_CLASS_WORD},
        {0x00E9, JK_CLASS_WORD},    /* é */
        {0x0436, JK_CLASS_WORD},    /* ж */
        {0x03C3, JK_CLASS_WORD},    /* σ */
        {'0', JK_CLASS_WORD},
        {'9', JK_CLASS_WORD},
        {'_', JK_CLASS_JOIN},
        {' ', JK_CLASS_SEP},
        {'\t', JK_CLASS_SEP},
        {'\n', JK_CLASS_SEP},
        {'-', JK_CLASS_SEP},
        {'.', JK_CLASS_SEP},
        {'#', JK_CLASS_SEP},
        {0, JK_CLASS_SEP},          /* NUL */
        {0x7F, JK_CLASS_SEP},       /* DEL */
        {0x00B7, JK_CLASS_SEP},     /* middle dot */
        {0x3001, JK_CLASS_SEP},     /* 、 ideographic comma */
        {0x3002, JK_CLASS_SEP},     /* 。 */
        {0x3000, JK_CLASS_SEP},     /* ideographic space (if unfolded) */
        {0x1F600, JK_CLASS_SEP},    /* 😀 */
        {0x2764, JK_CLASS_SEP},     /* ❤ */
        {0x26A0, JK_CLASS_SEP},     /* ⚠ */
        {0x200D, JK_CLASS_SEP},     /* ZWJ */
        {0xFFFD, JK_CLASS_SEP},     /* replacement character */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        enum jk_class got = jk_class_of(cases[i].cp);
        if (got != cases[i].cls)
            fail_msg("jk_class_of(U+%04X) = %d, want %d",
                     (unsigned)cases[i].cp, got, cases[i].cls);
    }
}

/* The table-free answers for ASCII and Hangul syllables are the ones
 * utf8proc's categories give. */
static void
test_class_fast_ranges(void **state)
{
    (void)state;
    for (int32_t cp = 0; cp < 0x80; cp++)
        if (jk_class_of(cp) != jk_class_by_property(cp))
            fail_msg("jk_class_of(U+%04X) = %d, by property %d", (unsigned)cp,
                     jk_class_of(cp), jk_class_by_property(cp));
    for (int32_t cp = 0xAC00; cp <= 0xD7A3; cp++)
        if (jk_class_of(cp) != jk_class_by_property(cp))
            fail_msg("jk_class_of(U+%04X) = %d, by property %d", (unsigned)cp,
                     jk_class_of(cp), jk_class_by_property(cp));
}

/* ------------------------------------------------------------------ */
/* Normalizer id                                                       */

static void
test_norm_id(void **state)
{
    (void)state;
    char id[128], want[128];
    assert_int_equal(jk_norm_id(id, sizeof id), 0);
    snprintf(want, sizeof want, "norm-%d utf8proc-%s unicode-%s",
             JK_NORM_VERSION, utf8proc_version(), utf8proc_unicode_version());
    assert_string_equal(id, want);
    assert_non_null(strstr(id, "norm-1 "));
    assert_non_null(strstr(id, utf8proc_version()));
    assert_int_equal(JK_NORM_VERSION, 1);
}

static void
test_norm_id_too_small(void **state)
{
    (void)state;
    char id[128];
    assert_int_equal(jk_norm_id(id, sizeof id), 0);
    size_t need = strlen(id) + 1;
    char small[128];
    assert_int_equal(jk_norm_id(small, need - 1), -1);
    assert_int_equal(jk_norm_id(small, need), 0);
    assert_string_equal(small, id);
}

/* ------------------------------------------------------------------ */
/* jikji_normalize()                                                    */

static void
test_normalize_public(void **state)
{
    (void)state;
    EXPECT_NORMALIZE("", "");
    EXPECT_NORMALIZE("KAFKA Straße", "kafka strasse");
    EXPECT_NORMALIZE("Ｋａｆｋａ　재시도", "kafka 재시도");
    EXPECT_NORMALIZE("ㅋㅋ", "ㅋㅋ");
    EXPECT_NORMALIZE("Kafka를 retryCount", "kafka를 retrycount");
    EXPECT_NORMALIZE("e\xCC\x81t\xC3\xA9", "ete");
    /* Invalid bytes become U+FFFD, one per byte. */
    EXPECT_NORMALIZE("a\xFF\xFE" "b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    /* Only len bytes are read: the input need not be NUL-terminated. */
    check_normalize("ABCDEF", 3, "abc", __FILE__, __LINE__);
}

/* NUL bytes survive inside the output (it is NUL-terminated after the
 * last byte, so the caller sees the prefix up to the first NUL). */
static void
test_normalize_public_nul(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(jikji_normalize("A\0B", 3, &out), JIKJI_OK);
    assert_non_null(out);
    assert_memory_equal(out, "a\0b\0", 4);
    jikji_free(out);
}

/* Normalizing twice changes nothing. */
static void
test_normalize_idempotent(void **state)
{
    (void)state;
    static const char *samples[] = {
        "Ｋａｆｋａ를 재시도하도록 설정",
        "Straße ΣΑΣ İstanbul ǅ",
        "\xE1\x84\x8C\xE1\x85\xA2\xE1\x84\x89\xE1\x85\xB5 e\xCC\x81",
        "ㅋㅋ 再試行 カフカ ❤️ 👩\xE2\x80\x8D💻",
        "bad\xFF\xC0 bytes",
    };
    for (size_t i = 0; i < ARRAY_LEN(samples); i++) {
        char *once = NULL, *twice = NULL;
        assert_int_equal(
            jikji_normalize(samples[i], strlen(samples[i]), &once), JIKJI_OK);
        assert_int_equal(jikji_normalize(once, strlen(once), &twice),
                         JIKJI_OK);
        assert_string_equal(once, twice);
        jikji_free(once);
        jikji_free(twice);
    }
}

static void
test_normalize_einval(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(jikji_normalize("a", 1, NULL), JIKJI_EINVAL);
    assert_int_equal(jikji_normalize(NULL, 1, &out), JIKJI_EINVAL);
    /* NULL with length 0 is the empty string. */
    assert_int_equal(jikji_normalize(NULL, 0, &out), JIKJI_OK);
    assert_non_null(out);
    assert_string_equal(out, "");
    jikji_free(out);
}

/*
 * KNOWN BUG (convention, STYLE.md §9.4 "out-params last and *out = NULL on
 * failure"): jikji_normalize(NULL, 1, &out) returns JIKJI_EINVAL without
 * touching *out, so a caller's stale pointer survives the failure.
 * Expected *out == NULL; actual: unchanged.
 */
static void
test_normalize_einval_clears_out(void **state)
{
    (void)state;
    char sentinel;
    char *out = &sentinel;
    assert_int_equal(jikji_normalize(NULL, 1, &out), JIKJI_EINVAL);
    assert_null(out);
}

/* norm.c skips utf8proc for precomposed Hangul syllables, claiming each is
 * its own NFC and case fold: check that claim against utf8proc for all
 * 11,172 of them. */
static void
test_hangul_syllables_are_fixed_points(void **state)
{
    (void)state;
    for (utf8proc_int32_t cp = 0xAC00; cp <= 0xD7A3; cp++) {
        utf8proc_uint8_t in[8];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, in);
        in[n] = 0;
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t m = utf8proc_map(in, n, &out, UTF8PROC_STABLE |
                                          UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
        assert_int_equal(m, n);
        assert_memory_equal(out, in, (size_t)n);
        free(out);
        char *mine = NULL;
        assert_int_equal(jikji_normalize((const char *)in, (size_t)n, &mine),
                         JIKJI_OK);
        assert_string_equal(mine, (const char *)in);
        jikji_free(mine);
    }
}

/* jk_norm() on random text of Hangul syllables, conjoining jamo, ASCII,
 * marks, ZWJ and line ends equals utf8proc's own answer: its grapheme
 * breaks, and NFC + case folding of each grapheme, marks stripped but on
 * Hangul (which covers the ASCII and Hangul syllable fast paths of
 * norm.c). */
static void
test_fast_paths_match_utf8proc(void **state)
{
    (void)state;
    static const int32_t alphabet[] = {
        0xAC00, 0xAC01, 0xB2E4, 0xD7A3, 0xD7A3, 0xC7AC, /* syllables */
        0x1100, 0x1112, 0x1161, 0x1175, 0x11A8, 0x11C2, /* L, V, T jamo */
        'a', 'K', ' ', '1', '\r', '\n', 0x0301, 0x200D, 0x00C9, 0x3131,
        0x200B, 0x00AD, 0xFEFF, /* default ignorables: dropped */
        0x0390, 0x00DF, 0x0130, /* folded and recomposed, to ss, to i U+0307 */
    };
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        int32_t cps[40];
        size_t n = 1 + (seed = seed * 1103515245u + 12345u) % 40;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            cps[i] = alphabet[(seed >> 8) % ARRAY_LEN(alphabet)];
        }
        utf8proc_uint8_t text[40 * 4 + 1];
        size_t off[41], len = 0;
        for (size_t i = 0; i < n; i++) {
            off[i] = len;
            len += (size_t)utf8proc_encode_char(cps[i], text + len);
        }
        off[n] = len;
        text[len] = 0;

        /* The reference: utf8proc's grapheme breaks, each grapheme
         * mapped on its own. */
        int32_t want[200];
        size_t wstart[200], wend[200], nw = 0;
        utf8proc_int32_t st = 0;
        for (size_t g = 0; g < n;) {
            size_t e = g + 1;
            while (e < n && !utf8proc_grapheme_break_stateful(cps[e - 1], cps[e], &st))
                e++;
            st = 0;
            /* Reader 12 drops the accent (U+0301, the alphabet's one
             * mark) of what is not Hangul, kept with no base. */
            int32_t base = 0;
            for (size_t k = g; k < e && !base; k++)
                if (cps[k] != 0x0301 && cps[k] != 0x200B &&
                    cps[k] != 0x200D && cps[k] != 0x00AD && cps[k] != 0xFEFF)
                    base = cps[k];
            int hangul = (base >= 0xAC00 && base <= 0xD7A3) ||
                         (base >= 0x1100 && base <= 0x11FF) || base == 0x3131;
            utf8proc_uint8_t *mapped = NULL;
            utf8proc_ssize_t m = utf8proc_map(text + off[g],
                                              (utf8proc_ssize_t)(off[e] - off[g]),
                                              &mapped, UTF8PROC_STABLE |
                                              UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                              UTF8PROC_IGNORE |
                                              (base && !hangul ? UTF8PROC_STRIPMARK
                                                               : 0));
            assert_true(m >= 0);
            for (utf8proc_ssize_t k = 0; k < m;) {
                utf8proc_int32_t c;
                k += utf8proc_iterate(mapped + k, m - k, &c);
                want[nw] = c;
                wstart[nw] = off[g];
                wend[nw++] = off[e];
            }
            free(mapped);
            g = e;
        }

        jk_normtext nt = JK_NORMTEXT_INIT;
        assert_int_equal(jk_norm((const char *)text, len, 0, &nt), 0);
        int ok = nt.n == nw;
        for (size_t i = 0; ok && i < nw; i++)
            ok = nt.cp[i] == want[i] && nt.ostart[i] == wstart[i] &&
                 nt.oend[i] == wend[i];
        if (!ok) {
            print_message("round %d: %zu code points in, %zu out, %zu wanted\n",
                          round, n, nt.n, nw);
            for (size_t i = 0; i < n; i++)
                print_message("  in U+%04X\n", (unsigned)cps[i]);
        }
        jk_normtext_fini(&nt);
        assert_true(ok);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hangul_syllables_are_fixed_points),
        cmocka_unit_test(test_fast_paths_match_utf8proc),
        cmocka_unit_test(test_nfd_hangul_composes),
        cmocka_unit_test(test_nfd_hangul_with_final),
        cmocka_unit_test(test_combining_acute_composes),
        cmocka_unit_test(test_diacritics),
        cmocka_unit_test(test_has_diacritic_or_script),
        cmocka_unit_test(test_case_folding_ascii),
        cmocka_unit_test(test_case_folding_sharp_s),
        cmocka_unit_test(test_case_folding_non_latin),
        cmocka_unit_test(test_fullwidth_latin),
        cmocka_unit_test(test_halfwidth_kana_and_jamo),
        cmocka_unit_test(test_ideographic_space),
        cmocka_unit_test(test_compat_jamo_not_nfkc),
        cmocka_unit_test(test_no_other_compat_folding),
        cmocka_unit_test(test_nfc_nfd_agree),
        cmocka_unit_test(test_offsets_per_grapheme),
        cmocka_unit_test(test_offsets_base),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_invalid_byte),
        cmocka_unit_test(test_invalid_sequences_maximal_subparts),
        cmocka_unit_test(test_utf8_bad_len),
        cmocka_unit_test(test_literal_replacement_char),
        cmocka_unit_test(test_invalid_byte_breaks_grapheme),
        cmocka_unit_test(test_nul_kept),
        cmocka_unit_test(test_long_grapheme_split),
        cmocka_unit_test(test_huge_grapheme_no_overflow),
        cmocka_unit_test(test_class_of),
        cmocka_unit_test(test_class_fast_ranges),
        cmocka_unit_test(test_norm_id),
        cmocka_unit_test(test_norm_id_too_small),
        cmocka_unit_test(test_normalize_public),
        cmocka_unit_test(test_normalize_public_nul),
        cmocka_unit_test(test_normalize_idempotent),
        cmocka_unit_test(test_normalize_einval),
        cmocka_unit_test(test_normalize_einval_clears_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
