/* test_tokenize.c - unit tests for jikji_tokenize() (src/tokenize.c).
 *
 * Most tests state the complete token stream of a text as a table:
 *
 *     EXPECT_TOKENS("Kafka를",
 *                   {"kafka", W, 1, 1, 0, 5},
 *                   {"를",    U, 2, 1, 5, 8});
 *
 * with the columns term, kind, position, chunk, original [start, end).
 * On top of the table, every token of every test is checked against
 * invariants that must hold for any input:
 *   - term is NUL-terminated, term_len == strlen(term), 0 < term_len <=
 *     JK_TERM_MAX;
 *   - start < end <= len;
 *   - term == normalize(text[start, end)) for WORD, BIGRAM and UNIGRAM
 *     tokens, and for PART tokens (which never contain connectors), so the
 *     span really is the original of the term;
 *   - positions and chunks never decrease, positions start at 1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "jikji.h"
#include "tokenize.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define W JIKJI_TOKEN_WORD
#define P JIKJI_TOKEN_PART
#define B JIKJI_TOKEN_BIGRAM
#define U JIKJI_TOKEN_UNIGRAM

static const char *
kind_name(jikji_token_kind_t k)
{
    switch (k) {
    case JIKJI_TOKEN_WORD: return "WORD";
    case JIKJI_TOKEN_PART: return "PART";
    case JIKJI_TOKEN_BIGRAM: return "BIGRAM";
    case JIKJI_TOKEN_UNIGRAM: return "UNIGRAM";
    }
    return "?";
}

/* ------------------------------------------------------------------ */
/* Invariants checked on every token                                   */

/* How a term must relate to the normalized original span. */
enum { NORM_EQUAL = 1, NORM_CONTAINS = 2 };

typedef struct inv {
    const char *text;
    size_t len;
    size_t ntok;
    uint32_t last_pos, last_chunk;
    int check_norm;    /* NORM_EQUAL, NORM_CONTAINS or 0 */
    char err[512];     /* first violation, "" if none */
} inv;

static void
inv_init(inv *v, const char *text, size_t len)
{
    memset(v, 0, sizeof *v);
    v->text = text;
    v->len = len;
    v->check_norm = NORM_EQUAL;
}

/* Check one token; on the first violation record it and return -1. */
static int
inv_check(inv *v, const jikji_token_t *t)
{
    size_t i = v->ntok++;
    if (v->err[0])
        return -1;
    if (!t->term || strlen(t->term) != t->term_len)
        snprintf(v->err, sizeof v->err,
                 "token %zu: term not NUL-terminated at term_len %zu", i,
                 t->term_len);
    else if (t->term_len == 0 || t->term_len > JK_TERM_MAX)
        snprintf(v->err, sizeof v->err, "token %zu: term_len %zu", i,
                 t->term_len);
    else if (!(t->start < t->end && t->end <= v->len))
        snprintf(v->err, sizeof v->err,
                 "token %zu \"%s\": span [%zu,%zu) outside [0,%zu)", i,
                 t->term, t->start, t->end, v->len);
    else if (t->pos < 1 || t->pos < v->last_pos)
        snprintf(v->err, sizeof v->err,
                 "token %zu \"%s\": position %u after %u", i, t->term,
                 t->pos, v->last_pos);
    else if (t->chunk < v->last_chunk)
        snprintf(v->err, sizeof v->err,
                 "token %zu \"%s\": chunk %u after %u", i, t->term, t->chunk,
                 v->last_chunk);
    else if (v->check_norm) {
        char *norm = NULL;
        jikji_status_t rc =
            jikji_normalize(v->text + t->start, t->end - t->start, &norm);
        if (rc != JIKJI_OK)
            snprintf(v->err, sizeof v->err, "token %zu: normalize: %s", i,
                     jikji_status_str(rc));
        else if (v->check_norm == NORM_EQUAL ? strcmp(norm, t->term) != 0
                                             : !strstr(norm, t->term))
            snprintf(v->err, sizeof v->err,
                     "token %zu %s \"%s\" [%zu,%zu): the span normalizes to "
                     "\"%s\"", i, kind_name(t->kind), t->term, t->start,
                     t->end, norm);
        jikji_free(norm);
    }
    v->last_pos = t->pos;
    v->last_chunk = t->chunk;
    return v->err[0] ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Collecting tokens into a table                                      */

typedef struct tok {
    char *term;
    jikji_token_kind_t kind;
    uint32_t pos, chunk;
    size_t start, end;
} tok;

typedef struct toklist {
    tok *v;
    size_t n, cap;
    size_t stop_after;  /* return non-zero after this many; 0 = never */
    inv inv;
} toklist;

static int
collect(void *ud, const jikji_token_t *t)
{
    toklist *l = ud;
    inv_check(&l->inv, t);  /* the first violation is kept in l->inv.err */
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    tok *k = &l->v[l->n++];
    k->term = malloc(t->term_len + 1);
    if (!k->term)
        abort();
    memcpy(k->term, t->term, t->term_len + 1);
    k->kind = t->kind;
    k->pos = t->pos;
    k->chunk = t->chunk;
    k->start = t->start;
    k->end = t->end;
    return l->stop_after && l->n >= l->stop_after;
}

static void
toklist_fini(toklist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].term);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static void
print_tok(const char *term, jikji_token_kind_t kind, uint32_t pos,
          uint32_t chunk, size_t start, size_t end)
{
    print_message("    {\"%s\", %s, %u, %u, %zu, %zu}\n", term,
                  kind_name(kind), pos, chunk, start, end);
}

/* Tokenize text[0, len) into *l (stopping after stop_after tokens when
 * non-zero), failing the test on a non-OK status or a broken invariant. */
static void
tokenize_into_(const char *text, size_t len, size_t stop_after, toklist *l,
               int fail_on_invariant, const char *file, int line)
{
    memset(l, 0, sizeof *l);
    inv_init(&l->inv, text, len);
    l->stop_after = stop_after;
    jikji_status_t rc = jikji_tokenize(text, len, collect, l);
    if (rc != JIKJI_OK) {
        print_message("%s:%d: jikji_tokenize: %s\n", file, line,
                      jikji_status_str(rc));
        toklist_fini(l);
        _fail(file, line);
    }
    if (fail_on_invariant && l->inv.err[0]) {
        print_message("%s:%d: invariant broken: %s\n", file, line,
                      l->inv.err);
        toklist_fini(l);
        _fail(file, line);
    }
}

static void
tokenize_into(const char *text, size_t len, size_t stop_after, toklist *l,
              const char *file, int line)
{
    tokenize_into_(text, len, stop_after, l, 1, file, line);
}

typedef struct exp_tok {
    const char *term;
    jikji_token_kind_t kind;
    uint32_t pos, chunk;
    size_t start, end;
} exp_tok;

static void
check_tokens(const char *text, size_t len, const exp_tok *exp, size_t n,
             const char *file, int line)
{
    toklist l;
    tokenize_into_(text, len, 0, &l, 0, file, line);
    int ok = l.n == n && !l.inv.err[0];
    for (size_t i = 0; ok && i < n; i++)
        ok = strcmp(l.v[i].term, exp[i].term) == 0 &&
             l.v[i].kind == exp[i].kind && l.v[i].pos == exp[i].pos &&
             l.v[i].chunk == exp[i].chunk && l.v[i].start == exp[i].start &&
             l.v[i].end == exp[i].end;
    if (!ok) {
        if (l.inv.err[0])
            print_message("%s:%d: invariant broken: %s\n", file, line,
                          l.inv.err);
        print_message("%s:%d: tokens of \"%.*s\"\n  expected %zu:\n", file,
                      line, (int)len, text, n);
        for (size_t i = 0; i < n; i++)
            print_tok(exp[i].term, exp[i].kind, exp[i].pos, exp[i].chunk,
                      exp[i].start, exp[i].end);
        print_message("  actual %zu:\n", l.n);
        for (size_t i = 0; i < l.n; i++)
            print_tok(l.v[i].term, l.v[i].kind, l.v[i].pos, l.v[i].chunk,
                      l.v[i].start, l.v[i].end);
    }
    toklist_fini(&l);
    if (!ok)
        _fail(file, line);
}

/* EXPECT_TOKENS("literal", {term, kind, pos, chunk, start, end}, ...) */
#define EXPECT_TOKENS(text, ...)                                            \
    do {                                                                    \
        static const exp_tok exp_[] = {__VA_ARGS__};                        \
        check_tokens(text, sizeof(text) - 1, exp_, ARRAY_LEN(exp_),         \
                     __FILE__, __LINE__);                                   \
    } while (0)

#define EXPECT_NO_TOKENS(text) \
    check_tokens(text, sizeof(text) - 1, NULL, 0, __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* Script changes and Korean                                           */

/* A change of script splits a token but not the chunk. */
static void
test_particle(void **state)
{
    (void)state;
    EXPECT_TOKENS("Kafka를",
                  {"kafka", W, 1, 1, 0, 5},
                  {"를", U, 2, 1, 5, 8});
    EXPECT_TOKENS("Kafka를 재시도",
                  {"kafka", W, 1, 1, 0, 5},
                  {"를", U, 2, 1, 5, 8},
                  {"재시", B, 3, 2, 9, 15},
                  {"시도", B, 4, 2, 12, 18});
}

/* A one-letter language name keeps its sign: C#, C++, F#, J# (QA: they
 * were the letter c or f); not when a letter or a sign follows. */
static void
test_language_signs(void **state)
{
    (void)state;
    EXPECT_TOKENS("C# C++ F#",
                  {"c#", W, 1, 1, 0, 2},
                  {"c++", W, 2, 2, 3, 6},
                  {"f#", W, 3, 3, 7, 9});
    EXPECT_TOKENS("C#은",
                  {"c#", W, 1, 1, 0, 2},
                  {"은", U, 2, 1, 2, 5});
    EXPECT_TOKENS("c#x c+++ ab#",
                  {"c", W, 1, 1, 0, 1},
                  {"x", W, 2, 2, 2, 3},
                  {"c", W, 3, 3, 4, 5},
                  {"ab", W, 4, 4, 9, 11});
    /* a version after the sign: C++ and 17, as C++ is found (QA) */
    EXPECT_TOKENS("C++17 C#8",
                  {"c++", W, 1, 1, 0, 3},
                  {"17", W, 2, 1, 3, 5},
                  {"c#", W, 3, 2, 6, 8},
                  {"8", W, 4, 2, 8, 9});
}

/* Endings and particles: the query 재시도 (재시@1 시도@2) is a phrase
 * inside each of these. */
static void
test_korean_endings(void **state)
{
    (void)state;
    EXPECT_TOKENS("재시도",
                  {"재시", B, 1, 1, 0, 6},
                  {"시도", B, 2, 1, 3, 9});
    EXPECT_TOKENS("재시도하도록",
                  {"재시", B, 1, 1, 0, 6},
                  {"시도", B, 2, 1, 3, 9},
                  {"도하", B, 3, 1, 6, 12},
                  {"하도", B, 4, 1, 9, 15},
                  {"도록", B, 5, 1, 12, 18});
    EXPECT_TOKENS("재시도를",
                  {"재시", B, 1, 1, 0, 6},
                  {"시도", B, 2, 1, 3, 9},
                  {"도를", B, 3, 1, 6, 12});
}

static void
test_one_syllable_unigram(void **state)
{
    (void)state;
    EXPECT_TOKENS("를", {"를", U, 1, 1, 0, 3});
    EXPECT_TOKENS("이 값",
                  {"이", U, 1, 1, 0, 3},
                  {"값", U, 2, 2, 4, 7});
    EXPECT_TOKENS("그리고\x01그",
                  {"그리", B, 1, 1, 0, 6},
                  {"리고", B, 2, 1, 3, 9},
                  {"그", U, 3, 2, 10, 13});
}

/* Compatibility jamo stay compatibility jamo and are Hangul. */
static void
test_compat_jamo(void **state)
{
    (void)state;
    EXPECT_TOKENS("ㅋㅋ", {"ㅋㅋ", B, 1, 1, 0, 6});
    EXPECT_TOKENS("ㅋ", {"ㅋ", U, 1, 1, 0, 3});
    EXPECT_TOKENS("ㅋㅋ웃겨",
                  {"ㅋㅋ", B, 1, 1, 0, 6},
                  {"ㅋ웃", B, 2, 1, 3, 9},
                  {"웃겨", B, 3, 1, 6, 12});
    EXPECT_TOKENS("ㅈㅅㄷ",
                  {"ㅈㅅ", B, 1, 1, 0, 6},
                  {"ㅅㄷ", B, 2, 1, 3, 9});
}

/* NFD Hangul: tokens are composed syllables whose spans cover all the
 * bytes of their jamo. */
static void
test_nfd_hangul_spans(void **state)
{
    (void)state;
    EXPECT_TOKENS("\xE1\x84\x8C\xE1\x85\xA2"  /* 재 [0,6) */
                  "\xE1\x84\x89\xE1\x85\xB5"  /* 시 [6,12) */
                  "\xE1\x84\x83\xE1\x85\xA9"  /* 도 [12,18) */
                  "를",                       /* [18,21) */
                  {"재시", B, 1, 1, 0, 12},
                  {"시도", B, 2, 1, 6, 18},
                  {"도를", B, 3, 1, 12, 21});
    /* 한 with a final consonant (ᄒ ᅡ ᆫ, 9 bytes) alone: a unigram. */
    EXPECT_TOKENS("Kafka \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB",
                  {"kafka", W, 1, 1, 0, 5},
                  {"한", U, 2, 2, 6, 15});
    /* Latin in NFD. */
    EXPECT_TOKENS("Cafe\xCC\x81s",
                  {"cafes", W, 1, 1, 0, 7});
}

/* ------------------------------------------------------------------ */
/* Identifiers                                                         */

static void
test_identifier_camel(void **state)
{
    (void)state;
    EXPECT_TOKENS("retryCount",
                  {"retrycount", W, 1, 1, 0, 10},
                  {"retry", P, 1, 1, 0, 5},
                  {"count", P, 2, 1, 5, 10});
    /* The next word follows the last part. */
    EXPECT_TOKENS("retryCount max",
                  {"retrycount", W, 1, 1, 0, 10},
                  {"retry", P, 1, 1, 0, 5},
                  {"count", P, 2, 1, 5, 10},
                  {"max", W, 3, 2, 11, 14});
    EXPECT_TOKENS("toYYYYMM",
                  {"toyyyymm", W, 1, 1, 0, 8},
                  {"to", P, 1, 1, 0, 2},
                  {"yyyymm", P, 2, 1, 2, 8});
    EXPECT_TOKENS("naïveCafé",
                  {"naivecafe", W, 1, 1, 0, 11},
                  {"naive", P, 1, 1, 0, 6},
                  {"cafe", P, 2, 1, 6, 11});
}

/* A run of capitals followed by a lower-case letter: the last capital
 * starts the next part. */
static void
test_identifier_acronym(void **state)
{
    (void)state;
    EXPECT_TOKENS("HTTPServer",
                  {"httpserver", W, 1, 1, 0, 10},
                  {"http", P, 1, 1, 0, 4},
                  {"server", P, 2, 1, 4, 10});
    EXPECT_TOKENS("getHTTPResponseCode",
                  {"gethttpresponsecode", W, 1, 1, 0, 19},
                  {"get", P, 1, 1, 0, 3},
                  {"http", P, 2, 1, 3, 7},
                  {"response", P, 3, 1, 7, 15},
                  {"code", P, 4, 1, 15, 19});
    EXPECT_TOKENS("ABc",
                  {"abc", W, 1, 1, 0, 3},
                  {"a", P, 1, 1, 0, 1},
                  {"bc", P, 2, 1, 1, 3});
    /* All capitals or a single leading capital: no parts. */
    EXPECT_TOKENS("KAFKA Kafka",
                  {"kafka", W, 1, 1, 0, 5},
                  {"kafka", W, 2, 2, 6, 11});
}

static void
test_identifier_snake(void **state)
{
    (void)state;
    EXPECT_TOKENS("retry_count",
                  {"retry_count", W, 1, 1, 0, 11},
                  {"retry", P, 1, 1, 0, 5},
                  {"count", P, 2, 1, 6, 11});
    EXPECT_TOKENS("report_date",
                  {"report_date", W, 1, 1, 0, 11},
                  {"report", P, 1, 1, 0, 6},
                  {"date", P, 2, 1, 7, 11});
    EXPECT_TOKENS("a_b_c",
                  {"a_b_c", W, 1, 1, 0, 5},
                  {"a", P, 1, 1, 0, 1},
                  {"b", P, 2, 1, 2, 3},
                  {"c", P, 3, 1, 4, 5});
    EXPECT_TOKENS("retry__count",
                  {"retry__count", W, 1, 1, 0, 12},
                  {"retry", P, 1, 1, 0, 5},
                  {"count", P, 2, 1, 7, 12});
    EXPECT_TOKENS("MAX_RETRY_Count",
                  {"max_retry_count", W, 1, 1, 0, 15},
                  {"max", P, 1, 1, 0, 3},
                  {"retry", P, 2, 1, 4, 9},
                  {"count", P, 3, 1, 10, 15});
}

/* Leading and trailing connectors are not part of the word, and no part
 * is ever empty. */
static void
test_identifier_edge_connectors(void **state)
{
    (void)state;
    EXPECT_TOKENS("__init__", {"init", W, 1, 1, 2, 6});
    EXPECT_TOKENS("_private", {"private", W, 1, 1, 1, 8});
    EXPECT_TOKENS("snake_case_",
                  {"snake_case", W, 1, 1, 0, 10},
                  {"snake", P, 1, 1, 0, 5},
                  {"case", P, 2, 1, 6, 10});
    EXPECT_TOKENS("foo _ bar",
                  {"foo", W, 1, 1, 0, 3},
                  {"bar", W, 2, 2, 6, 9});
    EXPECT_NO_TOKENS("___");
    /* A connector does not join a word to Hangul. */
    EXPECT_TOKENS("foo_재시",
                  {"foo", W, 1, 1, 0, 3},
                  {"재시", B, 2, 2, 4, 10});
}

/* ------------------------------------------------------------------ */
/* Digits, mixed scripts, punctuation                                  */

static void
test_digits(void **state)
{
    (void)state;
    EXPECT_TOKENS("s3 ec2 2024",
                  {"s3", W, 1, 1, 0, 2},
                  {"ec2", W, 2, 2, 3, 6},
                  {"2024", W, 3, 3, 7, 11});
    EXPECT_TOKENS("v1.2.3",
                  {"v1", W, 1, 1, 0, 2},
                  {"2", W, 2, 2, 3, 4},
                  {"3", W, 3, 3, 5, 6});
    EXPECT_TOKENS("x_1",
                  {"x_1", W, 1, 1, 0, 3},
                  {"x", P, 1, 1, 0, 1},
                  {"1", P, 2, 1, 2, 3});
}

static void
test_mixed_scripts(void **state)
{
    (void)state;
    EXPECT_TOKENS("3차",
                  {"3", W, 1, 1, 0, 1},
                  {"차", U, 2, 1, 1, 4});
    EXPECT_TOKENS("DB가",
                  {"db", W, 1, 1, 0, 2},
                  {"가", U, 2, 1, 2, 5});
    EXPECT_TOKENS("S3에서 ec2로",
                  {"s3", W, 1, 1, 0, 2},
                  {"에서", B, 2, 1, 2, 8},
                  {"ec2", W, 3, 2, 9, 12},
                  {"로", U, 4, 2, 12, 15});
    /* Hangul between Latin: three runs, one chunk. */
    EXPECT_TOKENS("a가b",
                  {"a", W, 1, 1, 0, 1},
                  {"가", U, 2, 1, 1, 4},
                  {"b", W, 3, 1, 4, 5});
}

static void
test_fullwidth(void **state)
{
    (void)state;
    EXPECT_TOKENS("Ｋａｆｋａ를",
                  {"kafka", W, 1, 1, 0, 15},
                  {"를", U, 2, 1, 15, 18});
    /* Case survives full-width folding: the parts are still found. */
    EXPECT_TOKENS("ＫａｆｋａＤＢ",
                  {"kafkadb", W, 1, 1, 0, 21},
                  {"kafka", P, 1, 1, 0, 15},
                  {"db", P, 2, 1, 15, 21});
    /* The ideographic space separates. */
    EXPECT_TOKENS("ｅｃ２\xE3\x80\x80재시도",
                  {"ec2", W, 1, 1, 0, 9},
                  {"재시", B, 2, 2, 12, 18},
                  {"시도", B, 3, 2, 15, 21});
}

static void
test_han_and_kana(void **state)
{
    (void)state;
    EXPECT_TOKENS("再試行",
                  {"再試", B, 1, 1, 0, 6},
                  {"試行", B, 2, 1, 3, 9});
    EXPECT_TOKENS("再", {"再", U, 1, 1, 0, 3});
    EXPECT_TOKENS("カフカ",
                  {"カフ", B, 1, 1, 0, 6},
                  {"フカ", B, 2, 1, 3, 9});
    EXPECT_TOKENS("ひらがな",
                  {"ひら", B, 1, 1, 0, 6},
                  {"らが", B, 2, 1, 3, 9},
                  {"がな", B, 3, 1, 6, 12});
    /* No bigram across a script change (Han -> Hangul, Han -> Kana). */
    EXPECT_TOKENS("再試行재시도",
                  {"再試", B, 1, 1, 0, 6},
                  {"試行", B, 2, 1, 3, 9},
                  {"재시", B, 3, 1, 9, 15},
                  {"시도", B, 4, 1, 12, 18});
    EXPECT_TOKENS("東京タワー",
                  {"東京", B, 1, 1, 0, 6},
                  {"タワ", B, 2, 1, 6, 12},
                  {"ワー", B, 3, 1, 9, 15});
    /* Ideographic punctuation separates. */
    EXPECT_TOKENS("再試行。東京",
                  {"再試", B, 1, 1, 0, 6},
                  {"試行", B, 2, 1, 3, 9},
                  {"東京", B, 3, 2, 12, 18});
}

static void
test_punctuation_and_emoji_separate(void **state)
{
    (void)state;
    EXPECT_TOKENS("a,b.c-d",
                  {"a", W, 1, 1, 0, 1},
                  {"b", W, 2, 2, 2, 3},
                  {"c", W, 3, 3, 4, 5},
                  {"d", W, 4, 4, 6, 7});
    EXPECT_TOKENS("C++ node.js",
                  {"c++", W, 1, 1, 0, 3},
                  {"node", W, 2, 2, 4, 8},
                  {"js", W, 3, 3, 9, 11});
    EXPECT_TOKENS("Kafka😀재시도",
                  {"kafka", W, 1, 1, 0, 5},
                  {"재시", B, 2, 2, 9, 15},
                  {"시도", B, 3, 2, 12, 18});
    /* A ZWJ sequence and a flag are single graphemes of separators. */
    EXPECT_TOKENS("👩\xE2\x80\x8D💻dev 🇰🇷한국",
                  {"dev", W, 1, 1, 11, 14},
                  {"한국", B, 2, 2, 23, 29});
    EXPECT_TOKENS("재시도, 재시도!",
                  {"재시", B, 1, 1, 0, 6},
                  {"시도", B, 2, 1, 3, 9},
                  {"재시", B, 3, 2, 11, 17},
                  {"시도", B, 4, 2, 14, 20});
}

/*
 * KNOWN BUG (src/norm.c jk_class_of / src/tokenize.c): an emoji with the
 * emoji presentation selector U+FE0F (⚠️ ❤️ ✔️ ☑️ ➡️, all common in
 * notes) yields a WORD token whose term is the invisible U+FE0F alone.
 * U+FE0F is category Mn, so jk_class_of() says JK_CLASS_WORD even though
 * its grapheme's base (U+26A0) is a separator.  Every such note gets the
 * junk term "\xEF\xB8\x8F" and it takes a position.
 *   input     "⚠️ 주의" (E2 9A A0 EF B8 8F 20 EC A3 BC EC 9D 98)
 *   expected  {"주의", BIGRAM, 1, 1, 7, 13}
 *   actual    {"\xEF\xB8\x8F", WORD, 1, 1, 0, 6},
 *             {"주의", BIGRAM, 2, 2, 7, 13}
 */
static void
test_emoji_variation_selector(void **state)
{
    (void)state;
    EXPECT_TOKENS("\xE2\x9A\xA0\xEF\xB8\x8F 주의",
                  {"주의", B, 1, 1, 7, 13});
    EXPECT_TOKENS("done \xE2\x9D\xA4\xEF\xB8\x8F",
                  {"done", W, 1, 1, 0, 4});
}

/* An upper-case letter that folds to more than one code point gives no
 * identifier part inside its grapheme: both code points carry
 * JK_NORM_UPPER, and the "last capital before a lower-case letter" rule
 * (HTTP|Server) once split İ (i + U+0307 before reader 12 dropped the
 * dot) and ẞ (ss).  One capital, then lower case: no parts, as for
 * "Kafka". */
static void
test_identifier_split_inside_grapheme(void **state)
{
    (void)state;
    EXPECT_TOKENS("\xC4\xB0stanbul",
                  {"istanbul", W, 1, 1, 0, 9});
    EXPECT_TOKENS("\xE1\xBA\x9Etrasse",
                  {"sstrasse", W, 1, 1, 0, 9});
}

/* ------------------------------------------------------------------ */
/* Invalid UTF-8, NUL, controls                                        */

static void
test_invalid_utf8_separates(void **state)
{
    (void)state;
    EXPECT_TOKENS("ab\xFF" "cd",
                  {"ab", W, 1, 1, 0, 2},
                  {"cd", W, 2, 2, 3, 5});
    EXPECT_TOKENS("Kafka\xFF재시도\xC0\x80retryCount",
                  {"kafka", W, 1, 1, 0, 5},
                  {"재시", B, 2, 2, 6, 12},
                  {"시도", B, 3, 2, 9, 15},
                  {"retrycount", W, 4, 3, 17, 27},
                  {"retry", P, 4, 3, 17, 22},
                  {"count", P, 5, 3, 22, 27});
    /* At the start, at the end, and a truncated sequence. */
    EXPECT_TOKENS("\xFEkafka\xEA\xB0",
                  {"kafka", W, 1, 1, 1, 6});
    /* A bad byte inside a Hangul run cuts the run. */
    EXPECT_TOKENS("재시\x80도하",
                  {"재시", B, 1, 1, 0, 6},
                  {"도하", B, 2, 2, 7, 13});
    EXPECT_NO_TOKENS("\xFF\xFE\xED\xA0\x80");
}

static void
test_nul_and_controls_separate(void **state)
{
    (void)state;
    EXPECT_TOKENS("ab\0cd",
                  {"ab", W, 1, 1, 0, 2},
                  {"cd", W, 2, 2, 3, 5});
    EXPECT_TOKENS("재시도\0\0를\x1Bok\x7F!",
                  {"재시", B, 1, 1, 0, 6},
                  {"시도", B, 2, 1, 3, 9},
                  {"를", U, 3, 2, 11, 14},
                  {"ok", W, 4, 3, 15, 17});
    EXPECT_TOKENS("a\r\nb\tc",
                  {"a", W, 1, 1, 0, 1},
                  {"b", W, 2, 2, 3, 4},
                  {"c", W, 3, 3, 5, 6});
    EXPECT_NO_TOKENS("\0");
}

/* ------------------------------------------------------------------ */
/* Term length limit                                                   */

static void
test_long_word_dropped(void **state)
{
    (void)state;
    char text[512];
    toklist l;

    /* JK_TERM_MAX bytes: kept. */
    memset(text, 'x', JK_TERM_MAX);
    tokenize_into(text, JK_TERM_MAX, 0, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 1);
    assert_int_equal(strlen(l.v[0].term), JK_TERM_MAX);
    assert_int_equal(l.v[0].end, JK_TERM_MAX);
    toklist_fini(&l);

    /* One byte more: dropped, but it still takes its position. */
    memset(text, 'x', JK_TERM_MAX + 1);
    static const char tail[] = " next 재시";
    memcpy(text + JK_TERM_MAX + 1, tail, sizeof tail - 1);
    size_t len = JK_TERM_MAX + 1 + sizeof tail - 1;
    tokenize_into(text, len, 0, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].term, "next");
    assert_int_equal(l.v[0].pos, 2);
    assert_int_equal(l.v[0].chunk, 2);
    assert_int_equal(l.v[0].start, JK_TERM_MAX + 2);
    assert_int_equal(l.v[0].end, JK_TERM_MAX + 6);
    assert_string_equal(l.v[1].term, "재시");
    assert_int_equal(l.v[1].pos, 3);
    toklist_fini(&l);
}

/* The limit is in bytes of the normalized term: 50 x й (2 bytes) fits,
 * 51 does not. */
static void
test_long_word_multibyte(void **state)
{
    (void)state;
    char text[256];
    toklist l;
    for (int i = 0; i < 51; i++)
        memcpy(text + 2 * i, "\xD0\xB9", 2);

    tokenize_into(text, 2 * 50, 0, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 1);
    assert_int_equal(strlen(l.v[0].term), 100);
    toklist_fini(&l);

    tokenize_into(text, 2 * 51, 0, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 0);
    toklist_fini(&l);
}

/* A long identifier: the whole word is dropped, its parts are not, and
 * the first part keeps the word's position. */
static void
test_long_identifier_keeps_parts(void **state)
{
    (void)state;
    static const char *parts[] = {"alpha", "beta", "gamma", "delta",
                                  "epsilon", "zeta", "eta", "theta", "iota",
                                  "kappa", "lambda", "mu", "nu", "xi",
                                  "omicron", "pi", "rho", "sigma", "tau",
                                  "upsilon", "phi", "chi", "psi", "omega",
                                  "end"};
    char text[256] = "x ";
    for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
        size_t at = strlen(text);
        strcat(text, parts[i]);
        text[at] = (char)(text[at] - 'a' + 'A');  /* camelCase */
    }
    size_t wlen = strlen(text) - 2;
    assert_true(wlen > JK_TERM_MAX);
    strcat(text, " y");

    toklist l;
    tokenize_into(text, strlen(text), 0, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 2 + ARRAY_LEN(parts));
    assert_string_equal(l.v[0].term, "x");
    assert_int_equal(l.v[0].pos, 1);
    size_t at = 2;
    for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
        const tok *t = &l.v[1 + i];
        assert_string_equal(t->term, parts[i]);
        assert_int_equal(t->kind, P);
        assert_int_equal(t->pos, 2 + i);
        assert_int_equal(t->chunk, 2);
        assert_int_equal(t->start, at);
        at += strlen(parts[i]);
        assert_int_equal(t->end, at);
    }
    const tok *y = &l.v[1 + ARRAY_LEN(parts)];
    assert_string_equal(y->term, "y");
    assert_int_equal(y->pos, 2 + ARRAY_LEN(parts));
    toklist_fini(&l);
}

/* ------------------------------------------------------------------ */
/* API contract                                                        */

static void
test_callback_stops(void **state)
{
    (void)state;
    static const char text[] = "one two three four";
    toklist l;
    tokenize_into(text, sizeof text - 1, 2, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].term, "one");
    assert_string_equal(l.v[1].term, "two");
    toklist_fini(&l);

    /* Stopping on an identifier's WORD: its parts are not delivered. */
    static const char ident[] = "retryCount later";
    tokenize_into(ident, sizeof ident - 1, 1, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].term, "retrycount");
    toklist_fini(&l);

    /* Stopping inside a bigram run. */
    static const char ko[] = "재시도하도록 설정";
    tokenize_into(ko, sizeof ko - 1, 3, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[2].term, "도하");
    toklist_fini(&l);
}

static int
never_called(void *ud, const jikji_token_t *t)
{
    (void)t;
    ++*(int *)ud;
    return 0;
}

static void
test_einval(void **state)
{
    (void)state;
    int calls = 0;
    assert_int_equal(jikji_tokenize("abc", 3, NULL, NULL), JIKJI_EINVAL);
    assert_int_equal(jikji_tokenize(NULL, 3, never_called, &calls),
                     JIKJI_EINVAL);
    /* NULL text with length 0 is empty text. */
    assert_int_equal(jikji_tokenize(NULL, 0, never_called, &calls),
                     JIKJI_OK);
    assert_int_equal(calls, 0);
}

static void
test_empty_and_separators_only(void **state)
{
    (void)state;
    EXPECT_NO_TOKENS("");
    EXPECT_NO_TOKENS("   \t\r\n");
    EXPECT_NO_TOKENS(",.;:!?()[]{}<>\"'`~@#$%^&*-+=|\\/");
    EXPECT_NO_TOKENS("\xE3\x80\x80\xE3\x80\x81😀");
}

/* Only len bytes are read: the text need not be NUL-terminated. */
static void
test_len_bounds_text(void **state)
{
    (void)state;
    check_tokens("Kafka를 재시도", 5,
                 (const exp_tok[]){{"kafka", W, 1, 1, 0, 5}}, 1, __FILE__,
                 __LINE__);
    /* Cut inside a UTF-8 sequence: the partial bytes are invalid. */
    check_tokens("Kafka를", 7,
                 (const exp_tok[]){{"kafka", W, 1, 1, 0, 5}}, 1, __FILE__,
                 __LINE__);
}

/* The same text always gives the same tokens (the tokenizer keeps no
 * state between calls). */
static void
test_repeatable(void **state)
{
    (void)state;
    static const char text[] = "Kafka를 재시도하도록 retryCount ㅋㅋ";
    toklist a, b;
    tokenize_into(text, sizeof text - 1, 0, &a, __FILE__, __LINE__);
    tokenize_into(text, sizeof text - 1, 0, &b, __FILE__, __LINE__);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        assert_string_equal(a.v[i].term, b.v[i].term);
        assert_int_equal(a.v[i].pos, b.v[i].pos);
        assert_int_equal(a.v[i].chunk, b.v[i].chunk);
        assert_int_equal(a.v[i].start, b.v[i].start);
    }
    toklist_fini(&a);
    toklist_fini(&b);
}

/* The first code point of a term (UTF-8), for the tests below. */
static uint32_t
first_cp(const char *term)
{
    const unsigned char *u = (const unsigned char *)term;
    if (u[0] < 0x80)
        return u[0];
    if (u[0] < 0xE0)
        return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    if (u[0] < 0xF0)
        return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
               (u[2] & 0x3F);
    return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
           (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
}

/* jk_tokenize_first() delivers exactly the tokens of jikji_tokenize()
 * whose first code point is in the set, each with its own position,
 * chunk and span: identifiers whose parts follow connectors (their first
 * code point is not the run's), NFD Hangul, a bigram whose code point
 * shares its low byte with a wanted one (U+B370 and U+AC70), and words
 * that are left out. */
static void
test_tokenize_first_filters(void **state)
{
    (void)state;
    static const char text[] =
        "Kafka\xEB\xA5\xBC __retry_count__ retryCount \xE1\x84\x83\xE1\x85\xA6"
        "\xE1\x84\x8B\xE1\x85\xB5 \xEB\x8D\xB0\xEC\x9D\xB4\xED\x84\xB0 "
        "\xEA\xB1\xB0\xEB\xA6\xAC HTTPServer db";
    unsigned char want[32] = {0};
    jk_first_cp_add(want, 'r');      /* retry, count's parts: not count */
    jk_first_cp_add(want, 0xB370);   /* 데: 데이 (NFD too), and 거 shares its bit */
    jk_first_cp_add(want, 's');      /* server, a part */
    toklist all, some;
    tokenize_into(text, sizeof text - 1, 0, &all, __FILE__, __LINE__);
    memset(&some, 0, sizeof some);
    inv_init(&some.inv, text, sizeof text - 1);
    assert_int_equal(jk_tokenize_first(text, sizeof text - 1, want, collect,
                                       &some), JIKJI_OK);
    assert_string_equal(some.inv.err, "");
    size_t k = 0, kept = 0;
    int saw_shared = 0;
    for (size_t i = 0; i < all.n; i++) {
        if (!jk_first_cp_in(want, first_cp(all.v[i].term)))
            continue;
        kept++;
        saw_shared |= first_cp(all.v[i].term) == 0xAC70;
        assert_true(k < some.n);
        assert_string_equal(some.v[k].term, all.v[i].term);
        assert_int_equal(some.v[k].kind, all.v[i].kind);
        assert_int_equal(some.v[k].pos, all.v[i].pos);
        assert_int_equal(some.v[k].chunk, all.v[i].chunk);
        assert_int_equal(some.v[k].start, all.v[i].start);
        assert_int_equal(some.v[k].end, all.v[i].end);
        k++;
    }
    assert_int_equal(k, some.n);
    /* retry_count, retry twice (a part each time), retrycount, 데이
     * twice, 거리 (the shared bit) and server: 8 of 16. */
    assert_int_equal(kept, 8);
    assert_true(saw_shared);
    assert_true(all.n > some.n);
    /* A NULL set delivers everything, as jikji_tokenize() does. */
    toklist none;
    memset(&none, 0, sizeof none);
    inv_init(&none.inv, text, sizeof text - 1);
    assert_int_equal(jk_tokenize_first(text, sizeof text - 1, NULL, collect,
                                       &none), JIKJI_OK);
    assert_int_equal(none.n, all.n);
    toklist_fini(&none);
    toklist_fini(&all);
    toklist_fini(&some);
}

/* ------------------------------------------------------------------ */
/* Large inputs (the tokenizer normalizes in pieces)                   */

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Generous: catches quadratic behaviour, not slow sanitizer builds. */
#define BIG_SECONDS_MAX 60.0

typedef struct bigstat {
    inv inv;
    size_t counts[4];       /* by kind */
    int (*extra)(struct bigstat *, const jikji_token_t *);
    size_t expect_index;    /* used by the periodic-text checker */
} bigstat;

static int
big_cb(void *ud, const jikji_token_t *t)
{
    bigstat *s = ud;
    if (inv_check(&s->inv, t) < 0)
        return 1;
    s->counts[t->kind]++;
    return s->extra ? s->extra(s, t) : 0;
}

static void
run_big(const char *text, size_t len, bigstat *s, const char *what)
{
    double t0 = now_seconds();
    assert_int_equal(jikji_tokenize(text, len, big_cb, s), JIKJI_OK);
    double dt = now_seconds() - t0;
    if (s->inv.err[0])
        fail_msg("%s: %s", what, s->inv.err);
    if (dt > BIG_SECONDS_MAX)
        fail_msg("%s: %zu bytes took %.1f s", what, len, dt);
}

/* 1 MB of 'a' with no separator: too long to be a term, so nothing comes
 * out, but the word after it does, with a later position. */
static void
test_big_single_run(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *text = malloc(n + 5);
    assert_non_null(text);
    memset(text, 'a', n);
    memcpy(text + n, " tail", 5);

    double t0 = now_seconds();
    toklist l;
    tokenize_into(text, n + 5, 0, &l, __FILE__, __LINE__);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].term, "tail");
    assert_int_equal(l.v[0].start, n + 1);
    assert_int_equal(l.v[0].end, n + 5);
    assert_true(l.v[0].pos >= 2);
    toklist_fini(&l);
    double dt = now_seconds() - t0;
    if (dt > BIG_SECONDS_MAX)
        fail_msg("1 MB of a took %.1f s", dt);
    free(text);
}

/* 3 MB of Korean without a single space: pieces must be cut inside the
 * run.  Every token's span is inside the text and normalizes to its term
 * (also the bigrams next to a cut); at most a few bigrams per cut may be
 * lost, never invented. */
static void
test_big_korean_no_spaces(void **state)
{
    (void)state;
    static const char unit[] = "재시도하도록설정한다";  /* 10 syllables */
    size_t ulen = sizeof unit - 1;
    size_t reps = 3 * (1 << 20) / ulen;
    size_t len = reps * ulen;
    char *text = malloc(len);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ulen, unit, ulen);

    bigstat s = {0};
    inv_init(&s.inv, text, len);
    run_big(text, len, &s, "3 MB of Korean");
    /* No separator in the text: chunks > 1 only come from piece cuts,
     * so this proves the run was cut. */
    assert_true(s.inv.last_chunk > 1);
    size_t syllables = reps * 10;
    assert_int_equal(s.counts[W] + s.counts[P], 0);
    /* Whole bigram coverage except near piece cuts (< 100 pieces). */
    assert_true(s.counts[B] <= syllables - 1);
    assert_true(s.counts[B] + 200 >= syllables);
    assert_true(s.counts[U] < 100);
    free(text);
}

/* The same in NFD: a cut may fall between the jamo of one syllable, and
 * then the jamo after the cut are separate code points of one grapheme
 * (ᅡᆫ), so a bigram's span can start a jamo early: only require the
 * normalized span to contain the term. */
static void
test_big_nfd_korean_no_spaces(void **state)
{
    (void)state;
    static const char unit[] = "\xE1\x84\x8C\xE1\x85\xA2"           /* 재 */
                               "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"; /* 한 */
    size_t ulen = sizeof unit - 1;
    size_t reps = (1 << 20) / ulen + 1;
    size_t len = reps * ulen;
    char *text = malloc(len);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ulen, unit, ulen);

    bigstat s = {0};
    inv_init(&s.inv, text, len);
    s.inv.check_norm = NORM_CONTAINS;
    run_big(text, len, &s, "1 MB of NFD Korean");
    assert_true(s.inv.last_chunk > 1);
    assert_true(s.counts[B] + 100 >= 2 * reps);
    free(text);
}

/* A periodic text with spaces: pieces are cut at whitespace, so nothing
 * may be lost or renumbered.  Each repetition of
 *     "재시도하도록 Kafka를 retryCount\n"
 * gives 10 tokens over 9 positions and 3 chunks. */
static const struct { const char *term; jikji_token_kind_t kind;
                      uint32_t dpos, dchunk; size_t start, end; } period[] = {
    {"재시", B, 0, 0, 0, 6},   {"시도", B, 1, 0, 3, 9},
    {"도하", B, 2, 0, 6, 12},  {"하도", B, 3, 0, 9, 15},
    {"도록", B, 4, 0, 12, 18}, {"kafka", W, 5, 1, 19, 24},
    {"를", U, 6, 1, 24, 27},   {"retrycount", W, 7, 2, 28, 38},
    {"retry", P, 7, 2, 28, 33}, {"count", P, 8, 2, 33, 38},
};
static const char period_text[] = "재시도하도록 Kafka를 retryCount\n";

static int
period_check(bigstat *s, const jikji_token_t *t)
{
    size_t i = s->expect_index++;
    size_t rep = i / ARRAY_LEN(period), k = i % ARRAY_LEN(period);
    size_t base = rep * (sizeof period_text - 1);
    if (strcmp(t->term, period[k].term) != 0 || t->kind != period[k].kind ||
        t->pos != 1 + 9 * rep + period[k].dpos ||
        t->chunk != 1 + 3 * rep + period[k].dchunk ||
        t->start != base + period[k].start ||
        t->end != base + period[k].end) {
        snprintf(s->inv.err, sizeof s->inv.err,
                 "token %zu: got {\"%s\", %s, %u, %u, %zu, %zu}, want "
                 "{\"%s\", %s, %zu, %zu, %zu, %zu}", i, t->term,
                 kind_name(t->kind), t->pos, t->chunk, t->start, t->end,
                 period[k].term, kind_name(period[k].kind),
                 1 + 9 * rep + period[k].dpos,
                 1 + 3 * rep + period[k].dchunk, base + period[k].start,
                 base + period[k].end);
        return 1;
    }
    return 0;
}

static void
test_big_text_with_spaces_loses_nothing(void **state)
{
    (void)state;
    size_t ulen = sizeof period_text - 1;
    size_t reps = 2 * (1 << 20) / ulen;
    size_t len = reps * ulen;
    char *text = malloc(len);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ulen, period_text, ulen);

    bigstat s = {0};
    inv_init(&s.inv, text, len);
    s.inv.check_norm = 0;  /* period_check compares exact values */
    s.extra = period_check;
    run_big(text, len, &s, "2 MB periodic text");
    assert_int_equal(s.expect_index, reps * ARRAY_LEN(period));
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_particle),
        cmocka_unit_test(test_korean_endings),
        cmocka_unit_test(test_one_syllable_unigram),
        cmocka_unit_test(test_compat_jamo),
        cmocka_unit_test(test_nfd_hangul_spans),
        cmocka_unit_test(test_identifier_camel),
        cmocka_unit_test(test_identifier_acronym),
        cmocka_unit_test(test_identifier_snake),
        cmocka_unit_test(test_identifier_edge_connectors),
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_mixed_scripts),
        cmocka_unit_test(test_fullwidth),
        cmocka_unit_test(test_han_and_kana),
        cmocka_unit_test(test_punctuation_and_emoji_separate),
        cmocka_unit_test(test_emoji_variation_selector),
        cmocka_unit_test(test_identifier_split_inside_grapheme),
        cmocka_unit_test(test_invalid_utf8_separates),
        cmocka_unit_test(test_nul_and_controls_separate),
        cmocka_unit_test(test_long_word_dropped),
        cmocka_unit_test(test_long_word_multibyte),
        cmocka_unit_test(test_long_identifier_keeps_parts),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_einval),
        cmocka_unit_test(test_empty_and_separators_only),
        cmocka_unit_test(test_len_bounds_text),
        cmocka_unit_test(test_repeatable),
        cmocka_unit_test(test_tokenize_first_filters),
        cmocka_unit_test(test_big_single_run),
        cmocka_unit_test(test_language_signs),
        cmocka_unit_test(test_big_korean_no_spaces),
        cmocka_unit_test(test_big_nfd_korean_no_spaces),
        cmocka_unit_test(test_big_text_with_spaces_loses_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
