/* note.c - a note file: front matter fields, and the body split into
 * sections with heading paths, line ranges and byte ranges.
 *
 * The rules, beyond what jikji.h states:
 *   - Front matter: after an optional UTF-8 BOM, a first line `---`, up to
 *     the next line `---` or `...` (trailing blanks allowed).  Unclosed:
 *     the whole file is body text, with a warning on line 1.  Broken YAML:
 *     a warning with the file line; no field is used; the body after the
 *     closing line is still sectioned.  YAML that is no mapping (a plain
 *     value, a list: a paragraph between two `---` rules) is no front
 *     matter: a warning, and the lines are body text.
 *   - Lines end at LF, CRLF or a lone CR.  A BOM is not part of line 1.
 *   - Sections start at ATX headings, also as a list item's content
 *     (`- ## x`, as Logseq writes them; not in code fences, HTML comments
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
#include "markdown.h"
#include "section.h"

/* Longest heading text kept for display, in bytes (then cut with "…"). */
#define JK_MAX_HEADING 1024
/* Longest inline #tag kept, in bytes (longer ones are not tags). */
#define JK_MAX_TAG 64
/* <details> nesting tracked for heading paths; deeper summaries become
 * siblings at this depth, which bounds a path to 1 + 6 + 8 entries. */
#define JK_MAX_DETAILS 8

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
    int in_raw;           /* in a raw HTML block (jk_md_raw_block_open()) */
    int raw_shown;        /* ... one shown (`<pre>`): its lines are content */
    int in_comment;       /* 1: an HTML comment, 2: an Obsidian %% one */
    int prev_text;        /* the line before was paragraph text */
    jk_pct_scan ps;          /* the next "%%" outside code */
    jk_cmt_look look;        /* where comments close */
    int cmt_on;           /* a `<!--` the line leaves open goes on to a
                             later line (comment_goes_on()) */
    jk_icode ic;             /* indented code blocks */
    int skip_underline;   /* the next line underlines a setext heading */
    char fch;
    size_t flen;
    unsigned fquote;
    const char *h1;       /* first non-empty level-1 heading */
    unsigned first_line;  /* first non-blank body line (0: none yet) */
    jk_line first_ln;
    unsigned capped_line; /* the first heading past JK_NOTE_MAX_SECTIONS */
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
    jk_md_blank_inline(h, 0, n, JK_BL_HEADING, 0, 0, NULL);
    for (size_t i = 0; i < n; i++)
        if (h[i] != JK_DELETED)
            h[k++] = h[i];
    if (jk_display_clean(&st->tmp2, h, k, JK_MAX_HEADING) < 0)
        return NULL;
    if (st->tmp2.len == 0 && !is_blank(st->t, a, b)) {
        /* Markup alone (`### ______`, a rule-like heading) shows as
         * written: an empty heading was left out of the plain output's
         * heading path but not of --json's. */
        jk_buf_clear(&st->tmp2);
        if (jk_display_clean(&st->tmp2, st->t + a, b - a, JK_MAX_HEADING) < 0)
            return NULL;
    }
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

/* Most sections of a note, written in one commit: a generated file of
 * 4,000,000 empty headings (8 MB) took 926 MB and 108 s.  Career notes
 * have tens to hundreds. */
#define JK_NOTE_MAX_SECTIONS 100000

static void mark_line(sectioner *st, const jk_line *ln, unsigned lineno);

/* Start a section at line `ln`/`lineno` with the current heading stack as
 * its path; past JK_NOTE_MAX_SECTIONS the line joins the open section
 * instead.  Returns 0, or -1 on out of memory. */
static int
open_section(sectioner *st, const jk_line *ln, unsigned lineno,
             const char *heading, unsigned level)
{
    jikji_note_t *n = st->n;

    if (n->nsec >= JK_NOTE_MAX_SECTIONS && st->have_cur) {
        if (!st->capped_line)
            st->capped_line = lineno;
        st->pending = 0;
        mark_line(st, ln, lineno);
        return 0;
    }
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
        } else if (t[p] == '<' && jk_md_comment_open_at(t, p, b)) {
            p = jk_md_comment_end(t, p + 4, b);
            if (p == JK_NONE)
                return !goes_on;
        } else if (t[p] == '<' && jk_md_tag_end(t, p, b)) {
            p = jk_md_tag_end(t, p, b);
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
            size_t c = jk_md_code_span_close(t, p, k, b, &failed_ticks);
            p = c == JK_NONE ? p + k : c + k;
            continue;
        }
        if (jk_md_comment_open_at(t, p, b)) {
            p = jk_md_comment_end(t, p + 4, b);
            if (p == JK_NONE)
                break;
            continue;
        }
        size_t e = jk_md_tag_end(t, p, b);
        if (!e) {
            p++;
            continue;
        }
        /* jk_md_tag_end() checked that a name is followed by '>', '/' or a
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
    size_t n = 0, first = JK_NONE;

    if (memchr(st->t + ln->start, '<', ln->end - ln->start))
        n = find_html_events(st->t, ln->start, ln->end, ev);
    for (size_t i = 0; i < n && first == JK_NONE; i++)
        if (ev[i].kind == EV_SUMMARY)
            first = i;
    if (first == JK_NONE && content_line(st, ln, lineno, ln->end) < 0)
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

/* The inline tag s[0, len) into the note's tags, once.  0, or -1 out of
 * memory. */
static int
add_inline_tag(sectioner *st, const char *s, size_t len)
{
    int fresh = jk_strset_add(&st->tagset, s, len);
    return fresh < 0 || (fresh && jk_strv_push(&st->n->inline_tags, s, len) < 0)
               ? -1 : 0;
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
    if (jk_md_link_ref_def(t, a, b))
        return 0;
    for (size_t p = a; p < b;) {
        char c = t[p];
        if (c == '`') {
            size_t n = run_len(t, p, b, '`');
            size_t q = jk_md_code_span_close(t, p, n, b, &failed_ticks);
            p = q == JK_NONE ? p + n : q + n;
            continue;
        }
        if (c == ']' && p + 1 < b && t[p + 1] == '(') {
            size_t e = jk_md_link_dest_end(t, p, b);
            p = e == JK_NONE ? p + 2 : e;
            continue;
        }
        if (c == '<' && jk_md_comment_open_at(t, p, b)) {
            size_t e = no_cmt_end ? JK_NONE : jk_md_comment_end(t, p + 4, b);
            if (e == JK_NONE && st->cmt_on)
                return 0;  /* a comment to a later line */
            no_cmt_end = e == JK_NONE; /* then no later `<!--` is closed */
            p = e == JK_NONE ? p + 4 : e;
            continue;
        }
        size_t ial = c == '{' ? jk_md_ial_end(t, p, b) : 0;
        if (ial) {          /* `{: #overview}`: no tag */
            p = ial;
            continue;
        }
        if (c == '<') {    /* `<span style="color: #ff0000">`: no tag */
            size_t e = jk_md_tag_end(t, p, b);
            p = e ? e : p + 1;
            continue;
        }
        if (c == '%' && p + 1 < b && t[p + 1] == '%') {
            size_t e = jk_md_pct_comment_end(t, p + 2, b);
            if (e == JK_NONE && pct_later(st, b))
                return 0;  /* a comment to a later line */
            p = e == JK_NONE ? p + 2 : e;
            continue;
        }
        if (c == '#' && p + 2 < b && t[p + 1] == '[' && t[p + 2] == '[' &&
            (p == a || is_sp(t[p - 1]) || t[p - 1] == '(')) {
            /* Logseq's `#[[정산 시스템]]`: a tag with blanks, on one line.
             * The search for its `]` stops at a tag's longest: a line of
             * `#[[` stays linear (QA: 4 MiB of them took 49 s). */
            size_t room = b - p - 3 < JK_MAX_TAG + 1 ? b - p - 3 : JK_MAX_TAG + 1;
            const char *q = memchr(t + p + 3, ']', room);
            size_t e = q ? (size_t)(q - t) : b;
            if (q && e + 1 < b && t[e + 1] == ']' && e > p + 3 &&
                e - p - 3 <= JK_MAX_TAG && !memchr(t + p + 3, '[', e - p - 3)) {
                if (add_inline_tag(st, t + p + 3, e - p - 3) < 0)
                    return -1;
                p = e + 2;
                continue;
            }
        }
        if (c != '#' || p + 1 >= b || !jk_md_tag_byte(t[p + 1]) ||
            !(p == a || is_sp(t[p - 1]) || t[p - 1] == '(')) {
            p++;
            continue;
        }
        size_t e = p + 1;
        int digits_only = 1;
        while (e < b && jk_md_tag_byte(t[e])) {
            digits_only &= t[e] >= '0' && t[e] <= '9';
            e++;
        }
        if (!digits_only && e - p - 1 <= JK_MAX_TAG &&
            add_inline_tag(st, t + p + 1, e - p - 1) < 0)
            return -1;
        p = e;
    }
    return 0;
}

/* Whether a `%%` outside code (jk_md_pct_next()) follows position b in the
 * note: a `%%` opened before b is then a comment, else text (Obsidian
 * would hide the rest of the note; a stray `%%` must not lose it). */
static int
pct_later(sectioner *st, size_t b)
{
    return jk_md_pct_next(&st->ps, st->t, st->len, b) != JK_NONE;
}

/* Whether line ln leaves a `<!--` open that goes on to a later line
 * (jk_md_comment_continues(), as jk_md_blank_text() decides). */
static int
comment_goes_on(sectioner *st, const jk_line *ln)
{
    const char *t = st->t;
    size_t a = ln->start, b = ln->end;
    return memchr(t + a, '<', b - a) && jk_md_leaves_comment_open(t, a, b) &&
           jk_md_comment_continues(t, st->len, ln,
                                   jk_md_comment_block_opens(t, a, b),
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
    size_t i = jk_md_indent3_end(t, a, b);
    char c = t[i];
    if (c == ' ' || c == '\t' || c == '>' || c == '<' || c == '|' ||
        jk_md_setext_underline(t, a, b) ||
        jk_md_fence_open(t, a, b, &(char){0}, &(size_t){0}))
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
    jk_md_line_at(t, st->len, ln->next, &nx);
    char u = jk_md_setext_underline(t, nx.start, nx.end);
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
        unsigned qd = jk_md_quote_prefix(t, a, b, &after);
        if (st->fquote == 0 || qd >= st->fquote) {
            size_t c = jk_md_quote_skip(t, a, b, st->fquote);
            if (jk_md_fence_close_at(t, c, b, st->flist, st->fch, st->flen))
                st->in_fence = 0;
            if (!blank_line)
                mark_line(st, ln, lineno);
            return 0;
        }
        st->in_fence = 0;
    }
    if (st->in_raw) {
        size_t e = jk_md_raw_block_end(t, a, b);
        st->in_raw = e == JK_NONE;
        /* A `<pre>` that starts the note opens its first section with its
         * first line of text, as a fence's line would. */
        if (!blank_line && st->raw_shown)
            return content_line(st, ln, lineno, e == JK_NONE ? b : e);
        if (!blank_line)
            mark_line(st, ln, lineno);
        if (e == JK_NONE)
            return 0;
        size_t g = jk_md_tag_end(t, e, b);   /* `</style> #tag`: text again */
        st->cmt_on = 0;
        return scan_inline_tags(st, g ? g : b, b);
    }
    if (st->in_comment) {
        size_t q = jk_md_open_comment_end(st->in_comment, t, a, b);
        if (q != JK_NONE)
            st->in_comment = st->in_comment == 2 && jk_md_pct_opens(t, q, b) &&
                             pct_later(st, b) ? 2 : 0;
        if (!blank_line)
            mark_line(st, ln, lineno);
        /* `--> #tag` or `%% #tag`: the rest of the line is text */
        if (q != JK_NONE && !st->in_comment) {
            st->cmt_on = comment_goes_on(st, ln);
            return scan_inline_tags(st, q, b);
        }
        return 0;
    }
    int after_text = st->prev_text;
    st->prev_text = 0;
    if (jk_md_icode_line(&st->ic, t, a, b)) { /* kept as written: no tags */
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
    unsigned level = jk_md_atx_heading(t, a, b, &hs, &he);
    if (!level)
        level = jk_md_list_heading(t, a, b, &hs, &he);
    st->cmt_on = 0; /* a heading's comment ends with it */
    if (level || (!after_text && (level = setext_heading(st, ln, &hs, &he)))) {
        const char *h = heading_text(st, hs, he);
        if (scan_inline_tags(st, hs, he) < 0)
            return -1;
        if (!h)
            return -1;
        return on_heading(st, ln, lineno, level, h);
    }
    unsigned qd = jk_md_quote_prefix(t, a, b, &after);
    size_t te;
    int raw = jk_md_raw_block_open(t, a, b, &te);
    if (raw) {
        st->in_raw = jk_md_raw_block_end(t, te, b) == JK_NONE;
        st->raw_shown = raw == 'p';
        st->cmt_on = 0;
        return content_line(st, ln, lineno, b);
    }
    if (jk_md_fence_open_at(t, after, b, st->ic.in_list, &st->fch,
                            &st->flen)) {
        st->in_fence = 1;
        st->flist = st->ic.in_list;
        st->fquote = qd;
        return content_line(st, ln, lineno, b);
    }
    st->cmt_on = comment_goes_on(st, ln);
    if (st->cmt_on)   /* a block's, or one inside a paragraph */
        st->in_comment = 1;
    else if (memchr(t + a, '%', b - a) && jk_md_pct_opens(t, a, b) &&
             pct_later(st, b))
        st->in_comment = 2;
    if (scan_inline_tags(st, a, b) < 0)
        return -1;
    st->prev_text = !st->in_comment;
    return html_and_content(st, ln, lineno);
}

/* The file name part of path. */
static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether a file name starts with a date, YYYY-MM-DD not followed by a
 * digit (`2024-07-20회고.md` too), stored in out as "YYYY-MM-DD". */
static int
name_date(const char *base, char out[11])
{
    /* YYYY-MM-DD, or YYYY_MM_DD as Logseq names its journals */
    char sep = base[0] && base[1] && base[2] && base[3] ? base[4] : 0;
    if (sep != '-' && sep != '_')
        return 0;
    char d[10];
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7 ? base[i] != sep : !(base[i] >= '0' &&
                                                   base[i] <= '9'))
            return 0;
        d[i] = i == 4 || i == 7 ? '-' : base[i];
    }
    return !(base[10] >= '0' && base[10] <= '9') &&
           jk_frontmatter_date(d, 10, out);
}

/* A note without a date in its front matter takes the one its file name
 * starts with: `2024-03-01-kafka-retry.md` (Jekyll's _posts),
 * `2024-03-01.md` (a daily note), `2024_03_01.md` (Logseq's journals). */
static void
date_from_file_name(jikji_note_t *n, const char *path)
{
    char d[11];
    if (!n->fm.date[0] && path && name_date(base_name(path), d))
        memcpy(n->fm.date, d, sizeof d);
}

/* The title of a note with neither a front matter title nor an h1: its
 * file name without the extension.  A Jekyll post's name is its date and
 * a slug (`2024-03-01-kafka-retry.md`); the title is then the slug's
 * words, as Jekyll makes it ("kafka retry"; the date is the note's). */
static char *
title_from_file_name(jikji_note_t *n, const char *path)
{
    const char *base = base_name(path ? path : "");
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char d[11];
    jk_buf b = JK_BUF_INIT;
    int slug = len > 11 && base[10] == '-' && name_date(base, d);
    if (slug) {
        base += 11;
        len -= 11;
    }
    if (jk_display_clean(&b, base, len, JK_MAX_HEADING) < 0) {
        jk_buf_fini(&b);
        return NULL;
    }
    for (size_t i = 0; slug && i < b.len; i++)
        if (b.data[i] == '-')
            b.data[i] = ' ';
    char *t = arena_strndup(&n->arena, b.len ? b.data : "untitled",
                            b.len ? b.len : 8);
    jk_buf_fini(&b);
    return t;
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
    } else if (!(n->title = title_from_file_name(n, path))) {
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

/* Whether line `line` of the file (1-based; the front matter's lines
 * start at `from`, line 2) starts with a tab. */
static int
tab_indented(const char *t, size_t len, size_t from, unsigned line)
{
    if (line < 2)
        return 0;
    size_t p = from;
    for (unsigned l = 2; l < line && p < len; l++) {
        const char *nl = memchr(t + p, '\n', len - p);
        if (!nl)
            return 0;
        p = (size_t)(nl - t) + 1;
    }
    return p < len && t[p] == '\t';
}

/* Logseq's page properties (`tags:: kafka, 면접` lines first in the
 * note), if any, as front matter; the lines stay in the body, as Logseq
 * shows them. */
static jikji_status_t
logseq_properties(jikji_note_t *n, const char *t, size_t len,
                  const char *path, jikji_warning_fn warn, void *ud)
{
    size_t pl = jk_logseq_props_len(t, len);
    if (!pl)
        return JIKJI_OK;
    unsigned err_line = 0;
    char *msg = NULL;
    jikji_status_t st = jk_frontmatter_parse_logseq(t, pl, 1, &n->fm,
                                                    &err_line, &msg);
    if (st != JIKJI_OK && st != JIKJI_ENOMEM && warn) {
        jk_buf m = JK_BUF_INIT;
        if (jk_buf_printf(&m, "page properties not read (%s)",
                          msg ? msg : jikji_status_str(st)) == 0)
            warn(ud, path, err_line, st, m.data);
        jk_buf_fini(&m);
    }
    free(msg);
    return st == JIKJI_ENOMEM ? st : JIKJI_OK;
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
    jk_md_line_at(t, len, pos, &open);
    /* YAML between `---` lines (Jekyll, Obsidian), or TOML between `+++`
     * lines (Hugo, Zola). */
    int toml = jk_md_is_delimiter(t, &open, '+');
    if (!toml && !jk_md_is_delimiter(t, &open, '-'))
        return logseq_properties(n, t + pos, len - pos, path, warn, ud);
    unsigned lineno = 2;
    for (size_t p = open.next; p < len; p = ln.next, lineno++) {
        jk_md_line_at(t, len, p, &ln);
        if (toml ? !jk_md_is_delimiter(t, &ln, '+')
                 : !jk_md_is_delimiter(t, &ln, '-') &&
                       !jk_md_is_delimiter(t, &ln, '.'))
            continue;
        unsigned err_line = 0;
        char *msg = NULL;
        jikji_status_t st =
            (toml ? jk_frontmatter_parse_toml : jk_frontmatter_parse)(
                t + open.next, ln.start - open.next, 2, &n->fm, &err_line,
                &msg);
        if (st == JIKJI_ENOMEM) {
            free(msg);
            return st;
        }
        /* Lines between two `---` rules that hold no keys (a paragraph,
         * a list) are no front matter: the note's text, as Markdown reads
         * them, not lost. */
        int text = n->fm.not_mapping;
        if (st != JIKJI_OK && warn) {
            /* libyaml's message as it is, however long */
            const char *say = msg ? msg : jikji_status_str(st);
            jk_buf m = JK_BUF_INIT;
            if (text && jk_buf_printf(&m, "%s; read as text", say) == 0)
                say = m.data;
            else if (!toml && tab_indented(t, len, open.next, err_line) &&
                     jk_buf_printf(&m, "%s: YAML does not take a tab to "
                                   "indent; indent with spaces", say) == 0)
                say = m.data; /* libyaml's words do not say it (QA) */
            else if (toml &&
                     jk_buf_printf(&m, "TOML front matter not read (%s)",
                                   say) == 0)
                say = m.data;
            warn(ud, path, err_line, st, say);
            jk_buf_fini(&m);
        }
        free(msg);
        if (text)
            return JIKJI_OK;
        if (n->fm.tag_comment_line && warn)
            warn(ud, path, n->fm.tag_comment_line, JIKJI_EFRONTMATTER,
                 "a '#' after a blank starts a YAML comment, so that tag is "
                 "lost: write tags: [kafka] or quote it ('#kafka')");
        if (n->fm.alias_line && warn)
            warn(ud, path, n->fm.alias_line, JIKJI_EFRONTMATTER,
                 "an alias of a list or mapping (or of no anchor) is not "
                 "read: write the values here");
        if (n->fm.over_key && warn) {
            jk_buf m = JK_BUF_INIT;
            if (jk_buf_printf(&m, "%s: only the first %d are kept; this "
                              "item and the ones after it are not",
                              n->fm.over_key, JK_FRONTMATTER_MAX_LIST) == 0)
                warn(ud, path, n->fm.over_line, JIKJI_EFRONTMATTER, m.data);
            jk_buf_fini(&m);
        }
        *body = ln.next;
        *body_line = lineno + 1;
        return JIKJI_OK;
    }
    if (warn)
        warn(ud, path, 1, JIKJI_EFRONTMATTER,
             toml ? "front matter has no closing '+++' line; read as text"
                  : "front matter has no closing '---' line; read as text");
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
    st.look = (jk_cmt_look)JK_CMT_LOOK_INIT;
    st.ic = (jk_icode)JK_ICODE_INIT;
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
    /* the body's code, not front matter's */
    jk_md_pct_scan_init(&st.ps, body);
    rc = JIKJI_ENOMEM;
    while (pos < len) {
        jk_line ln;
        jk_md_line_at(text, len, pos, &ln);
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
    if (st.capped_line && warn) {
        char m[160];
        snprintf(m, sizeof m, "more than %d sections: the headings from "
                 "here on are text of the last section", JK_NOTE_MAX_SECTIONS);
        warn(ud, path, st.capped_line, JIKJI_EINVAL, m);
    }
    n->nlines = lineno - 1;
    if (finish_note(n, st.h1, path) < 0)
        goto fail;
    if (n->fm.bad_date_line && warn) {
        /* date: filters would silently miss the note, or find it by
         * another date than the one written. */
        char m[160];
        snprintf(m, sizeof m, "'%s' is not a date (YYYY-MM-DD, a real day); "
                 "%s%s", n->fm.bad_date, n->fm.date[0] ? "the note's date is "
                 : "the note has no date", n->fm.date);
        warn(ud, path, n->fm.bad_date_line, JIKJI_EFRONTMATTER, m);
    }
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
    jk_section_blank(s, text, copy);
    *out = copy;
    return JIKJI_OK;
}

size_t
jikji_line_len(const char *text, size_t len)
{
    return text ? jk_line_len(text, len) : 0;
}

void
jk_section_blank(const jikji_section_t *s, const char *text, char *t)
{
    size_t n = s->end - s->start;
    /* Page properties are the note's first lines, with no front matter
     * before them (as logseq_properties() reads them). */
    int top = s->start == 0 ||
              (s->start == 3 && !memcmp(text, "\xEF\xBB\xBF", 3));
    jk_md_blank_text(t, n, top ? jk_logseq_props_len(t, n) : 0);
}
