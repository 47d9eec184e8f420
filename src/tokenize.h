/* tokenize.h - internal constants of the tokenizer (the API is
 * jikji_tokenize() in jikji.h). */
#ifndef JIKJI_TOKENIZE_H
#define JIKJI_TOKENIZE_H

/* Longest term the tokenizer emits, in bytes.  Xapian refuses terms over
 * about 245 bytes; field prefixes and stems must still fit, and nobody
 * searches for a 100-byte word. */
#define JK_TERM_MAX 100

#endif /* JIKJI_TOKENIZE_H */
