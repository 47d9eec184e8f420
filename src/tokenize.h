/* tokenize.h - internal constants of the tokenizer (the API is
 * jikji_tokenize() in jikji.h). */
#ifndef JIKJI_TOKENIZE_H
#define JIKJI_TOKENIZE_H

/* Longest term the tokenizer emits, in bytes.  Xapian refuses terms over
 * about 245 bytes; field prefixes and stems must still fit, and nobody
 * searches for a 100-byte word. */
#define JK_TERM_MAX 100

#include <stddef.h>
#include <stdint.h>

#include "jikji.h"

/* Where a piece of text[0, len) that starts at `from` should end, so that
 * long text can be handled a piece at a time without cutting a word: the
 * end when at most size + slack bytes are left, else just after the
 * first ASCII whitespace at or past from + size (within slack bytes),
 * else at the UTF-8 lead byte at or before from + size. */
size_t jk_cut_after_blank(const char *text, size_t len, size_t from,
                          size_t size, size_t slack);

/* The bit of code point cp in a 256-bit set of first code points (a byte
 * of `want` per 8 bits): its low 8 bits, so an ASCII character has a bit
 * of its own and any other shares its bit with the code points of the
 * same low byte (가 U+AC00 with 䰀 U+4C00 and 찀 U+CC00, say). */
#define JK_FIRST_CP_BIT(cp) ((unsigned)(cp) & 0xFFu)

/* Add cp to the set `want` (32 bytes) that jk_tokenize_first() takes. */
static inline void
jk_first_cp_add(unsigned char *want, uint32_t cp)
{
    want[JK_FIRST_CP_BIT(cp) / 8] |= (unsigned char)(1u << (JK_FIRST_CP_BIT(cp) % 8));
}

/* Whether cp's bit is set in `want` (32 bytes). */
static inline int
jk_first_cp_in(const unsigned char *want, uint32_t cp)
{
    return (want[JK_FIRST_CP_BIT(cp) / 8] >> (JK_FIRST_CP_BIT(cp) % 8)) & 1u;
}

/* jikji_tokenize(), delivering only the tokens whose term's first code
 * point is in `want` (32 bytes, borrowed for the call, built with
 * jk_first_cp_add(); NULL: every token), with the same positions as if
 * all were delivered; returns what jikji_tokenize() does.  A token
 * left out is never encoded: snippets tokenize every hit's section and
 * keep only the few tokens a query word can match.  A set is a filter,
 * not an exact test: a token whose first code point shares a bit with a
 * wanted one is delivered too. */
jikji_status_t jk_tokenize_first(const char *text, size_t len,
                                 const unsigned char *want,
                                 jikji_token_fn fn, void *ud);

#endif /* JIKJI_TOKENIZE_H */
