/* snippet.c - the best window of a section for a query, with the matched
 * words marked.
 *
 * The section is read again from the note (the index stores only its byte
 * range), markup is blanked exactly as at index time, and the text is
 * tokenized with the same tokenizer; query patterns are matched at
 * consecutive positions, so a Korean word is highlighted only where all of
 * its bigrams follow each other.  The window is the one covering the most
 * distinct query words.
 */
#include "snippet.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "buf.h"
#include "db.h"
#include "markdown.h"
#include "norm.h"
#include "tokenize.h"

typedef struct stok {
    const char *term; /* in stoks.terms, set once all are collected */
    size_t off;       /* where term is in stoks.terms */
    char *stem;    /* "Z..." once asked for (tok_matches); NULL if none */
    size_t len;
    uint32_t pos;
    int run_start;
    int stemmable; /* a word or a part of one: it may have a stem */
    int bigram;    /* two characters of a Hangul/Han/Kana run */
    int stemmed;   /* stem computed */
    size_t start, end;
} stok;

typedef struct stoks {
    jikji_db_t *db;
    stok *v;
    size_t n, cap;
    jk_buf terms;  /* the tokens' terms, NUL-terminated, back to back: one
                      allocation instead of one per token */
    size_t base;   /* offset of the tokenized chunk in the section text */
    const unsigned char *first; /* first code points a match can start
                                   with (jk_tokenize_first()), or NULL
                                   for any */
    int oom;
} stoks;

/* A match of query patterns: where, and which query words it stands for
 * (bit word % 64), several once overlapping matches are merged. */
typedef struct match {
    size_t start, end;
    uint64_t words;
    uint64_t typed; /* of words, those matched in the form typed */
} match;

static int
collect(void *ud, const jikji_token_t *t)
{
    stoks *s = ud;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        stok *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            goto oom;
        s->v = v;
        s->cap = cap;
    }
    stok *k = &s->v[s->n];
    memset(k, 0, sizeof *k);
    k->off = s->terms.len;
    /* The term and its NUL (jk_buf_reserve leaves room for one more) */
    if (jk_buf_reserve(&s->terms, t->term_len + 1) < 0)
        goto oom;
    char *dst = s->terms.data + s->terms.len;
    memcpy(dst, t->term, t->term_len);
    dst[t->term_len] = dst[t->term_len + 1] = '\0';
    s->terms.len += t->term_len + 1;
    s->n++;
    k->len = t->term_len;
    k->pos = t->pos;
    k->run_start = t->run_start;
    k->start = s->base + t->start;
    k->end = s->base + t->end;
    k->stemmable = t->kind == JIKJI_TOKEN_WORD || t->kind == JIKJI_TOKEN_PART;
    k->bigram = t->kind == JIKJI_TOKEN_BIGRAM;
    return 0;
oom:
    s->oom = 1;
    return 1;
}

/* Does element e match token j?  The token's stem is computed only when
 * nothing else can match: stems keep a word's first letter (the English
 * stemmer rewrites endings only), so a word whose first letter differs
 * from the stem's needs none.  Stemming every word of every hit's section
 * was 6% of a search process. */
static int
tok_matches(stoks *s, size_t j, const jk_pelem *e)
{
    stok *k = &s->v[j];
    /* Any match starts with the same byte (a stem keeps its word's first
     * letter): most pairs stop here. */
    if (e->term[0] != k->term[0] && !(e->prefix && !e->term[0]) &&
        !(e->stem && e->stem[1] == k->term[0]))
        return 0;
    if (jk_pelem_match(e, k->term, k->len, NULL, k->run_start))
        return 1;
    if (!e->stem || e->prefix || !k->stemmable || e->stem[1] != k->term[0])
        return 0;
    if (!k->stemmed) {
        char stem[256];
        size_t sl = jk_db_stem_term(s->db, k->term, k->len, stem, sizeof stem);
        if (sl && !(k->stem = jk_strndup(stem, sl))) {
            s->oom = 1;
            return 0;
        }
        k->stemmed = 1;
    }
    return k->stem && jk_pelem_match(e, k->term, k->len, k->stem, k->run_start);
}

/* Does pattern p match starting at token i?  Sets *last to the token of
 * its last element. */
static int
match_at(stoks *s, size_t i, const jk_pattern *p, size_t *last)
{
    if (!tok_matches(s, i, &p->e[0]))
        return 0;
    size_t cur = i;
    for (size_t k = 1; k < p->n; k++) {
        uint32_t want = s->v[i].pos + (uint32_t)k;
        size_t j = cur + 1;
        while (j < s->n && s->v[j].pos < want)
            j++;
        int found = 0;
        for (; j < s->n && s->v[j].pos == want; j++)
            if (tok_matches(s, j, &p->e[k])) {
                found = 1;
                cur = j;
                break;
            }
        if (!found)
            return 0;
    }
    *last = cur;
    return 1;
}

static int
cmp_match(const void *a, const void *b)
{
    const match *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? 1 : x->end > y->end ? -1 : 0;
}

/* The first grapheme cluster boundary at or after byte i of text[floor,
 * len) (i at a code point start), so that a cut never splits a
 * user-perceived character: a letter and its combining marks, conjoining
 * jamo, an emoji sequence, CR LF.  Plain text costs a byte test; else the
 * clusters are followed from a little before i (64 bytes hold any real
 * one).  An invalid byte is a cluster of its own. */
static size_t
cluster_start(const char *text, size_t len, size_t floor, size_t i)
{
    if (i <= floor || i >= len)
        return i;
    unsigned char b = (unsigned char)text[i], a = (unsigned char)text[i - 1];
    /* Nothing joins an ASCII character to the one before it but CR LF. */
    if (b < 0x80 && !(b == '\n' && a == '\r'))
        return i;
    /* Between two code points of the classes whose rules need no state
     * (all but emoji sequences and flags), the pair decides. */
    size_t q = i - 1;
    while (q > floor && ((unsigned char)text[q] & 0xC0) == 0x80)
        q--;
    utf8proc_int32_t c1, c2;
    if (utf8proc_iterate((const utf8proc_uint8_t *)text + q,
                         (utf8proc_ssize_t)(i - q), &c1) != (utf8proc_ssize_t)(i - q) ||
        utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                         (utf8proc_ssize_t)(len - i), &c2) <= 0)
        return i; /* an invalid byte is a cluster of its own */
    int k1 = utf8proc_get_property(c1)->boundclass,
        k2 = utf8proc_get_property(c2)->boundclass;
    if (k1 <= UTF8PROC_BOUNDCLASS_LVT && k2 <= UTF8PROC_BOUNDCLASS_LVT &&
        utf8proc_grapheme_break(c1, c2))
        return i;
    /* Flags pair up their regional indicators from the start of a run,
     * which may be further back than the walk below looks (QA: a row of
     * flags was cut between the halves of one): an odd number of them
     * before i puts i inside a pair. */
    if (k2 == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR &&
        k1 == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) {
        size_t n = 0, p = i;
        utf8proc_int32_t cp;
        while (p >= floor + 4 &&
               utf8proc_iterate((const utf8proc_uint8_t *)text + p - 4, 4,
                                &cp) == 4 &&
               utf8proc_get_property(cp)->boundclass ==
                   UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) {
            n++;
            p -= 4;
        }
        return n % 2 == 0 || i + 4 > len ? i : i + 4;
    }
    size_t p = i > floor + 64 ? i - 64 : floor;
    while (p > floor && ((unsigned char)text[p] & 0xC0) == 0x80)
        p--;
    utf8proc_int32_t prev = -1, state = 0;
    while (p < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + p,
                                              (utf8proc_ssize_t)(len - p), &cp);
        int brk = k <= 0 || prev < 0 ||
                  utf8proc_grapheme_break_stateful(prev, cp, &state);
        if (p >= i && brk)
            return p;
        prev = k <= 0 ? -1 : cp;
        if (k <= 0)
            state = 0;
        p += k <= 0 ? 1 : (size_t)k;
    }
    return len;
}

/* Whether the code point at text[i] (a code point start, i < len) joins
 * the character before it on screen: a combining mark, a joiner, or the
 * vowel or final of conjoining jamo (decomposed Hangul, as macOS may
 * write it: 각 is three code points, one character).  So a snippet's
 * width counts characters, and an NFD note shows as much as an NFC one. */
static int
joins_previous(const char *text, size_t len, size_t i)
{
    unsigned char b = (unsigned char)text[i];
    if (b < 0xCC) /* below U+0300: none of these */
        return 0;
    /* A precomposed Hangul syllable (U+AC00..U+D7A3, lead bytes EA..ED)
     * is an LV or LVT cluster start: the common case of a Korean note,
     * decided without utf8proc's tables (a window of 120 characters was
     * 5,000 instructions). */
    if (b >= 0xEA && b <= 0xED && i + 2 < len) {
        unsigned c = (b & 0x0Fu) << 12 | ((unsigned char)text[i + 1] & 0x3Fu) << 6 |
                     ((unsigned char)text[i + 2] & 0x3Fu);
        if (c >= 0xAC00 && c <= 0xD7A3)
            return 0;
    }
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                         (utf8proc_ssize_t)(len - i), &cp) <= 0)
        return 0;
    switch (utf8proc_get_property(cp)->boundclass) {
    case UTF8PROC_BOUNDCLASS_EXTEND:
    case UTF8PROC_BOUNDCLASS_SPACINGMARK:
    case UTF8PROC_BOUNDCLASS_ZWJ:
    case UTF8PROC_BOUNDCLASS_V:
    case UTF8PROC_BOUNDCLASS_T:
        return 1;
    default:
        return 0;
    }
}

/* The byte offset after `n` bytes of text from `from` (at most len), the
 * code points that join the one before them not counted: the same span
 * of text in an NFD note as in an NFC one. */
static size_t
shown_bytes_end(const char *text, size_t len, size_t from, size_t n)
{
    size_t i = from;
    while (i < len) {
        size_t k = 1;
        while (i + k < len && ((unsigned char)text[i + k] & 0xC0) == 0x80)
            k++;
        if (!joins_previous(text, len, i)) {
            if (k > n)
                break;
            n -= k;
        }
        i += k;
    }
    return i;
}

static int
is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* The start of the next code point after i that does not join the one
 * before it, or len.  A run of blanks is one character, as render()
 * shows it: markup blanked to spaces (a link's address, a tag's
 * attributes) takes no room from a snippet's window. */
static size_t
next_char(const char *text, size_t len, size_t i)
{
    int blank = is_ws(text[i]);
    do {
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
    } while (i < len && (joins_previous(text, len, i) ||
                         (blank && is_ws(text[i]))));
    return i;
}

/* The offset `chars` characters after `from` (next_char() that many
 * times), not yet at a cluster boundary. */
static size_t
count_chars(const char *text, size_t len, size_t from, size_t chars)
{
    size_t i = from;
    while (i < len && chars--)
        i = next_char(text, len, i);
    return i;
}

/* Byte offset after advancing about `chars` characters from `from` in
 * text, at a cluster boundary (cluster_start()). */
static size_t
advance_chars(const char *text, size_t len, size_t from, size_t chars)
{
    return cluster_start(text, len, from, count_chars(text, len, from, chars));
}

/* The character starts of a text after some offset, found once as the
 * windows of a snippet ask for them: each match's window counts 120
 * characters, and counting them again for each of the overlapping
 * windows of a section's matches was 3% of a search's instructions. */
#define JK_CHAR_STARTS_MAX 65536 /* past this many, count each time */

typedef struct char_starts {
    size_t *v;      /* offsets, each next_char() of the one before */
    size_t n, cap;
    size_t from;    /* v[0] is next_char(from) */
    int failed;
} char_starts;

/* Find the next start after the last one found (or after cs->from).  0
 * when out of room: the caller counts without the cache from then on. */
static int
push_char_start(char_starts *cs, const char *text, size_t len)
{
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 512;
        size_t *v = cap <= JK_CHAR_STARTS_MAX
                        ? realloc(cs->v, cap * sizeof *v) : NULL;
        if (!v) { /* out of memory, or a huge run of overlapping windows */
            cs->failed = 1;
            return 0;
        }
        cs->v = v;
        cs->cap = cap;
    }
    size_t last = cs->n ? cs->v[cs->n - 1] : cs->from;
    cs->v[cs->n++] = next_char(text, len, last);
    return 1;
}

/* count_chars(text, len, from, chars), from the starts found so far. */
static size_t
count_chars_cached(char_starts *cs, const char *text, size_t len,
                   size_t from, size_t chars)
{
    if (cs->failed || chars == 0 || from >= len)
        return count_chars(text, len, from, chars);
    /* Windows that overlap share their starts; one past the starts found
     * begins anew (going through the gap could cost more than it saves). */
    if (from < cs->from || (cs->n ? from >= cs->v[cs->n - 1] : from != cs->from)) {
        cs->from = from;
        cs->n = 0;
    }
    /* The first start past from (there is one: from is before the last
     * found, or it is cs->from), then the chars-th. */
    if (cs->n == 0 && !push_char_start(cs, text, len))
        return count_chars(text, len, from, chars);
    size_t lo = 0, hi = cs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cs->v[mid] <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t want = lo + chars - 1;
    while (want >= cs->n) {
        if (cs->v[cs->n - 1] >= len)
            return len;
        if (!push_char_start(cs, text, len))
            return count_chars(text, len, from, chars);
    }
    return cs->v[want];
}

/* Byte offset about `chars` characters before `from`, not before `floor`,
 * at a cluster boundary; a run of blanks is one (next_char()). */
static size_t
back_chars(const char *text, size_t floor, size_t from, size_t chars)
{
    size_t i = from;
    while (i > floor && chars) {
        i--;
        while (i > floor && ((unsigned char)text[i] & 0xC0) == 0x80)
            i--;
        if (!joins_previous(text, from, i) &&
            !(is_ws(text[i]) && i + 1 < from && is_ws(text[i + 1])))
            chars--;
    }
    return cluster_start(text, from, floor, i);
}

/* First offset in [from, to) that is not blank, or to. */
static size_t
skip_blank(const char *text, size_t from, size_t to)
{
    while (from < to && is_ws(text[from]))
        from++;
    return from;
}

/* Whether c closes (a closing bracket or quote, , . ; : ! ?, their CJK and
 * full-width forms): no space before it. */
static int
closes(utf8proc_int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_PE || k == UTF8PROC_CATEGORY_PF ||
           (c > 0 && c < 0x80 && strchr(",.;:!?", (int)c)) || c == 0x3001 ||
           c == 0x3002 || c == 0xFF0C || c == 0xFF0E;
}

/* Whether c opens (a bracket or quote): no space after it. */
static int
opens(utf8proc_int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_PS || k == UTF8PROC_CATEGORY_PI;
}

/* How many bytes of raw[i, end) an inline HTML tag (<mark>, </b>, <span
 * class=x>) takes, or 1 for the `<` of an autolink (<https://...>), when
 * text has them blanked; else 0: a block tag (<br>, <div>, <li>) or
 * anything else separates words.  The reader's own tests decide
 * (markdown.h), so a snippet joins what the index joins. */
static size_t
inline_markup_len(const char *raw, const char *text, size_t i, size_t end)
{
    if (jk_md_autolink_end(raw, i, end) != JK_NONE)
        return 1; /* only the brackets are markup */
    size_t e = jk_md_tag_end(raw, i, end);
    if (!e || !jk_md_inline_element(raw, i, e))
        return 0;
    for (size_t k = i; k < e; k++)
        if (!is_ws(text[k]))
            return 0; /* not blanked as a tag */
    return e - i;
}

/* How many bytes of raw[i, end) a link's `](destination "title")` takes
 * when text has them blanked, else 0: blanks inside it (a title's, a
 * Liquid tag's) are markup, not a space between words. */
static size_t
link_markup_len(const char *raw, const char *text, size_t i, size_t end)
{
    if (i + 1 >= end || raw[i + 1] != '(')
        return 0;
    size_t e = jk_md_link_dest_end(raw, i, end);
    if (e == JK_NONE)
        return 0;
    for (size_t k = i; k < e; k++)
        if (!is_ws(text[k]))
            return 0; /* not blanked as a link */
    return e - i;
}

/* Combining marks on one letter a snippet shows: no script stacks more,
 * and a line of "a" + 100,000 accents is one grapheme the window cannot
 * cut (QA: a 200 KB snippet). */
#define JK_SNIPPET_MAX_MARKS 16

/* Count cp in *run, the combining marks in a row, or restart it at 0 for a
 * letter; returns the new count. */
static unsigned
marks_on_base(utf8proc_int32_t cp, unsigned *run)
{
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
        c == UTF8PROC_CATEGORY_MC)
        return *run < UINT_MAX ? ++*run : *run;
    return *run = 0;
}

/* Copy text[ws, we) into out, collapsing whitespace, turning control
 * characters into spaces and invalid UTF-8 into U+FFFD, and translate the
 * matches inside the window into spans of the output.  raw is the note's
 * bytes at the same offsets, text their blanked form (jikji_section_text):
 * a run of blanks that was only markup in raw gives no space before
 * closing punctuation or after opening punctuation, nor, when it was only
 * wrapping marks (a code span's backticks, a wikilink's brackets,
 * emphasis), before a Hangul syllable (a particle), as the note reads
 * rendered: `notification-dlq`, -> "notification-dlq,", ([[x]]) -> "(x)",
 * [[Kafka]]를 -> "Kafka를"; inline HTML tags (<mark>, <b>) and an
 * autolink's brackets count as wrapping marks.  Else a run gives one
 * space: it held real whitespace, or markup that separates
 * ([[note#heading]] -> "note heading"), or another HTML tag (which may
 * break a line). */
static int
render(const char *raw, const char *text, size_t ws, size_t we,
       const match *m, size_t nm, int lead, int trail, jk_buf *out,
       jikji_span_t **spans, size_t *nspans)
{
    jikji_span_t *sp = nm ? calloc(nm, sizeof *sp) : NULL;
    size_t ns = 0;
    if (nm && !sp)
        return -1;
    if (lead && jk_buf_puts(out, "… ") < 0)
        goto oom;
    size_t base = out->len, mi = 0;
    int space = 0, open = 0, run = 0, wraps = 1;
    int escapes = 0; /* the run is only escapes' backslashes (`\_`) */
    size_t inline_end = 0; /* the end of an inline tag being skipped */
    utf8proc_int32_t prev = 0; /* the last code point written */
    unsigned marks = 0; /* combining marks in a row on the last letter */
    for (size_t i = ws; i < we;) {
        unsigned char r = (unsigned char)raw[i];
        /* Close or open spans at this source offset. */
        if (open && i >= m[mi].end) {
            sp[ns++].end = out->len;
            open = 0;
            mi++;
        }
        while (!open && mi < nm && m[mi].start < i)
            mi++; /* starts before the window or inside a previous span */
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(we - i), &cp);
        /* C1 controls (U+009B is CSI to a terminal) and the bidi
         * embeddings, overrides and isolates (which can reorder what a
         * line shows) are controls too. */
        int ws_char = n <= 0 ? 0 : (cp == ' ' || cp == '\t' || cp == '\n' ||
                                    cp == '\r' || cp < 0x20 ||
                                    (cp >= 0x7F && cp < 0xA0) ||
                                    jk_is_bidi_control(cp));
        if (ws_char) {
            marks = 0;
            /* an escape's backslash (the character after it kept) */
            int esc = r == '\\' && i + 1 < we && raw[i + 1] == text[i + 1];
            escapes = (run ? escapes : 1) && esc;
            run = 1;
            size_t tag;
            if (i < inline_end)
                ; /* inside an inline tag: wrapping marks */
            else if (escapes)
                ; /* a run of escapes alone: no space at all */
            else if (r == '<' && (tag = inline_markup_len(raw, text, i, we)) > 0)
                inline_end = i + tag;
            else if (r == ']' && (tag = link_markup_len(raw, text, i, we)) > 0)
                inline_end = i + tag;
            else if (r <= ' ' || r == 0x7F || r == '<')
                space = 1; /* real whitespace, a control, or an HTML tag */
            else if (!strchr("`[]*_=~>", r))
                wraps = 0;
            i += (size_t)n;
            continue;
        }
        utf8proc_int32_t next = n <= 0 ? 0xFFFD : cp;
        if (run && !space && !escapes && !closes(next) && !opens(prev) &&
            !(wraps && next >= 0xAC00 && next <= 0xD7A3))
            space = 1; /* markup that separates */
        if (space && out->len > base && jk_buf_putc(out, ' ') < 0)
            goto oom;
        space = run = 0;
        wraps = 1;
        prev = next;
        if (!open && mi < nm && m[mi].start == i && m[mi].end <= we) {
            sp[ns].start = out->len;
            open = 1;
        }
        if (n <= 0) {
            /* One U+FFFD for a character cut short, not one a byte. */
            if (jk_buf_puts(out, "\xEF\xBF\xBD") < 0)
                goto oom;
            i += jikji_utf8_bad_len(text + i, we - i);
        } else if (marks_on_base(cp, &marks) > JK_SNIPPET_MAX_MARKS) {
            i += (size_t)n; /* a pile of marks on one letter: cut short */
        } else {
            if (jk_buf_append(out, text + i, (size_t)n) < 0)
                goto oom;
            i += (size_t)n;
        }
    }
    if (open)
        sp[ns++].end = out->len;
    if (trail && jk_buf_puts(out, " …") < 0)
        goto oom;
    if (!out->data && jk_buf_puts(out, "") < 0)
        goto oom;
    *spans = sp;
    *nspans = ns;
    return 0;
oom:
    free(sp);
    return -1;
}

/* The end of the user-perceived character at text[start] (a syllable
 * saved decomposed is several code points), at most end. */
static size_t
first_char_end(const char *text, size_t end, size_t start)
{
    size_t p = start + jk_u8len(text + start);
    return p >= end ? end : cluster_start(text, end, start, p);
}

/* A section of more than JK_SNIPPET_CHUNK + JK_SNIPPET_SLACK bytes is
 * searched for matches a chunk of about JK_SNIPPET_CHUNK bytes at a time,
 * cut after whitespace (jk_cut_after_blank(); a phrase across the cut is
 * missed), and the first chunk with a match in the body gives the
 * snippet: the tokens of a 27 MB note took 380 MB and 0.6 s for one hit.
 * Shorter sections, nearly all, are one chunk. */
#define JK_SNIPPET_CHUNK (256 * 1024)
#define JK_SNIPPET_SLACK (64 * 1024)

/* Tokenize text[from, to) into s (emptied first) and append the matches
 * of q's patterns to *m.  -1 on out of memory. */
static int
match_chunk(stoks *s, const jk_query *q, const char *text, size_t from,
            size_t to, match **m, size_t *nm, size_t *capm)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].stem);
    s->n = 0;
    jk_buf_clear(&s->terms);
    s->base = from;
    if (jk_tokenize_first(text + from, to - from, s->first, collect, s) !=
            JIKJI_OK ||
        s->oom)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        s->v[i].term = s->terms.data + s->v[i].off;
    for (size_t i = 0; i < s->n; i++)
        for (size_t p = 0; p < q->npats; p++) {
            size_t last;
            if (!match_at(s, i, &q->pats[p], &last))
                continue;
            if (*nm == *capm) {
                size_t cap = *capm ? *capm * 2 : 32;
                match *v = realloc(*m, cap * sizeof *v);
                if (!v)
                    return -1;
                *m = v;
                *capm = cap;
            }
            /* A syllable searched as a word start (때, 락을) matches the
             * bigram it starts (때마 of 때마다): mark the syllable. */
            const jk_pelem *le = &q->pats[p].e[q->pats[p].n - 1];
            size_t end = s->v[last].end;
            if (le->prefix && s->v[last].bigram && le->len < s->v[last].len)
                end = first_char_end(text, end, s->v[last].start);
            uint64_t bit = UINT64_C(1) << (q->pats[p].word % 64);
            (*m)[(*nm)++] = (match){s->v[i].start, end, bit,
                                    q->pats[p].other_form ? 0 : bit};
        }
    return s->oom ? -1 : 0; /* a stem (tok_matches) */
}

/* Sort the n matches of m by place and merge those that overlap (the
 * bigrams of one word, an identifier's parts, a dictionary entry and its
 * words apart), each standing for all their words.  Returns how many are
 * left. */
static size_t
sort_and_merge(match *m, size_t n)
{
    if (n)
        qsort(m, n, sizeof *m, cmp_match);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && m[i].start < m[k - 1].end) {
            if (m[i].end > m[k - 1].end)
                m[k - 1].end = m[i].end;
            m[k - 1].words |= m[i].words;
            m[k - 1].typed |= m[i].typed;
            continue;
        }
        m[k++] = m[i];
    }
    return k;
}

static void
free_toks(stoks *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].stem);
    free(s->v);
    jk_buf_fini(&s->terms);
}

/* Read bytes [start, end) of path into b; 0 or -1 with errno ENOENT or
 * ENOTDIR (file gone), else changed (errno set here: a previous hit's
 * ENOENT must not say a changed note is gone). */
static int
read_range(const char *path, uint64_t start, uint64_t end, uint64_t size,
           jk_buf *b)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    off_t fsize = lseek(fd, 0, SEEK_END);
    if (fsize < 0 || (uint64_t)fsize != size || end < start || end > size) {
        close(fd); /* edited since indexed: the range may be anywhere */
        errno = ESTALE;
        return -1;
    }
    size_t want = (size_t)(end - start);
    if (jk_buf_reserve(b, want) < 0) {
        close(fd);
        return -1;
    }
    size_t got = 0;
    while (got < want) {
        ssize_t n = pread(fd, b->data + got, want - got, (off_t)(start + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    b->len = got;
    b->data[got] = '\0';
    if (got != want) {
        errno = ESTALE; /* shorter than when indexed */
        return -1;
    }
    return 0;
}

/* Whether section raw[0, len) starts with a level-1 heading: an ATX one,
 * or a line underlined with '='.  The level-1 heading that gives a note
 * its title is left out of its section's heading path, so the path alone
 * cannot tell that section from the text before a note's first heading;
 * without this its snippet began with the title (`회고 답변...`). */
static int
starts_with_h1(const char *raw, size_t len)
{
    jk_line l1, l2;
    size_t hs, he;
    jk_md_line_at(raw, len, 0, &l1);
    if (jk_md_atx_heading(raw, 0, l1.end, &hs, &he) == 1)
        return 1;
    if (l1.end == 0 || l1.next >= len)
        return 0;
    jk_md_line_at(raw, len, l1.next, &l2);
    return jk_md_setext_underline(raw, l2.start, l2.end) == '=';
}

/* Where byte `off` of raw (len bytes, a section that starts at line
 * `line`) is: its line, as the reader counts them (jk_md_line_at()), and
 * its 1-based byte column. */
static void
line_col_at(const char *raw, size_t len, size_t off, unsigned line,
            unsigned *at_line, unsigned *at_col)
{
    jk_line ln;
    for (jk_md_line_at(raw, len, 0, &ln); ln.next <= off && ln.next < len;
         jk_md_line_at(raw, len, ln.next, &ln))
        line++;
    *at_line = line;
    *at_col = (unsigned)(off - ln.start + 1);
}

/* Where text[i] (the blanked form of raw, len bytes) came from in raw:
 * the same offset, unless it is Hangul that a join moved left over the
 * markup closing before it (`retryCount`를: jikji_section_text()), which
 * keeps it within its line: then the next place on the line where raw
 * has that character. */
static size_t
raw_offset(const char *raw, const char *text, size_t len, size_t i)
{
    size_t k = i < len ? jk_u8len(text + i) : 0;
    if (k == 0 || i + k > len || !memcmp(raw + i, text + i, k))
        return i;
    for (size_t p = i + 1; p + k <= len && raw[p] != '\n' && raw[p] != '\r';
         p++)
        if (!memcmp(raw + p, text + i, k))
            return p;
    return i;
}

jikji_status_t
jk_snippet(jikji_db_t *db, const jk_query *q, const jk_snippet_in *in,
           char **snippet, jikji_span_t **spans, size_t *nspans,
           unsigned *at_line, unsigned *at_col)
{
    jk_buf raw = JK_BUF_INIT, out = JK_BUF_INIT;
    char *text = NULL;
    /* Only tokens that may match are kept: match_at() finds an element's
     * token by position, and a dropped one could match no element. */
    stoks toks = {.db = db, .terms = JK_BUF_INIT,
                  .first = q->first_any ? NULL : q->first};
    match *m = NULL;
    size_t nm = 0, capm = 0;
    jikji_status_t st = JIKJI_ENOMEM;

    *snippet = NULL;
    *spans = NULL;
    *nspans = 0;
    *at_line = in->line;
    *at_col = 1;
    if (read_range(in->path, in->start, in->end, in->file_size, &raw) < 0) {
        /* The note changed or vanished since it was indexed: say so rather
         * than show the wrong lines. */
        *snippet = strdup(
            errno == ENOENT || errno == ENOTDIR
                ? "(note gone since indexed; run jikji index, or jikji "
                  "index --forget PATH for a vault you removed)"
            : errno == EACCES || errno == EPERM
                ? "(note cannot be read now: permission denied; its "
                  "sections stay until it can be read again)"
            : errno == ESTALE
                ? "(note changed since indexed; run jikji index)"
                : "(note cannot be read now; its sections stay until it "
                  "can be read again)");
        return *snippet ? JIKJI_OK : JIKJI_ENOMEM;
    }
    jikji_section_t sec = {.start = 0, .end = raw.len, .line = in->line,
                           .end_line = in->end_line, .level = in->level};
    if (jikji_section_text(&sec, raw.data, raw.len, &text) != JIKJI_OK)
        goto out;
    size_t len = raw.len;
    /* The body starts after the heading line; prefer windows there. */
    size_t body = 0;
    if (in->level > 0 || starts_with_h1(raw.data, len)) {
        body = jk_line_len(text, len);
        body += body < len;
    }
    /* All matches of all patterns, a chunk at a time until one is in the
     * body. */
    for (size_t from = 0, checked = 0; from < len;) {
        size_t to = jk_cut_after_blank(text, len, from, JK_SNIPPET_CHUNK,
                                       JK_SNIPPET_SLACK);
        if (match_chunk(&toks, q, text, from, to, &m, &nm, &capm) < 0)
            goto out;
        while (checked < nm && m[checked].start < body)
            checked++;
        if (checked < nm)
            break;
        from = to;
    }
    nm = sort_and_merge(m, nm);

    size_t width = in->width ? in->width : 120;
    size_t best_ws = body, best_score = 0;
    char_starts cs = {0};
    for (size_t i = 0; i < nm; i++) {
        if (m[i].start < body)
            continue;
        size_t ws = back_chars(text, body, m[i].start, width / 6);
        size_t we = cluster_start(text, len, ws,
                                  count_chars_cached(&cs, text, len, ws, width));
        /* 4 a query word the window has not had yet, 1 a repeat, and 4
         * more the first time a word shows in the form typed: the
         * sentence that says 재시도 above code that says retry four times
         * (QA), as the ranking weighs the typed form. */
        uint64_t seen = 0, seen_typed = 0;
        size_t score = 0;
        for (size_t j = i; j < nm && m[j].end <= we; j++) {
            uint64_t fresh = m[j].words & ~seen;
            uint64_t fresh_typed = m[j].typed & ~seen_typed;
            seen |= m[j].words;
            seen_typed |= m[j].typed;
            score += fresh ? 4 * (size_t)__builtin_popcountll(fresh) : 1;
            score += 4 * (size_t)__builtin_popcountll(fresh_typed);
        }
        if (score > best_score) {
            best_score = score;
            best_ws = ws;
        }
    }
    free(cs.v);
    /* A window that runs past the section's end gives its room to the
     * text before it: a section that fits is shown whole. */
    size_t tend = len;
    while (tend > body && is_ws(text[tend - 1]))
        tend--;
    size_t end_ws = back_chars(text, body, tend, width);
    if (end_ws < best_ws)
        best_ws = end_ws;
    if (best_score == 0 && skip_blank(text, body, len) >= len)
        best_ws = 0; /* a heading with no body (a setext heading's
                        underline is blanked): show the heading */
    /* Start at a word boundary when the window was moved back: the next
     * one within 20 bytes, else the one before within 40 (a long
     * identifier: `userFailureCallback으로` whole, not `erFailure...`). */
    size_t ws = best_ws;
    if (ws > body && !is_ws(text[ws - 1])) {
        size_t lim = shown_bytes_end(text, len, ws, 20), s = ws;
        while (s < lim && !is_ws(text[s]))
            s++;
        if (s < lim) {
            ws = s + 1;
        } else {
            size_t floor = ws - body > 40 ? ws - 40 : body;
            for (s = ws; s > floor && !is_ws(text[s - 1]); s--)
                ;
            if (s > floor || (s == body && s < ws))
                ws = s;
        }
    }
    size_t we = advance_chars(text, len, ws, width);
    /* End at a word boundary too: finish a word the window cuts when it
     * ends within 40 bytes, else leave it out (a match it holds stays). */
    if (we < len && we > ws && !is_ws(text[we]) && !is_ws(text[we - 1])) {
        size_t lim = shown_bytes_end(text, len, we, 40), e = we;
        while (e < lim && !is_ws(text[e]))
            e++;
        if (e < lim || e == len) {
            we = e;
        } else {
            size_t keep = ws, b = we;
            for (size_t i = 0; i < nm; i++)
                if (m[i].end <= we && m[i].end > keep)
                    keep = m[i].end;
            while (b > keep && !is_ws(text[b - 1]))
                b--;
            if (b > keep)
                we = b;
        }
    }
    size_t first = skip_blank(text, ws, we);
    /* Mark cut text with an ellipsis on either side. */
    int lead = first > body && skip_blank(text, body, first) < first;
    int trail = skip_blank(text, we, len) < len;
    if (render(raw.data, text, first, we, m, nm, lead, trail, &out, spans,
               nspans) < 0)
        goto out;
    for (size_t i = 0; i < nm; i++)
        if (m[i].start >= first && m[i].end <= we) {
            line_col_at(raw.data, raw.len,
                        raw_offset(raw.data, text, len, m[i].start),
                        in->line, at_line, at_col);
            break;
        }
    *snippet = jk_buf_steal(&out);
    st = *snippet ? JIKJI_OK : JIKJI_ENOMEM;
out:
    free_toks(&toks);
    free(m);
    free(text);
    jk_buf_fini(&raw);
    jk_buf_fini(&out);
    return st;
}

jikji_status_t
jk_snippet_marks(jikji_db_t *db, const jk_query *q, const char *text,
                 jikji_span_t **spans, size_t *nspans)
{
    stoks toks = {.db = db, .terms = JK_BUF_INIT,
                  .first = q->first_any ? NULL : q->first};
    match *m = NULL;
    size_t nm = 0, capm = 0, len = strlen(text);
    jikji_status_t st = JIKJI_ENOMEM;

    *spans = NULL;
    *nspans = 0;
    if (len && match_chunk(&toks, q, text, 0, len, &m, &nm, &capm) < 0)
        goto out;
    nm = sort_and_merge(m, nm);
    if (nm && !(*spans = malloc(nm * sizeof **spans)))
        goto out;
    for (size_t i = 0; i < nm; i++)
        (*spans)[i] = (jikji_span_t){m[i].start, m[i].end};
    *nspans = nm;
    st = JIKJI_OK;
out:
    free_toks(&toks);
    free(m);
    return st;
}
