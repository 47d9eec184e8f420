/* markdown.c - what a Markdown line of a note is, and the text it shows.
 *
 * Two passes read a note's lines: the sectioner (note.c) finds headings,
 * sections and tags; jk_md_blank_text() turns a section into the text
 * that is indexed and cut into snippets, markup blanked to spaces.  Both
 * decide by the line recognizers here (fences, quotes, comments, raw HTML
 * blocks, indented code, the `%%` scan), so they agree on every line.
 * The rules, and why each search inside a line stays linear in its
 * length, are in note.c's header comment.
 */
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "buf.h"
#include "norm.h"

/* Longest backtick run that can open a code span; longer runs are plain
 * punctuation (and blanked).  Bounds the failed searches per line. */
#define JK_MAX_TICKS 8
/* Open '[' remembered per line while looking for `](`. */
#define JK_MAX_BRACKETS 8

/* ------------------------------------------------------------------ */
/* Lines and block structure                                           */

/* Find the line that starts at pos: it ends at LF, CRLF or a lone CR. */
void
jk_md_line_at(const char *t, size_t len, size_t pos, jk_line *ln)
{
    size_t i = pos < len ? pos + jk_line_len(t + pos, len - pos) : pos;
    ln->start = pos;
    ln->end = i;
    if (i < len && t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
        i += 2;
    else if (i < len)
        i++;
    ln->next = i;
}

/* Where t[a, b) goes on after at most three spaces of indentation (what
 * a heading, a fence or an HTML block may have before it). */
size_t
jk_md_indent3_end(const char *t, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && t[i] == ' ' && i - a < 3)
        i++;
    return i;
}

/* Whether a line is exactly `c` three times (`---`, `...`), trailing
 * blanks allowed. */
int
jk_md_is_delimiter(const char *t, const jk_line *ln, char c)
{
    size_t a = ln->start, b = ln->end;
    if (b - a < 3 || t[a] != c || t[a + 1] != c || t[a + 2] != c)
        return 0;
    return is_blank(t, a + 3, b);
}

/* Position after the blockquote marker at the start of t[i, b) (at most
 * three spaces, `>`, and the one blank that may follow), or JK_NONE. */
static size_t
quote_marker_end(const char *t, size_t i, size_t b)
{
    size_t j = jk_md_indent3_end(t, i, b);
    if (j >= b || t[j] != '>')
        return JK_NONE;
    j++;
    return j < b && (t[j] == ' ' || t[j] == '\t') ? j + 1 : j;
}

/* Count the blockquote markers at the start of t[a, b) (`>`, `> >`,
 * `>>`, each after at most three spaces).  *after is the position after
 * the last marker and the one space that may follow it, or a when there
 * is none. */
unsigned
jk_md_quote_prefix(const char *t, size_t a, size_t b, size_t *after)
{
    unsigned depth = 0;
    size_t j;
    *after = a;
    while ((j = quote_marker_end(t, *after, b)) != JK_NONE) {
        depth++;
        *after = j;
    }
    return depth;
}

/* Position after the first `k` blockquote markers of t[a, b). */
size_t
jk_md_quote_skip(const char *t, size_t a, size_t b, unsigned k)
{
    size_t i = a, j;
    while (k-- > 0 && (j = quote_marker_end(t, i, b)) != JK_NONE)
        i = j;
    return i;
}

/* For `{%` at t[p] opening the Liquid tag that ends before q (`%}` at
 * q - 2): whether its name is `name` (`{% raw %}`, `{%- raw -%}`). */
static int
liquid_name_is(const char *t, size_t p, size_t q, const char *name)
{
    size_t i = p + 2, n = strlen(name);
    if (i < q && t[i] == '-')
        i++;
    while (i < q && is_sp(t[i]))
        i++;
    return q - i >= n && !memcmp(t + i, name, n) &&
           (i + n == q || is_sp(t[i + n]) || t[i + n] == '-' ||
            t[i + n] == '%');
}

/* The end of the Liquid tag `{% ... %}` that starts at t[p] (after its
 * `%}`), or JK_NONE when it does not close on the line. */
static size_t
liquid_tag_end(const char *t, size_t p, size_t b)
{
    if (p + 1 >= b || t[p] != '{' || t[p + 1] != '%')
        return JK_NONE;
    for (size_t q = p + 2; q + 1 < b; q++)
        if (t[q] == '%' && t[q + 1] == '}')
            return q + 2;
    return JK_NONE;
}

/* The end of the Hugo shortcode `{{< ... >}}` or `{{% ... %}}` that starts
 * at t[p] (after its `>}}` or `%}}`), or JK_NONE when it does not close on
 * the line. */
static size_t
shortcode_end(const char *t, size_t p, size_t b)
{
    if (p + 2 >= b || t[p] != '{' || t[p + 1] != '{' ||
        (t[p + 2] != '<' && t[p + 2] != '%'))
        return JK_NONE;
    char c = t[p + 2] == '<' ? '>' : '%';
    for (size_t q = p + 3; q + 2 < b; q++)
        if (t[q] == c && t[q + 1] == '}' && t[q + 2] == '}')
            return q + 3;
    return JK_NONE;
}

/* Whether the shortcode at t[p, e) is named `name` (`{{< highlight go >}}`,
 * `{{< /highlight >}}` with name "/highlight"). */
static int
shortcode_name_is(const char *t, size_t p, size_t e, const char *name)
{
    size_t i = p + 3, n = strlen(name);
    while (i < e && is_sp(t[i]))
        i++;
    if (name[0] == '/' && i < e && t[i] == '/') {
        i++, name++, n--;
        while (i < e && is_sp(t[i]))
            i++;
    } else if (name[0] == '/') {
        return 0;
    }
    return e - i >= n + 3 && !memcmp(t + i, name, n) &&
           (is_sp(t[i + n]) || t[i + n] == (t[p + 2] == '<' ? '>' : '%'));
}

/* A Liquid block whose lines are code, kept as written like a fence's:
 * `{% highlight LANG %}` ... `{% endhighlight %}` (fence character 'h')
 * and `{% raw %}` ... `{% endraw %}` ('r'), or Hugo's `{{< highlight LANG
 * >}}` ... `{{< /highlight >}}` ('g', `{{% %}}` too), each tag alone on
 * its line.  The opening tag at t[i, b), or 0. */
static char
liquid_block_open(const char *t, size_t i, size_t b)
{
    size_t e = shortcode_end(t, i, b);
    if (e != JK_NONE)
        return is_blank(t, e, b) && shortcode_name_is(t, i, e, "highlight")
               ? 'g' : 0;
    e = liquid_tag_end(t, i, b);
    if (e == JK_NONE || !is_blank(t, e, b))
        return 0;
    return liquid_name_is(t, i, e - 2, "highlight") ? 'h'
           : liquid_name_is(t, i, e - 2, "raw")     ? 'r' : 0;
}

/* If t[a, b) opens a code fence (at most three spaces, then three or more
 * '`' or '~'; a '`' fence's info string has no '`'), or a Liquid code
 * block (liquid_block_open), store its character and length and return
 * 1. */
int
jk_md_fence_open(const char *t, size_t a, size_t b, char *fch, size_t *flen)
{
    size_t i = a, sp = 0;
    while (i < b && t[i] == ' ' && sp < 4)
        i++, sp++;
    if (sp < 4 && (*fch = liquid_block_open(t, i, b)) != 0) {
        *flen = 0;
        return 1;
    }
    if (sp > 3 || i >= b || (t[i] != '`' && t[i] != '~'))
        return 0;
    char c = t[i];
    size_t s = i;
    while (i < b && t[i] == c)
        i++;
    if (i - s < 3)
        return 0;
    if (c == '`' && memchr(t + i, '`', b - i))
        return 0;
    *fch = c;
    *flen = i - s;
    return 1;
}

/* Whether t[a, b) closes a fence of `flen` or more `fch` (or the Liquid
 * block 'h' or 'r'). */
static int
fence_close(const char *t, size_t a, size_t b, char fch, size_t flen)
{
    size_t i = a, sp = 0;
    while (i < b && t[i] == ' ' && sp < 4)
        i++, sp++;
    if (fch == 'g') {
        size_t e = shortcode_end(t, i, b);
        return e != JK_NONE && shortcode_name_is(t, i, e, "/highlight");
    }
    if (fch == 'h' || fch == 'r') {
        size_t e = liquid_tag_end(t, i, b);
        return e != JK_NONE &&
               liquid_name_is(t, i, e - 2, fch == 'h' ? "endhighlight"
                                                      : "endraw");
    }
    if (sp > 3)
        return 0;
    size_t s = i;
    while (i < b && t[i] == fch)
        i++;
    return i - s >= flen && is_blank(t, i, b);
}

/* If t[a, b) is an ATX heading (at most three spaces, 1-6 '#', then a
 * blank or the end of the line), return its level and set [*hs, *he) to
 * its text without the closing '#'s; else return 0. */
unsigned
jk_md_atx_heading(const char *t, size_t a, size_t b, size_t *hs, size_t *he)
{
    size_t i = jk_md_indent3_end(t, a, b);
    size_t h = i;
    while (i < b && t[i] == '#' && i - h < 7)
        i++;
    unsigned level = (unsigned)(i - h);
    if (level < 1 || level > 6 || (i < b && t[i] != ' ' && t[i] != '\t'))
        return 0;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t e = b;
    while (e > i && is_sp(t[e - 1]))
        e--;
    size_t k = e;
    while (k > i && t[k - 1] == '#')
        k--;
    if (k == i) {
        e = i;                          /* only closing '#'s */
    } else if (k < e && (t[k - 1] == ' ' || t[k - 1] == '\t')) {
        e = k;
        while (e > i && is_sp(t[e - 1]))
            e--;
    }
    *hs = i;
    *he = e;
    return level;
}

/* ------------------------------------------------------------------ */
/* Inline markup                                                       */

/* Longest HTML tag recognized, in bytes: a longer one is text.  Bounds
 * the scans from every '<' of a line. */
#define JK_MAX_HTML_TAG 1024

/* A blank inside a tag: a line break too when lines is set. */
static int
tag_blank(char c, int lines)
{
    return is_sp(c) || (lines && (c == '\n' || c == '\r'));
}

/* Whether c may be in a data: URI (RFC 2397: base64, or %-escaped). */
static int
uri_byte(char c)
{
    return is_alnum(c) || (c && strchr("+/=;,:-._~%!$&()*@", c));
}

/* jk_md_tag_end() over t[p, b), on one line or (lines) several. */
static size_t
tag_end(const char *t, size_t p, size_t b, int lines)
{
    size_t line_end = b;
    if (b - p > JK_MAX_HTML_TAG)
        b = p + JK_MAX_HTML_TAG;
    size_t i = p + 1;
    int closing = i < b && t[i] == '/';
    if (closing)
        i++;
    if (i >= b || !is_alpha(t[i]))
        return 0;
    while (i < b && (is_alnum(t[i]) || t[i] == '-'))
        i++;
    for (;;) {
        size_t ws = i;
        while (i < b && tag_blank(t[i], lines))
            i++;
        if (i >= b)
            return 0;
        if (t[i] == '>')
            return i + 1;
        if (closing)
            return 0;
        if (t[i] == '/')
            return i + 1 < b && t[i + 1] == '>' ? i + 2 : 0;
        /* an attribute: after a blank, a name */
        if (i == ws || !(is_alpha(t[i]) || t[i] == '_' || t[i] == ':'))
            return 0;
        while (i < b && (is_alnum(t[i]) || t[i] == '_' || t[i] == '.' ||
                         t[i] == ':' || t[i] == '-'))
            i++;
        size_t v = i;
        while (v < b && tag_blank(t[v], lines))
            v++;
        if (v >= b || t[v] != '=')
            continue;
        v++;
        while (v < b && tag_blank(t[v], lines))
            v++;
        if (v >= b)
            return 0;
        if ((t[v] == '"' || t[v] == '\'') && line_end - v > 6 &&
            !memcmp(t + v + 1, "data:", 5)) {
            /* A data: URI, an image pasted into the note, is as long as
             * the image (QA: over the bound, its base64 was shown).  Its
             * scan stops at the first byte no URI holds, a '<' among them:
             * no two tags' scans cover the same bytes. */
            size_t j = v + 6;
            while (j < line_end && uri_byte(t[j]))
                j++;
            if (j >= line_end || t[j] != t[v])
                return 0;
            i = j + 1;
            b = line_end - i > JK_MAX_HTML_TAG ? i + JK_MAX_HTML_TAG : line_end;
        } else if (t[v] == '"' || t[v] == '\'') {
            const char *q = memchr(t + v + 1, t[v], b - v - 1);
            if (!q)
                return 0;
            i = (size_t)(q - t) + 1;
        } else {
            i = v;
            while (i < b && !tag_blank(t[i], 1) &&
                   !memchr("\"'=<>`", t[i], 5))
                i++;
            if (i == v)
                return 0;
        }
    }
}

/* If t[p] == '<' starts an HTML tag that ends on this line, return the
 * position after its '>', else 0.  CommonMark's grammar: `<name` then
 * attributes (a blank, a name of ASCII letters, digits and `_.:-` not
 * starting with a digit, `.` or `-`, and optionally `=` and a value:
 * unquoted, '...' or "..."), blanks, an optional `/`, and `>`; or
 * `</name>`; name = ASCII letter, then letters, digits, '-'.  So
 * `<Real MySQL 8.0>` and `<Spring 5.0 입문>` (titles, as Korean writers
 * mark them) are text, and `<a href="x">` or `<br/>` a tag. */
size_t
jk_md_tag_end(const char *t, size_t p, size_t b)
{
    return tag_end(t, p, b, 0);
}

/* The same for a tag that goes on past its line (CommonMark lets its
 * blanks be line breaks: `<img src="x.png"` / `  alt="y">`), in t[p, n),
 * with no blank line inside. */
size_t
jk_md_tag_end_lines(const char *t, size_t p, size_t n)
{
    size_t e = tag_end(t, p, n, 1);
    for (size_t i = p; e && i < e; i++) {
        if (t[i] != '\n' && t[i] != '\r')
            continue;
        size_t k = i + 1;
        if (t[i] == '\r' && k < e && t[k] == '\n')
            k++;
        while (k < e && is_sp(t[k]))
            k++;
        if (k < e && (t[k] == '\n' || t[k] == '\r'))
            return 0;   /* a blank line ends the paragraph first */
        i = k - 1;
    }
    return e;
}

/* Whether t[p, b) starts with `<!--`. */
int
jk_md_comment_open_at(const char *t, size_t p, size_t b)
{
    return b - p >= 4 && !memcmp(t + p, "<!--", 4);
}

/* Position after the first `-->` in t[p, b), or JK_NONE. */
size_t
jk_md_comment_end(const char *t, size_t p, size_t b)
{
    while (p + 3 <= b) {
        const char *q = memchr(t + p, '-', b - p - 2);
        if (!q)
            return JK_NONE;
        size_t i = (size_t)(q - t);
        if (t[i + 1] == '-' && t[i + 2] == '>')
            return i + 3;
        p = i + 1;
    }
    return JK_NONE;
}

/* Position after the first `%%` (the end of an Obsidian comment) in
 * t[p, b), or JK_NONE. */
size_t
jk_md_pct_comment_end(const char *t, size_t p, size_t b)
{
    for (; p + 1 < b; p++)
        if (t[p] == '%' && t[p + 1] == '%')
            return p + 2;
    return JK_NONE;
}

/* Where the comment that a line opened ends in t[p, b): an HTML comment
 * (kind 1) at `-->`, an Obsidian one (kind 2) at `%%`; JK_NONE when it goes
 * on past the line. */
size_t
jk_md_open_comment_end(int kind, const char *t, size_t p, size_t b)
{
    return kind == 2 ? jk_md_pct_comment_end(t, p, b)
                     : jk_md_comment_end(t, p, b);
}

/* For a backtick run t[p, p+n), the start of a closing run of exactly n
 * backticks in t[p+n, b), or JK_NONE.  *failed remembers the run lengths
 * that found no closer on this line, so each length fails once. */
size_t
jk_md_code_span_close(const char *t, size_t p, size_t n, size_t b,
                      unsigned *failed)
{
    if (n > JK_MAX_TICKS || (*failed & (1u << n)))
        return JK_NONE;
    size_t i = p + n;
    while (i < b) {
        const char *q = memchr(t + i, '`', b - i);
        if (!q)
            break;
        size_t s = (size_t)(q - t);
        size_t k = run_len(t, s, b, '`');
        if (k == n)
            return s;
        i = s + k;
    }
    *failed |= 1u << n;
    return JK_NONE;
}

/* Whether line t[a, b) has a `<!--` outside code spans that it does not
 * close (as jk_md_blank_inline() reads it). */
int
jk_md_leaves_comment_open(const char *t, size_t a, size_t b)
{
    unsigned failed_ticks = 0;
    for (size_t p = a; p < b;) {
        if (t[p] == '`') {
            size_t k = run_len(t, p, b, '`');
            size_t c = jk_md_code_span_close(t, p, k, b, &failed_ticks);
            p = c == JK_NONE ? p + k : c + k;
        } else if (t[p] == '<' && jk_md_comment_open_at(t, p, b)) {
            size_t e = jk_md_comment_end(t, p + 4, b);
            if (e == JK_NONE)
                return 1;
            p = e;
        } else {
            p++;
        }
    }
    return 0;
}

/* Whether t[a, b) starts, after at most three spaces, with `<!--` that the
 * line does not close: an HTML comment block, hidden up to the `-->` of a
 * later line (when there is one: see jk_md_comment_continues()). */
int
jk_md_comment_block_opens(const char *t, size_t a, size_t b)
{
    size_t i = jk_md_indent3_end(t, a, b);
    return jk_md_comment_open_at(t, i, b) &&
           jk_md_comment_end(t, i + 4, b) == JK_NONE;
}

/* Whether t[a, b) is a setext heading underline: at most three spaces,
 * one or more '=' or two or more '-' (one kind), then blanks.  Returns the
 * character or 0.  (CommonMark takes one '-' too; a lone '-' after a
 * paragraph line is more often a list item being typed.) */
char
jk_md_setext_underline(const char *t, size_t a, size_t b)
{
    size_t i = jk_md_indent3_end(t, a, b);
    if (i >= b || (t[i] != '=' && t[i] != '-'))
        return 0;
    char c = t[i];
    size_t n = run_len(t, i, b, c);
    return n >= (c == '=' ? 1u : 2u) && is_blank(t, i + n, b) ? c : 0;
}

/* A table's delimiter row (`|---|:--:|`, `--- | ---`): only '|', '-',
 * ':' and blanks, with a '|' and a '-'.  It holds no words, and in a
 * snippet it is noise. */
static int
table_delim_row(const char *t, size_t a, size_t b)
{
    int bar = 0, dash = 0;
    for (size_t i = a; i < b; i++) {
        if (t[i] == '|')
            bar = 1;
        else if (t[i] == '-')
            dash = 1;
        else if (t[i] != ':' && !is_sp(t[i]))
            return 0;
    }
    return bar && dash;
}

/* A table row's outer pipes (`| 재시도 | 토픽 |` shows "재시도 | 토픽"):
 * the first byte of t[a, b) and the last non-blank one, when they are an
 * unescaped '|'. */
static void
blank_row_edges(char *t, size_t a, size_t b)
{
    if (a >= b || t[a] != '|')
        return;
    t[a] = ' ';
    while (b > a && is_sp(t[b - 1]))
        b--;
    if (b > a + 1 && t[b - 1] == '|' && t[b - 2] != '\\')
        t[b - 1] = ' ';
}

/* Whether t[a, b) ends inside an Obsidian `%%` comment opened on it:
 * its `%%` outside code spans, paired left to right, leave one over.
 * (Whether it really opens one depends on a `%%` later in the note.) */
int
jk_md_pct_opens(const char *t, size_t a, size_t b)
{
    unsigned failed_ticks = 0;
    int open = 0;
    for (size_t p = a; p < b;) {
        if (t[p] == '`') {
            size_t k = run_len(t, p, b, '`');
            size_t q = open ? JK_NONE
                            : jk_md_code_span_close(t, p, k, b, &failed_ticks);
            p = q == JK_NONE ? p + k : q + k;
        } else if (t[p] == '%' && p + 1 < b && t[p + 1] == '%') {
            open = !open;
            p += 2;
        } else {
            p++;
        }
    }
    return open;
}

/* Overwrite t[a, b) with spaces. */
static void
blank(char *t, size_t a, size_t b)
{
    if (b > a)
        memset(t + a, ' ', b - a);
}

/* Blank the shortcode t[p, e) but the quoted values of its caption, alt
 * and title, which the page shows (QA: a figure's caption was lost). */
static void
blank_shortcode(char *t, size_t p, size_t e)
{
    static const char *const shown[] = {"caption=", "alt=", "title="};
    size_t i = p;
    while (i < e) {
        size_t keep = 0;
        for (size_t k = 0; k < 3 && !keep; k++) {
            size_t n = strlen(shown[k]);
            if (e - i > n + 1 && !memcmp(t + i, shown[k], n) &&
                (i == p || is_sp(t[i - 1])) &&
                (t[i + n] == '"' || t[i + n] == '\''))
                keep = n;
        }
        if (!keep) {
            t[i++] = ' ';
            continue;
        }
        char q = t[i + keep];
        const char *close = memchr(t + i + keep + 1, q, e - i - keep - 1);
        if (!close) {
            t[i++] = ' ';
            continue;
        }
        blank(t, i, i + keep + 1);            /* caption=" */
        i = (size_t)(close - t);
        t[i++] = ' ';                         /* its closing quote */
    }
}

/* After a link's destination, at t[i]: blanks, an optional title ("...",
 * '...' or (...)), blanks and ')'.  The position after the ')', or
 * JK_NONE; the scan stops at a ']'. */
static size_t
link_title_end(const char *t, size_t i, size_t b)
{
    i = skip_blanks(t, i, b);
    if (i < b && t[i] == ')')
        return i + 1;
    if (i >= b || (t[i] != '"' && t[i] != '\'' && t[i] != '('))
        return JK_NONE;
    char q = t[i] == '(' ? ')' : t[i];
    i++;
    while (i < b && t[i] != q && t[i] != ']')
        i++;
    if (i >= b || t[i] != q)
        return JK_NONE;
    i = skip_blanks(t, i + 1, b);
    return i < b && t[i] == ')' ? i + 1 : JK_NONE;
}

/* For `](` at t[p], the position after the link destination's closing
 * ')', or JK_NONE.  The destination is `<...>` (blanks allowed inside),
 * or has no blanks and parentheses nested at most 4 deep, Liquid tags
 * (`{{ site.baseurl }}/deploy/`, `{% post_url x %}`: Jekyll fills them in
 * before the Markdown is read) included; an optional title follows.  Every
 * scan stops at the next ']', so scans for different links never
 * overlap. */
size_t
jk_md_link_dest_end(const char *t, size_t p, size_t b)
{
    size_t i = skip_blanks(t, p + 2, b);
    unsigned depth = 0;
    if (i < b && t[i] == '<') {
        while (++i < b && t[i] != '>' && t[i] != '<' && t[i] != ']')
            ;
        return i < b && t[i] == '>' ? link_title_end(t, i + 1, b) : JK_NONE;
    }
    while (i < b) {
        char c = t[i];
        if (c == '{' && i + 1 < b && (t[i + 1] == '{' || t[i + 1] == '%')) {
            char close = t[i + 1] == '{' ? '}' : '%';
            size_t e = i + 2;
            while (e + 1 < b && t[e] != ']' &&
                   !(t[e] == close && t[e + 1] == '}'))
                e++;
            if (e + 1 < b && t[e] == close) {
                i = e + 2;   /* the whole tag, blanks in it too */
                continue;
            }
        }
        if (c == ')') {
            if (depth == 0)
                return i + 1;
            depth--;
        } else if (c == '(') {
            if (++depth > 4)
                return JK_NONE;
        } else if (c == ']') {
            return JK_NONE;
        } else if (c == ' ' || c == '\t') {
            return depth == 0 ? link_title_end(t, i, b) : JK_NONE;
        }
        i++;
    }
    return JK_NONE;
}

/* The file types Obsidian embeds as attachments (images, audio, video,
 * PDF): `![[x.png]]` shows the file, `![[Next.js]]` a note. */
static const char *const attachment_exts[] = {
    "avif", "bmp", "gif", "jpeg", "jpg", "png", "svg", "webp", "heic",
    "tif", "tiff", "ico", "flac", "m4a", "mp3", "ogg", "wav", "webm",
    "3gp", "mkv", "mov", "mp4", "ogv", "pdf",
};

/* Whether the wikilink target t[s, e) (before any `|`, `\|` or `#`)
 * names an attachment. */
static int
attachment_target(const char *t, size_t s, size_t e)
{
    size_t end = s;
    while (end < e && t[end] != '|' && t[end] != '#' &&
           !(t[end] == '\\' && end + 1 < e && t[end + 1] == '|'))
        end++;
    size_t dot = end;
    while (dot > s && t[dot - 1] != '.' && end - dot < 5)
        dot--;
    if (dot == end || dot == s || t[dot - 1] != '.')
        return 0;
    for (size_t i = 0; i < sizeof attachment_exts / sizeof *attachment_exts;
         i++)
        if (strlen(attachment_exts[i]) == end - dot &&
            ci_prefix(t, dot, end, attachment_exts[i]))
            return 1;
    return 0;
}

/* The first position >= from in t[.., b) where `two` (2 bytes) starts and
 * ok(t, q, b) holds, or JK_NONE; *c_from and *c_at remember the last search
 * (its start and result), so scans for one line's markers go forward
 * only: linear in the line, however many openers find no closer. */
typedef int (*closer_fn)(const char *t, size_t q, size_t b);

static size_t
find_closer(const char *t, size_t from, size_t b, const char *two,
            closer_fn ok, size_t *c_from, size_t *c_at)
{
    if (*c_from != JK_NONE && *c_from <= from &&
        (*c_at == JK_NONE || *c_at >= from))
        return *c_at;
    size_t q = from;
    while (q + 1 < b) {
        const char *hit = memchr(t + q, two[0], b - q - 1);
        if (!hit) {
            q = b;
            break;
        }
        q = (size_t)(hit - t);
        if (t[q + 1] == two[1] && (!ok || ok(t, q, b)))
            break;
        q++;
    }
    *c_from = from;
    *c_at = q + 1 < b ? q : JK_NONE;
    return *c_at;
}

/* closer_fn for `-->`: the `--` at t[q] is followed by `>`. */
static int
closes_comment(const char *t, size_t q, size_t b)
{
    return q + 2 < b && t[q + 2] == '>';
}

/* Start of the first blank line at or after `from` (a line start) in
 * t[.., n), or JK_NONE; *c_from and *c_at remember the last search, as in
 * find_closer(), so that calls with growing `from` scan each line once. */
static size_t
next_blank_line(const char *t, size_t from, size_t n, size_t *c_from,
                size_t *c_at)
{
    if (*c_from != JK_NONE && *c_from <= from &&
        (*c_at == JK_NONE || *c_at >= from))
        return *c_at;
    size_t p = from;
    jk_line ln;
    for (; p < n; p = ln.next) {
        jk_md_line_at(t, n, p, &ln);
        if (is_blank(t, ln.start, ln.end))
            break;
    }
    *c_from = from;
    *c_at = p < n ? p : JK_NONE;
    return *c_at;
}

/* Whether a `<!--` that line ln of t[.., n) leaves open goes on to a
 * later line: for a comment block (block: jk_md_comment_block_opens()) to the
 * next `-->` anywhere, blank lines included; for one opened inside a
 * paragraph (inline HTML), to a `-->` before the paragraph ends at a blank
 * line.  With no such `-->`, the `<!--` is text.  The sectioner and
 * jk_md_blank_text() both decide by it; lines come in order. */
int
jk_md_comment_continues(const char *t, size_t n, const jk_line *ln, int block,
                        jk_cmt_look *c)
{
    size_t close = find_closer(t, ln->end, n, "--", closes_comment,
                               &c->cmt_from, &c->cmt_at);
    if (close == JK_NONE)
        return 0;
    if (block)
        return 1;
    size_t par = next_blank_line(t, ln->next, n, &c->par_from, &c->par_at);
    return par == JK_NONE || close < par;
}

static int
is_ascii_alnum(char c)
{
    return (unsigned char)c < 0x80 && is_alnum(c);
}

/* `==` at t[q] closes a highlight: exactly two, after a mark (no blank,
 * `\` or `=` before it), and no letter or digit of the word after (`a==b`
 * is code; `==정산 누락==이` is Korean with a particle). */
static int
highlight_closer(const char *t, size_t q, size_t b)
{
    return q > 0 && !is_sp(t[q - 1]) && t[q - 1] != '\\' && t[q - 1] != '=' &&
           (q + 2 == b || (t[q + 2] != '=' && !is_ascii_alnum(t[q + 2])));
}

/* Whether t[a, b) is a link reference definition `[label]: url` (not a
 * footnote `[^1]: text`): its url may be a #fragment, never a tag. */
int
jk_md_link_ref_def(const char *t, size_t a, size_t b)
{
    size_t i = jk_md_indent3_end(t, a, b);
    if (i + 1 >= b || t[i] != '[' || t[i + 1] == '^')
        return 0;
    const char *q = memchr(t + i, ']', b - i);
    return q && (size_t)(q - t) + 1 < b && q[1] == ':';
}

/* `==` at t[p] (a run of exactly two) opens a highlight: text follows
 * without a blank, and no letter, digit or `\` is before it. */
static int
highlight_opener(const char *t, size_t a, size_t p, size_t b)
{
    return p + 2 < b && !is_sp(t[p + 2]) && t[p + 2] != '=' &&
           (p == a || (t[p - 1] != '\\' && t[p - 1] != '=' &&
                       !is_ascii_alnum(t[p - 1])));
}

int
jk_md_tag_byte(char c)
{
    return (unsigned char)c >= 0x80 || is_alnum(c) || c == '_' || c == '-' ||
           c == '/';
}

/* If t[p] starts a kramdown attribute list (`{: #id .class key=\"v\"}`,
 * `{#id}`, `{.class}`, as Jekyll themes put after a heading or a block)
 * that ends on the line, the position after its `}`, else 0. */
size_t
jk_md_ial_end(const char *t, size_t p, size_t b)
{
    if (p + 2 >= b || t[p] != '{' ||
        (t[p + 1] != ':' && t[p + 1] != '#' && t[p + 1] != '.'))
        return 0;
    for (size_t i = p + 1; i < b && i - p < 256; i++) {
        char c = t[i];
        if (c == '}')
            return i > p + 1 ? i + 1 : 0;
        if (!is_alnum(c) && !strchr(" \t:#.-_=\"'", c))
            return 0;
    }
    return 0;
}

/* If t[p] starts a Logseq block reference, `((` a UUID `))`, its end. */
static size_t
block_ref_end(const char *t, size_t p, size_t b)
{
    if (b - p < 40 || t[p] != '(' || t[p + 1] != '(' || t[p + 38] != ')' ||
        t[p + 39] != ')')
        return 0;
    for (size_t i = 0; i < 36; i++) {
        char c = t[p + 2 + i];
        if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-'
                                                     : !((c >= '0' && c <= '9') ||
                                                        ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')))
            return 0;
    }
    return p + 40;
}

/* If t[p] == '^' starts an Obsidian block id (`^a1b2c3`, `^my-id`: ASCII
 * letters, digits and '-') that ends the line [a, b), after a blank or at
 * the line's start, the position after it, else 0.  `x^2` and `[^1]` are
 * none. */
static size_t
block_id_end(const char *t, size_t a, size_t p, size_t b)
{
    if (p > a && !is_sp(t[p - 1]))
        return 0;
    size_t i = p + 1;
    while (i < b && (is_ascii_alnum(t[i]) || t[i] == '-'))
        i++;
    size_t e = i;
    while (i < b && (is_sp(t[i]) || t[i] == '\r' || t[i] == '\n'))
        i++;
    return e > p + 1 && i == b ? e : 0;
}

/* If t[p] == '&' starts an HTML entity (`&nbsp;`, `&amp;`, `&#123;`,
 * `&#x1F600;`), the position after its `;`, else 0. */
static size_t
entity_end(const char *t, size_t p, size_t b)
{
    size_t i = p + 1;
    int hex = 0;
    if (i < b && t[i] == '#') {
        i++;
        hex = i < b && (t[i] == 'x' || t[i] == 'X');
        i += (size_t)hex;
    }
    size_t s = i;
    while (i < b && i - s < 32 &&
           (is_alnum(t[i]) && (t[p + 1] != '#' || hex ||
                               (t[i] >= '0' && t[i] <= '9'))))
        i++;
    return i > s && i < b && t[i] == ';' ? i + 1 : 0;
}

size_t
jk_md_autolink_end(const char *t, size_t p, size_t b)
{
    size_t i = p + 1, s = i;
    int at = 0, colon = 0;
    while (i < b && i - s < 2048 && t[i] != '>') {
        char c = t[i];
        if (is_sp(c) || c == '<')
            return JK_NONE;
        if (c == ':' && !colon && !at)
            colon = i - s >= 2 && i - s <= 32 && is_alpha(t[s]) ? 1 : -1;
        at |= c == '@';
        i++;
    }
    if (i >= b || t[i] != '>' || i == s || !(colon == 1 || at))
        return JK_NONE;
    return i;
}

int
jk_md_inline_element(const char *t, size_t p, size_t e)
{
    static const char *const names[] = {
        "mark", "b", "strong", "i", "em", "u", "s", "del", "ins", "code",
        "span", "sub", "sup", "a", "kbd", "small", "big", "font"};
    size_t i = p + 1 + (t[p + 1] == '/');
    size_t n = i;
    while (n < e && (is_alnum(t[n]) || t[n] == '-'))
        n++;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == n - i && ci_prefix(t, i, n, names[k]))
            return 1;
    return 0;
}

/* A single `*` at t[p] that opens emphasis closed later on the line:
 * after the line's start, a blank or punctuation (not `a*b`, `2*3`),
 * before a non-blank; closed by the next `*` (alone), after a non-blank.
 * Returns the closer's position, or JK_NONE. */
static size_t
star_emphasis(const char *t, size_t a, size_t p, size_t b)
{
    if (p + 1 >= b || is_sp(t[p + 1]) || t[p + 1] == '*' ||
        (p > a && (is_alnum(t[p - 1]) || t[p - 1] == '*' ||
                   (unsigned char)t[p - 1] >= 0x80)))
        return JK_NONE;
    const char *q = memchr(t + p + 1, '*', b - p - 1);
    if (!q)
        return JK_NONE;
    size_t c = (size_t)(q - t);
    if (is_sp(t[c - 1]) || (c + 1 < b && t[c + 1] == '*'))
        return JK_NONE;
    return c;
}

/* A byte of a word for emphasis' flanking rules: an ASCII letter or digit,
 * or any byte of a non-ASCII character (Hangul). */
static int
word_byte(char c)
{
    return (unsigned char)c >= 0x80 || is_alnum(c);
}

/* A single `_` at t[p] that opens emphasis closed later on the line
 * (`_정말 중요한_`, `_retry_`): not inside or right after a word
 * (`snake_case`, `a_b`), before a non-blank; closed by the next `_`,
 * alone, that follows a non-blank and no word character follows, Hangul
 * included: as in CommonMark, `_토픽_을` is no emphasis.  A `_` inside a
 * word on the way (`_a_b 와 x_`) is skipped; any other stops the search, so
 * the scans of one line's openers do not overlap.  Returns the closer's
 * position, or JK_NONE. */
static size_t
underscore_emphasis(const char *t, size_t a, size_t p, size_t b)
{
    if (p + 1 >= b || is_sp(t[p + 1]) || t[p + 1] == '_' ||
        (p > a && (word_byte(t[p - 1]) || t[p - 1] == '_')))
        return JK_NONE;
    size_t q = p + 1;
    const char *hit;
    while ((hit = memchr(t + q, '_', b - q)) != NULL) {
        size_t c = (size_t)(hit - t);
        size_t n = run_len(t, c, b, '_');
        int after = c + n < b && word_byte(t[c + n]);
        if (n == 1 && word_byte(t[c - 1]) && after) {
            q = c + 1;   /* inside a word */
            continue;
        }
        return n == 1 && !is_sp(t[c - 1]) && !after ? c : JK_NONE;
    }
    return JK_NONE;
}

typedef size_t (*emphasis_fn)(const char *t, size_t a, size_t p, size_t b);

/* Whether the single `*` or `_` at t[p] is emphasis markup: the pending
 * closer *close, or an opener whose closer find() gives, which then is
 * pending.  One emphasis of each kind is open at a time. */
static int
emphasis_mark(const char *t, size_t a, size_t p, size_t b, size_t *close,
              emphasis_fn find)
{
    if (*close != JK_NONE && *close < p)
        *close = JK_NONE;   /* in a code span the scan stepped over */
    if (*close == p) {
        *close = JK_NONE;
        return 1;
    }
    return *close == JK_NONE && (*close = find(t, a, p, b)) != JK_NONE;
}

/* Blank the markup t[from, to) with fill.  In body text (fill ' '),
 * markup that closes right before Hangul (`**재시도 토픽**을`,
 * `[[kafka-retry|토픽]]으로`, `==장애==가`) would split the word the note
 * shows from its particle or ending, so that the quoted phrase
 * "재시도 토픽을" did not match: the Hangul after it moves over the blanks,
 * which go after it.  Bytes stay within the line, so lengths and line
 * breaks are kept; snippets are cut from this same text, so their marks
 * stay right.  Only after a word (t[from - 1] not blank).  Headings delete
 * their markup instead (JK_DELETED), which joins the words already. */
static void
blank_markup(char *t, size_t a, size_t from, size_t to, size_t b, char fill,
             size_t gap[2])
{
    memset(t + from, fill, to - from);
    if (fill != ' ')
        return;
    /* Markup right after the blanks a join left (`재시도**토픽**을`: the
     * opener's join put 토픽 before them) continues that gap. */
    if (gap[1] == from)
        from = gap[0];
    gap[0] = from;
    gap[1] = to;
    if (from <= a || to >= b || to <= from || t[from - 1] == ' ' ||
        t[from - 1] == '\t')
        return;
    size_t e = to, k;
    while ((k = jk_hangul_piece_len(t + e, b - e)) > 0)
        e += k; /* NFD jamo too: the note is normalized after this */
    /* Latin letters and digits inside a word (`un**believ**able`,
     * `` `Item`s ``, `[[note]]s`) join it too, as the note renders. */
    if (e == to && is_alnum(t[from - 1]))
        while (e < b && is_alnum(t[e]))
            e++;
    if (e == to)
        return;
    memmove(t + from, t + to, e - to);
    /* [from, to) was blank, so only the Hangul's old bytes past the new
     * end need blanking: linear however long the gap has grown. */
    size_t moved_end = from + (e - to);
    size_t z = moved_end > to ? moved_end : to;
    memset(t + z, ' ', e - z);
    gap[0] = moved_end;
    gap[1] = e;
}

/* A comment whose opener (olen bytes) is at t[*p], closed at q (after its
 * closer; JK_NONE when not on this line): blank it and go on after it.
 * One that a later line closes (later) blanks the rest of the line and
 * returns 1; one that nothing closes is text: step over its opener. */
static int
blank_comment(char *t, size_t *p, size_t q, size_t b, size_t olen, int later)
{
    if (q != JK_NONE) {
        blank(t, *p, q);
        *p = q;
        return 0;
    }
    if (later) {
        blank(t, *p, b);
        return 1;
    }
    *p += olen;
    return 0;
}

/*
 * Blank inline markup in one line t[a, b) to spaces: HTML tags and
 * comments, backticks (a code span's content is kept as is), runs of two
 * or more '*' or '~', runs of '_' at a word edge, `[`, `](url)` and `![`
 * of links and images, and the '#' of an inline `#tag`.  Obsidian: `[[`
 * and `]]` of wikilinks and the target of one with an alias
 * (`[[target|alias]]` reads "alias"), embeds of attachments
 * (`![[diagram.png]]`) whole, the `==` of `==highlights==`, and
 * `%% comments %%`; Liquid tags (`{% highlight ruby %}`) whole.
 * Returns 1 for an HTML comment that a later line closes (cmt_later: a
 * `-->` follows the line where it may close one, see jk_md_blank_text()),
 * 2 for
 * an Obsidian comment that a later line closes (pct_later: a `%%` follows
 * the line); the rest of the line is then blanked.  Else 0: an opener
 * that nothing closes is text, so a stray `<!--` or `%%` hides nothing.
 * carry: see markdown.h.
 */
int
jk_md_blank_inline(char *t, size_t a, size_t b, unsigned flags, int pct_later,
                   int cmt_later, jk_md_carry *carry)
{
    unsigned failed_ticks = 0;
    int no_cmt_end = 0;   /* a `<!--` found no `-->` on the line */
    /* Cached searches (find_closer) for "]]", "%}" and a highlight's "==". */
    size_t wiki_from = JK_NONE, wiki_at = JK_NONE;
    size_t liq_from = JK_NONE, liq_at = JK_NONE;
    size_t hl_from = JK_NONE, hl_at = JK_NONE;
    /* A shortcode `{{<` or `{{%` that found no closer on the line: no
     * later one will either (a line of them stays linear). */
    int no_sc_lt = 0, no_sc_pct = 0;
    /* The next "**" and "~~" (find_closer), and whether a run of each
     * is open: a run pairs with the next one on the line. */
    size_t star_from = JK_NONE, star_at = JK_NONE;
    size_t tilde_from = JK_NONE, tilde_at = JK_NONE;
    int star_open = 0, tilde_open = 0;
    /* The closer of an open single `*` or `_` emphasis: blanked when the
     * scan reaches it, so markup inside (`*[링크](url)*`) is seen. */
    size_t star_close = JK_NONE, us_close = JK_NONE;
    size_t br[JK_MAX_BRACKETS], img[JK_MAX_BRACKETS];
    size_t nbr = 0;
    size_t p = a;
    int rc = 0;
    if (carry && carry->br != JK_NONE) {
        br[0] = carry->br;   /* `[the Kafka consumer` on a line before */
        img[nbr++] = carry->img;
    }
    /* Headings delete markup (`**Redis**` -> "Redis"); tags and comments
     * still separate words. */
    char fill = (flags & JK_BL_HEADING) ? JK_DELETED : ' ';
    /* blanks a join of blank_markup() left */
    size_t gap[2] = {JK_NONE, JK_NONE};

    while (p < b) {
        char c = t[p];
        switch (c) {
        case '`': {
            size_t n = run_len(t, p, b, '`');
            size_t q = jk_md_code_span_close(t, p, n, b, &failed_ticks);
            memset(t + p, fill, n);
            if (q == JK_NONE) {
                p += n;
            } else {
                blank_markup(t, a, q, q + n, b, fill, gap);
                p = q + n;
            }
            continue;
        }
        case '<': {
            if (jk_md_comment_open_at(t, p, b)) {
                /* After one `<!--` that the line does not close, none
                 * is closed: no more searches (linear in the line). */
                size_t q = no_cmt_end ? JK_NONE
                                      : jk_md_comment_end(t, p + 4, b);
                no_cmt_end = q == JK_NONE;
                if (blank_comment(t, &p, q, b, 4, cmt_later)) {
                    nbr = 0;
                    rc = 1;
                    goto done;
                }
                continue;
            }
            size_t al = jk_md_autolink_end(t, p, b);
            if (al != JK_NONE) {   /* the address is what the reader sees */
                t[p] = fill;
                t[al] = fill;
                p = al + 1;
                continue;
            }
            size_t e = jk_md_tag_end(t, p, b);
            if (e) {
                if (jk_md_inline_element(t, p, e))
                    blank_markup(t, a, p, e, b, fill, gap);
                else
                    blank(t, p, e);
                p = e;
                continue;
            }
            if (carry && (e = jk_md_tag_end_lines(t, p, carry->n)) > b) {
                blank(t, p, b);   /* `<img src="x.png"` / `alt="y">` */
                carry->tag_end = e;
                goto done;
            }
            break;
        }
        case '*':
        case '~': {
            size_t n = run_len(t, p, b, c);
            int *open = c == '*' ? &star_open : &tilde_open;
            if (n == 1 && c == '*' &&
                emphasis_mark(t, a, p, b, &star_close, star_emphasis)) {
                /* `*재시도 토픽*을`: emphasis, as `**` */
                blank_markup(t, a, p, p + 1, b, fill, gap);
                p++;
                continue;
            }
            if (n >= 2 && !*open &&
                find_closer(t, p + n, b, c == '*' ? "**" : "~~", NULL,
                            c == '*' ? &star_from : &tilde_from,
                            c == '*' ? &star_at : &tilde_at) == JK_NONE &&
                !is_blank(t, p + n, b)) {
                /* Nothing closes it: as written (`재밌었어요~~다음엔`
                 * must not read 재밌었어요다음엔).  A run alone on its
                 * line (`***`, a rule) is blanked below. */
                p += n;
                continue;
            }
            if (n >= 2) {
                blank_markup(t, a, p, p + n, b, fill, gap);
                *open = !*open;
            }
            p += n;
            continue;
        }
        case '_': {
            size_t n = run_len(t, p, b, '_');
            if (n == 1 &&
                emphasis_mark(t, a, p, b, &us_close, underscore_emphasis)) {
                blank_markup(t, a, p, p + 1, b, fill, gap);
                p++;
                continue;
            }
            int word_before = p > a && is_alnum(t[p - 1]);
            int word_after = p + n < b && is_alnum(t[p + n]);
            if (n >= 2 && !(word_before && word_after))
                blank_markup(t, a, p, p + n, b, fill, gap);
            p += n;
            continue;
        }
        case '\\':
            /* A backslash escape (`\*`, `\_`, `\|`, `List\<String\>`):
             * the backslash is markup, the character after it text and
             * never markup. */
            if (p + 1 < b && t[p + 1] > ' ' && t[p + 1] < 0x7F &&
                !is_alnum(t[p + 1])) {
                t[p] = fill;
                p += 2;
                continue;
            }
            break;
        case '!':
            if (p + 1 < b && t[p + 1] == '[' &&
                !(p + 2 < b && t[p + 2] == '[')) {
                if (nbr < JK_MAX_BRACKETS) {
                    br[nbr] = p + 1;
                    img[nbr++] = p;
                }
                p += 2;
                continue;
            }
            if (p + 2 < b && t[p + 1] == '[' && t[p + 2] == '[') {
                size_t q = find_closer(t, p + 3, b, "]]", NULL, &wiki_from,
                                       &wiki_at);
                if (q != JK_NONE && attachment_target(t, p + 3, q)) {
                    memset(t + p, fill, q + 2 - p);  /* ![[a.png|300]] */
                    p = q + 2;
                    continue;
                }
                t[p] = fill;   /* ![[note]]: the wikilink follows */
                p++;
                continue;
            }
            break;
        case '[':
            if (p + 1 < b && t[p + 1] == '[') {
                if (find_closer(t, p + 2, b, "]]", NULL, &wiki_from,
                                &wiki_at) == JK_NONE) {
                    p += 2;
                    continue;
                }
                size_t q = wiki_at, s = p + 2;
                memset(t + p, fill, 2);
                blank_markup(t, a, q, q + 2, b, fill, gap);
                const char *bar = memchr(t + s, '|', q - s);
                if (bar) /* the alias is what the reader sees */
                    memset(t + s, fill, (size_t)(bar - t) + 1 - s);
                else /* `[[note#heading]]` and `[[note#^block]]` read
                      * "note > heading": a blank between, in headings too */
                    for (size_t k = s; k < q; k++)
                        if (t[k] == '#' ||
                            (t[k] == '^' && k > s && t[k - 1] == ' '))
                            t[k] = ' ';
                p = q + 2;
                continue;
            }
            if (p + 1 < b && t[p + 1] == '^') {
                /* a footnote's marker `[^1]`: Obsidian shows a number */
                size_t e = p + 2;
                while (e < b && t[e] != ']' && t[e] != '[' && !is_sp(t[e]))
                    e++;
                if (e < b && t[e] == ']' && e > p + 2) {
                    /* A definition `[^1]: text` starts its line: its
                     * colon is markup too. */
                    size_t s = a;
                    while (s < p && is_sp(t[s]))
                        s++;
                    if (s == p && e + 1 < b && t[e + 1] == ':')
                        e++;
                    memset(t + p, fill, e + 1 - p);
                    p = e + 1;
                    continue;
                }
            }
            if (nbr < JK_MAX_BRACKETS) {
                br[nbr] = p;
                img[nbr++] = JK_NONE;
            }
            break;
        case ']':
            if (nbr > 0) {
                nbr--;
                if (p + 1 < b && t[p + 1] == '[') {
                    /* a reference link `[text][label]`: its label is no
                     * more shown than a url */
                    size_t e = p + 2;
                    while (e < b && t[e] != ']' && t[e] != '[')
                        e++;
                    if (e < b && t[e] == ']') {
                        t[br[nbr]] = fill;
                        if (img[nbr] != JK_NONE)
                            t[img[nbr]] = fill;
                        blank_markup(t, a, p, e + 1, b, fill, gap);
                        p = e + 1;
                        continue;
                    }
                }
                if (p + 1 < b && t[p + 1] == '(') {
                    size_t e = jk_md_link_dest_end(t, p, b);
                    if (e != JK_NONE) {
                        t[br[nbr]] = fill;
                        if (img[nbr] != JK_NONE)
                            t[img[nbr]] = fill;
                        blank_markup(t, a, p, e, b, fill, gap);
                        p = e;
                        continue;
                    }
                }
            }
            break;
        case '#':
            /* An inline tag's '#' (note.c's scan_inline_tags()); an issue
             * number's stays (`PR #1234`, `#1 과제`). */
            if (!(flags & JK_BL_HEADING) && (p == a || is_sp(t[p - 1]))) {
                size_t e = p + 1;
                int digits = 1;
                while (e < b && jk_md_tag_byte(t[e])) {
                    digits &= t[e] >= '0' && t[e] <= '9';
                    e++;
                }
                if (e > p + 1 && !digits)
                    t[p] = ' ';
                else if (e == p + 1 && p + 2 < b && t[p + 1] == '[' &&
                         t[p + 2] == '[')
                    t[p] = ' '; /* Logseq's #[[tag with blanks]] */
            }
            break;
        case '=': {
            size_t n = run_len(t, p, b, '=');
            size_t q = n == 2 && highlight_opener(t, a, p, b)
                       ? find_closer(t, p + 3, b, "==", highlight_closer,
                                     &hl_from, &hl_at)
                       : JK_NONE;
            if (q != JK_NONE) {
                memset(t + p, fill, 2);
                blank_markup(t, a, q, q + 2, b, fill, gap);
            }
            p += n;
            continue;
        }
        case '%':
            if (p + 1 < b && t[p + 1] == '%') {
                size_t q = jk_md_pct_comment_end(t, p + 2, b);
                if (blank_comment(t, &p, q, b, 2, pct_later)) {
                    nbr = 0;
                    rc = 2;
                    goto done;
                }
                continue;
            }
            break;
        case '&': {
            size_t e = entity_end(t, p, b);
            if (e) {            /* `&nbsp;` reads as a blank */
                blank(t, p, e);
                p = e;
                continue;
            }
            break;
        }
        case '(': {
            size_t e = block_ref_end(t, p, b);
            if (e) {            /* Logseq's ((block reference)): an id */
                blank(t, p, e);
                p = e;
                continue;
            }
            break;
        }
        case '^': {
            size_t e = block_id_end(t, a, p, b);
            if (e) {            /* Obsidian hides it: ` ^a1b2c3` */
                blank(t, p, e);
                p = e;
                continue;
            }
            /* An inline footnote `^[text]` (Obsidian, Pandoc): its text
             * is shown, as a footnote, its `^[` and `]` are not.  Nested
             * brackets (a link inside) count. */
            if (p + 1 < b && t[p + 1] == '[') {
                size_t q = p + 2;
                unsigned depth = 1;
                for (; q < b && depth; q++)
                    if (t[q] == '\\' && q + 1 < b)
                        q++;
                    else if (t[q] == '[')
                        depth++;
                    else if (t[q] == ']')
                        depth--;
                if (!depth && q - 1 > p + 2) {
                    memset(t + p, fill, 2);
                    t[q - 1] = fill;
                    p += 2;
                    continue;
                }
            }
            break;
        }
        case '{': {
            size_t ial = jk_md_ial_end(t, p, b);
            if (ial) {
                blank(t, p, ial);
                p = ial;
                continue;
            }
            int lt = p + 2 < b && t[p + 1] == '{' && t[p + 2] == '<';
            int pct = p + 2 < b && t[p + 1] == '{' && t[p + 2] == '%';
            size_t sc = (lt && !no_sc_lt) || (pct && !no_sc_pct)
                        ? shortcode_end(t, p, b) : JK_NONE;
            if (sc != JK_NONE) { /* Hugo's {{< figure ... >}}: markup */
                blank_shortcode(t, p, sc);
                p = sc;
                continue;
            }
            no_sc_lt |= lt;
            no_sc_pct |= pct;
            if (p + 1 < b && t[p + 1] == '%') {
                size_t q = find_closer(t, p + 2, b, "%}", NULL, &liq_from,
                                       &liq_at);
                if (q == JK_NONE)
                    break;
                size_t e = q + 2;
                if (liquid_name_is(t, p, q, "raw")) {
                    /* {% raw %}...{% endraw %}: what is between is text,
                     * Liquid tags included. */
                    size_t r = e;
                    while (r + 1 < b && !(t[r] == '{' && t[r + 1] == '%'))
                        r++;
                    size_t re = r + 1 < b ? find_closer(t, r + 2, b, "%}",
                                                        NULL, &liq_from,
                                                        &liq_at)
                                          : JK_NONE;
                    if (re != JK_NONE && liquid_name_is(t, r, re, "endraw")) {
                        blank(t, p, e);
                        blank(t, r, re + 2);
                        p = re + 2;
                        continue;
                    }
                }
                blank(t, p, e);
                p = e;
                continue;
            }
            break;
        }
        default:
            break;
        }
        p++;
    }
done:
    if (carry) {
        carry->br = nbr ? br[nbr - 1] : JK_NONE;
        carry->img = nbr ? img[nbr - 1] : JK_NONE;
    }
    return rc;
}

/* Length of the list item marker that t[i, b) starts with: `-`, `*` or
 * `+`, or one to max_digits digits and `.` or `)`; a blank or the line's
 * end must follow it.  0 when there is none. */
static size_t
list_marker_len(const char *t, size_t i, size_t b, size_t max_digits)
{
    size_t d = i;
    if (i < b && (t[i] == '-' || t[i] == '*' || t[i] == '+')) {
        d = i + 1;
    } else {
        while (d < b && t[d] >= '0' && t[d] <= '9' && d - i <= max_digits)
            d++;
        if (d == i || d - i > max_digits || d >= b ||
            (t[d] != '.' && t[d] != ')'))
            return 0;
        d++;
    }
    return d == b || t[d] == ' ' || t[d] == '\t' ? d - i : 0;
}

size_t
jk_md_property(const char *t, size_t a, size_t b, size_t *key, size_t *key_len)
{
    size_t i = a;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t k = i;
    if (i >= b || !is_alpha(t[i]))
        return 0;
    while (i < b && (is_alnum(t[i]) || t[i] == '_' || t[i] == '-'))
        i++;
    if (i + 1 >= b || t[i] != ':' || t[i + 1] != ':' ||
        (i + 2 < b && t[i + 2] != ' ' && t[i + 2] != '\t'))
        return 0;
    *key = k;
    *key_len = i - k;
    i += 2;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i;
}

/* Whether the property line with key t[k, k + kl) and value t[v, b) says
 * nothing to a reader: Logseq's `collapsed:: true` and `id:: <uuid>`. */
static int
hidden_property(const char *t, size_t k, size_t kl, size_t v, size_t b)
{
    while (b > v && is_sp(t[b - 1]))
        b--;
    if (kl == 9 && !strncasecmp(t + k, "collapsed", 9))
        return (b - v == 4 && !strncasecmp(t + v, "true", 4)) ||
               (b - v == 5 && !strncasecmp(t + v, "false", 5));
    return kl == 2 && !strncasecmp(t + k, "id", 2) && b - v == 36 &&
           t[v + 8] == '-' && t[v + 13] == '-';
}

unsigned
jk_md_list_heading(const char *t, size_t a, size_t b, size_t *hs, size_t *he)
{
    size_t i = a;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t m = list_marker_len(t, i, b, 9);
    if (!m)
        return 0;
    size_t j = i + m;
    while (j < b && (t[j] == ' ' || t[j] == '\t'))
        j++;
    return j > i + m && j < b ? jk_md_atx_heading(t, j, b, hs, he) : 0;
}

/* Feed line t[a, b) to ic; whether it is a line of indented code (blank
 * lines are not, whatever the block around them). */
int
jk_md_icode_line(jk_icode *ic, const char *t, size_t a, size_t b)
{
    size_t i = a;
    unsigned cols = 0;
    while (i < b && (t[i] == ' ' || t[i] == '\t') && cols < 4) {
        cols = t[i] == '\t' ? (cols / 4 + 1) * 4 : cols + 1;
        i++;
    }
    if (is_blank(t, i, b)) {
        ic->after_blank = 1;
        return 0;
    }
    int after_blank = ic->after_blank;
    ic->after_blank = 0;
    if (cols >= 4 && (ic->in_code || (after_blank && !ic->in_list))) {
        ic->in_code = 1;
        return 1;
    }
    ic->in_code = 0;
    if (cols < 4 && list_marker_len(t, i, b, 9))
        ic->in_list = 1;
    else if (cols < 2 && (after_blank || t[i] == '#'))
        ic->in_list = 0;
    return 0;
}

/* HTML blocks whose lines are raw up to an end tag (CommonMark's first
 * kind): `<pre>` and `<textarea>`, shown as written, and `<script>` and
 * `<style>`, not shown.  Their lines hold no headings or tags: a `# 서버에서
 * 실행` line in a <pre> is no section, `#toc { display: none }` in a
 * <style> no tag. */
static const char *const raw_tags[] = {"pre", "textarea", "script", "style"};

/* If t[a, b) opens such a block (at most three spaces, `<` and the name,
 * then a blank, `>` or the line's end), 'p' for one shown, 's' for one
 * hidden; *tag_end_at gets the end of the opening tag (or b); else 0. */
int
jk_md_raw_block_open(const char *t, size_t a, size_t b, size_t *tag_end_at)
{
    size_t i = jk_md_indent3_end(t, a, b);
    if (i + 1 >= b || t[i] != '<')
        return 0;
    for (size_t k = 0; k < sizeof raw_tags / sizeof *raw_tags; k++) {
        size_t n = strlen(raw_tags[k]);
        if (!ci_prefix(t, i + 1, b, raw_tags[k]))
            continue;
        size_t e = i + 1 + n;
        if (e < b && t[e] != '>' && !is_sp(t[e]))
            return 0;
        size_t te = jk_md_tag_end(t, i, b);
        *tag_end_at = te ? te : b;
        return k < 2 ? 'p' : 's';
    }
    return 0;
}

/* Where a line ends a raw block: the start of its first `</pre>`,
 * `</textarea>`, `</script>` or `</style>` (any case), or JK_NONE. */
size_t
jk_md_raw_block_end(const char *t, size_t a, size_t b)
{
    for (const char *q; a < b && (q = memchr(t + a, '<', b - a)); ) {
        size_t p = (size_t)(q - t);
        if (p + 1 < b && t[p + 1] == '/')
            for (size_t k = 0; k < sizeof raw_tags / sizeof *raw_tags; k++) {
                size_t n = strlen(raw_tags[k]);
                if (ci_prefix(t, p + 2, b, raw_tags[k]) && p + 2 + n < b &&
                    t[p + 2 + n] == '>')
                    return p;
            }
        a = p + 1;
    }
    return JK_NONE;
}

/* jk_md_fence_open() and fence_close() for a line that may belong to a list
 * item (in_list, jk_icode): there a fence may be indented any depth, as the
 * item's content (Obsidian indents a list's code with tabs). */
static size_t
list_content_at(const char *t, size_t a, size_t b, int in_list)
{
    while (in_list && a < b && (t[a] == ' ' || t[a] == '\t'))
        a++;
    return a;
}

int
jk_md_fence_open_at(const char *t, size_t a, size_t b, int in_list, char *fch,
                    size_t *flen)
{
    return jk_md_fence_open(t, list_content_at(t, a, b, in_list), b, fch,
                            flen);
}

int
jk_md_fence_close_at(const char *t, size_t a, size_t b, int in_list, char fch,
                     size_t flen)
{
    return fence_close(t, list_content_at(t, a, b, in_list), b, fch, flen);
}

void
jk_md_pct_scan_init(jk_pct_scan *ps, size_t start)
{
    memset(ps, 0, sizeof *ps);
    ps->next = start;
    ps->found = JK_NONE;
    ps->ic = (jk_icode)JK_ICODE_INIT;
}

/* The first `%%` outside code at or after `from` in t[.., n), or JK_NONE.
 * Calls must come with `from` never decreasing. */
size_t
jk_md_pct_next(jk_pct_scan *ps, const char *t, size_t n, size_t from)
{
    if (ps->found != JK_NONE && ps->found >= from)
        return ps->found;
    if (ps->done)
        return JK_NONE;
    for (;;) {
        while (ps->lpos < ps->lend) {
            size_t q = ps->lpos;
            /* The next backtick, looked for again only once passed: one
             * look to the line's end for every `%` made a line of many
             * (`growth 12%` 800,000 times) quadratic, 40 s. */
            if (!ps->tick_ok || ps->tick < q) {
                const char *h = memchr(t + q, '`', ps->lend - q);
                ps->tick = h ? (size_t)(h - t) : ps->lend;
                ps->tick_ok = 1;
            }
            const char *pc = memchr(t + q, '%', ps->lend - q);
            if (!pc) {
                ps->lpos = ps->lend;
                break;
            }
            if (ps->tick < (size_t)(pc - t)) { /* a code span first: step over it */
                size_t p = ps->tick;
                size_t k = run_len(t, p, ps->lend, '`');
                size_t c = jk_md_code_span_close(t, p, k, ps->lend,
                                                 &ps->failed_ticks);
                ps->lpos = c == JK_NONE ? p + k : c + k;
                continue;
            }
            size_t p = (size_t)(pc - t);
            if (p + 1 < ps->lend && t[p + 1] == '%') {
                ps->lpos = p + 2;
                if (p >= from)
                    return ps->found = p;
                continue;
            }
            ps->lpos = p + 1;
        }
        if (ps->next >= n) {
            ps->done = 1;
            ps->found = JK_NONE;
            return JK_NONE;
        }
        jk_line ln;
        jk_md_line_at(t, n, ps->next, &ln);
        ps->next = ln.next;
        ps->failed_ticks = 0;
        size_t a = ln.start, b = ln.end, after;
        unsigned qd = jk_md_quote_prefix(t, a, b, &after);
        if (ps->in_fence) {
            if (ps->fquote == 0 || qd >= ps->fquote) {
                size_t c = jk_md_quote_skip(t, a, b, ps->fquote);
                if (jk_md_fence_close_at(t, c, b, ps->flist, ps->fch, ps->flen))
                    ps->in_fence = 0;
                continue;
            }
            ps->in_fence = 0;
        }
        size_t te;
        if (ps->in_raw) {
            ps->in_raw = jk_md_raw_block_end(t, a, b) == JK_NONE;
            continue;
        }
        if (jk_md_icode_line(&ps->ic, t, a, b))
            continue;
        if (jk_md_raw_block_open(t, a, b, &te)) {
            ps->in_raw = jk_md_raw_block_end(t, te, b) == JK_NONE;
            continue;
        }
        if (jk_md_fence_open_at(t, after, b, ps->ic.in_list, &ps->fch,
                                &ps->flen)) {
            ps->in_fence = 1;
            ps->flist = ps->ic.in_list;
            ps->fquote = qd;
            continue;
        }
        ps->lpos = a;
        ps->lend = b;
        ps->tick_ok = 0;
    }
}

/* Blank a list marker (`-`, `*`, `+`, `1.`, `12)`; then `[ ]`/`[x]`) at
 * the start of t[a, b) after any indentation; return where the rest of
 * the line starts. */
static size_t
blank_list_marker(char *t, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t m = list_marker_len(t, i, b, 3);   /* not a year: `2024.` */
    if (!m)
        return a;
    blank(t, i, i + m);
    i += m;
    size_t j = i;
    while (j < b && (t[j] == ' ' || t[j] == '\t'))
        j++;
    if (j + 2 < b && t[j] == '[' && t[j + 2] == ']' &&
        (t[j + 1] == ' ' || t[j + 1] == 'x' || t[j + 1] == 'X') &&
        (j + 3 == b || t[j + 3] == ' ' || t[j + 3] == '\t')) {
        blank(t, j, j + 3);
        i = j + 3;
    }
    return i;
}

/* Blank the type of an Obsidian callout, `[!note]`, `[!warning]-`, at
 * t[a, b), the start of a blockquote line's text; its title stays. */
static void
blank_callout(char *t, size_t a, size_t b)
{
    if (a + 3 >= b || t[a] != '[' || t[a + 1] != '!')
        return;
    size_t i = a + 2;
    while (i < b && (is_alnum(t[i]) || t[i] == '-' || t[i] == '_'))
        i++;
    if (i == a + 2 || i >= b || t[i] != ']')
        return;
    i++;
    if (i < b && (t[i] == '+' || t[i] == '-'))
        i++;
    blank(t, a, i);
}

/* Blank markup in t[0, n), a run of whole lines that starts outside any
 * code fence or HTML comment (the start of a section): see
 * jikji_section_text().  Line breaks are kept.  An HTML comment left open
 * at the end of a line goes on only as jk_md_comment_continues() says: with no
 * `-->` to close it, `HTML 주석은 <!-- 로 시작합니다` hid the rest of its
 * section, and an unclosed block the rest of the note. */
void
jk_md_blank_text(char *t, size_t n, size_t props)
{
    int in_fence = 0, in_comment = 0, flist = 0;
    int in_raw = 0;        /* 'p' or 's': in a raw HTML block */
    unsigned prev_qd = 0;  /* the quote depth of the line before */
    char fch = 0;
    size_t flen = 0;
    unsigned fquote = 0;
    size_t pos = 0;
    jk_pct_scan ps;                          /* the next "%%" outside code */
    jk_cmt_look look = JK_CMT_LOOK_INIT;        /* where comments close */
    jk_icode ic = JK_ICODE_INIT;
    jk_md_carry carry = {n, JK_NONE, JK_NONE, 0};

    jk_md_pct_scan_init(&ps, 0);
    {
        /* A section that starts at a list item's heading (`\t- ## x`)
         * starts inside a list: its indented lines are the list's, not
         * code, as the sectioner read them. */
        jk_line first;
        size_t hs, he;
        jk_md_line_at(t, n, 0, &first);
        if (n && jk_md_list_heading(t, first.start, first.end, &hs, &he))
            ic.in_list = 1, ic.after_blank = 0;
    }

    while (pos < n) {
        jk_line ln;
        jk_md_line_at(t, n, pos, &ln);
        pos = ln.next;
        size_t a = ln.start, b = ln.end, after, hs, he;
        int later = jk_md_pct_next(&ps, t, n, b) != JK_NONE;
        /* A link left open goes on only in the paragraph's next line. */
        size_t open_br = carry.br, open_img = carry.img;
        carry.br = carry.img = JK_NONE;
        /* Whether a `<!--` the line leaves open goes on: opened inside
         * a paragraph (inline_later), or as the line's comment block too
         * (cmt_later).  Only a line with a '<' can leave one open. */
        int lt = memchr(t + a, '<', b - a) != NULL;
        int inline_later = lt && jk_md_comment_continues(t, n, &ln, 0, &look);
        int cmt_later = inline_later ||
                        (lt && jk_md_comment_block_opens(t, a, b) &&
                         jk_md_comment_continues(t, n, &ln, 1, &look));

        if (carry.tag_end > a) {
            /* The rest of a tag begun on a line before: a paragraph's
             * line, whatever it looks like. */
            size_t e = carry.tag_end < b ? carry.tag_end : b;
            blank(t, a, e);
            if (carry.tag_end > b)
                continue;
            carry.tag_end = 0;
            carry.br = open_br;
            carry.img = open_img;
            in_comment = jk_md_blank_inline(t, e, b, 0, later, inline_later,
                                            &carry);
            continue;
        }
        if (in_comment) {
            prev_qd = 0;
            size_t q = jk_md_open_comment_end(in_comment, t, a, b);
            if (q == JK_NONE) {
                blank(t, a, b);
                continue;
            }
            blank(t, a, q);
            in_comment = jk_md_blank_inline(t, q, b, 0, later, inline_later,
                                            &carry);
            continue;
        }
        unsigned qd = jk_md_quote_prefix(t, a, b, &after);
        int quote_start = qd > prev_qd; /* a quote opens, maybe nested */
        prev_qd = qd;
        if (in_fence) {
            if (fquote == 0 || qd >= fquote) {
                size_t c = jk_md_quote_skip(t, a, b, fquote);
                blank(t, a, c);
                if (jk_md_fence_close_at(t, c, b, flist, fch, flen)) {
                    blank(t, a, b);
                    in_fence = 0;
                }
                continue;   /* code is kept as written */
            }
            in_fence = 0;   /* the blockquote holding the fence ended */
        }
        size_t te;
        /* A raw block's lines are kept as written, or hidden; its tags
         * are blanked, and after its end tag the line is text again. */
        int raw = in_raw;
        size_t from = a;
        if (!raw) {
            if (jk_md_icode_line(&ic, t, a, b))
                continue;   /* indented code is kept as written */
            if ((raw = jk_md_raw_block_open(t, a, b, &te)) != 0) {
                blank(t, a, te);
                from = te;
            }
        }
        if (raw) {
            size_t e = jk_md_raw_block_end(t, from, b);
            if (raw == 's')
                blank(t, from, e == JK_NONE ? b : e);
            in_raw = e == JK_NONE ? raw : 0;
            if (e != JK_NONE) {
                size_t g = jk_md_tag_end(t, e, b);
                g = g ? g : b;
                blank(t, e, g);
                in_comment = jk_md_blank_inline(t, g, b, 0, later,
                                                inline_later, &carry);
            }
            continue;
        }
        if (jk_md_link_ref_def(t, a, b)) {
            blank(t, a, b); /* `[label]: url "title"`: Obsidian shows none */
            continue;
        }
        blank(t, a, after);
        if (jk_md_fence_open_at(t, after, b, ic.in_list, &fch, &flen)) {
            blank(t, a, b);
            in_fence = 1;
            flist = ic.in_list;
            fquote = qd;
            continue;
        }
        if (jk_md_atx_heading(t, after, b, &hs, &he)) {
            blank(t, after, hs);
            blank(t, he, b);
            in_comment = jk_md_blank_inline(t, hs, he, 0, later, 0, NULL);
            continue;
        }
        if (jk_md_setext_underline(t, after, b) ||
            table_delim_row(t, after, b)) {
            blank(t, after, b);   /* also a `---` rule */
            continue;
        }
        if (quote_start) /* a callout is the first line of a quote */
            blank_callout(t, after, b);
        blank_row_edges(t, after, b);
        size_t c = blank_list_marker(t, after, b);
        if (c != after && jk_md_atx_heading(t, c, b, &hs, &he)) {
            blank(t, c, hs);  /* `- ## 제목`, as Logseq writes headings */
            blank(t, he, b);
            in_comment = jk_md_blank_inline(t, hs, he, 0, later, 0, NULL);
            continue;
        }
        size_t pk, pkl, pv = jk_md_property(t, c, b, &pk, &pkl);
        if (pv && hidden_property(t, pk, pkl, pv, b)) {
            blank(t, a, b);
            continue;
        }
        /* Page properties first in a note (`tags:: kafka`, Logseq's): the
         * key is markup, its value text.  Elsewhere a `key:: value` line
         * (Dataview's inline field) is the user's text, key and all. */
        if (pv && a < props) {
            blank(t, pk, pv);
            c = pv;
        }
        size_t in_quote;
        if (c != after && jk_md_quote_prefix(t, c, b, &in_quote)) {
            /* a quote opened in a list item (`- > [!tip] 제목`) */
            blank(t, c, in_quote);
            blank_callout(t, in_quote, b);
            c = in_quote;
        }
        if (!is_blank(t, a, b) && c == after) { /* no new list item */
            carry.br = open_br;
            carry.img = open_img;
        }
        in_comment = jk_md_blank_inline(t, c, b, 0, later, cmt_later, &carry);
    }
}
