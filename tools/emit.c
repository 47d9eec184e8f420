/* emit.c - search result formats. */
#include "emit.h"

#include <string.h>
#include <utf8proc.h>

#include "cli.h"

#define C_PATH "\033[35m"
#define C_LINE "\033[32m"
#define C_HEAD "\033[1m"
#define C_MATCH "\033[1;31m"
#define C_RANK "\033[2m"
#define C_OFF "\033[0m"

void
emit_json_string(FILE *f, const char *s)
{
    emit_json_string_n(f, s, strlen(s));
}

void
emit_json_string_n(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            fputs("\\ufffd", f);
            i += jikji_utf8_bad_len(s + i, len - i);
            continue;
        }
        switch (cp) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (cp < 0x20 || cp == 0x7F)
                fprintf(f, "\\u%04x", (unsigned)cp);
            else
                fwrite(s + i, 1, (size_t)n, f);
        }
        i += (size_t)n;
    }
    fputc('"', f);
}

void
emit_headings(FILE *f, const char *const *h, size_t n, size_t skip)
{
    int first = 1;
    for (size_t i = skip; i < n; i++) {
        if (!*h[i])
            continue;
        if (!first)
            fputs(" › ", f);
        fputs(h[i], f);
        first = 0;
    }
}

/* The spans of text as a JSON array of {start, end, text}. */
static void
emit_json_spans(FILE *f, const char *text, const jikji_span_t *spans,
                size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        const jikji_span_t *s = &spans[i];
        fprintf(f, "%s{\"start\":%zu,\"end\":%zu,\"text\":", i ? "," : "",
                s->start, s->end);
        emit_json_string_n(f, text + s->start, s->end - s->start);
        fputc('}', f);
    }
    fputc(']', f);
}

/* text[0, len) with its spans in the match colour; `back` is the colour
 * the text is in (it is set again after each match).  A span past len is
 * left out, one across it is cut there. */
static void
emit_marked_n(FILE *f, const char *text, size_t len, const jikji_span_t *spans,
              size_t n, const char *back)
{
    size_t at = 0;
    for (size_t i = 0; i < n && spans[i].start < len; i++) {
        const jikji_span_t *s = &spans[i];
        size_t end = s->end < len ? s->end : len;
        fwrite(text + at, 1, s->start - at, f);
        /* the text's colour again only where text follows */
        fprintf(f, "%s%.*s%s%s", C_MATCH, (int)(end - s->start),
                text + s->start, C_OFF, end < len ? back : "");
        at = end;
    }
    fwrite(text + at, 1, len - at, f);
}

static void
emit_marked(FILE *f, const char *text, const jikji_span_t *spans, size_t n,
            const char *back)
{
    emit_marked_n(f, text, strlen(text), spans, n, back);
}

/* The columns a terminal gives the user-perceived character s[0, n)
 * (utf8proc's widths: 2 for Hangul and emoji; 2 for a character an emoji
 * variation selector makes an emoji, as terminals show it). */
static int
cluster_width(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return w > 1 ? w : 1;
        int cw = cp == 0xFE0F ? 2 : utf8proc_charwidth(cp);
        if (cw > w)
            w = cw;
        i += (size_t)k;
    }
    return w;
}

/* Where the user-perceived character that starts at s[i] ends (utf8proc's
 * grapheme clusters). */
static size_t
cluster_end(const char *s, size_t len, size_t i)
{
    utf8proc_int32_t prev = -1, state = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0)
            return prev < 0 ? i + 1 : i;
        if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
            return i;
        prev = cp;
        i += (size_t)k;
    }
    return i;
}

/* How many bytes of snippet s to show after a 4-column indent on a
 * terminal `cols` wide, so that it fills whole lines and no line carries a
 * few words over: one line, or two for text of wide characters (Korean,
 * two columns a character, as many characters as a line is wide), less
 * the 2 columns of the " …" that then ends it (*cut set). */
static size_t
fit_snippet(const char *s, unsigned cols, int *cut)
{
    size_t len = strlen(s), total = 0, wide = 0;
    *cut = 0;
    for (size_t i = 0; i < len;) {
        size_t e = cluster_end(s, len, i);
        int w = cluster_width(s + i, e - i);
        total += (size_t)w;
        wide += w > 1 ? (size_t)w : 0;
        i = e;
    }
    /* two lines when wide characters take a third of it or more */
    size_t budget = (wide * 3 >= total ? 2 : 1) * cols - 4;
    if (cols < 8 || total <= budget)
        return len;
    size_t room = budget - 2, used = 0, at = 0, space = 0;
    while (at < len) {
        size_t e = cluster_end(s, len, at);
        size_t w = (size_t)cluster_width(s + at, e - at);
        if (used + w > room)
            break;
        if (s[at] == ' ' && used + 20 >= room)
            space = at; /* a word boundary near the end */
        used += w;
        at = e;
    }
    if (space)
        at = space;
    while (at > 0 && s[at - 1] == ' ')
        at--;
    *cut = 1;
    return at;
}

/* The snippet after its indent, fitted to a terminal cols wide (0: as it
 * is), with matches in colour when asked. */
static void
emit_snippet_fit(FILE *f, const jikji_hit_t *h, int color, unsigned cols)
{
    int cut = 0;
    size_t n = cols ? fit_snippet(h->snippet, cols, &cut) : strlen(h->snippet);
    emit_marked_n(f, h->snippet, n, h->spans, color ? h->nspans : 0, "");
    if (cut)
        fputs(" \xE2\x80\xA6", f);
}

/* A hit's heading path, its matched words in colour when asked. */
static void
emit_hit_headings(FILE *f, const jikji_hit_t *h, int color, const char *back)
{
    if (!color || !h->heading_spans) {
        emit_headings(f, h->headings, h->nheadings, 0);
        return;
    }
    int first = 1;
    for (size_t i = 0; i < h->nheadings; i++) {
        if (!*h->headings[i])
            continue;
        if (!first)
            fputs(" › ", f);
        emit_marked(f, h->headings[i], h->heading_spans[i],
                    h->heading_nspans[i], back);
        first = 0;
    }
}

void
emit_hit_json(FILE *f, const jikji_hit_t *h)
{
    fputs("{\"type\":\"hit\",\"rank\":", f);
    fprintf(f, "%u,\"path\":", h->rank);
    emit_json_string(f, cli_display_path(h->path));
    fprintf(f, ",\"line\":%u,\"end_line\":%u,\"title\":", h->line, h->end_line);
    emit_json_string(f, h->title);
    fputs(",\"headings\":[", f);
    for (size_t i = 0; i < h->nheadings; i++) {
        if (i)
            fputc(',', f);
        emit_json_string(f, h->headings[i]);
    }
    fputs("],\"date\":", f);
    if (*h->date)
        emit_json_string(f, h->date);
    else
        fputs("null", f);
    fprintf(f, ",\"score\":%.4f,\"snippet\":", h->score);
    emit_json_string(f, h->snippet);
    fputs(",\"matches\":", f);
    emit_json_spans(f, h->snippet, h->spans, h->nspans);
    fputs(",\"heading_matches\":[", f);
    for (size_t i = 0; i < h->nheadings; i++) {
        if (i)
            fputc(',', f);
        emit_json_spans(f, h->headings[i],
                        h->heading_spans ? h->heading_spans[i] : NULL,
                        h->heading_nspans ? h->heading_nspans[i] : 0);
    }
    fputs("]}\n", f);
}

void
emit_hit_line(FILE *f, const jikji_hit_t *h, int color)
{
    fputs(color ? C_PATH : "", f);
    cli_put_path(f, h->path);
    fprintf(f, "%s:%s%u%s:", color ? C_OFF : "", color ? C_LINE : "", h->line,
            color ? C_OFF : "");
    emit_hit_headings(f, h, color, "");
    fputc('\t', f);
    emit_snippet_fit(f, h, color, 0);
    fputc('\n', f);
}

void
emit_hit_vimgrep(FILE *f, const jikji_hit_t *h)
{
    cli_put_path(f, h->path);
    fprintf(f, ":%u:%u:", h->match_line, h->match_col);
    emit_headings(f, h->headings, h->nheadings, 0);
    fprintf(f, ": %s\n", h->snippet);
}

void
emit_hit_pretty(FILE *f, const jikji_hit_t *h, int color,
                const char *prev_path, unsigned cols)
{
    if (!prev_path || strcmp(prev_path, h->path) != 0) {
        if (prev_path)
            fputc('\n', f);
        fputs(color ? C_PATH : "", f);
        cli_put_path(f, h->path);
        fprintf(f, "%s\n", color ? C_OFF : "");
    }
    fprintf(f, "%s%2u.%s %s%u%s: %s", color ? C_RANK : "", h->rank,
            color ? C_OFF : "", color ? C_LINE : "", h->line,
            color ? C_OFF : "", color ? C_HEAD : "");
    emit_hit_headings(f, h, color, C_HEAD);
    fprintf(f, "%s\n", color ? C_OFF : "");
    if (*h->snippet) { /* none for a note of front matter alone */
        fputs("    ", f);
        emit_snippet_fit(f, h, color, cols);
        fputc('\n', f);
    }
}
