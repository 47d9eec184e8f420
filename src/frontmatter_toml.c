/* frontmatter_toml.c - TOML front matter (Hugo's and Zola's, between `+++`
 * lines), read by the YAML reader.
 *
 * Why no TOML parser: the TOML forms that carry the fields jikji reads are
 * YAML too once `key =` is written `key:`.  A basic string ("...") has the
 * escapes of a YAML double-quoted string, a literal string ('...', which
 * cannot hold a quote) reads the same as a YAML single-quoted one, an array
 * of strings is a YAML flow sequence, and a date or a number is a plain
 * scalar.  So each top-level key that frontmatter.h reads (title, date,
 * created, tags, tag, categories, category, aliases, alias), and the tags
 * and categories of Zola's [taxonomies] table, go to
 * jk_frontmatter_parse() with their values as written, an array continued
 * over later lines included.  Left out, as TOML the YAML reader would
 * misread or as no field of the page: every other key, dotted keys,
 * multi-line strings, inline tables ({...}) and arrays holding them, and
 * the keys of every other table ([params], [extra], [[menu.main]]).
 * One line goes out for each line in, so the YAML reader's line numbers
 * are the file's.
 */
#define _GNU_SOURCE /* memmem */
#include "frontmatter.h"
#include "markdown.h"

#include <string.h>
#include <strings.h>

/* Which table a key is in: the page's own (before any header), Zola's
 * [taxonomies] (its tags and categories), or another one ([params],
 * [extra], [[menu.main]]: not the page's fields). */
enum { TABLE_TOP, TABLE_TAXONOMIES, TABLE_OTHER };

/* The table a header line t[i, b) (at its `[`) opens. */
static int
table_of(const char *t, size_t i, size_t b)
{
    static const char name[] = "taxonomies";
    size_t n = sizeof name - 1;
    i++;
    i = skip_blanks(t, i, b);
    if (b - i < n || memcmp(t + i, name, n) != 0)
        return TABLE_OTHER;
    i += n;
    i = skip_blanks(t, i, b);
    return i < b && t[i] == ']' ? TABLE_TAXONOMIES : TABLE_OTHER;
}

/* Zola's taxonomies that are jikji's fields. */
static int
taxonomy_key(const char *k, size_t n)
{
    return (n == 4 && !strncasecmp(k, "tags", 4)) ||
           (n == 10 && !strncasecmp(k, "categories", 10));
}

/* Where a value is, across the lines of an array: open brackets, the
 * string it is in (its quote, or 0), whether it holds a table. */
typedef struct value_scan {
    int depth;
    char quote;
    int braces;
} value_scan;

/* Scan t[i, e) of a value: brackets and braces outside strings; a `#`
 * outside a string ends the line (a comment). */
static void
scan_value(value_scan *v, const char *t, size_t i, size_t e)
{
    for (; i < e; i++) {
        char c = t[i];
        if (v->quote) {
            if (c == '\\' && v->quote == '"')
                i++; /* an escape: the next character is not the end */
            else if (c == v->quote)
                v->quote = 0;
        } else if (c == '"' || c == '\'') {
            v->quote = c;
        } else if (c == '[') {
            v->depth++;
        } else if (c == ']') {
            v->depth--;
        } else if (c == '{' || c == '}') {
            v->braces = 1;
        } else if (c == '#') {
            return;
        }
    }
    v->quote = 0; /* a string does not go on to the next line */
}

/* A key, as read by read_key(): its name without quotes, t[name, name +
 * len), and as written, quotes included, t[start, end). */
typedef struct toml_key {
    size_t name, len, start, end;
    int dotted; /* `a.b`: a key of a table, not the page's */
} toml_key;

/* The key at t[i, e), up to its `=`, into *k.  Returns the position after
 * the `=`, or e when the line is no `key = value`. */
static size_t
read_key(const char *t, size_t i, size_t e, toml_key *k)
{
    k->dotted = 0;
    for (int parts = 0;; parts++) {
        i = skip_blanks(t, i, e);
        if (i >= e)
            return e;
        k->start = i;
        if (t[i] == '"' || t[i] == '\'') {
            char q = t[i++];
            k->name = i;
            while (i < e && t[i] != q)
                i += t[i] == '\\' && q == '"' && i + 1 < e ? 2 : 1;
            if (i >= e)
                return e;
            k->len = i++ - k->name;
        } else {
            k->name = i;
            while (i < e && (t[i] == '_' || t[i] == '-' ||
                             (t[i] >= '0' && t[i] <= '9') ||
                             ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z')))
                i++;
            k->len = i - k->name;
            if (k->len == 0)
                return e;
        }
        k->end = i;
        k->dotted |= parts > 0;
        i = skip_blanks(t, i, e);
        if (i < e && t[i] == '.') {
            i++;
            continue;
        }
        return i < e && t[i] == '=' ? i + 1 : e;
    }
}

jikji_status_t
jk_frontmatter_parse_toml(const char *toml, size_t len, unsigned first_line,
                          jk_frontmatter *out, unsigned *err_line,
                          char **errmsg)
{
    if (!toml && len > 0) {
        if (out)
            *out = (jk_frontmatter)JK_FRONTMATTER_INIT;
        return JIKJI_EINVAL;
    }
    jk_buf y = JK_BUF_INIT;
    value_scan v = {0, 0, 0};
    int in_array = 0, keep = 0, oom = 0;
    int table = TABLE_TOP; /* the table the keys go to */
    const char *mls = NULL; /* the closing `"""` or `'''` awaited */
    jk_line ln;
    for (size_t a = 0; toml && a < len && !oom; a = ln.next) {
        /* Lines as the note reader splits them (a lone CR ends one too),
         * so that the block's line numbers are the file's. */
        jk_md_line_at(toml, len, a, &ln);
        size_t b = ln.end;
        if (mls) {
            if (memmem(toml + a, b - a, mls, 3))
                mls = NULL;
        } else if (in_array) {
            scan_value(&v, toml, a, b);
            in_array = v.depth > 0;
            if (keep && !v.braces)
                oom |= jk_buf_append(&y, "  ", 2) < 0 ||
                       jk_buf_append(&y, toml + a, b - a) < 0;
        } else {
            size_t i = skip_blanks(toml, a, b);
            toml_key k = {0, 0, 0, 0, 0};
            size_t at = i < b && toml[i] != '#' && toml[i] != '['
                            ? read_key(toml, i, b, &k)
                            : b;
            if (i < b && toml[i] == '[')
                table = table_of(toml, i, b);
            at = skip_blanks(toml, at, b);
            if (at < b) {
                if (b - at >= 3 && (!memcmp(toml + at, "\"\"\"", 3) ||
                                    !memcmp(toml + at, "'''", 3))) {
                    mls = toml[at] == '"' ? "\"\"\"" : "'''";
                    if (memmem(toml + at + 3, b - at - 3, mls, 3))
                        mls = NULL;
                } else {
                    v = (value_scan){0, 0, 0};
                    scan_value(&v, toml, at, b);
                    in_array = v.depth > 0;
                    keep = !k.dotted && !v.braces &&
                           (table == TABLE_TOP
                                ? jk_frontmatter_key(toml + k.name, k.len, NULL)
                            : table == TABLE_TAXONOMIES
                                ? taxonomy_key(toml + k.name, k.len)
                                : 0);
                    /* The key as written: YAML quotes keys the same way. */
                    if (keep)
                        oom |= jk_buf_append(&y, toml + k.start,
                                             k.end - k.start) < 0 ||
                               jk_buf_append(&y, ": ", 2) < 0 ||
                               jk_buf_append(&y, toml + at, b - at) < 0;
                }
            }
        }
        oom |= jk_buf_putc(&y, '\n') < 0;
    }
    if (oom) {
        jk_buf_fini(&y);
        if (out)
            *out = (jk_frontmatter)JK_FRONTMATTER_INIT;
        if (err_line)
            *err_line = 0;
        if (errmsg)
            *errmsg = NULL;
        return JIKJI_ENOMEM;
    }
    jikji_status_t st = jk_frontmatter_parse(y.data ? y.data : "", y.len,
                                             first_line, out, err_line,
                                             errmsg);
    /* Nothing kept is still front matter, not text: `+++` opens nothing
     * else. */
    if (out)
        out->not_mapping = 0;
    jk_buf_fini(&y);
    return st;
}
