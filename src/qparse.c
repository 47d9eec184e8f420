/* qparse.c - recursive-descent parser of the query language (grammar in
 * qparse.h).  Bytes are copied as typed; normalization happens later, in
 * the tokenizer. */
#include "qparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

static const char *const fields[] = {
    "tag", "category", "title", "path", "heading", "date", "after", "before",
};

int
jk_qfield_known(const char *name)
{
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!strcmp(fields[i], name))
            return 1;
    return 0;
}

typedef struct parser {
    const char *s;
    size_t i, len;
    int depth;
    size_t items;   /* words, phrases and fields so far */
    char *err;
    size_t errsz;
    int oom;
} parser;

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Ends a bare word or value. */
static int
is_stop(char c)
{
    return is_space(c) || c == '(' || c == ')' || c == '"';
}

static void
skip_space(parser *p)
{
    while (p->i < p->len && is_space(p->s[p->i]))
        p->i++;
}

static jk_qnode *
fail(parser *p, size_t at, const char *what)
{
    if (!p->err[0])
        snprintf(p->err, p->errsz, "%s at byte %zu", what, at + 1);
    return NULL;
}

static jk_qnode *
node(parser *p, enum jk_qkind kind, const char *text, size_t len)
{
    size_t at = text ? (size_t)(text - p->s) : p->i;
    if (kind <= JK_QN_FIELD && ++p->items > JK_QPARSE_MAX_ITEMS) {
        char msg[96];
        snprintf(msg, sizeof msg, "query too long: more than %d words, "
                 "phrases and fields", JK_QPARSE_MAX_ITEMS);
        return fail(p, at, msg);
    }
    jk_qnode *n = calloc(1, sizeof *n);
    if (!n || (text && !(n->text = jk_strndup(text, len)))) {
        free(n);
        p->oom = 1;
        return NULL;
    }
    n->kind = kind;
    n->at = at;
    return n;
}

static int
add_kid(parser *p, jk_qnode *parent, jk_qnode *kid)
{
    jk_qnode **k = realloc(parent->kids, (parent->nkids + 1) * sizeof *k);
    if (!k) {
        p->oom = 1;
        jk_qnode_free(kid);
        return -1;
    }
    parent->kids = k;
    parent->kids[parent->nkids++] = kid;
    return 0;
}

/* Is the bare token at p->i exactly `kw` (followed by a stop)? */
static int
at_keyword(const parser *p, const char *kw)
{
    size_t n = strlen(kw);
    return p->len - p->i >= n && memcmp(p->s + p->i, kw, n) == 0 &&
           (p->i + n == p->len || is_stop(p->s[p->i + n]));
}

static jk_qnode *parse_or(parser *p);

/* "..." starting at p->i (the opening quote); returns its text node. */
static jk_qnode *
parse_quoted(parser *p, enum jk_qkind kind)
{
    size_t open = p->i++;
    const char *end = memchr(p->s + p->i, '"', p->len - p->i);
    if (!end)
        return fail(p, open, "unbalanced quote: no closing '\"' for the one");
    size_t n = (size_t)(end - (p->s + p->i));
    jk_qnode *q = node(p, kind, p->s + p->i, n);
    p->i += n + 1;
    return q;
}

static jk_qnode *
parse_primary(parser *p)
{
    skip_space(p);
    if (p->i >= p->len)
        return fail(p, p->i, "missing word");
    char c = p->s[p->i];
    if (c == '(') {
        size_t open = p->i++;
        if (++p->depth > JK_QPARSE_MAX_DEPTH)
            return fail(p, open, "parentheses nested too deeply");
        skip_space(p);
        if (p->i >= p->len)
            return fail(p, open, "unbalanced parenthesis: no ')' for the '('");
        if (p->s[p->i] == ')')
            return fail(p, open, "empty parentheses");
        jk_qnode *in = parse_or(p);
        p->depth--;
        if (!in)
            return NULL;
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] != ')') {
            jk_qnode_free(in);
            return fail(p, open, "unbalanced parenthesis: no ')' for the '('");
        }
        p->i++;
        return in;
    }
    if (c == ')')
        return fail(p, p->i, "unbalanced parenthesis: ')' without '('");
    if (c == '"')
        return parse_quoted(p, JK_QN_PHRASE);

    size_t start = p->i;
    /* field:value?  The name is ASCII letters only. */
    size_t k = p->i;
    while (k < p->len && ((p->s[k] >= 'a' && p->s[k] <= 'z') ||
                          (p->s[k] >= 'A' && p->s[k] <= 'Z')))
        k++;
    if (k > p->i && k < p->len && p->s[k] == ':' && k + 1 <= p->len) {
        char name[16];
        size_t nl = k - p->i;
        int has_value = k + 1 < p->len && !is_space(p->s[k + 1]) &&
                        p->s[k + 1] != ')';
        if (nl < sizeof name) {
            for (size_t j = 0; j < nl; j++)
                name[j] = (char)(p->s[p->i + j] | 0x20);
            name[nl] = '\0';
        }
        int known = nl < sizeof name && jk_qfield_known(name);
        /* Text copied from a note, not a field: a URL (https://...) or a
         * C++ name (std::move).  A mistyped field (tags:kafka) stays an
         * error that lists the fields. */
        int literal = !known && k + 1 < p->len &&
                      (p->s[k + 1] == '/' || p->s[k + 1] == ':');
        if (!literal && (has_value || known)) {
            if (nl >= sizeof name || !jk_qfield_known(name)) {
                char msg[160];
                snprintf(msg, sizeof msg, "unknown field '%.*s:' (fields: tag, "
                         "category, title, path, heading, date, after, before;"
                         " quote the word to search it)", (int)(nl > 40 ? 40 : nl),
                         p->s + p->i);
                return fail(p, start, msg);
            }
            if (!has_value) {
                char msg[64];
                snprintf(msg, sizeof msg, "'%s:' needs a value", name);
                return fail(p, start, msg);
            }
            p->i = k + 1;
            jk_qnode *f;
            if (p->s[p->i] == '(') {
                char msg[160];
                snprintf(msg, sizeof msg, "'%s:' takes one word or a quoted "
                         "phrase, not a group (write %s:a OR %s:b)", name,
                         name, name);
                return fail(p, start, msg);
            }
            if (p->s[p->i] == '"') {
                if (p->i + 1 < p->len && p->s[p->i + 1] == '"') {
                    char msg[64];
                    snprintf(msg, sizeof msg, "'%s:' needs a value", name);
                    return fail(p, start, msg);
                }
                f = parse_quoted(p, JK_QN_FIELD);
            } else {
                size_t v = p->i;
                while (p->i < p->len && !is_stop(p->s[p->i]))
                    p->i++;
                f = node(p, JK_QN_FIELD, p->s + v, p->i - v);
            }
            if (f && !(f->field = jk_strndup(name, nl))) {
                p->oom = 1;
                jk_qnode_free(f);
                return NULL;
            }
            if (f)
                f->at = start; /* errors point at the field, not its value */
            return f;
        }
    }
    while (p->i < p->len && !is_stop(p->s[p->i]))
        p->i++;
    /* A call copied from a note (pause(), get()): the empty parentheses
     * belong to the word, not a group. */
    if (p->i > start && p->i + 1 < p->len && p->s[p->i] == '(' &&
        p->s[p->i + 1] == ')')
        p->i += 2;
    return node(p, JK_QN_WORD, p->s + start, p->i - start);
}

static jk_qnode *
parse_unary(parser *p)
{
    skip_space(p);
    int neg = 0;
    size_t at = p->i;
    if (p->i + 1 < p->len && p->s[p->i] == '-' && !is_space(p->s[p->i + 1])) {
        neg = 1;
        p->i++;
    } else if (at_keyword(p, "NOT")) {
        neg = 1;
        p->i += 3;
    }
    if (!neg)
        return parse_primary(p);
    if (++p->depth > JK_QPARSE_MAX_DEPTH)
        return fail(p, at, "negations nested too deeply");
    jk_qnode *kid = parse_unary(p);
    p->depth--;
    if (!kid)
        return NULL;
    /* -(-x), NOT -x: the negation of an exclusion is x itself (a group of
     * one is its member). */
    jk_qnode **inner = &kid;
    while (((*inner)->kind == JK_QN_AND || (*inner)->kind == JK_QN_OR) &&
           (*inner)->nkids == 1)
        inner = &(*inner)->kids[0];
    if ((*inner)->kind == JK_QN_NOT) {
        jk_qnode *x = (*inner)->kids[0];
        (*inner)->nkids = 0;
        jk_qnode_free(kid);
        return x;
    }
    jk_qnode *n = node(p, JK_QN_NOT, NULL, 0);
    if (!n || add_kid(p, n, kid) < 0) {
        if (!n)
            jk_qnode_free(kid);
        jk_qnode_free(n);
        return NULL;
    }
    return n;
}

/* Does an operand end at p->i (OR, ')' or the end)? */
static int
at_operand_end(const parser *p)
{
    return p->i >= p->len || p->s[p->i] == ')' || at_keyword(p, "OR");
}

/* One operand sequence; stops at OR, ')' or the end.  after_or: it
 * follows an OR (for the message when it is empty). */
static jk_qnode *
parse_and(parser *p, int after_or)
{
    jk_qnode *n = node(p, JK_QN_AND, NULL, 0);
    if (!n)
        return NULL;
    for (;;) {
        skip_space(p);
        if (at_operand_end(p))
            break;
        if (at_keyword(p, "AND")) {
            size_t at = p->i;
            p->i += 3;
            skip_space(p);
            /* As OR: an AND with nothing on one side is a mistake. */
            if (n->nkids == 0 || at_operand_end(p) || at_keyword(p, "AND")) {
                const char *what = n->nkids ? "missing words after AND"
                                            : "missing words before AND";
                jk_qnode_free(n);
                return fail(p, at, what);
            }
            continue;
        }
        jk_qnode *kid = parse_unary(p);
        if (!kid || add_kid(p, n, kid) < 0) {
            jk_qnode_free(n);
            return NULL;
        }
    }
    if (n->nkids == 0) {
        jk_qnode_free(n);
        if (at_keyword(p, "OR"))
            return fail(p, p->i, "missing words before OR");
        if (after_or)
            return fail(p, p->i, "missing words after OR");
        if (p->i < p->len && p->depth == 0)
            return fail(p, p->i, "unbalanced parenthesis: ')' without '('");
        return fail(p, p->i, "missing words");
    }
    return n;
}

static jk_qnode *
parse_or(parser *p)
{
    jk_qnode *first = parse_and(p, 0);
    if (!first)
        return NULL;
    skip_space(p);
    if (!at_keyword(p, "OR"))
        return first;
    jk_qnode *n = node(p, JK_QN_OR, NULL, 0);
    if (!n || add_kid(p, n, first) < 0) {
        if (!n)
            jk_qnode_free(first);
        jk_qnode_free(n);
        return NULL;
    }
    while (at_keyword(p, "OR")) {
        p->i += 2;
        jk_qnode *kid = parse_and(p, 1);
        if (!kid || add_kid(p, n, kid) < 0) {
            jk_qnode_free(n);
            return NULL;
        }
        skip_space(p);
    }
    return n;
}

jikji_status_t
jk_qparse(const char *text, jk_qnode **out, char *err, size_t errsz)
{
    parser p = {.s = text, .len = strlen(text), .err = err, .errsz = errsz};
    *out = NULL;
    err[0] = '\0';
    skip_space(&p);
    if (p.i == p.len)
        return JIKJI_OK;
    jk_qnode *n = parse_or(&p);
    if (n) {
        skip_space(&p);
        if (p.i < p.len) { /* only a stray ')' stops parse_or early */
            jk_qnode_free(n);
            n = fail(&p, p.i, "unbalanced parenthesis: ')' without '('");
        }
    }
    if (!n)
        return p.oom ? JIKJI_ENOMEM : JIKJI_EQUERY;
    *out = n;
    return JIKJI_OK;
}

void
jk_qnode_free(jk_qnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        jk_qnode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n->field);
    free(n);
}
