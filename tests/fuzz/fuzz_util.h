/* fuzz_util.h - shared by the libFuzzer targets: invariant checks that
 * abort (so libFuzzer saves the input as a crash), a strict UTF-8 check
 * and the tokenizer invariants.  Only <jikji.h> is used, plus the term
 * length limit from src/tokenize.h. */
#ifndef JIKJI_FUZZ_UTIL_H
#define JIKJI_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jikji.h"
#include "tokenize.h"   /* JK_TERM_MAX */

_Static_assert(JK_TERM_MAX <= 100, "terms are at most 100 bytes");

/* Abort with the failed condition when an invariant does not hold. */
#define FUZZ_CHECK(cond)                                                    \
    do {                                                                    \
        if (!(cond))                                                        \
            fuzz_fail(__FILE__, __LINE__, #cond);                           \
    } while (0)

_Noreturn static inline void
fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant violated: %s\n", file, line, what);
    abort();
}

/* Whether s[0, len) is valid UTF-8 as utf8proc reads it (no overlong
 * forms, surrogates or values above U+10FFFF). */
static inline int
fuzz_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

/* Whether byte offset i of s[0, len) starts a character (or is len). */
static inline int
fuzz_char_boundary(const char *s, size_t len, size_t i)
{
    return i == len || (i < len && ((unsigned char)s[i] & 0xC0) != 0x80);
}

/* 64-bit FNV-1a, to derive options from an input deterministically. */
static inline uint64_t
fuzz_hash(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* State of fuzz_token_cb(): checks every token of one jikji_tokenize()
 * call over text[0, len). */
typedef struct fuzz_toks {
    const char *text;
    size_t len;
    size_t n;           /* tokens seen */
    size_t stop_after;  /* ask to stop after this many (0: never) */
    uint32_t pos;       /* previous token's position, chunk, start */
    uint32_t chunk;
    size_t start;
} fuzz_toks;

/* The documented token invariants: span inside the text and not empty,
 * in text order; term 1..JK_TERM_MAX bytes of valid UTF-8 without NUL,
 * NUL-terminated; positions from 1 and chunks never decreasing. */
static inline int
fuzz_token_cb(void *ud, const jikji_token_t *t)
{
    fuzz_toks *s = ud;
    FUZZ_CHECK(s->stop_after == 0 || s->n < s->stop_after);
    FUZZ_CHECK(t->start < t->end && t->end <= s->len);
    FUZZ_CHECK(t->term != NULL);
    FUZZ_CHECK(t->term_len >= 1 && t->term_len <= JK_TERM_MAX);
    FUZZ_CHECK(t->term[t->term_len] == '\0');
    FUZZ_CHECK(strlen(t->term) == t->term_len);
    FUZZ_CHECK(fuzz_utf8_valid(t->term, t->term_len));
    FUZZ_CHECK(t->kind == JIKJI_TOKEN_WORD || t->kind == JIKJI_TOKEN_PART ||
               t->kind == JIKJI_TOKEN_BIGRAM || t->kind == JIKJI_TOKEN_UNIGRAM);
    FUZZ_CHECK(t->pos >= 1);
    if (s->n > 0) {
        FUZZ_CHECK(t->pos >= s->pos);
        FUZZ_CHECK(t->chunk >= s->chunk);
        FUZZ_CHECK(t->start >= s->start);
    }
    s->pos = t->pos;
    s->chunk = t->chunk;
    s->start = t->start;
    s->n++;
    return s->stop_after && s->n == s->stop_after;
}

/* Tokenize text[0, len) checking every token; with `check_stop`, then
 * again, stopping half way, to check that returning non-zero stops the
 * calls.  Returns the number of tokens. */
static inline size_t
fuzz_check_tokenize(const char *text, size_t len, int check_stop)
{
    fuzz_toks s = {.text = text, .len = len};
    jikji_status_t st = jikji_tokenize(text, len, fuzz_token_cb, &s);
    FUZZ_CHECK(st == JIKJI_OK);
    size_t total = s.n;
    if (check_stop && total >= 2) {
        fuzz_toks h = {.text = text, .len = len, .stop_after = total / 2};
        st = jikji_tokenize(text, len, fuzz_token_cb, &h);
        FUZZ_CHECK(st == JIKJI_OK);
        FUZZ_CHECK(h.n == total / 2);
    }
    return total;
}

#endif /* JIKJI_FUZZ_UTIL_H */
