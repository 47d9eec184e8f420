/* qparse.h - the query language, syntax only (query.c gives it meaning).
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*      (implicit AND; "AND" allowed
 *                                           between two operands)
 *   unary   := ("-" | "NOT ") unary | primary    (-(-x) is x)
 *   primary := "(" or ")" | FIELD ":" value | '"' phrase '"' | word
 *   value   := '"' text '"' | text up to space or ")"   (not empty, not a
 *                                                        group)
 *
 * FIELD is one of tag, category, title, path, heading, date, after, before
 * (case-insensitive).  A word of ASCII letters followed by ':' and a value
 * is a field; any other word with a colon (Q1:, 12:30) is a plain word.
 */
#ifndef JIKJI_QPARSE_H
#define JIKJI_QPARSE_H

#include <stddef.h>

#include "jikji.h"

/* Deeper nesting of parentheses or negations is a query error, so a
 * hostile query cannot exhaust the stack. */
#define JK_QPARSE_MAX_DEPTH 64
/* More words, phrases and fields than this is a query error: a query is
 * typed, and Xapian's work grows with every term. */
#define JK_QPARSE_MAX_ITEMS 256

enum jk_qkind {
    JK_QN_WORD,     /* text: the word as typed */
    JK_QN_PHRASE,   /* text: the words between the quotes */
    JK_QN_FIELD,    /* field: lower-case name; text: the value */
    JK_QN_AND,      /* kids */
    JK_QN_OR,       /* kids */
    JK_QN_NOT       /* kids[0] */
};

typedef struct jk_qnode {
    enum jk_qkind kind;
    size_t at;              /* byte offset of the item in the query */
    char *text;
    char *field;
    struct jk_qnode **kids;
    size_t nkids;
} jk_qnode;

/* Parse text.  On success *out is the tree (free with jk_qnode_free); an
 * empty or blank query gives *out = NULL and JIKJI_OK.  On a syntax error
 * returns JIKJI_EQUERY with a message in err that names the problem and
 * its byte offset.  JIKJI_ENOMEM on out of memory. */
jikji_status_t jk_qparse(const char *text, jk_qnode **out, char *err,
                         size_t errsz);
void jk_qnode_free(jk_qnode *n);

/* Is name (lower case) a known field? */
int jk_qfield_known(const char *name);

#endif /* JIKJI_QPARSE_H */
