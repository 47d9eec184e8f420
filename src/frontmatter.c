/* frontmatter.c - YAML front matter via libyaml's event API.
 *
 * The event API is used (not the document API) so that alias nodes are
 * never expanded: an alias is one event.  An alias of a scalar
 * (`title: *name`) reads as that scalar, one stored copy per anchor, so
 * no document grows by its aliases; an alias of a list or mapping is not
 * read, and the reader says so.  Nesting is
 * skipped with a depth counter, not recursion, so deep documents cannot
 * exhaust the stack.  libyaml's 1/0 results end here.
 */
#include "frontmatter.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "norm.h"
#include "yamlev.h"

/* Longest tag, category or alias kept, in bytes. */
#define JK_FRONTMATTER_MAX_ITEM 256
/* Scalar anchors remembered for aliases; later ones are not. */
#define JK_FRONTMATTER_MAX_ANCHORS 256
/* Deepest nesting of lists and mappings read.  libyaml spends time in
 * the depth on every token of a flow collection (its simple keys), so
 * 50,000 nested `[` took 6 s and 200,000 over three minutes; no front
 * matter nests more than a few levels. */
#define JK_FRONTMATTER_MAX_DEPTH 64

/* Which front matter field a mapping key names. */
typedef enum fm_field {
    FM_NONE,
    FM_TITLE,
    FM_DATE,
    FM_CREATED,
    FM_TAGS,
    FM_CATEGORIES,
    FM_ALIASES
} fm_field;

/* How a list field treats a single scalar and its items. */
typedef enum fm_list_mode {
    FM_LIST_SPLIT,  /* tags, categories: split a scalar, drop leading '#' */
    FM_LIST_WHOLE   /* aliases: a scalar is one item */
} fm_list_mode;

typedef struct fm_ctx {
    jk_yamlev y;          /* the parser and its current event (y.ev) */
    unsigned first_line;
    unsigned err_line;    /* file line of the error */
    unsigned depth;       /* lists and mappings open at the current event */
    char *errmsg;         /* malloc'd message, or NULL */
    jikji_status_t err;   /* set when a step fails */
    char date[11];        /* normalized `date`, or "" */
    char created[11];     /* normalized `created`, or "" */
    unsigned bad_date_line; /* jk_frontmatter.bad_date_line */
    char bad_date[48];
    int not_mapping;      /* jk_frontmatter.not_mapping */
    const jk_strv *over;  /* the list that reached the item limit, or NULL */
    unsigned over_line;   /* the file line of its first item not kept */
    /* Anchored scalars: name, then 'N' (null) or 'S' and the value. */
    jk_strv anchors;
    unsigned alias_line;  /* jk_frontmatter.alias_line */
    jk_buf tmp;
} fm_ctx;

/* A scalar as the readers of fields see it: the current scalar event, or
 * the anchored scalar an alias names. */
typedef struct fm_scalar {
    const char *s;
    size_t n;
    int null;             /* YAML's null: empty, ~ or null, unquoted */
} fm_scalar;

/* ------------------------------------------------------------------ */
/* UTF-8 and display text                                              */

/* Decode one strict UTF-8 character from s[0, n) (n >= 1): no overlong
 * forms, surrogates or values above U+10FFFF.  Returns its length and
 * stores the code point in *cp, or returns 0 for an invalid byte. */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (need == 2) {
        *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (need == 3) {
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
              (s[2] & 0x3F);
        return 3;
    }
    if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;
    *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
          ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
}

/* Whether a code point is shown as (collapsible) white space in display
 * text: white space, control characters and invisible spaces.  ZWJ and
 * ZWNJ are kept: emoji sequences and some scripts need them. */
static int
is_display_space(uint32_t cp)
{
    if (cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0))
        return 1;
    switch (cp) {
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

/* Characters a title, tag or heading drops: invisible ones inside a word
 * (zero-width space, word joiner, soft hyphen, a BOM: `Kaf<ZWSP>ka` is
 * kafka, as the normalizer reads it), and the bidi embeddings, overrides
 * and isolates, which would show the text reordered. */
static int
is_display_dropped(uint32_t cp)
{
    return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD ||
           jk_is_bidi_control((int32_t)cp);
}

int
jk_display_clean(jk_buf *b, const char *s, size_t len, size_t max)
{
    static const char ellipsis[] = "\xE2\x80\xA6";     /* U+2026 */
    static const char replacement[] = "\xEF\xBF\xBD";  /* U+FFFD */
    const unsigned char *u = (const unsigned char *)s;
    size_t base = b->len;
    int space = 0;

    if (jk_buf_reserve(b, 0) < 0)   /* so b->data is a string even if "" */
        return -1;
    b->data[b->len] = '\0';
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(u + i, len - i, &cp);
        const char *bytes = s + i;
        size_t nbytes = n;
        if (n == 0) {
            n = jikji_utf8_bad_len(s + i, len - i);
            bytes = replacement;
            nbytes = 3;
            cp = 0xFFFD;
        }
        i += n;
        if (is_display_space(cp)) {
            space = 1;
            continue;
        }
        if (is_display_dropped(cp))
            continue;
        size_t sep = space && b->len > base ? 1 : 0;
        if (max && b->len - base + sep + nbytes > max)
            return jk_buf_append(b, ellipsis, 3);
        if (sep && jk_buf_putc(b, ' ') < 0)
            return -1;
        if (jk_buf_append(b, bytes, nbytes) < 0)
            return -1;
        space = 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

/* Read 1 or 2 (or exactly `exact`, when non-zero) ASCII digits at s[*i]. */
static int
read_digits(const char *s, size_t n, size_t *i, unsigned exact, unsigned *v)
{
    unsigned k = 0, val = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9' && k < (exact ? exact : 2)) {
        val = val * 10 + (unsigned)(s[*i] - '0');
        (*i)++;
        k++;
    }
    if (k == 0 || (exact && k != exact))
        return 0;
    if (*i < n && s[*i] >= '0' && s[*i] <= '9')
        return 0;   /* too many digits */
    *v = val;
    return 1;
}

int
jk_frontmatter_date(const char *s, size_t len, char out[11])
{
    static const unsigned mdays[12] = {31, 29, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
    unsigned y, m, d;
    size_t i = 0, n = len;

    out[0] = '\0';
    if (!s)
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!read_digits(s, n, &i, 4, &y) || i >= n)
        return 0;
    char sep = s[i++];
    if (sep != '-' && sep != '/' && sep != '.')
        return 0;
    if (!read_digits(s, n, &i, 0, &m) || i >= n || s[i++] != sep)
        return 0;
    if (!read_digits(s, n, &i, 0, &d))
        return 0;
    if (i < n) {
        /* A time may follow ("17:47", "T10:00:00+09:00"); "2024.07.20."
         * is how Korean text often ends a dotted date. */
        int ok = s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t' ||
                 (sep == '.' && s[i] == '.' && i + 1 == n);
        if (!ok)
            return 0;
    }
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return 0;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 1;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

/* Move to the next event (releasing the current one).  Returns 1, or 0
 * with c->err set (and c->err_line, c->errmsg when the YAML is
 * malformed). */
static int remember_anchor(fm_ctx *c);

/* Fail the parse with EFRONTMATTER at the current event's line, with
 * message msg (copied; ENOMEM when it cannot be).  Returns 0. */
static int
fail_at_event(fm_ctx *c, const char *msg)
{
    char *m = jk_strndup(msg, strlen(msg));
    if (!m) {
        c->err = JIKJI_ENOMEM;
        return 0;
    }
    c->err = JIKJI_EFRONTMATTER;
    c->err_line = c->first_line + (unsigned)c->y.ev.start_mark.line;
    free(c->errmsg);
    c->errmsg = m;
    return 0;
}

/* Fail the parse at the current event, a list or mapping nested deeper
 * than JK_FRONTMATTER_MAX_DEPTH.  Returns 0. */
static int
too_deep(fm_ctx *c)
{
    char msg[64];
    snprintf(msg, sizeof msg, "front matter nested more than %d levels deep",
             JK_FRONTMATTER_MAX_DEPTH);
    return fail_at_event(c, msg);
}

static int
next_event(fm_ctx *c)
{
    jikji_status_t st = jk_yamlev_next(&c->y);
    if (st == JIKJI_OK) {
        switch (c->y.ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++c->depth > JK_FRONTMATTER_MAX_DEPTH)
                return too_deep(c);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            c->depth--;
            break;
        default:
            break;
        }
        return remember_anchor(c);
    }
    c->err = st;
    if (st != JIKJI_EINVAL)
        return 0;
    jk_buf msg = JK_BUF_INIT;
    unsigned long line;
    if (jk_yamlev_error(&c->y, c->first_line, &line, &msg) < 0) {
        jk_buf_fini(&msg);
        c->err = JIKJI_ENOMEM;
        return 0;
    }
    c->err = JIKJI_EFRONTMATTER;
    c->err_line = (unsigned)line;
    free(c->errmsg);
    c->errmsg = jk_buf_steal(&msg);
    return 0;
}

/* Skip the node whose first event is the current one: a scalar or alias
 * is one event, a collection runs to its matching end.  Iterative, so
 * nesting depth costs no stack.  Returns 1, or 0 on error. */
static int
skip_node(fm_ctx *c)
{
    size_t depth;
    switch (c->y.ev.type) {
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        break;
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
        return 1;
    default:   /* not a node: the caller lost track of the structure */
        c->err = JIKJI_EINTERNAL;
        return 0;
    }
    depth = 1;
    while (depth > 0) {
        if (!next_event(c))
            return 0;
        switch (c->y.ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:   /* libyaml reports an error first */
            c->err = JIKJI_EINTERNAL;
            return 0;
        default:
            break;
        }
    }
    return 1;
}

/* The current scalar's bytes. */
static const char *
scalar(const fm_ctx *c, size_t *len)
{
    *len = c->y.ev.data.scalar.length;
    return (const char *)c->y.ev.data.scalar.value;
}

/* Whether the current scalar is YAML's null: an empty or `~`/`null`
 * plain scalar. */
static int
scalar_is_null(const fm_ctx *c)
{
    size_t n;
    const char *s = scalar(c, &n);
    if (c->y.ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    return n == 0 || (n == 1 && s[0] == '~') ||
           (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
                       !memcmp(s, "NULL", 4)));
}

/* Remember the current event's value if it is an anchored scalar.
 * Returns 1, or 0 on out of memory. */
static int
remember_anchor(fm_ctx *c)
{
    const yaml_event_t *e = &c->y.ev;
    if (e->type != YAML_SCALAR_EVENT || !e->data.scalar.anchor ||
        c->anchors.n >= 2 * JK_FRONTMATTER_MAX_ANCHORS)
        return 1;
    size_t n;
    const char *v = scalar(c, &n);
    const char *name = (const char *)e->data.scalar.anchor;
    jk_buf_clear(&c->tmp);
    if (jk_buf_putc(&c->tmp, scalar_is_null(c) ? 'N' : 'S') < 0 ||
        jk_buf_append(&c->tmp, v, n) < 0 ||
        jk_strv_push(&c->anchors, name, strlen(name)) < 0 ||
        jk_strv_push(&c->anchors, c->tmp.data, c->tmp.len) < 0) {
        c->err = JIKJI_ENOMEM;
        return 0;
    }
    return 1;
}

/* The current event as a scalar: a scalar, or an alias of an anchored
 * scalar (the latest of that name).  Returns 1 with *out set; else 0,
 * and an alias of anything else is noted in c->alias_line. */
static int
cur_scalar(fm_ctx *c, fm_scalar *out)
{
    const yaml_event_t *e = &c->y.ev;
    if (e->type == YAML_SCALAR_EVENT) {
        out->s = scalar(c, &out->n);
        out->null = scalar_is_null(c);
        return 1;
    }
    if (e->type != YAML_ALIAS_EVENT)
        return 0;
    const char *name = (const char *)e->data.alias.anchor;
    for (size_t i = c->anchors.n; name && i >= 2; i -= 2)
        if (!strcmp(c->anchors.v[i - 2], name)) {
            const char *v = c->anchors.v[i - 1];
            out->s = v + 1;
            out->n = strlen(v + 1);
            out->null = v[0] == 'N';
            return 1;
        }
    if (!c->alias_line)
        c->alias_line = c->first_line + (unsigned)e->start_mark.line;
    return 0;
}

/* ASCII case-insensitive comparison of s[0, n) with the string `lit`. */
static int
key_is(const char *s, size_t n, const char *lit)
{
    size_t i;
    for (i = 0; i < n && lit[i]; i++) {
        char a = s[i], b = lit[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return i == n && lit[i] == '\0';
}

/* Which field a key names. */
static fm_field
field_of(const char *s, size_t n)
{
    if (key_is(s, n, "title"))
        return FM_TITLE;
    if (key_is(s, n, "date"))
        return FM_DATE;
    if (key_is(s, n, "created"))
        return FM_CREATED;
    if (key_is(s, n, "tags") || key_is(s, n, "tag"))
        return FM_TAGS;
    if (key_is(s, n, "categories") || key_is(s, n, "category"))
        return FM_CATEGORIES;
    if (key_is(s, n, "aliases") || key_is(s, n, "alias"))
        return FM_ALIASES;
    return FM_NONE;
}

int
jk_frontmatter_key(const char *k, size_t n, int *list)
{
    fm_field f = field_of(k, n);
    if (list)
        *list = f == FM_TAGS || f == FM_CATEGORIES || f == FM_ALIASES;
    return f != FM_NONE;
}

/* The file line of the first tag that YAML reads as a comment, or 0:
 * `tags: #kafka #회고` (the value is empty), `tags: kafka #회고` (only
 * kafka) or a `- #kafka` item under tags or categories (`# note`, with a
 * blank after the '#', is taken for a comment).  YAML is right,
 * Obsidian reads them so too, but the tags are lost without a word.
 * Looks at plain values only: a quoted or bracketed one is YAML's. */
static unsigned
tag_comment_line(const char *y, size_t len, unsigned first_line)
{
    int in_tags = 0;     /* the lines under a tags or categories key */
    unsigned line = first_line;
    for (size_t p = 0, next; p < len; p = next, line++) {
        const char *nl = memchr(y + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - y) : len, i = p;
        next = nl ? e + 1 : len;
        if (i < e && y[i] != ' ' && y[i] != '\t' && y[i] != '-' &&
            y[i] != '#') {
            /* a key at the margin */
            size_t k = i;
            while (k < e && y[k] != ':' && y[k] != ' ')
                k++;
            fm_field f = field_of(y + i, k - i);
            in_tags = (f == FM_TAGS || f == FM_CATEGORIES) && k < e &&
                      y[k] == ':';
            i = k + 1;
        } else if (in_tags) {
            while (i < e && (y[i] == ' ' || y[i] == '\t'))
                i++;
            if (i >= e || y[i] != '-')
                continue;
            i++;          /* a list item's value */
        }
        if (!in_tags)
            continue;
        while (i < e && (y[i] == ' ' || y[i] == '\t'))
            i++;
        if (i >= e || y[i] == '"' || y[i] == '\'' || y[i] == '[' ||
            y[i] == '{')
            continue;     /* YAML's own: quoted or bracketed */
        for (size_t q = i; q + 1 < e; q++)
            if (y[q] == '#' &&
                (q == i || y[q - 1] == ' ' || y[q - 1] == '\t') &&
                y[q + 1] != ' ' && y[q + 1] != '\t' && y[q + 1] != '\r')
                return line;
    }
    return 0;
}

/* Add one item to a list field: cleaned for display, a leading '#'
 * dropped in split mode, empty items, duplicates and items past the
 * limit ignored.  Returns 1, or 0 on out of memory (c->err set). */
static int
add_item(fm_ctx *c, jk_strv *sv, const char *s, size_t n, fm_list_mode mode)
{
    if (mode == FM_LIST_SPLIT) {
        while (n > 0 && (*s == ' ' || *s == '\t'))
            s++, n--;
        while (n > 0 && *s == '#')
            s++, n--;
    }
    if (sv->n >= JK_FRONTMATTER_MAX_LIST) {
        /* Not cleaned nor compared: a huge list costs no more than its
         * parse.  So a duplicate past the limit counts as not kept too. */
        if (!c->over) {
            c->over = sv;
            c->over_line = c->first_line + (unsigned)c->y.ev.start_mark.line;
        }
        return 1;
    }
    jk_buf_clear(&c->tmp);
    if (jk_display_clean(&c->tmp, s, n, JK_FRONTMATTER_MAX_ITEM) < 0)
        goto nomem;
    if (c->tmp.len == 0)
        return 1;
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], c->tmp.data) == 0)
            return 1;
    if (jk_strv_push(sv, c->tmp.data, c->tmp.len) < 0)
        goto nomem;
    return 1;
nomem:
    c->err = JIKJI_ENOMEM;
    return 0;
}

/* Length of a tag separator at s[0, n): ASCII white space, ',', the
 * ideographic space U+3000 and the full-width comma U+FF0C; else 0. */
static size_t
tag_separator(const char *s, size_t n)
{
    switch (s[0]) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v': case ',':
        return 1;
    default:
        break;
    }
    if (n >= 3 && !memcmp(s, "\xE3\x80\x80", 3))
        return 3;
    if (n >= 3 && !memcmp(s, "\xEF\xBC\x8C", 3))
        return 3;
    return 0;
}

/* Add the items of one scalar: split at separators in split mode, whole
 * in whole mode.  Returns 1, or 0 on out of memory. */
static int
add_scalar_items(fm_ctx *c, jk_strv *sv, const fm_scalar *sc, fm_list_mode mode)
{
    size_t n = sc->n;
    const char *s = sc->s;

    if (sc->null)
        return 1;
    if (mode == FM_LIST_WHOLE)
        return add_item(c, sv, s, n, mode);
    size_t i = 0;
    while (i < n) {
        size_t k;
        while (i < n && (k = tag_separator(s + i, n - i)) > 0)
            i += k;
        size_t start = i;
        while (i < n && tag_separator(s + i, n - i) == 0)
            i++;
        if (i > start && !add_item(c, sv, s + start, i - start, mode))
            return 0;
    }
    return 1;
}

/* Read a list field whose value starts at the current event: a scalar (or
 * an alias of one) or a sequence replaces the field (last key wins); a
 * mapping is ignored.  Within a sequence only scalars and aliases of
 * scalars count.  Returns 1, or 0. */
static int
read_list(fm_ctx *c, jk_strv *sv, fm_list_mode mode)
{
    fm_scalar sc;
    int one = cur_scalar(c, &sc);
    if (c->over == sv && (one || c->y.ev.type == YAML_SEQUENCE_START_EVENT))
        c->over = NULL; /* replaced: what it dropped no longer matters */
    if (one) {
        jk_strv_fini(sv);
        return add_scalar_items(c, sv, &sc, mode);
    }
    switch (c->y.ev.type) {
    case YAML_SEQUENCE_START_EVENT:
        jk_strv_fini(sv);
        for (;;) {
            if (!next_event(c))
                return 0;
            switch (c->y.ev.type) {
            case YAML_SEQUENCE_END_EVENT:
                return 1;
            default:
                if (cur_scalar(c, &sc)) {
                    if (!sc.null && !add_item(c, sv, sc.s, sc.n, mode))
                        return 0;
                } else if (!skip_node(c)) { /* a nested collection */
                    return 0;
                }
                break;
            }
        }
    default:
        return skip_node(c);
    }
}

/* Read a scalar field into out[11] as a date ("" when unparseable);
 * other node kinds are skipped and leave it unchanged.  Either is
 * reported (bad_date) unless a date was reported before. */
static int
read_date(fm_ctx *c, char out[11])
{
    fm_scalar sc;
    if (!cur_scalar(c, &sc)) {
        /* `date: [2024-01-01]`: a list or mapping is no date either. */
        const char *what = c->y.ev.type == YAML_SEQUENCE_START_EVENT ? "[…]"
                           : c->y.ev.type == YAML_MAPPING_START_EVENT ? "{…}"
                                                                      : NULL;
        if (what && !c->bad_date_line) {
            c->bad_date_line = c->first_line + (unsigned)c->y.ev.start_mark.line;
            snprintf(c->bad_date, sizeof c->bad_date, "%s", what);
        }
        return skip_node(c);
    }
    size_t n = sc.n;
    const char *s = sc.s;
    /* A plain null (`date: null`, `date: ~`) is no date, as an empty one. */
    int null = sc.null;
    if (!jk_frontmatter_date(s, n, out) && s && n && !null &&
        !c->bad_date_line) {
        c->bad_date_line = c->first_line + (unsigned)c->y.ev.start_mark.line;
        size_t k = n < sizeof c->bad_date - 1 ? n : sizeof c->bad_date - 1;
        while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--; /* not inside a character */
        memcpy(c->bad_date, s, k);
        c->bad_date[k] = '\0';
    }
    return 1;
}

/* Read the title from the current event; only a scalar counts. */
static int
read_title(fm_ctx *c, jk_frontmatter *out)
{
    fm_scalar sc;
    if (!cur_scalar(c, &sc))
        return skip_node(c);
    free(out->title);
    out->title = NULL;
    if (sc.null)
        return 1;
    size_t n = sc.n;
    const char *s = sc.s;
    jk_buf_clear(&c->tmp);
    if (jk_display_clean(&c->tmp, s, n, JK_FRONTMATTER_MAX_TITLE) < 0) {
        c->err = JIKJI_ENOMEM;
        return 0;
    }
    if (c->tmp.len == 0)
        return 1;
    out->title = jk_strndup(c->tmp.data, c->tmp.len);
    if (!out->title) {
        c->err = JIKJI_ENOMEM;
        return 0;
    }
    return 1;
}

/* Read the pairs of the root mapping; the current event is its start. */
static int
read_mapping(fm_ctx *c, jk_frontmatter *out)
{
    for (;;) {
        fm_field field = FM_NONE;

        if (!next_event(c))
            return 0;
        if (c->y.ev.type == YAML_MAPPING_END_EVENT)
            return 1;
        if (c->y.ev.type == YAML_SCALAR_EVENT) {
            size_t n;
            const char *s = scalar(c, &n);
            field = field_of(s, n);
        } else if (!skip_node(c)) {   /* complex key or alias */
            return 0;
        }
        if (!next_event(c))
            return 0;
        int ok;
        switch (field) {
        case FM_TITLE: ok = read_title(c, out); break;
        case FM_DATE: ok = read_date(c, c->date); break;
        case FM_CREATED: ok = read_date(c, c->created); break;
        case FM_TAGS: ok = read_list(c, &out->tags, FM_LIST_SPLIT); break;
        case FM_CATEGORIES:
            ok = read_list(c, &out->categories, FM_LIST_SPLIT);
            break;
        case FM_ALIASES:
            ok = read_list(c, &out->aliases, FM_LIST_WHOLE);
            break;
        default: ok = skip_node(c); break;
        }
        if (!ok)
            return 0;
    }
}

/* Report that the document's root is not a mapping. */
static void
set_not_mapping(fm_ctx *c)
{
    const char *what;
    switch (c->y.ev.type) {
    case YAML_SEQUENCE_START_EVENT: what = "a list"; break;
    case YAML_SCALAR_EVENT: what = "a plain value"; break;
    case YAML_ALIAS_EVENT: what = "an alias"; break;
    default: what = "something else"; break;
    }
    char msg[64];
    snprintf(msg, sizeof msg, "front matter is %s, not a mapping of keys",
             what);
    c->not_mapping = 1;
    fail_at_event(c, msg);
}

/* Parse the whole stream: the first document must be a mapping (or
 * empty); later documents are only checked for syntax errors. */
static int
read_stream(fm_ctx *c, jk_frontmatter *out)
{
    if (!next_event(c))       /* STREAM-START */
        return 0;
    if (!next_event(c))
        return 0;
    if (c->y.ev.type == YAML_STREAM_END_EVENT)
        return 1;             /* empty or only comments */
    if (!next_event(c))       /* after DOCUMENT-START: the root node */
        return 0;
    if (c->y.ev.type == YAML_MAPPING_START_EVENT) {
        if (!read_mapping(c, out))
            return 0;
    } else if (!(c->y.ev.type == YAML_SCALAR_EVENT && scalar_is_null(c))) {
        set_not_mapping(c);
        return 0;
    }
    while (c->y.ev.type != YAML_STREAM_END_EVENT)
        if (!next_event(c))
            return 0;
    return 1;
}

jikji_status_t
jk_frontmatter_parse(const char *yaml, size_t len, unsigned first_line,
                     jk_frontmatter *out, unsigned *err_line, char **errmsg)
{
    fm_ctx c;

    if (err_line)
        *err_line = 0;
    if (errmsg)
        *errmsg = NULL;
    if (!out)
        return JIKJI_EINVAL;
    *out = (jk_frontmatter)JK_FRONTMATTER_INIT;
    if (!yaml && len > 0)
        return JIKJI_EINVAL;

    memset(&c, 0, sizeof c);
    c.first_line = first_line;
    c.err = JIKJI_OK;
    c.tmp = (jk_buf)JK_BUF_INIT;
    if (jk_yamlev_init(&c.y, yaml, len) != JIKJI_OK)
        return JIKJI_ENOMEM;

    if (!read_stream(&c, out) && c.err == JIKJI_OK)
        c.err = JIKJI_EINTERNAL;
    jk_yamlev_fini(&c.y);
    jk_buf_fini(&c.tmp);
    jk_strv_fini(&c.anchors);

    memcpy(out->date, c.date[0] ? c.date : c.created, sizeof out->date);
    if (!c.date[0] && c.bad_date_line) {
        out->bad_date_line = c.bad_date_line;
        memcpy(out->bad_date, c.bad_date, sizeof out->bad_date);
    }
    if (c.err != JIKJI_OK)
        jk_frontmatter_fini(out);   /* the last value read may be cut */
    out->not_mapping = c.not_mapping;
    if (c.err == JIKJI_OK && c.over) {
        out->over_line = c.over_line;
        out->over_key = c.over == &out->tags         ? "tags"
                        : c.over == &out->categories ? "categories"
                                                     : "aliases";
    }
    if (c.err == JIKJI_OK)
        out->tag_comment_line = tag_comment_line(yaml, len, first_line);
    if (c.err == JIKJI_OK)
        out->alias_line = c.alias_line;
    if (c.err == JIKJI_EFRONTMATTER) {
        if (err_line)
            *err_line = c.err_line;
        if (errmsg) {
            *errmsg = c.errmsg;
            c.errmsg = NULL;
        }
    }
    free(c.errmsg);
    return c.err;
}

void
jk_frontmatter_fini(jk_frontmatter *fm)
{
    if (!fm)
        return;
    free(fm->title);
    jk_strv_fini(&fm->tags);
    jk_strv_fini(&fm->categories);
    jk_strv_fini(&fm->aliases);
    *fm = (jk_frontmatter)JK_FRONTMATTER_INIT;
}
