/* note.c - a note file: front matter fields, and the body split into
 * sections with heading paths, line ranges and byte ranges.
 *
 * The rules, beyond what jikji.h states:
 *   - Front matter: after an optional UTF-8 BOM, a first line `---`, up to
 *     the next line `---` or `...` (trailing blanks allowed).  Unclosed:
 *     the whole file is body text, with a warning on line 1.  Broken YAML:
 *     a warning with the file line; no field is used; the body after the
 *     closing line is still sectioned.
 *   - Lines end at LF, CRLF or a lone CR.  A BOM is not part of line 1.
 *   - Sections start at ATX headings (not in code fences, HTML comments
 *     opened at the start of a line, or blockquotes) and at the first
 *     `<summary>...</summary>` of a line (level 7, a child of the open
 *     heading and of the summaries of enclosing <details>).  A
 *     `</details>` that closes a summary ends its section; the next line
 *     with content (not only blanks, tags and comments) starts a section
 *     with the parent's heading and path.  Text before the first heading
 *     is a level-0 section from its first line with content.  A body with
 *     non-blank lines but no section by those rules (only markup) gets
 *     one level-0 section over them.
 *   - A section runs from its first line to its last non-blank line;
 *     blank (and markup-only) lines between sections belong to none, and
 *     jikji_note_section_at() gives the section before them.
 *   - Headings for display: inline markup deleted, tags become spaces,
 *     invalid UTF-8 becomes U+FFFD, control characters spaces, white space
 *     collapsed, cut to JK_MAX_HEADING bytes.  The first heading is left
 *     out of paths when it is level 1 and equal to the title.
 *
 * Everything is done in one forward pass over the lines, with state for
 * code fences, HTML comments and <details> nesting.  Every search inside
 * a line is bounded so that a whole line costs time linear in its length
 * (a 50 MB line of '<', '`' or '[' included): tag scans stop at the next
 * '<', link destinations at the next ']', and a failed search for a
 * closing code span or wikilink is remembered for the rest of the line.
 *
 * Memory: strings live in an arena of chunks; sections and the heading
 * paths of all sections (back to back) live in two vectors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "frontmatter.h"
#include "jikji.h"
#include "norm.h"

/* Longest heading text kept for display, in bytes (then cut with "…"). */
#define JK_MAX_HEADING 1024
/* Longest inline #tag kept, in bytes (longer ones are not tags). */
#define JK_MAX_TAG 64
/* <details> nesting tracked for heading paths; deeper summaries become
 * siblings at this depth, which bounds a path to 1 + 6 + 8 entries. */
#define JK_MAX_DETAILS 8
/* Longest backtick run that can open a code span; longer runs are plain
 * punctuation (and blanked).  Bounds the failed searches per line. */
#define JK_MAX_TICKS 8
/* Open '[' remembered per line while looking for `](`. */
#define JK_MAX_BRACKETS 8

#define NONE ((size_t)-1)
/* Marks markup deleted from heading text (control bytes are turned into
 * spaces first, so it cannot come from the note). */
#define JK_DELETED '\x01'

/* ------------------------------------------------------------------ */
/* Arena                                                               */

typedef struct jk_chunk {
    struct jk_chunk *next;
    size_t used, cap;
    char data[];
} jk_chunk;

typedef struct jk_arena {
    jk_chunk *head;
} jk_arena;

/* Copy len bytes plus a NUL into the arena; NULL on out of memory. */
static char *
arena_strndup(jk_arena *a, const char *s, size_t len)
{
    jk_chunk *c = a->head;
    if (len >= SIZE_MAX - sizeof *c - 1)
        return NULL;
    if (!c || c->cap - c->used < len + 1) {
        size_t cap = 4096 - sizeof *c;
        if (cap < len + 1)
            cap = len + 1;
        jk_chunk *n = malloc(sizeof *n + cap);
        if (!n)
            return NULL;
        n->used = 0;
        n->cap = cap;
        if (c && cap > 4096 - sizeof *c) {
            /* A big string gets a chunk of its own behind the head, so
             * the head's free space is not wasted. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    char *p = c->data + c->used;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

/* Free every chunk. */
static void
arena_fini(jk_arena *a)
{
    jk_chunk *c = a->head;
    while (c) {
        jk_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* ------------------------------------------------------------------ */
/* The note                                                            */

struct jikji_note {
    jk_arena arena;
    jk_frontmatter fm;        /* title, date, tags, categories, aliases */
    const char *title;        /* fm.title, first h1, file name or "untitled" */
    jikji_section_t *sec;
    size_t nsec, capsec;
    const char **pool;        /* heading paths of all sections in order */
    size_t npool, cappool;
    unsigned nlines;          /* lines in the file */
    jk_strv inline_tags;      /* body #tags, first occurrence order */
};

static const char *const empty_list[] = {NULL};

/* ------------------------------------------------------------------ */
/* Lines and block structure                                           */

typedef struct jk_line {
    size_t start;   /* first byte */
    size_t end;     /* end of the content, before the line break */
    size_t next;    /* first byte of the next line */
} jk_line;

/* Find the line that starts at pos: it ends at LF, CRLF or a lone CR. */
static void
line_at(const char *t, size_t len, size_t pos, jk_line *ln)
{
    size_t i = pos;
    while (i < len && t[i] != '\n' && t[i] != '\r')
        i++;
    ln->start = pos;
    ln->end = i;
    if (i < len && t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
        i += 2;
    else if (i < len)
        i++;
    ln->next = i;
}

/* Whether a byte is blank: space, tab, form feed or vertical tab. */
static int
is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Whether t[a, b) is blank. */
static int
is_blank(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!is_sp(t[i]))
            return 0;
    return 1;
}

/* Where t[a, b) goes on after at most three spaces of indentation (what
 * a heading, a fence or an HTML block may have before it). */
static size_t
indent3_end(const char *t, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && t[i] == ' ' && i - a < 3)
        i++;
    return i;
}

/* Length of the run of `c` at t[p, b). */
static size_t
run_len(const char *t, size_t p, size_t b, char c)
{
    size_t i = p;
    while (i < b && t[i] == c)
        i++;
    return i - p;
}

/* Whether a line is exactly `c` three times (`---`, `...`), trailing
 * blanks allowed. */
static int
is_delimiter(const char *t, const jk_line *ln, char c)
{
    size_t a = ln->start, b = ln->end;
    if (b - a < 3 || t[a] != c || t[a + 1] != c || t[a + 2] != c)
        return 0;
    return is_blank(t, a + 3, b);
}

/* Count the blockquote markers at the start of t[a, b) (`>`, `> >`,
 * `>>`, each after at most three spaces).  *after is the position after
 * the last marker and the one space that may follow it, or a when there
 * is none. */
static unsigned
quote_prefix(const char *t, size_t a, size_t b, size_t *after)
{
    unsigned depth = 0;
    size_t i = a;
    *after = a;
    for (;;) {
        size_t j = i, sp = 0;
        while (j < b && t[j] == ' ' && sp < 3)
            j++, sp++;
        if (j >= b || t[j] != '>')
            break;
        j++;
        if (j < b && (t[j] == ' ' || t[j] == '\t'))
            j++;
        depth++;
        i = *after = j;
    }
    return depth;
}

/* Position after the first `k` blockquote markers of t[a, b). */
static size_t
quote_skip(const char *t, size_t a, size_t b, unsigned k)
{
    size_t i = a;
    while (k-- > 0) {
        size_t j = i, sp = 0;
        while (j < b && t[j] == ' ' && sp < 3)
            j++, sp++;
        if (j >= b || t[j] != '>')
            break;
        j++;
        if (j < b && (t[j] == ' ' || t[j] == '\t'))
            j++;
        i = j;
    }
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
 * `%}`), or NONE when it does not close on the line. */
static size_t
liquid_tag_end(const char *t, size_t p, size_t b)
{
    if (p + 1 >= b || t[p] != '{' || t[p + 1] != '%')
        return NONE;
    for (size_t q = p + 2; q + 1 < b; q++)
        if (t[q] == '%' && t[q + 1] == '}')
            return q + 2;
    return NONE;
}

/* A Liquid block whose lines are code, kept as written like a fence's:
 * `{% highlight LANG %}` ... `{% endhighlight %}` (fence character 'h')
 * and `{% raw %}` ... `{% endraw %}` ('r'), each tag alone on its line.
 * The opening tag at t[i, b), or 0. */
static char
liquid_block_open(const char *t, size_t i, size_t b)
{
    size_t e = liquid_tag_end(t, i, b);
    if (e == NONE || !is_blank(t, e, b))
        return 0;
    return liquid_name_is(t, i, e - 2, "highlight") ? 'h'
           : liquid_name_is(t, i, e - 2, "raw")     ? 'r' : 0;
}

/* If t[a, b) opens a code fence (at most three spaces, then three or more
 * '`' or '~'; a '`' fence's info string has no '`'), or a Liquid code
 * block (liquid_block_open), store its character and length and return
 * 1. */
static int
fence_open(const char *t, size_t a, size_t b, char *fch, size_t *flen)
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
    if (fch == 'h' || fch == 'r') {
        size_t e = liquid_tag_end(t, i, b);
        return e != NONE &&
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
static unsigned
atx_heading(const char *t, size_t a, size_t b, size_t *hs, size_t *he)
{
    size_t i = indent3_end(t, a, b);
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

/* ASCII letter. */
static int
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ASCII letter or digit. */
static int
is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Longest HTML tag recognized, in bytes: a longer one is text.  Bounds
 * the scans from every '<' of a line. */
#define JK_MAX_HTML_TAG 1024

/* If t[p] == '<' starts an HTML tag that ends on this line, return the
 * position after its '>', else 0.  CommonMark's grammar: `<name` then
 * attributes (a blank, a name of ASCII letters, digits and `_.:-` not
 * starting with a digit, `.` or `-`, and optionally `=` and a value:
 * unquoted, '...' or "..."), blanks, an optional `/`, and `>`; or
 * `</name>`; name = ASCII letter, then letters, digits, '-'.  So
 * `<Real MySQL 8.0>` and `<Spring 5.0 입문>` (titles, as Korean writers
 * mark them) are text, and `<a href="x">` or `<br/>` a tag. */
static size_t
tag_end(const char *t, size_t p, size_t b)
{
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
        while (i < b && is_sp(t[i]))
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
        while (v < b && is_sp(t[v]))
            v++;
        if (v >= b || t[v] != '=')
            continue;
        v++;
        while (v < b && is_sp(t[v]))
            v++;
        if (v >= b)
            return 0;
        if (t[v] == '"' || t[v] == '\'') {
            const char *q = memchr(t + v + 1, t[v], b - v - 1);
            if (!q)
                return 0;
            i = (size_t)(q - t) + 1;
        } else {
            i = v;
            while (i < b && !is_sp(t[i]) && !memchr("\"'=<>`", t[i], 5))
                i++;
            if (i == v)
                return 0;
        }
    }
}

/* Whether t[p, b) starts with `<!--`. */
static int
comment_open_at(const char *t, size_t p, size_t b)
{
    return b - p >= 4 && !memcmp(t + p, "<!--", 4);
}

/* Position after the first `-->` in t[p, b), or NONE. */
static size_t
comment_end(const char *t, size_t p, size_t b)
{
    while (p + 3 <= b) {
        const char *q = memchr(t + p, '-', b - p - 2);
        if (!q)
            return NONE;
        size_t i = (size_t)(q - t);
        if (t[i + 1] == '-' && t[i + 2] == '>')
            return i + 3;
        p = i + 1;
    }
    return NONE;
}

/* Position after the first `%%` (the end of an Obsidian comment) in
 * t[p, b), or NONE. */
static size_t
pct_comment_end(const char *t, size_t p, size_t b)
{
    for (; p + 1 < b; p++)
        if (t[p] == '%' && t[p + 1] == '%')
            return p + 2;
    return NONE;
}

/* Where the comment that a line opened ends in t[p, b): an HTML comment
 * (kind 1) at `-->`, an Obsidian one (kind 2) at `%%`; NONE when it goes
 * on past the line. */
static size_t
open_comment_end(int kind, const char *t, size_t p, size_t b)
{
    return kind == 2 ? pct_comment_end(t, p, b) : comment_end(t, p, b);
}

/* For a backtick run t[p, p+n), the start of a closing run of exactly n
 * backticks in t[p+n, b), or NONE.  *failed remembers the run lengths
 * that found no closer on this line, so each length fails once. */
static size_t
code_span_close(const char *t, size_t p, size_t n, size_t b, unsigned *failed)
{
    if (n > JK_MAX_TICKS || (*failed & (1u << n)))
        return NONE;
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
    return NONE;
}

/* Whether line t[a, b) has a `<!--` outside code spans that it does not
 * close (as blank_inline() reads it). */
static int
leaves_comment_open(const char *t, size_t a, size_t b)
{
    unsigned failed_ticks = 0;
    for (size_t p = a; p < b;) {
        if (t[p] == '`') {
            size_t k = run_len(t, p, b, '`');
            size_t c = code_span_close(t, p, k, b, &failed_ticks);
            p = c == NONE ? p + k : c + k;
        } else if (t[p] == '<' && comment_open_at(t, p, b)) {
            size_t e = comment_end(t, p + 4, b);
            if (e == NONE)
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
 * later line (when there is one: see comment_continues()). */
static int
comment_block_opens(const char *t, size_t a, size_t b)
{
    size_t i = indent3_end(t, a, b);
    return comment_open_at(t, i, b) && comment_end(t, i + 4, b) == NONE;
}

/* Whether t[a, b) is a setext heading underline: at most three spaces,
 * two or more '=' or '-' (one kind), then blanks.  Returns the character
 * or 0. */
static char
setext_underline(const char *t, size_t a, size_t b)
{
    size_t i = indent3_end(t, a, b);
    if (i >= b || (t[i] != '=' && t[i] != '-'))
        return 0;
    char c = t[i];
    size_t n = run_len(t, i, b, c);
    return n >= 2 && is_blank(t, i + n, b) ? c : 0;
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

/* ASCII case-insensitive: does t[p, b) start with the lower-case `lit`? */
static int
ci_prefix(const char *t, size_t p, size_t b, const char *lit)
{
    size_t n = strlen(lit);
    if (b - p < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[p + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* Whether t[a, b) ends inside an Obsidian `%%` comment opened on it:
 * its `%%` outside code spans, paired left to right, leave one over.
 * (Whether it really opens one depends on a `%%` later in the note.) */
static int
pct_opens(const char *t, size_t a, size_t b)
{
    unsigned failed_ticks = 0;
    int open = 0;
    for (size_t p = a; p < b;) {
        if (t[p] == '`') {
            size_t k = run_len(t, p, b, '`');
            size_t q = open ? NONE : code_span_close(t, p, k, b, &failed_ticks);
            p = q == NONE ? p + k : q + k;
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

/* For `](` at t[p], the position after the link destination's closing
 * ')' (destination without blanks, parentheses nested at most 4 deep,
 * then an optional quoted title), or NONE.  The scan stops at the next
 * ']', so scans for different links never overlap. */
static size_t
link_dest_end(const char *t, size_t p, size_t b)
{
    size_t i = p + 2;
    unsigned depth = 0;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    while (i < b) {
        char c = t[i];
        if (c == ')') {
            if (depth == 0)
                return i + 1;
            depth--;
        } else if (c == '(') {
            if (++depth > 4)
                return NONE;
        } else if (c == ']') {
            return NONE;
        } else if (c == ' ' || c == '\t') {
            while (i < b && (t[i] == ' ' || t[i] == '\t'))
                i++;
            if (i < b && t[i] == ')')
                return depth == 0 ? i + 1 : NONE;
            if (i >= b || (t[i] != '"' && t[i] != '\''))
                return NONE;
            char q = t[i++];
            while (i < b && t[i] != q && t[i] != ']')
                i++;
            if (i >= b || t[i] != q)
                return NONE;
            i++;
            while (i < b && (t[i] == ' ' || t[i] == '\t'))
                i++;
            return i < b && t[i] == ')' && depth == 0 ? i + 1 : NONE;
        }
        i++;
    }
    return NONE;
}

enum {
    BL_HEADING = 1  /* heading text: keep `#tag` */
};

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
 * ok(t, q, b) holds, or NONE; *c_from and *c_at remember the last search
 * (its start and result), so scans for one line's markers go forward
 * only: linear in the line, however many openers find no closer. */
typedef int (*closer_fn)(const char *t, size_t q, size_t b);

static size_t
find_closer(const char *t, size_t from, size_t b, const char *two,
            closer_fn ok, size_t *c_from, size_t *c_at)
{
    if (*c_from != NONE && *c_from <= from &&
        (*c_at == NONE || *c_at >= from))
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
    *c_at = q + 1 < b ? q : NONE;
    return *c_at;
}

/* closer_fn for `-->`: the `--` at t[q] is followed by `>`. */
static int
closes_comment(const char *t, size_t q, size_t b)
{
    return q + 2 < b && t[q + 2] == '>';
}

/* Start of the first blank line at or after `from` (a line start) in
 * t[.., n), or NONE; *c_from and *c_at remember the last search, as in
 * find_closer(), so that calls with growing `from` scan each line once. */
static size_t
next_blank_line(const char *t, size_t from, size_t n, size_t *c_from,
                size_t *c_at)
{
    if (*c_from != NONE && *c_from <= from &&
        (*c_at == NONE || *c_at >= from))
        return *c_at;
    size_t p = from;
    jk_line ln;
    for (; p < n; p = ln.next) {
        line_at(t, n, p, &ln);
        if (is_blank(t, ln.start, ln.end))
            break;
    }
    *c_from = from;
    *c_at = p < n ? p : NONE;
    return *c_at;
}

/* The searches that decide where an HTML comment left open at the end of
 * a line may close (comment_continues()), cached for one forward pass. */
typedef struct cmt_look {
    size_t cmt_from, cmt_at;   /* the next "-->" (find_closer()) */
    size_t par_from, par_at;   /* the next blank line */
} cmt_look;

#define JK_CMT_LOOK_INIT {NONE, NONE, NONE, NONE}

/* Whether a `<!--` that line ln of t[.., n) leaves open goes on to a
 * later line: for a comment block (block: comment_block_opens()) to the
 * next `-->` anywhere, blank lines included; for one opened inside a
 * paragraph (inline HTML), to a `-->` before the paragraph ends at a blank
 * line.  With no such `-->`, the `<!--` is text.  The sectioner and
 * blank_text() both decide by it; lines come in order. */
static int
comment_continues(const char *t, size_t n, const jk_line *ln, int block,
                  cmt_look *c)
{
    size_t close = find_closer(t, ln->end, n, "--", closes_comment,
                               &c->cmt_from, &c->cmt_at);
    if (close == NONE)
        return 0;
    if (block)
        return 1;
    size_t par = next_blank_line(t, ln->next, n, &c->par_from, &c->par_at);
    return par == NONE || close < par;
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
static int
link_ref_def(const char *t, size_t a, size_t b)
{
    size_t i = indent3_end(t, a, b);
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

/* If t[p] starts a kramdown attribute list (`{: #id .class key=\"v\"}`,
 * `{#id}`, `{.class}`, as Jekyll themes put after a heading or a block)
 * that ends on the line, the position after its `}`, else 0. */
static size_t
ial_end(const char *t, size_t p, size_t b)
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

/* If t[p] == '<' starts an autolink (`<https://x.io/a>`, `<me@x.io>`),
 * the position of its `>`, else NONE: a scheme of 2 to 32 letters,
 * digits, `+.-` and `:`, or an address with `@`, then no blank or `<`. */
static size_t
autolink_end(const char *t, size_t p, size_t b)
{
    size_t i = p + 1, s = i;
    int at = 0, colon = 0;
    while (i < b && i - s < 2048 && t[i] != '>') {
        char c = t[i];
        if (is_sp(c) || c == '<')
            return NONE;
        if (c == ':' && !colon && !at)
            colon = i - s >= 2 && i - s <= 32 && is_alpha(t[s]) ? 1 : -1;
        at |= c == '@';
        i++;
    }
    if (i >= b || t[i] != '>' || i == s || !(colon == 1 || at))
        return NONE;
    return i;
}

/* HTML elements of inline formatting: Hangul right after one's end tag
 * stays on its word, as after `**` (`<mark>재시도 토픽</mark>을`). */
static int
inline_element(const char *t, size_t p, size_t e)
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
 * Returns the closer's position, or NONE. */
static size_t
star_emphasis(const char *t, size_t a, size_t p, size_t b)
{
    if (p + 1 >= b || is_sp(t[p + 1]) || t[p + 1] == '*' ||
        (p > a && (is_alnum(t[p - 1]) || t[p - 1] == '*' ||
                   (unsigned char)t[p - 1] >= 0x80)))
        return NONE;
    const char *q = memchr(t + p + 1, '*', b - p - 1);
    if (!q)
        return NONE;
    size_t c = (size_t)(q - t);
    if (is_sp(t[c - 1]) || (c + 1 < b && t[c + 1] == '*'))
        return NONE;
    return c;
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
 * `-->` follows the line where it may close one, see blank_text()), 2 for
 * an Obsidian comment that a later line closes (pct_later: a `%%` follows
 * the line); the rest of the line is then blanked.  Else 0: an opener
 * that nothing closes is text, so a stray `<!--` or `%%` hides nothing.
 */
static int
blank_inline(char *t, size_t a, size_t b, unsigned flags, int pct_later,
             int cmt_later)
{
    unsigned failed_ticks = 0;
    int no_cmt_end = 0;   /* a `<!--` found no `-->` on the line */
    /* Cached searches (find_closer) for "]]", "%}" and a highlight's "==". */
    size_t wiki_from = NONE, wiki_at = NONE;
    size_t liq_from = NONE, liq_at = NONE;
    size_t hl_from = NONE, hl_at = NONE;
    /* The next "**" and "~~" (find_closer), and whether a run of each
     * is open: a run pairs with the next one on the line. */
    size_t star_from = NONE, star_at = NONE, tilde_from = NONE, tilde_at = NONE;
    int star_open = 0, tilde_open = 0;
    size_t br[JK_MAX_BRACKETS], img[JK_MAX_BRACKETS];
    size_t nbr = 0;
    size_t p = a;
    /* Headings delete markup (`**Redis**` -> "Redis"); tags and comments
     * still separate words. */
    char fill = (flags & BL_HEADING) ? JK_DELETED : ' ';
    size_t gap[2] = {NONE, NONE}; /* blanks a join of blank_markup() left */

    while (p < b) {
        char c = t[p];
        switch (c) {
        case '`': {
            size_t n = run_len(t, p, b, '`');
            size_t q = code_span_close(t, p, n, b, &failed_ticks);
            memset(t + p, fill, n);
            if (q == NONE) {
                p += n;
            } else {
                blank_markup(t, a, q, q + n, b, fill, gap);
                p = q + n;
            }
            continue;
        }
        case '<': {
            if (comment_open_at(t, p, b)) {
                /* After one `<!--` that the line does not close, none
                 * is closed: no more searches (linear in the line). */
                size_t q = no_cmt_end ? NONE : comment_end(t, p + 4, b);
                no_cmt_end = q == NONE;
                if (q != NONE) {
                    blank(t, p, q);
                    p = q;
                    continue;
                }
                if (cmt_later) { /* closed on a later line */
                    blank(t, p, b);
                    return 1;
                }
                p += 4;           /* never closed: text */
                continue;
            }
            size_t al = autolink_end(t, p, b);
            if (al != NONE) {   /* the address is what the reader sees */
                t[p] = fill;
                t[al] = fill;
                p = al + 1;
                continue;
            }
            size_t e = tag_end(t, p, b);
            if (e) {
                if (inline_element(t, p, e))
                    blank_markup(t, a, p, e, b, fill, gap);
                else
                    blank(t, p, e);
                p = e;
                continue;
            }
            break;
        }
        case '*':
        case '~': {
            size_t n = run_len(t, p, b, c);
            int *open = c == '*' ? &star_open : &tilde_open;
            size_t sc;
            if (n == 1 && c == '*' && (sc = star_emphasis(t, a, p, b)) != NONE) {
                /* `*재시도 토픽*을`: emphasis, as `**` */
                blank_markup(t, a, p, p + 1, b, fill, gap);
                blank_markup(t, a, sc, sc + 1, b, fill, gap);
                p = sc + 1;
                continue;
            }
            if (n >= 2 && !*open &&
                find_closer(t, p + n, b, c == '*' ? "**" : "~~", NULL,
                            c == '*' ? &star_from : &tilde_from,
                            c == '*' ? &star_at : &tilde_at) == NONE &&
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
            int word_before = p > a && is_alnum(t[p - 1]);
            int word_after = p + n < b && is_alnum(t[p + n]);
            if (n >= 2 && !(word_before && word_after))
                blank_markup(t, a, p, p + n, b, fill, gap);
            p += n;
            continue;
        }
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
                if (q != NONE && attachment_target(t, p + 3, q)) {
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
                                &wiki_at) == NONE) {
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
                        if (t[k] == '#' || (t[k] == '^' && k > s && t[k - 1] == ' '))
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
                    memset(t + p, fill, e + 1 - p);
                    p = e + 1;
                    continue;
                }
            }
            if (nbr < JK_MAX_BRACKETS) {
                br[nbr] = p;
                img[nbr++] = NONE;
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
                        if (img[nbr] != NONE)
                            t[img[nbr]] = fill;
                        blank_markup(t, a, p, e + 1, b, fill, gap);
                        p = e + 1;
                        continue;
                    }
                }
                if (p + 1 < b && t[p + 1] == '(') {
                    size_t e = link_dest_end(t, p, b);
                    if (e != NONE) {
                        t[br[nbr]] = fill;
                        if (img[nbr] != NONE)
                            t[img[nbr]] = fill;
                        blank_markup(t, a, p, e, b, fill, gap);
                        p = e;
                        continue;
                    }
                }
            }
            break;
        case '#':
            if (!(flags & BL_HEADING) && (p == a || is_sp(t[p - 1])) &&
                p + 1 < b && !is_sp(t[p + 1]) && t[p + 1] != '#')
                t[p] = ' ';
            break;
        case '=': {
            size_t n = run_len(t, p, b, '=');
            size_t q = n == 2 && highlight_opener(t, a, p, b)
                       ? find_closer(t, p + 3, b, "==", highlight_closer,
                                     &hl_from, &hl_at)
                       : NONE;
            if (q != NONE) {
                memset(t + p, fill, 2);
                blank_markup(t, a, q, q + 2, b, fill, gap);
            }
            p += n;
            continue;
        }
        case '%':
            if (p + 1 < b && t[p + 1] == '%') {
                size_t q = pct_comment_end(t, p + 2, b);
                if (q != NONE) {
                    blank(t, p, q);
                    p = q;
                    continue;
                }
                if (pct_later) { /* closed on a later line */
                    blank(t, p, b);
                    return 2;
                }
                p += 2;           /* never closed: text */
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
        case '{': {
            size_t ial = ial_end(t, p, b);
            if (ial) {
                blank(t, p, ial);
                p = ial;
                continue;
            }
            if (p + 1 < b && t[p + 1] == '%') {
                size_t q = find_closer(t, p + 2, b, "%}", NULL, &liq_from,
                                       &liq_at);
                if (q == NONE)
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
                                          : NONE;
                    if (re != NONE && liquid_name_is(t, r, re, "endraw")) {
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
    return 0;
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

/* Indented code blocks (CommonMark, in part): a line indented by four
 * columns or more (a tab reaches the next multiple of four) after a blank
 * line, or first in the body, starts one unless it is inside a list (where
 * indented lines go on its items); the block runs over blank lines and
 * lines indented so.  A list starts at a line with a list marker (at most
 * three spaces in) and ends at a line indented less than two columns,
 * without a marker, after a blank line, or at a `#` heading.  Code right
 * after a heading (no blank line between) is read as text.  The sectioner
 * and blank_text() feed it the same lines: every line outside code fences
 * and HTML or `%%` comments. */
typedef struct icode {
    int in_code;      /* the last non-blank line was code */
    int in_list;
    int after_blank;  /* the line before was blank, or there was none */
} icode;

#define JK_ICODE_INIT {0, 0, 1}

/* Feed line t[a, b) to ic; whether it is a line of indented code (blank
 * lines are not, whatever the block around them). */
static int
icode_line(icode *ic, const char *t, size_t a, size_t b)
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
static int
raw_block_open(const char *t, size_t a, size_t b, size_t *tag_end_at)
{
    size_t i = indent3_end(t, a, b);
    if (i + 1 >= b || t[i] != '<')
        return 0;
    for (size_t k = 0; k < sizeof raw_tags / sizeof *raw_tags; k++) {
        size_t n = strlen(raw_tags[k]);
        if (!ci_prefix(t, i + 1, b, raw_tags[k]))
            continue;
        size_t e = i + 1 + n;
        if (e < b && t[e] != '>' && !is_sp(t[e]))
            return 0;
        size_t te = tag_end(t, i, b);
        *tag_end_at = te ? te : b;
        return k < 2 ? 'p' : 's';
    }
    return 0;
}

/* Where a line ends a raw block: the start of its first `</pre>`,
 * `</textarea>`, `</script>` or `</style>` (any case), or NONE. */
static size_t
raw_block_end(const char *t, size_t a, size_t b)
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
    return NONE;
}

/* fence_open() and fence_close() for a line that may belong to a list
 * item (in_list, icode): there a fence may be indented any depth, as the
 * item's content (Obsidian indents a list's code with tabs). */
static size_t
list_content_at(const char *t, size_t a, size_t b, int in_list)
{
    while (in_list && a < b && (t[a] == ' ' || t[a] == '\t'))
        a++;
    return a;
}

static int
fence_open_at(const char *t, size_t a, size_t b, int in_list, char *fch,
              size_t *flen)
{
    return fence_open(t, list_content_at(t, a, b, in_list), b, fch, flen);
}

static int
fence_close_at(const char *t, size_t a, size_t b, int in_list, char fch,
               size_t flen)
{
    return fence_close(t, list_content_at(t, a, b, in_list), b, fch, flen);
}

/* The `%%` that may close an Obsidian comment: those outside code
 * (fences, indented code, code spans), the note read as if it had no
 * comment.  A `%%` opened before them is a comment up to the first; with
 * none after it, it is text: `SQL LIKE 에서 %% 패턴` followed, sections
 * later, by `` `%%d` `` hid everything between, headings included.  The
 * scan goes forward only, over each line once, whatever the questions. */
typedef struct pct_scan {
    size_t next;          /* the next line to read */
    size_t lpos, lend;    /* the rest of the line being scanned */
    size_t found;         /* the last closer found, or NONE */
    int done;             /* no closer after `found` */
    int in_fence, flist;
    int in_raw;           /* in a raw HTML block (raw_block_open()) */
    char fch;
    size_t flen;
    unsigned fquote;
    unsigned failed_ticks; /* code_span_close() for the current line */
    icode ic;
} pct_scan;

static void
pct_scan_init(pct_scan *ps, size_t start)
{
    memset(ps, 0, sizeof *ps);
    ps->next = start;
    ps->found = NONE;
    ps->ic = (icode)JK_ICODE_INIT;
}

/* The first `%%` outside code at or after `from` in t[.., n), or NONE.
 * Calls must come with `from` never decreasing. */
static size_t
pct_next(pct_scan *ps, const char *t, size_t n, size_t from)
{
    if (ps->found != NONE && ps->found >= from)
        return ps->found;
    if (ps->done)
        return NONE;
    for (;;) {
        while (ps->lpos < ps->lend) {
            size_t q = ps->lpos;
            const char *hit = memchr(t + q, '`', ps->lend - q);
            const char *pc = memchr(t + q, '%', ps->lend - q);
            if (!pc) {
                ps->lpos = ps->lend;
                break;
            }
            if (hit && hit < pc) {   /* a code span first: step over it */
                size_t p = (size_t)(hit - t);
                size_t k = run_len(t, p, ps->lend, '`');
                size_t c = code_span_close(t, p, k, ps->lend,
                                           &ps->failed_ticks);
                ps->lpos = c == NONE ? p + k : c + k;
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
            ps->found = NONE;
            return NONE;
        }
        jk_line ln;
        line_at(t, n, ps->next, &ln);
        ps->next = ln.next;
        ps->failed_ticks = 0;
        size_t a = ln.start, b = ln.end, after;
        unsigned qd = quote_prefix(t, a, b, &after);
        if (ps->in_fence) {
            if (ps->fquote == 0 || qd >= ps->fquote) {
                if (fence_close_at(t, quote_skip(t, a, b, ps->fquote), b,
                                   ps->flist, ps->fch, ps->flen))
                    ps->in_fence = 0;
                continue;
            }
            ps->in_fence = 0;
        }
        size_t te;
        if (ps->in_raw) {
            ps->in_raw = raw_block_end(t, a, b) == NONE;
            continue;
        }
        if (icode_line(&ps->ic, t, a, b))
            continue;
        if (raw_block_open(t, a, b, &te)) {
            ps->in_raw = raw_block_end(t, te, b) == NONE;
            continue;
        }
        if (fence_open_at(t, after, b, ps->ic.in_list, &ps->fch, &ps->flen)) {
            ps->in_fence = 1;
            ps->flist = ps->ic.in_list;
            ps->fquote = qd;
            continue;
        }
        ps->lpos = a;
        ps->lend = b;
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
 * at the end of a line goes on only as comment_continues() says: with no
 * `-->` to close it, `HTML 주석은 <!-- 로 시작합니다` hid the rest of its
 * section, and an unclosed block the rest of the note. */
static void
blank_text(char *t, size_t n)
{
    int in_fence = 0, in_comment = 0, flist = 0;
    int in_raw = 0;        /* 'p' or 's': in a raw HTML block */
    unsigned prev_qd = 0;  /* the quote depth of the line before */
    char fch = 0;
    size_t flen = 0;
    unsigned fquote = 0;
    size_t pos = 0;
    pct_scan ps;                             /* the next "%%" outside code */
    cmt_look look = JK_CMT_LOOK_INIT;        /* where comments close */
    icode ic = JK_ICODE_INIT;

    pct_scan_init(&ps, 0);

    while (pos < n) {
        jk_line ln;
        line_at(t, n, pos, &ln);
        pos = ln.next;
        size_t a = ln.start, b = ln.end, after, hs, he;
        int later = pct_next(&ps, t, n, b) != NONE;
        /* Whether a `<!--` the line leaves open goes on: opened inside
         * a paragraph (inline_later), or as the line's comment block too
         * (cmt_later).  Only a line with a '<' can leave one open. */
        int lt = memchr(t + a, '<', b - a) != NULL;
        int inline_later = lt && comment_continues(t, n, &ln, 0, &look);
        int cmt_later = inline_later ||
                        (lt && comment_block_opens(t, a, b) &&
                         comment_continues(t, n, &ln, 1, &look));

        if (in_comment) {
            prev_qd = 0;
            size_t q = open_comment_end(in_comment, t, a, b);
            if (q == NONE) {
                blank(t, a, b);
                continue;
            }
            blank(t, a, q);
            in_comment = blank_inline(t, q, b, 0, later, inline_later);
            continue;
        }
        unsigned qd = quote_prefix(t, a, b, &after);
        int quote_start = qd > prev_qd; /* a quote opens, maybe nested */
        prev_qd = qd;
        if (in_fence) {
            if (fquote == 0 || qd >= fquote) {
                size_t c = quote_skip(t, a, b, fquote);
                blank(t, a, c);
                if (fence_close_at(t, c, b, flist, fch, flen)) {
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
            if (icode_line(&ic, t, a, b))
                continue;   /* indented code is kept as written */
            if ((raw = raw_block_open(t, a, b, &te)) != 0) {
                blank(t, a, te);
                from = te;
            }
        }
        if (raw) {
            size_t e = raw_block_end(t, from, b);
            if (raw == 's')
                blank(t, from, e == NONE ? b : e);
            in_raw = e == NONE ? raw : 0;
            if (e != NONE) {
                size_t g = tag_end(t, e, b);
                g = g ? g : b;
                blank(t, e, g);
                in_comment = blank_inline(t, g, b, 0, later, inline_later);
            }
            continue;
        }
        if (link_ref_def(t, a, b)) {
            blank(t, a, b); /* `[label]: url "title"`: Obsidian shows none */
            continue;
        }
        blank(t, a, after);
        if (fence_open_at(t, after, b, ic.in_list, &fch, &flen)) {
            blank(t, a, b);
            in_fence = 1;
            flist = ic.in_list;
            fquote = qd;
            continue;
        }
        if (atx_heading(t, after, b, &hs, &he)) {
            blank(t, after, hs);
            blank(t, he, b);
            in_comment = blank_inline(t, hs, he, 0, later, 0);
            continue;
        }
        if (setext_underline(t, after, b) || table_delim_row(t, after, b)) {
            blank(t, after, b);   /* also a `---` rule */
            continue;
        }
        if (quote_start) /* a callout is the first line of a quote */
            blank_callout(t, after, b);
        blank_row_edges(t, after, b);
        size_t c = blank_list_marker(t, after, b);
        size_t in_quote;
        if (c != after && quote_prefix(t, c, b, &in_quote)) {
            /* a quote opened in a list item (`- > [!tip] 제목`) */
            blank(t, c, in_quote);
            blank_callout(t, in_quote, b);
            c = in_quote;
        }
        in_comment = blank_inline(t, c, b, 0, later, cmt_later);
    }
}

/* ------------------------------------------------------------------ */
/* Sectioning                                                          */

typedef struct open_heading {
    unsigned level;     /* 1-6, or 7 for <summary> */
    unsigned ddepth;    /* <details> depth of a summary */
    int hidden;         /* the level-1 heading equal to the title */
    const char *text;
} open_heading;

typedef struct sectioner {
    jikji_note_t *n;
    const char *t;
    size_t len;
    open_heading stack[6 + JK_MAX_DETAILS];
    size_t depth;
    int have_cur;         /* a section is open */
    unsigned last_line;   /* last non-blank line of the open section */
    size_t last_end;      /* and the start of the line after it */
    int pending;          /* an implicit section starts at the next
                             line with content */
    int seen_heading;
    unsigned details;     /* open <details> elements */
    int in_fence, flist;  /* flist: the fence is in a list item */
    int in_raw;           /* in a raw HTML block (raw_block_open()) */
    int in_comment;       /* 1: an HTML comment, 2: an Obsidian %% one */
    int prev_text;        /* the line before was paragraph text */
    pct_scan ps;          /* the next "%%" outside code */
    cmt_look look;        /* where comments close */
    int cmt_on;           /* a `<!--` the line leaves open goes on to a
                             later line (comment_goes_on()) */
    icode ic;             /* indented code blocks */
    int skip_underline;   /* the next line underlines a setext heading */
    char fch;
    size_t flen;
    unsigned fquote;
    const char *h1;       /* first non-empty level-1 heading */
    unsigned first_line;  /* first non-blank body line (0: none yet) */
    jk_line first_ln;
    unsigned body_last_line;   /* last non-blank body line */
    size_t body_last_end;
    jk_buf tmp, tmp2;
    jk_strset tagset;     /* inline tags seen (n->inline_tags) */
} sectioner;

static int pct_later(sectioner *st, size_t b);

/* Make display text for a heading from t[a, b): control bytes become
 * spaces, inline markup is deleted (keeping a wikilink's alias; tags
 * become spaces), then jk_display_clean(); stored in the arena.  NULL on
 * out of memory. */
static const char *
heading_text(sectioner *st, size_t a, size_t b)
{
    jk_buf_clear(&st->tmp);
    jk_buf_clear(&st->tmp2);
    if (jk_buf_append(&st->tmp, st->t + a, b - a) < 0)
        return NULL;
    char *h = st->tmp.data;
    size_t n = st->tmp.len, k = 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)h[i] < 0x20 || h[i] == 0x7F)
            h[i] = ' ';
    blank_inline(h, 0, n, BL_HEADING, 0, 0);
    for (size_t i = 0; i < n; i++)
        if (h[i] != JK_DELETED)
            h[k++] = h[i];
    if (jk_display_clean(&st->tmp2, h, k, JK_MAX_HEADING) < 0)
        return NULL;
    return arena_strndup(&st->n->arena, st->tmp2.data, st->tmp2.len);
}

/* Close the open section: it ends at its last non-blank line. */
static void
close_section(sectioner *st)
{
    if (!st->have_cur)
        return;
    jikji_section_t *s = &st->n->sec[st->n->nsec - 1];
    s->end_line = st->last_line;
    s->end = st->last_end;
    st->have_cur = 0;
}

/* Append one pointer to the heading path pool; -1 on out of memory. */
static int
pool_push(jikji_note_t *n, const char *s)
{
    if (n->npool == n->cappool) {
        size_t cap = n->cappool ? n->cappool * 2 : 64;
        const char **v = realloc(n->pool, cap * sizeof *v);
        if (!v)
            return -1;
        n->pool = v;
        n->cappool = cap;
    }
    n->pool[n->npool++] = s;
    return 0;
}

/* Start a section at line `ln`/`lineno` with the current heading stack as
 * its path.  Returns 0, or -1 on out of memory. */
static int
open_section(sectioner *st, const jk_line *ln, unsigned lineno,
             const char *heading, unsigned level)
{
    jikji_note_t *n = st->n;

    close_section(st);
    if (n->nsec == n->capsec) {
        size_t cap = n->capsec ? n->capsec * 2 : 16;
        jikji_section_t *v = realloc(n->sec, cap * sizeof *v);
        if (!v)
            return -1;
        n->sec = v;
        n->capsec = cap;
    }
    jikji_section_t *s = &n->sec[n->nsec++];
    memset(s, 0, sizeof *s);
    s->heading = heading;
    s->level = level;
    s->line = s->end_line = lineno;
    s->start = ln->start;
    s->end = ln->next;
    /* The title goes first; finish_note() fills it in. */
    if (pool_push(n, NULL) < 0)
        return -1;
    s->nheadings = 1;
    for (size_t i = 0; i < st->depth; i++) {
        if (st->stack[i].hidden)
            continue;
        if (pool_push(n, st->stack[i].text) < 0)
            return -1;
        s->nheadings++;
    }
    st->have_cur = 1;
    st->pending = 0;
    st->last_line = lineno;
    st->last_end = ln->next;
    return 0;
}

/* Count a non-blank line in the open section. */
static void
mark_line(sectioner *st, const jk_line *ln, unsigned lineno)
{
    if (st->have_cur && !st->pending) {
        st->last_line = lineno;
        st->last_end = ln->next;
    }
}

/* An ATX heading of `level` with `text` starts a section. */
static int
on_heading(sectioner *st, const jk_line *ln, unsigned lineno, unsigned level,
           const char *text)
{
    int hidden = 0;
    if (!st->seen_heading) {
        const char *title = st->n->fm.title;
        st->seen_heading = 1;
        hidden = level == 1 && text[0] && (!title || !strcmp(title, text));
    }
    if (level == 1 && !st->h1 && text[0])
        st->h1 = text;
    while (st->depth > 0 && st->stack[st->depth - 1].level >= level)
        st->depth--;
    st->stack[st->depth++] = (open_heading){level, 0, hidden, text};
    return open_section(st, ln, lineno, text, level);
}

/* A `<summary>` with `text` starts a level-7 section, a child of the
 * current heading (and of the summary of an enclosing <details>). */
static int
on_summary(sectioner *st, const jk_line *ln, unsigned lineno,
           const char *text)
{
    unsigned d = st->details;
    if (d < 1)
        d = 1;
    if (d > JK_MAX_DETAILS)
        d = JK_MAX_DETAILS;
    st->seen_heading = 1;
    while (st->depth > 0 && st->stack[st->depth - 1].level == 7 &&
           st->stack[st->depth - 1].ddepth >= d)
        st->depth--;
    st->stack[st->depth++] = (open_heading){7, d, 0, text};
    return open_section(st, ln, lineno, text, 7);
}

/* A `</details>`: the summaries it closes are popped, and text after it
 * (if any comes before the next heading) is a new section under the
 * parent's path. */
static void
on_details_close(sectioner *st)
{
    if (st->details > 0)
        st->details--;
    unsigned d = st->details < JK_MAX_DETAILS ? st->details : JK_MAX_DETAILS;
    int popped = 0;
    while (st->depth > 0 && st->stack[st->depth - 1].level == 7 &&
           st->stack[st->depth - 1].ddepth > d) {
        st->depth--;
        popped = 1;
    }
    if (popped)
        st->pending = 1;
}

/* Whether t[a, b) has content besides blanks, HTML tags and comments
 * (a `<!--` left open is a comment when goes_on, else text). */
static int
has_content(const char *t, size_t a, size_t b, int goes_on)
{
    size_t p = a;
    while (p < b) {
        if (is_sp(t[p])) {
            p++;
        } else if (t[p] == '<' && comment_open_at(t, p, b)) {
            p = comment_end(t, p + 4, b);
            if (p == NONE)
                return !goes_on;
        } else if (t[p] == '<' && tag_end(t, p, b)) {
            p = tag_end(t, p, b);
        } else {
            return 1;
        }
    }
    return 0;
}

/* A line with content: it opens the pending implicit section (text
 * before the first heading, or after a </details>) or joins the open one.
 * `b` limits the part of the line examined for content. */
static int
content_line(sectioner *st, const jk_line *ln, unsigned lineno, size_t b)
{
    if (st->pending) {
        if (!has_content(st->t, ln->start, b, st->cmt_on))
            return 0;
        const char *heading = "";
        unsigned level = 0;
        if (st->depth > 0) {
            heading = st->stack[st->depth - 1].text;
            level = st->stack[st->depth - 1].level;
        }
        return open_section(st, ln, lineno, heading, level);
    }
    mark_line(st, ln, lineno);
    return 0;
}

/* An HTML element that shapes sections, found on a line. */
typedef struct html_event {
    enum { EV_DETAILS, EV_SUMMARY, EV_END_DETAILS } kind;
    size_t a, b;        /* a summary's text */
} html_event;

/* Most such elements handled per line; more are ignored. */
#define JK_MAX_LINE_EVENTS 16

/* Find <details>, <summary>...</summary> and </details> in t[a, b),
 * outside code spans and comments, in order.  Returns how many were
 * stored in ev[JK_MAX_LINE_EVENTS]. */
static size_t
find_html_events(const char *t, size_t a, size_t b, html_event *ev)
{
    size_t p = a, n = 0;
    unsigned failed_ticks = 0;
    int no_summary_close = 0;

    while (p < b && n < JK_MAX_LINE_EVENTS) {
        const char *q = t + p;
        while (q < t + b && *q != '<' && *q != '`')
            q++;
        p = (size_t)(q - t);
        if (p >= b)
            break;
        if (t[p] == '`') {
            size_t k = run_len(t, p, b, '`');
            size_t c = code_span_close(t, p, k, b, &failed_ticks);
            p = c == NONE ? p + k : c + k;
            continue;
        }
        if (comment_open_at(t, p, b)) {
            p = comment_end(t, p + 4, b);
            if (p == NONE)
                break;
            continue;
        }
        size_t e = tag_end(t, p, b);
        if (!e) {
            p++;
            continue;
        }
        /* tag_end() checked that a name is followed by '>', '/' or a
         * blank, so t[p + 8] and t[p + 9] below are inside the tag. */
        if (ci_prefix(t, p, e, "<details") && !is_alnum(t[p + 8]) &&
            t[p + 8] != '-') {
            ev[n++].kind = EV_DETAILS;
        } else if (ci_prefix(t, p, e, "</details") && !is_alnum(t[p + 9]) &&
                   t[p + 9] != '-') {
            ev[n++].kind = EV_END_DETAILS;
        } else if (ci_prefix(t, p, e, "<summary") && !is_alnum(t[p + 8]) &&
                   t[p + 8] != '-' && !no_summary_close) {
            size_t c = e;
            while (c < b && !(t[c] == '<' && ci_prefix(t, c, b, "</summary")))
                c++;
            if (c >= b) {
                no_summary_close = 1;   /* none later on the line either */
            } else {
                ev[n].kind = EV_SUMMARY;
                ev[n].a = e;
                ev[n++].b = c;
                e = c + 9;
            }
        }
        p = e;
    }
    return n;
}

/* Handle a line outside code fences and comments that is not an ATX
 * heading: its <details>/<summary> structure, then its content.  The
 * first summary on a line starts a section there; text after a
 * </details> that closed a summary waits for a line with content.
 * Returns 0 or -1. */
static int
html_and_content(sectioner *st, const jk_line *ln, unsigned lineno)
{
    html_event ev[JK_MAX_LINE_EVENTS];
    size_t n = 0, first = NONE;

    if (memchr(st->t + ln->start, '<', ln->end - ln->start))
        n = find_html_events(st->t, ln->start, ln->end, ev);
    for (size_t i = 0; i < n && first == NONE; i++)
        if (ev[i].kind == EV_SUMMARY)
            first = i;
    if (first == NONE && content_line(st, ln, lineno, ln->end) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        switch (ev[i].kind) {
        case EV_DETAILS:
            st->details++;
            break;
        case EV_END_DETAILS:
            on_details_close(st);
            break;
        case EV_SUMMARY:
            if (i == first) {
                const char *h = heading_text(st, ev[i].a, ev[i].b);
                if (!h || on_summary(st, ln, lineno, h) < 0)
                    return -1;
            }
            break;
        }
    }
    return 0;
}

/* Is c (a byte) allowed inside an inline #tag?  Letters of any script,
 * digits, and _ - / (Obsidian's nested tags). */
static int
tag_byte(unsigned char c)
{
    if (c >= 0x80)
        return 1;
    return is_alnum((char)c) || c == '_' || c == '-' || c == '/';
}

/* Add the inline #tags of t[a, b) (a line, or a heading's text) to the
 * note: a '#' at the start, after a blank or after a '(' that does not
 * open a link destination, then up to JK_MAX_TAG tag bytes, not all
 * digits (issue numbers).  Code spans, link destinations and HTML
 * comments hold no tags.  Linear in b - a.  0, or -1 on out of memory. */
static int
scan_inline_tags(sectioner *st, size_t a, size_t b)
{
    const char *t = st->t;
    unsigned failed_ticks = 0;
    int no_cmt_end = 0;   /* a `<!--` found no `-->` on the line */
    if (link_ref_def(t, a, b))
        return 0;
    for (size_t p = a; p < b;) {
        char c = t[p];
        if (c == '`') {
            size_t n = run_len(t, p, b, '`');
            size_t q = code_span_close(t, p, n, b, &failed_ticks);
            p = q == NONE ? p + n : q + n;
            continue;
        }
        if (c == ']' && p + 1 < b && t[p + 1] == '(') {
            size_t e = link_dest_end(t, p, b);
            p = e == NONE ? p + 2 : e;
            continue;
        }
        if (c == '<' && comment_open_at(t, p, b)) {
            size_t e = no_cmt_end ? NONE : comment_end(t, p + 4, b);
            if (e == NONE && st->cmt_on)
                return 0;  /* a comment to a later line */
            no_cmt_end = e == NONE; /* then no later `<!--` is closed */
            p = e == NONE ? p + 4 : e;
            continue;
        }
        size_t ial = c == '{' ? ial_end(t, p, b) : 0;
        if (ial) {          /* `{: #overview}`: no tag */
            p = ial;
            continue;
        }
        if (c == '<') {    /* `<span style="color: #ff0000">`: no tag */
            size_t e = tag_end(t, p, b);
            p = e ? e : p + 1;
            continue;
        }
        if (c == '%' && p + 1 < b && t[p + 1] == '%') {
            size_t e = pct_comment_end(t, p + 2, b);
            if (e == NONE && pct_later(st, b))
                return 0;  /* a comment to a later line */
            p = e == NONE ? p + 2 : e;
            continue;
        }
        if (c != '#' || p + 1 >= b || !tag_byte((unsigned char)t[p + 1]) ||
            !(p == a || is_sp(t[p - 1]) || t[p - 1] == '(')) {
            p++;
            continue;
        }
        size_t e = p + 1;
        int digits_only = 1;
        while (e < b && tag_byte((unsigned char)t[e])) {
            digits_only &= t[e] >= '0' && t[e] <= '9';
            e++;
        }
        if (!digits_only && e - p - 1 <= JK_MAX_TAG) {
            int fresh = jk_strset_add(&st->tagset, t + p + 1, e - p - 1);
            if (fresh < 0 || (fresh && jk_strv_push(&st->n->inline_tags,
                                                    t + p + 1, e - p - 1) < 0))
                return -1;
        }
        p = e;
    }
    return 0;
}

/* Whether a `%%` outside code (pct_next()) follows position b in the
 * note: a `%%` opened before b is then a comment, else text (Obsidian
 * would hide the rest of the note; a stray `%%` must not lose it). */
static int
pct_later(sectioner *st, size_t b)
{
    return pct_next(&st->ps, st->t, st->len, b) != NONE;
}

/* Whether line ln leaves a `<!--` open that goes on to a later line
 * (comment_continues(), as blank_text() decides). */
static int
comment_goes_on(sectioner *st, const jk_line *ln)
{
    const char *t = st->t;
    size_t a = ln->start, b = ln->end;
    return memchr(t + a, '<', b - a) && leaves_comment_open(t, a, b) &&
           comment_continues(t, st->len, ln, comment_block_opens(t, a, b),
                             &st->look);
}

/* If line `ln` is a one-line paragraph underlined by the next line
 * (`===` or `---`), a setext heading: set [*hs, *he) to its text, mark
 * the underline to be skipped and return the level (1 or 2); else 0.
 * Block quotes, list items, HTML and table rows are no such paragraph. */
static unsigned
setext_heading(sectioner *st, const jk_line *ln, size_t *hs, size_t *he)
{
    const char *t = st->t;
    size_t a = ln->start, b = ln->end;
    if (ln->next >= st->len)
        return 0;
    size_t i = indent3_end(t, a, b);
    char c = t[i];
    if (c == ' ' || c == '\t' || c == '>' || c == '<' || c == '|' ||
        setext_underline(t, a, b) || fence_open(t, a, b, &(char){0},
                                                   &(size_t){0}))
        return 0;
    if ((c == '-' || c == '*' || c == '+') && (i + 1 == b || is_sp(t[i + 1])))
        return 0;
    size_t d = i;
    while (d < b && t[d] >= '0' && t[d] <= '9' && d - i < 9)
        d++;
    if (d > i && d < b && (t[d] == '.' || t[d] == ')') &&
        (d + 1 == b || is_sp(t[d + 1])))
        return 0;
    jk_line nx;
    line_at(t, st->len, ln->next, &nx);
    char u = setext_underline(t, nx.start, nx.end);
    if (!u)
        return 0;
    size_t e = b;
    while (e > i && is_sp(t[e - 1]))
        e--;
    *hs = i;
    *he = e;
    st->skip_underline = 1;
    return u == '=' ? 1 : 2;
}

/* Process one body line. */
static int
section_line(sectioner *st, const jk_line *ln, unsigned lineno)
{
    const char *t = st->t;
    size_t a = ln->start, b = ln->end, after, hs, he;
    int blank_line = is_blank(t, a, b);

    if (!blank_line) {
        if (!st->first_line) {
            st->first_line = lineno;
            st->first_ln = *ln;
        }
        st->body_last_line = lineno;
        st->body_last_end = ln->next;
    }

    if (st->in_fence) {
        unsigned qd = quote_prefix(t, a, b, &after);
        if (st->fquote == 0 || qd >= st->fquote) {
            size_t c = quote_skip(t, a, b, st->fquote);
            if (fence_close_at(t, c, b, st->flist, st->fch, st->flen))
                st->in_fence = 0;
            if (!blank_line)
                mark_line(st, ln, lineno);
            return 0;
        }
        st->in_fence = 0;
    }
    if (st->in_raw) {
        size_t e = raw_block_end(t, a, b);
        st->in_raw = e == NONE;
        if (!blank_line)
            mark_line(st, ln, lineno);
        if (e == NONE)
            return 0;
        size_t g = tag_end(t, e, b);   /* `</style> #tag`: text again */
        st->cmt_on = 0;
        return scan_inline_tags(st, g ? g : b, b);
    }
    if (st->in_comment) {
        size_t q = open_comment_end(st->in_comment, t, a, b);
        if (q != NONE)
            st->in_comment = st->in_comment == 2 && pct_opens(t, q, b) &&
                             pct_later(st, b) ? 2 : 0;
        if (!blank_line)
            mark_line(st, ln, lineno);
        /* `--> #tag` or `%% #tag`: the rest of the line is text */
        if (q != NONE && !st->in_comment) {
            st->cmt_on = comment_goes_on(st, ln);
            return scan_inline_tags(st, q, b);
        }
        return 0;
    }
    int after_text = st->prev_text;
    st->prev_text = 0;
    if (icode_line(&st->ic, t, a, b)) { /* kept as written: no tags */
        st->cmt_on = 0;
        return content_line(st, ln, lineno, b);
    }
    if (blank_line)
        return 0;
    if (st->skip_underline) {
        st->skip_underline = 0;
        mark_line(st, ln, lineno);
        return 0;
    }
    unsigned level = atx_heading(t, a, b, &hs, &he);
    st->cmt_on = 0; /* a heading's comment ends with it */
    if (level || (!after_text && (level = setext_heading(st, ln, &hs, &he)))) {
        const char *h = heading_text(st, hs, he);
        if (scan_inline_tags(st, hs, he) < 0)
            return -1;
        if (!h)
            return -1;
        return on_heading(st, ln, lineno, level, h);
    }
    unsigned qd = quote_prefix(t, a, b, &after);
    size_t te;
    if (raw_block_open(t, a, b, &te)) {
        st->in_raw = raw_block_end(t, te, b) == NONE;
        st->cmt_on = 0;
        return content_line(st, ln, lineno, b);
    }
    if (fence_open_at(t, after, b, st->ic.in_list, &st->fch, &st->flen)) {
        st->in_fence = 1;
        st->flist = st->ic.in_list;
        st->fquote = qd;
        return content_line(st, ln, lineno, b);
    }
    st->cmt_on = comment_goes_on(st, ln);
    if (st->cmt_on)   /* a block's, or one inside a paragraph */
        st->in_comment = 1;
    else if (memchr(t + a, '%', b - a) && pct_opens(t, a, b) &&
             pct_later(st, b))
        st->in_comment = 2;
    if (scan_inline_tags(st, a, b) < 0)
        return -1;
    st->prev_text = !st->in_comment;
    return html_and_content(st, ln, lineno);
}

/* A note without a date in its front matter takes the one its file name
 * starts with: `2024-03-01-kafka-retry.md` (Jekyll's _posts),
 * `2024-03-01.md` (a daily note). */
static void
date_from_file_name(jikji_note_t *n, const char *path)
{
    if (n->fm.date[0] || n->fm.bad_date_line || !path)
        return;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? base[i] != '-' : !(base[i] >= '0' &&
                                                  base[i] <= '9'))
            return;
    if (!(base[10] >= '0' && base[10] <= '9'))  /* 2024-07-20회고.md too */
        jk_frontmatter_date(base, 10, n->fm.date);
}

/* Fill in the title, the date and every section's heading path. */
static int
finish_note(jikji_note_t *n, const char *h1, const char *path)
{
    date_from_file_name(n, path);
    if (n->fm.title) {
        n->title = n->fm.title;
    } else if (h1) {
        n->title = h1;
    } else {
        const char *base = path ? path : "";
        const char *slash = strrchr(base, '/');
        if (slash)
            base = slash + 1;
        const char *dot = strrchr(base, '.');
        size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        jk_buf b = JK_BUF_INIT;
        if (jk_display_clean(&b, base, len, JK_MAX_HEADING) < 0) {
            jk_buf_fini(&b);
            return -1;
        }
        n->title = arena_strndup(&n->arena, b.len ? b.data : "untitled",
                                 b.len ? b.len : 8);
        jk_buf_fini(&b);
        if (!n->title)
            return -1;
    }
    size_t off = 0;
    for (size_t i = 0; i < n->nsec; i++) {
        n->pool[off] = n->title;
        n->sec[i].headings = n->pool + off;
        off += n->sec[i].nheadings;
    }
    return 0;
}

/* Read the front matter at the start of the text, if any; *body and
 * *body_line get where the body starts.  Returns JIKJI_OK or
 * JIKJI_ENOMEM; problems go to `warn`. */
static jikji_status_t
read_front_matter(jikji_note_t *n, const char *t, size_t len, size_t pos,
                  const char *path, jikji_warning_fn warn, void *ud,
                  size_t *body, unsigned *body_line)
{
    jk_line open, ln;

    *body = pos;
    *body_line = 1;
    if (pos >= len)
        return JIKJI_OK;
    line_at(t, len, pos, &open);
    if (!is_delimiter(t, &open, '-'))
        return JIKJI_OK;
    unsigned lineno = 2;
    for (size_t p = open.next; p < len; p = ln.next, lineno++) {
        line_at(t, len, p, &ln);
        if (!is_delimiter(t, &ln, '-') && !is_delimiter(t, &ln, '.'))
            continue;
        unsigned err_line = 0;
        char *msg = NULL;
        jikji_status_t st = jk_frontmatter_parse(
            t + open.next, ln.start - open.next, 2, &n->fm, &err_line, &msg);
        if (st == JIKJI_ENOMEM) {
            free(msg);
            return st;
        }
        if (st != JIKJI_OK && warn)
            warn(ud, path, err_line, st, msg ? msg : jikji_status_str(st));
        free(msg);
        if (st == JIKJI_OK && n->fm.bad_date_line && warn) {
            /* date: filters would silently miss the note. */
            char m[128];
            snprintf(m, sizeof m, "'%s' is not a date (YYYY-MM-DD, a real "
                     "day); the note has no date", n->fm.bad_date);
            warn(ud, path, n->fm.bad_date_line, JIKJI_EFRONTMATTER, m);
        }
        *body = ln.next;
        *body_line = lineno + 1;
        return JIKJI_OK;
    }
    if (warn)
        warn(ud, path, 1, JIKJI_EFRONTMATTER,
             "front matter has no closing '---' line; read as text");
    return JIKJI_OK;
}

jikji_status_t
jikji_note_parse(const char *text, size_t len, const char *path,
                 jikji_warning_fn warn, void *ud, jikji_note_t **out)
{
    if (!out)
        return JIKJI_EINVAL;
    *out = NULL;
    if (!text && len > 0)
        return JIKJI_EINVAL;
    if (!text)
        text = "";

    jikji_note_t *n = calloc(1, sizeof *n);
    if (!n)
        return JIKJI_ENOMEM;
    n->fm = (jk_frontmatter)JK_FRONTMATTER_INIT;

    sectioner st;
    memset(&st, 0, sizeof st);
    st.n = n;
    st.t = text;
    st.len = len;
    st.pending = 1;
    st.look = (cmt_look)JK_CMT_LOOK_INIT;
    st.ic = (icode)JK_ICODE_INIT;
    st.tmp = (jk_buf)JK_BUF_INIT;
    st.tmp2 = (jk_buf)JK_BUF_INIT;

    size_t pos = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        pos = 3;    /* a UTF-8 BOM belongs to no line's text */
    unsigned lineno;
    jikji_status_t rc = read_front_matter(n, text, len, pos, path, warn, ud,
                                          &pos, &lineno);
    if (rc != JIKJI_OK)
        goto fail;
    const size_t body = pos;
    const unsigned body_line = lineno;
    pct_scan_init(&st.ps, body); /* the body's code, not front matter's */
    rc = JIKJI_ENOMEM;
    while (pos < len) {
        jk_line ln;
        line_at(text, len, pos, &ln);
        if (section_line(&st, &ln, lineno) < 0)
            goto fail;
        pos = ln.next;
        lineno++;
    }
    if (n->nsec == 0 && st.first_line) {
        /* Only markup (HTML, comments): one level-0 section over all of
         * it, so that a non-blank body always has a section. */
        if (open_section(&st, &st.first_ln, st.first_line, "", 0) < 0)
            goto fail;
        st.last_line = st.body_last_line;
        st.last_end = st.body_last_end;
    } else if (n->nsec == 0 && body_line > 1) {
        /* Front matter alone: an empty section on its closing line, so
         * that the note's title, tags and date can be found. */
        jk_line end = {body, body, body};
        if (open_section(&st, &end, body_line - 1, "", 0) < 0)
            goto fail;
    }
    close_section(&st);
    n->nlines = lineno - 1;
    if (finish_note(n, st.h1, path) < 0)
        goto fail;
    jk_buf_fini(&st.tmp);
    jk_buf_fini(&st.tmp2);
    jk_strset_fini(&st.tagset);
    *out = n;
    return JIKJI_OK;
fail:
    jk_buf_fini(&st.tmp);
    jk_buf_fini(&st.tmp2);
    jk_strset_fini(&st.tagset);
    jikji_note_free(n);
    return rc;
}

void
jikji_note_free(jikji_note_t *note)
{
    if (!note)
        return;
    arena_fini(&note->arena);
    jk_frontmatter_fini(&note->fm);
    free(note->sec);
    free(note->pool);
    jk_strv_fini(&note->inline_tags);
    free(note);
}

const char *
jikji_note_title(const jikji_note_t *note)
{
    return note ? note->title : "";
}

const char *
jikji_note_date(const jikji_note_t *note)
{
    return note ? note->fm.date : "";
}

/* Hand out a list field (never a NULL array). */
static size_t
list_field(const jk_strv *sv, const char *const **items)
{
    if (items)
        *items = sv && sv->n ? (const char *const *)sv->v : empty_list;
    return sv ? sv->n : 0;
}

size_t
jikji_note_tags(const jikji_note_t *note, const char *const **tags)
{
    return list_field(note ? &note->fm.tags : NULL, tags);
}

size_t
jikji_note_inline_tags(const jikji_note_t *note, const char *const **tags)
{
    return list_field(note ? &note->inline_tags : NULL, tags);
}

size_t
jikji_note_categories(const jikji_note_t *note,
                      const char *const **categories)
{
    return list_field(note ? &note->fm.categories : NULL, categories);
}

size_t
jikji_note_aliases(const jikji_note_t *note, const char *const **aliases)
{
    return list_field(note ? &note->fm.aliases : NULL, aliases);
}

size_t
jikji_note_section_count(const jikji_note_t *note)
{
    return note ? note->nsec : 0;
}

const jikji_section_t *
jikji_note_section(const jikji_note_t *note, size_t i)
{
    return note && i < note->nsec ? &note->sec[i] : NULL;
}

const jikji_section_t *
jikji_note_section_at(const jikji_note_t *note, unsigned line)
{
    if (!note || note->nsec == 0 || line == 0 || line > note->nlines)
        return NULL;
    size_t lo = 0, hi = note->nsec;   /* first section with line > `line` */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (note->sec[mid].line <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? NULL : &note->sec[lo - 1];
}

jikji_status_t
jikji_section_text(const jikji_section_t *s, const char *text, size_t len,
                   char **out)
{
    if (out)
        *out = NULL;
    if (!s || !out || (!text && len > 0) || s->start > s->end || s->end > len)
        return JIKJI_EINVAL;
    size_t n = s->end - s->start;
    char *copy = jk_strndup(n ? text + s->start : "", n);
    if (!copy)
        return JIKJI_ENOMEM;
    blank_text(copy, n);
    *out = copy;
    return JIKJI_OK;
}
