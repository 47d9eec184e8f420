/* markdown.h - the Markdown line recognizers and the markup blanking that
 * note.c's sectioner and section text share (markdown.c).  Internal to
 * the library.
 *
 * Conventions: t is the note's text; a line is t[a, b) (b before its line
 * break), p a position in it.  Nothing allocates and nothing fails: a
 * recognizer answers 0 or JK_NONE for "no".  The functions that take a
 * char *t blank bytes of it in place (to spaces, or JK_DELETED in
 * heading text) and never change its length or its line breaks.
 */
#ifndef JIKJI_MARKDOWN_H
#define JIKJI_MARKDOWN_H

#include <stddef.h>
#include <string.h>

#define JK_NONE ((size_t)-1)
/* Marks markup deleted from heading text (control bytes are turned into
 * spaces first, so it cannot come from the note). */
#define JK_DELETED '\x01'

typedef struct jk_line {
    size_t start;   /* first byte */
    size_t end;     /* end of the content, before the line break */
    size_t next;    /* first byte of the next line */
} jk_line;

/* The searches that decide where an HTML comment left open at the end of
 * a line may close (jk_md_comment_continues()), cached for one forward
 * pass. */
typedef struct jk_cmt_look {
    size_t cmt_from, cmt_at;   /* the next "-->" (find_closer()) */
    size_t par_from, par_at;   /* the next blank line */
} jk_cmt_look;

#define JK_CMT_LOOK_INIT {JK_NONE, JK_NONE, JK_NONE, JK_NONE}

/* Indented code blocks (CommonMark, in part): a line indented by four
 * columns or more (a tab reaches the next multiple of four) after a blank
 * line, or first in the body, starts one unless it is inside a list (where
 * indented lines go on its items); the block runs over blank lines and
 * lines indented so.  A list starts at a line with a list marker (at most
 * three spaces in) and ends at a line indented less than two columns,
 * without a marker, after a blank line, or at a `#` heading.  Code right
 * after a heading (no blank line between) is read as text.  The sectioner
 * and jk_md_blank_text() feed it the same lines: every line outside code
 * fences and HTML or `%%` comments. */
typedef struct jk_icode {
    int in_code;      /* the last non-blank line was code */
    int in_list;
    int after_blank;  /* the line before was blank, or there was none */
} jk_icode;

#define JK_ICODE_INIT {0, 0, 1}

/* The `%%` that may close an Obsidian comment: those outside code
 * (fences, indented code, code spans), the note read as if it had no
 * comment.  A `%%` opened before them is a comment up to the first; with
 * none after it, it is text: `SQL LIKE 에서 %% 패턴` followed, sections
 * later, by `` `%%d` `` hid everything between, headings included.  The
 * scan goes forward only, over each line once, whatever the questions. */
typedef struct jk_pct_scan {
    size_t next;          /* the next line to read */
    size_t lpos, lend;    /* the rest of the line being scanned */
    size_t found;         /* the last closer found, or JK_NONE */
    int done;             /* no closer after `found` */
    int in_fence, flist;
    int in_raw;           /* in a raw HTML block (jk_md_raw_block_open()) */
    char fch;
    size_t flen;
    unsigned fquote;
    unsigned failed_ticks; /* jk_md_code_span_close() for the current line */
    size_t tick;          /* the line's next backtick at or after where it
                             was looked for (lend: none), when tick_ok */
    int tick_ok;
    jk_icode ic;
} jk_pct_scan;

/* Flags of jk_md_blank_inline(). */
enum {
    JK_BL_HEADING = 1  /* heading text: keep `#tag` */
};

/* Whether a byte is blank: space, tab, form feed or vertical tab. */
static inline int
is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Whether t[a, b) is blank. */
static inline int
is_blank(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!is_sp(t[i]))
            return 0;
    return 1;
}

/* Past the spaces and tabs at t[i, b). */
static inline size_t
skip_blanks(const char *t, size_t i, size_t b)
{
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i;
}

/* Length of the run of `c` at t[p, b). */
static inline size_t
run_len(const char *t, size_t p, size_t b, char c)
{
    size_t i = p;
    while (i < b && t[i] == c)
        i++;
    return i - p;
}

/* ASCII letter. */
static inline int
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ASCII letter or digit. */
static inline int
is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* ASCII case-insensitive: does t[p, b) start with the lower-case `lit`? */
static inline int
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

/* Find the line that starts at pos: it ends at LF, CRLF or a lone CR. */
void jk_md_line_at(const char *t, size_t len, size_t pos, jk_line *ln);

/* Where t[a, b) goes on after at most three spaces of indentation (what
 * a heading, a fence or an HTML block may have before it). */
size_t jk_md_indent3_end(const char *t, size_t a, size_t b);

/* Whether a line is exactly `c` three times (`---`, `...`), trailing
 * blanks allowed. */
int jk_md_is_delimiter(const char *t, const jk_line *ln, char c);

/* Count the blockquote markers at the start of t[a, b) (`>`, `> >`,
 * `>>`, each after at most three spaces).  *after is the position after
 * the last marker and the one space that may follow it, or a when there
 * is none. */
unsigned jk_md_quote_prefix(const char *t, size_t a, size_t b, size_t *after);

/* Position after the first `k` blockquote markers of t[a, b). */
size_t jk_md_quote_skip(const char *t, size_t a, size_t b, unsigned k);

/* If t[a, b) opens a code fence (at most three spaces, then three or more
 * '`' or '~'; a '`' fence's info string has no '`'), or a Liquid code
 * block (liquid_block_open), store its character and length and return
 * 1. */
int jk_md_fence_open(const char *t, size_t a, size_t b, char *fch,
                     size_t *flen);

/* If t[a, b) is an ATX heading (at most three spaces, 1-6 '#', then a
 * blank or the end of the line), return its level and set [*hs, *he) to
 * its text without the closing '#'s; else return 0. */
unsigned jk_md_atx_heading(const char *t, size_t a, size_t b, size_t *hs,
                           size_t *he);

/* If t[a, b), after blanks, is a property line `key:: value` (Logseq's,
 * Dataview's inline fields: an ASCII key of letters, digits, `_` and `-`,
 * a letter first, then `::` and a blank or the line's end), the start of
 * its value, with the key at [*key, *key + *key_len); else 0. */
size_t jk_md_property(const char *t, size_t a, size_t b, size_t *key,
                      size_t *key_len);

/* If t[a, b) is a list item (at any indentation: a nested one) whose
 * content is an ATX heading (`- ## 재시도 설계`, as Logseq writes every
 * heading; CommonMark renders it a heading too), its level, with
 * [*hs, *he) as jk_md_atx_heading() sets them; else 0. */
unsigned jk_md_list_heading(const char *t, size_t a, size_t b, size_t *hs,
                            size_t *he);

/* If t[p] == '<' starts an HTML tag that ends on this line, return the
 * position after its '>', else 0.  CommonMark's grammar: `<name` then
 * attributes (a blank, a name of ASCII letters, digits and `_.:-` not
 * starting with a digit, `.` or `-`, and optionally `=` and a value:
 * unquoted, '...' or "..."), blanks, an optional `/`, and `>`; or
 * `</name>`; name = ASCII letter, then letters, digits, '-'.  So
 * `<Real MySQL 8.0>` and `<Spring 5.0 입문>` (titles, as Korean writers
 * mark them) are text, and `<a href="x">` or `<br/>` a tag. */
size_t jk_md_tag_end(const char *t, size_t p, size_t b);

/* Like jk_md_tag_end(), for a tag whose blanks may be line breaks
 * (`<img src="x.png"` / `  alt="y">`), in t[p, n) with no blank line
 * inside: the position after its '>', else 0. */
size_t jk_md_tag_end_lines(const char *t, size_t p, size_t n);

/* If t[p] == '<' starts an autolink (`<https://x.io/a>`, `<me@x.io>`),
 * the position of its `>`, else JK_NONE: a scheme of 2 to 32 letters,
 * digits, `+.-` and `:`, or an address with `@`, then no blank or `<`. */
size_t jk_md_autolink_end(const char *t, size_t p, size_t b);

/* Is the tag t[p, e) (jk_md_tag_end()) an HTML element of inline
 * formatting (`<mark>`, `</b>`, `<span class=x>`)?  Hangul right after
 * one's end tag stays on its word, as after `**`
 * (`<mark>재시도 토픽</mark>을`), and a snippet shows no space for it. */
int jk_md_inline_element(const char *t, size_t p, size_t e);

/* Whether t[p, b) starts with `<!--`. */
int jk_md_comment_open_at(const char *t, size_t p, size_t b);

/* Position after the first `-->` in t[p, b), or JK_NONE. */
size_t jk_md_comment_end(const char *t, size_t p, size_t b);

/* Position after the first `%%` (the end of an Obsidian comment) in
 * t[p, b), or JK_NONE. */
size_t jk_md_pct_comment_end(const char *t, size_t p, size_t b);

/* Where the comment that a line opened ends in t[p, b): an HTML comment
 * (kind 1) at `-->`, an Obsidian one (kind 2) at `%%`; JK_NONE when it goes
 * on past the line. */
size_t jk_md_open_comment_end(int kind, const char *t, size_t p, size_t b);

/* For a backtick run t[p, p+n), the start of a closing run of exactly n
 * backticks in t[p+n, b), or JK_NONE.  *failed remembers the run lengths
 * that found no closer on this line, so each length fails once. */
size_t jk_md_code_span_close(const char *t, size_t p, size_t n, size_t b,
                             unsigned *failed);

/* Whether line t[a, b) has a `<!--` outside code spans that it does not
 * close (as jk_md_blank_inline() reads it). */
int jk_md_leaves_comment_open(const char *t, size_t a, size_t b);

/* Whether t[a, b) starts, after at most three spaces, with `<!--` that the
 * line does not close: an HTML comment block, hidden up to the `-->` of a
 * later line (when there is one: see jk_md_comment_continues()). */
int jk_md_comment_block_opens(const char *t, size_t a, size_t b);

/* Whether t[a, b) is a setext heading underline: at most three spaces,
 * two or more '=' or '-' (one kind), then blanks.  Returns the character
 * or 0. */
char jk_md_setext_underline(const char *t, size_t a, size_t b);

/* Whether t[a, b) ends inside an Obsidian `%%` comment opened on it:
 * its `%%` outside code spans, paired left to right, leave one over.
 * (Whether it really opens one depends on a `%%` later in the note.) */
int jk_md_pct_opens(const char *t, size_t a, size_t b);

/* For `](` at t[p], the position after the link destination's closing
 * ')' (destination without blanks, parentheses nested at most 4 deep,
 * then an optional quoted title), or JK_NONE.  The scan stops at the next
 * ']', so scans for different links never overlap. */
size_t jk_md_link_dest_end(const char *t, size_t p, size_t b);

/* Whether a `<!--` that line ln of t[.., n) leaves open goes on to a
 * later line: for a comment block (block: jk_md_comment_block_opens()) to the
 * next `-->` anywhere, blank lines included; for one opened inside a
 * paragraph (inline HTML), to a `-->` before the paragraph ends at a blank
 * line.  With no such `-->`, the `<!--` is text.  The sectioner and
 * jk_md_blank_text() both decide by it; lines come in order. */
int jk_md_comment_continues(const char *t, size_t n, const jk_line *ln,
                            int block,
                  jk_cmt_look *c);

/* Whether t[a, b) is a link reference definition `[label]: url` (not a
 * footnote `[^1]: text`): its url may be a #fragment, never a tag. */
int jk_md_link_ref_def(const char *t, size_t a, size_t b);

/* Is c (a byte) allowed inside an inline #tag?  Letters of any script,
 * digits, and _ - / (Obsidian's nested tags). */
int jk_md_tag_byte(char c);

/* If t[p] starts a kramdown attribute list (`{: #id .class key=\"v\"}`,
 * `{#id}`, `{.class}`, as Jekyll themes put after a heading or a block)
 * that ends on the line, the position after its `}`, else 0. */
size_t jk_md_ial_end(const char *t, size_t p, size_t b);

/* What a line of a paragraph leaves open for its next lines, in body
 * text (jk_md_blank_text()): a link's `[` whose `](url)` is on a later
 * line (`[the Kafka consumer` / `docs](url)`), and a tag that runs on. */
typedef struct jk_md_carry {
    size_t n;        /* the text's length: how far a tag may run on */
    size_t br, img;  /* the open link's `[` and its image's `!`, or JK_NONE */
    size_t tag_end;  /* the end of a tag begun on an earlier line, or 0 */
} jk_md_carry;

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
 * carry (NULL: none) gives the link the line before left open, which a
 * `](url)` on this line closes, and gets the one this line leaves open;
 * with it, an HTML tag that runs on past the line (within carry->n) is
 * blanked to the line's end and its end stored in carry->tag_end.
 */
int jk_md_blank_inline(char *t, size_t a, size_t b, unsigned flags,
                       int pct_later, int cmt_later, jk_md_carry *carry);

/* Feed line t[a, b) to ic; whether it is a line of indented code (blank
 * lines are not, whatever the block around them). */
int jk_md_icode_line(jk_icode *ic, const char *t, size_t a, size_t b);

/* If t[a, b) opens such a block (at most three spaces, `<` and the name,
 * then a blank, `>` or the line's end), 'p' for one shown, 's' for one
 * hidden; *tag_end_at gets the end of the opening tag (or b); else 0. */
int jk_md_raw_block_open(const char *t, size_t a, size_t b,
                         size_t *tag_end_at);

/* Where a line ends a raw block: the start of its first `</pre>`,
 * `</textarea>`, `</script>` or `</style>` (any case), or JK_NONE. */
size_t jk_md_raw_block_end(const char *t, size_t a, size_t b);

int jk_md_fence_open_at(const char *t, size_t a, size_t b, int in_list,
                        char *fch,
              size_t *flen);

int jk_md_fence_close_at(const char *t, size_t a, size_t b, int in_list,
                         char fch,
               size_t flen);

void jk_md_pct_scan_init(jk_pct_scan *ps, size_t start);

/* The first `%%` outside code at or after `from` in t[.., n), or JK_NONE.
 * Calls must come with `from` never decreasing. */
size_t jk_md_pct_next(jk_pct_scan *ps, const char *t, size_t n, size_t from);

/* Blank markup in t[0, n), a run of whole lines that starts outside any
 * code fence or HTML comment (the start of a section): see
 * jikji_section_text().  Line breaks are kept.  An HTML comment left open
 * at the end of a line goes on only as jk_md_comment_continues() says: with no
 * `-->` to close it, `HTML 주석은 <!-- 로 시작합니다` hid the rest of its
 * section, and an unclosed block the rest of the note.  The lines of
 * t[0, props) are Logseq page properties (jk_logseq_props_len()): their
 * keys are markup. */
void jk_md_blank_text(char *t, size_t n, size_t props);

#endif /* JIKJI_MARKDOWN_H */
