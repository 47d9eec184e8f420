/* norm.h - the one text normalizer of jikji (utf8proc), shared by the
 * index path and the query path.
 *
 * Version 1: per grapheme cluster, NFC + case folding with full-width
 * ASCII (U+FF01..FF5E) and the ideographic space folded to ASCII; since
 * reader 11 (schema.h) also the default-ignorable code points dropped and
 * half-width katakana and Hangul jamo folded to their usual forms; since
 * reader 12 the accents of Latin and Greek letters dropped (résumé is
 * resume) and superscripts and subscripts folded (x² is x2).  No NFKC:
 * it would turn compatibility jamo (ㅋ U+314B) into conjoining jamo and
 * change how Korean is tokenized.  Every output code point remembers the
 * byte span of the original grapheme it came from, so snippets can show
 * and highlight the original text.
 */
#ifndef JIKJI_NORM_H
#define JIKJI_NORM_H

#include <stddef.h>
#include <stdint.h>

/* The index records it and refuses to mix versions: bumping it makes
 * every index need a --rebuild.  A change of what terms a text produces
 * comes with a reader version instead (JK_READER_VERSION, schema.h), whose
 * next run writes every note's sections again by itself. */
#define JK_NORM_VERSION 1

/* Whether cp is a bidi embedding, override or isolate (U+202A..202E,
 * U+2066..2069): invisible, they make a terminal show the text around
 * them reordered, so text shown to a person drops them. */
static inline int
jk_is_bidi_control(int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Graphemes longer than this many code points are split (Zalgo text). */
#define JK_NORM_MAX_GRAPHEME 32

enum {
    JK_NORM_UPPER = 1,  /* the original character was upper/title case */
    JK_NORM_BAD = 2     /* invalid UTF-8: a character cut short or a
                           stray byte (code point is U+FFFD) */
};

typedef struct jk_normtext {
    int32_t *cp;        /* normalized code points */
    size_t *ostart;     /* byte span of the original grapheme */
    size_t *oend;
    uint8_t *flags;     /* JK_NORM_* */
    size_t n, cap;
} jk_normtext;

#define JK_NORMTEXT_INIT {NULL, NULL, NULL, NULL, 0, 0}

/* Normalize len bytes of text into nt (replacing its contents); offsets
 * are relative to text plus `base`.  Returns 0, or -1 on out of memory. */
int jk_norm(const char *text, size_t len, size_t base, jk_normtext *nt);
void jk_normtext_fini(jk_normtext *nt);

/* Script classes that decide how text is cut into tokens. */
enum jk_class {
    JK_CLASS_SEP,     /* space, punctuation, symbols, controls, invalid */
    JK_CLASS_JOIN,    /* connector punctuation (_) inside identifiers */
    JK_CLASS_WORD,    /* letters, digits and marks of space-separated
                         scripts (Latin, Greek, Cyrillic, ...) */
    JK_CLASS_HANGUL,  /* syllables and jamo */
    JK_CLASS_HAN,
    JK_CLASS_KANA
};

/* The class of code point cp.  jk_class_of() answers ASCII and
 * precomposed Hangul syllables without utf8proc's tables and asks
 * jk_class_by_property() for the rest; both give the same answer for
 * every code point (test_norm checks the fast ranges). */
enum jk_class jk_class_by_property(int32_t cp);

/* Inline: it runs for every code point of every note and snippet. */
static inline enum jk_class
jk_class_of(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
            (cp >= '0' && cp <= '9'))
            return JK_CLASS_WORD;
        return cp == '_' ? JK_CLASS_JOIN : JK_CLASS_SEP;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3) /* a precomposed syllable: Lo */
        return JK_CLASS_HANGUL;
    return jk_class_by_property(cp);
}

/* Bytes of the precomposed Hangul syllable (U+AC00..U+D7A3) that
 * s[0, n) starts with: 3, or 0 when it starts with anything else (invalid
 * UTF-8 included). */
size_t jk_hangul_len(const char *s, size_t n);
/* The same for a syllable or a conjoining jamo (U+1100..U+11FF,
 * U+A960..U+A97F, U+D7B0..U+D7FF), what Hangul words are made of in NFD
 * text (macOS) as well as in NFC. */
size_t jk_hangul_piece_len(const char *s, size_t n);

/* NFC of a file path (no case folding: paths on Linux are case-sensitive),
 * so a folder written decomposed (NFD, as macOS does) and the same name
 * typed composed compare equal.  Returns a malloc'ed string the caller
 * frees, or NULL on out of memory or when s is not valid UTF-8 (then use s
 * as it is). */
char *jk_norm_path(const char *s);

/* Write the normalizer id recorded in the index ("norm-1 utf8proc-2.8.0
 * unicode-15.0.0") into buf.  Returns 0, or -1 if it does not fit. */
int jk_norm_id(char *buf, size_t size);

/* Whether text[0, len) holds what reader 12 (schema.h) first folded: a
 * diacritic (is_diacritic() in norm.c), a letter that decomposes to one
 * (é, İ, й), or a superscript or subscript.  Invalid UTF-8 is skipped.
 * index.c rewrites only the sections that hold such text. */
int jk_norm_has_diacritic_or_script(const char *text, size_t len);

#endif /* JIKJI_NORM_H */
