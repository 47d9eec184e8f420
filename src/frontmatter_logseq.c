/* frontmatter_logseq.c - Logseq's page properties (`tags:: kafka, 면접`
 * lines at the top of a page), read as front matter by the YAML reader.
 *
 * Logseq writes a page's title, tags and aliases as `key:: value` lines
 * before its first block, with no `---` around them; a list is its items
 * between commas, each maybe a page link (`[[Spring Batch]]`) or a tag
 * (`#면접`, `#[[정산 시스템]]`).  Each line of a key that frontmatter.h
 * reads becomes YAML with its values double-quoted (`tags: ["kafka",
 * "면접"]`), every other line an empty one, so libyaml reads the values
 * as written and its line numbers are the file's.  The lines stay in the
 * body, as Logseq shows them (the display drops their keys).
 */
#include "frontmatter.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "markdown.h"

/* Whether k[0, n) is a key of Logseq's own pages: one jikji reads, or one
 * Logseq itself writes at a page's top (its built-in properties). */
static int
logseq_key(const char *k, size_t n)
{
    static const char *const builtin[] = {
        "collapsed", "exclude-from-graph-view", "filters", "icon", "id",
        "public", "template", "template-including-parent", "type",
    };
    if (jk_frontmatter_key(k, n, NULL))
        return 1;
    for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
        if (strlen(builtin[i]) == n && !strncasecmp(k, builtin[i], n))
            return 1;
    return 0;
}

size_t
jk_logseq_props_len(const char *t, size_t len)
{
    size_t pos = 0, k, kl;
    int known = 0;
    while (pos < len) {
        jk_line ln;
        jk_md_line_at(t, len, pos, &ln);
        if (ln.start == ln.end || t[ln.start] == ' ' || t[ln.start] == '\t' ||
            !jk_md_property(t, ln.start, ln.end, &k, &kl))
            break;
        known = known || logseq_key(t + k, kl);
        pos = ln.next;
    }
    return known ? pos : 0;
}

/* Append t[a, b) as a YAML double-quoted string. */
static int
put_quoted(jk_buf *y, const char *t, size_t a, size_t b)
{
    if (jk_buf_putc(y, '"') < 0)
        return -1;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        int r = c == '"' || c == '\\' ? jk_buf_printf(y, "\\%c", c)
              : c < 0x20 || c == 0x7F ? jk_buf_printf(y, "\\x%02x", c)
                                      : jk_buf_putc(y, (char)c);
        if (r < 0)
            return -1;
    }
    return jk_buf_putc(y, '"');
}

/* One item of a list value, t[a, b) trimmed, after a ", " unless it is
 * the first (*n items so far): without a tag's `#` and a page link's
 * brackets (`#[[정산 시스템]]` is 정산 시스템).  An empty item is left out. */
static int
put_item(jk_buf *y, const char *t, size_t a, size_t b, int *n)
{
    while (a < b && (t[a] == ' ' || t[a] == '\t'))
        a++;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
        b--;
    if (a < b && t[a] == '#')
        a++;
    if (b - a >= 4 && !memcmp(t + a, "[[", 2) && !memcmp(t + b - 2, "]]", 2))
        a += 2, b -= 2;
    else if (b - a >= 2 && (t[a] == '"' || t[a] == '\'') && t[b - 1] == t[a])
        a++, b--; /* "quoted tag" */
    if (a == b)
        return 0;
    if ((*n)++ && jk_buf_puts(y, ", ") < 0)
        return -1;
    return put_quoted(y, t, a, b);
}

jikji_status_t
jk_frontmatter_parse_logseq(const char *t, size_t len, unsigned first_line,
                            jk_frontmatter *out, unsigned *err_line,
                            char **errmsg)
{
    if ((!t && len) || !out)
        return JIKJI_EINVAL;
    jk_buf y = JK_BUF_INIT;
    int oom = jk_buf_reserve(&y, len + 16) < 0;
    for (size_t pos = 0; pos < len && !oom;) {
        jk_line ln;
        jk_md_line_at(t, len, pos, &ln);
        pos = ln.next;
        size_t k = 0, kl = 0, v = jk_md_property(t, ln.start, ln.end, &k, &kl);
        int list = 0;
        if (v && jk_frontmatter_key(t + k, kl, &list) && v < ln.end) {
            oom = jk_buf_append(&y, t + k, kl) < 0 ||
                  jk_buf_puts(&y, list ? ": [" : ": ") < 0;
            size_t e = ln.end;
            while (e > v && (t[e - 1] == ' ' || t[e - 1] == '\t'))
                e--;
            if (!list) {
                oom = oom || put_quoted(&y, t, v, e) < 0;
            } else {
                /* Items between commas; a comma inside [[ ]] is the
                 * link's. */
                size_t s = v;
                int depth = 0, n = 0;
                for (size_t i = v; i <= e && !oom; i++) {
                    if (i < e && t[i] == '[' && i + 1 < e && t[i + 1] == '[')
                        depth++, i++;
                    else if (i < e && t[i] == ']' && i + 1 < e &&
                             t[i + 1] == ']' && depth > 1)
                        depth--, i++;
                    else if (i < e && t[i] == ']' && i + 1 < e &&
                             t[i + 1] == ']' && depth == 1) {
                        /* a link ends an item: [[a]] [[b c]] is two */
                        depth = 0;
                        oom = put_item(&y, t, s, i + 2, &n) < 0;
                        s = ++i + 1;
                    } else if (i == e || (t[i] == ',' && !depth)) {
                        oom = put_item(&y, t, s, i, &n) < 0;
                        s = i + 1;
                    }
                }
                oom = oom || jk_buf_putc(&y, ']') < 0;
            }
        }
        oom = oom || jk_buf_putc(&y, '\n') < 0;
    }
    jikji_status_t st = oom ? JIKJI_ENOMEM
                            : jk_frontmatter_parse(y.data ? y.data : "", y.len,
                                                   first_line, out, err_line,
                                                   errmsg);
    jk_buf_fini(&y);
    return st;
}
