/* query.h - query text -> Xapian query and highlight patterns.
 *
 * The query is tokenized by jikji_tokenize() exactly like notes.  Each
 * chunk (text between separators) is one "word" of the query; a word
 * becomes:
 *   Latin word        SYNONYM(word, Z+stem)
 *   identifier        OR(whole, PHRASE(parts))       retryCount
 *   Hangul/Han run    PHRASE(bigrams), OR-ed with the run minus a trailing
 *                     particle (재시도를 -> 재시도)
 *   one syllable      itself, or a word starting with it: 뷰 -> 뷰를,
 *                     not 리뷰
 * and a particle written straight after a Latin word (Kafka를) is
 * dropped.  `all` ANDs the words, `most` requires all but one (3+ words),
 * `any` ORs them (NULL for one word); search takes them in that order.
 * Both rank higher the sections whose own heading or note title holds the
 * words, and Korean words found where a word starts (AND_MAYBE).
 */
#ifndef JIKJI_QUERY_H
#define JIKJI_QUERY_H

#include <stddef.h>

#include "jikji.h"
#include "buf.h"
#include "xapian_c.h"

/* One position of a pattern: the doc token matches if its term equals
 * `term`, or its stem equals `stem`, or (prefix) it starts with `term`. */
typedef struct jk_pelem {
    char *term;
    size_t len;       /* strlen(term) */
    char *stem;       /* "Z..." or NULL */
    int prefix;
    int word_start;   /* only a token that starts a Hangul/Han/Kana run */
} jk_pelem;

/* A sequence of elements at consecutive positions; `word` is the index of
 * the query word it stands for, `other_form` set when it is another form
 * of that word (a synonym, a sound-alike), not the one typed. */
typedef struct jk_pattern {
    jk_pelem *e;
    size_t n;
    size_t word;
    int other_form;
} jk_pattern;

typedef struct jk_query {
    jk_xq *all;
    jk_xq *most;        /* all plain words but one (NULL: fewer than 3) */
    jk_xq *any;
    jk_pattern *pats;
    size_t npats, cappats;
    size_t nwords;
    unsigned exclude;   /* a docid no tier matches (jikji_similar: the
                           section compared with), or 0 */
    jk_buf explain;     /* how words were expanded, for --explain */
    /* The first code point of every token that can match an element of
     * pats, as jk_pelem_match() decides (the element's own, or its stem's:
     * a stem keeps its word's first letter), in jk_tokenize_first()'s set;
     * set by jk_query_build().  first_any: any token can (an element that
     * is an empty prefix), and first is not to be used. */
    unsigned char first[32];
    int first_any;
} jk_query;

/* Build q from text.  Statuses: OK, EQUERY (no searchable word; the db's
 * error message says so), ENOMEM. */
jikji_status_t jk_query_build(jikji_db_t *db, const char *text, jk_query *q);
void jk_query_fini(jk_query *q);

/* Whether a search of the word key (normalized) also searches other forms
 * of it: a synonym group of the index's or of a table loaded into db
 * (none when db's expansion is off). */
int jk_query_has_forms(jikji_db_t *db, const char *key);

/* The length of the Hangul/Han/Kana run[0, len) without a trailing
 * particle or ending (particles[], up to four syllables, the longest
 * first) when at least two syllables remain; else len. */
size_t jk_strip_particle(const char *run, size_t len);

/* Does a document token (term, its Z-stem or NULL) match element e? */
int jk_pelem_match(const jk_pelem *e, const char *term, size_t len,
                   const char *stem, int run_start);

#endif /* JIKJI_QUERY_H */
