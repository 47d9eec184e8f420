/* tokenize.h - internal constants of the tokenizer (the API is
 * jikji_tokenize() in jikji.h). */
#ifndef JIKJI_TOKENIZE_H
#define JIKJI_TOKENIZE_H

/* Longest term the tokenizer emits, in bytes.  Xapian refuses terms over
 * about 245 bytes; field prefixes and stems must still fit, and nobody
 * searches for a 100-byte word. */
#define JK_TERM_MAX 100

#include <stddef.h>

/* Where a piece of text[0, len) that starts at `from` should end, so that
 * long text can be handled a piece at a time without cutting a word: the
 * end when at most size + slack bytes are left, else just after the
 * first ASCII whitespace at or past from + size (within slack bytes),
 * else at the UTF-8 lead byte at or before from + size. */
size_t jk_cut_after_blank(const char *text, size_t len, size_t from,
                          size_t size, size_t slack);

#endif /* JIKJI_TOKENIZE_H */
