/* frontmatter.h - YAML front matter of a note, read with libyaml.
 *
 * The only module that includes <yaml.h>: libyaml's "1 on success, 0 on
 * error" convention stops here and callers see jikji_status_t.
 *
 *     jk_frontmatter fm;
 *     unsigned line; char *msg;
 *     if (jk_frontmatter_parse(yaml, len, 2, &fm, &line, &msg) != JIKJI_OK)
 *         ... warn about `msg` at file line `line`, free(msg) ...
 *     use fm.title, fm.date, fm.tags.v ...
 *     jk_frontmatter_fini(&fm);
 *
 * What is read (keys are matched without regard to ASCII case):
 *   title                 a scalar; NULL when absent, null or empty
 *   date, else created    a scalar normalized to "YYYY-MM-DD", else ""
 *   tags, tag             a sequence of scalars, or one scalar split at
 *                         commas and white space; leading '#'s dropped
 *   categories, category  the same rules as tags (one field, last wins)
 *   aliases, alias        a sequence of scalars, or one scalar (one alias)
 * Anything else is ignored.  A repeated key replaces the earlier value.
 * Strings are cleaned for display (jk_display_clean()); list items are
 * de-duplicated, at most 256 are kept (over_key says which list had more),
 * each cut to 256 bytes; the title is
 * cut to JK_FRONTMATTER_MAX_TITLE bytes.  A `date` that cannot be read
 * falls back to `created`.
 * Only scalars count: nested mappings and sequences inside a list are
 * skipped.  An alias (`*ref`) of an anchored scalar reads as that scalar
 * (one stored copy per anchor, at most 256 anchors); an alias of a list
 * or mapping is not read and alias_line says where; nothing is expanded,
 * so a "billion laughs" document costs time linear in its size.  Numbers and
 * booleans are taken as written (`tags: 2024` gives "2024").
 */
#ifndef JIKJI_FRONTMATTER_H
#define JIKJI_FRONTMATTER_H

#include <stddef.h>

#include "buf.h"
#include "jikji.h"

/* Most items kept of one list field (tags, categories, aliases); more are
 * ignored, which also bounds the cost of removing duplicates. */
#define JK_FRONTMATTER_MAX_LIST 256

/* Longest title kept, in bytes (cut at a character boundary). */
#define JK_FRONTMATTER_MAX_TITLE 1024

typedef struct jk_frontmatter {
    char *title;          /* malloc'd, display-clean UTF-8; NULL if none */
    char date[11];        /* "YYYY-MM-DD" or "" */
    jk_strv tags;         /* owned strings, NULL-terminated vector */
    jk_strv categories;
    jk_strv aliases;
    /* When `date` gave none: the first `date` or `created` value that is
     * not a date (2024-02-30, March 3), its file line (0: none) and its
     * text, cut to fit, so that the reader can say so (the note's date is
     * then `created`, or the one its file name starts with, if any). */
    unsigned bad_date_line;
    char bad_date[48];
    /* JIKJI_EFRONTMATTER for YAML whose document is no mapping (a plain
     * value, a list): a block between two `---` rules, not front matter. */
    int not_mapping;
    /* The file line of a tag that YAML reads as a comment (`tags: #kafka`,
     * `- #kafka` under tags or categories), or 0: it is no tag, and the
     * reader says so. */
    unsigned tag_comment_line;
    /* A list with more items than are kept (256): its field name, a static
     * string ("tags", "categories" or "aliases"), and the file line of its
     * first item not kept; NULL and 0 when every list fits. */
    const char *over_key;
    unsigned over_line;
    /* The file line of the first alias in title, date, created, tags,
     * categories or aliases that names no scalar (an alias of a list or
     * mapping, or of no anchor), or 0. */
    unsigned alias_line;
} jk_frontmatter;

#define JK_FRONTMATTER_INIT \
    {NULL, "", JK_STRV_INIT, JK_STRV_INIT, JK_STRV_INIT, 0, "", 0, 0, NULL, 0, 0}

/*
 * Parse `len` bytes of YAML (the text between the `---` lines, without
 * them).  `first_line` is the 1-based file line on which `yaml` starts;
 * it is used to report errors as file lines.
 *
 * *out is always initialized (the caller need not do it); release it with
 * jk_frontmatter_fini().  On any error every field is empty: libyaml has
 * by then delivered values that may be cut short (`title: a: b` yields
 * the scalar "a" before failing), so partial results are not trusted.
 *
 * Return value:
 *   JIKJI_OK            (also for empty YAML: every field is empty)
 *   JIKJI_EFRONTMATTER  a YAML syntax error, invalid UTF-8 in the YAML, or
 *                       a document that is not a mapping (then
 *                       out->not_mapping is set); *err_line gets
 *                       the 1-based file line and *errmsg a malloc'd
 *                       message (libyaml's text), each when not NULL
 *   JIKJI_EINVAL        yaml NULL with len > 0, or out NULL
 *   JIKJI_ENOMEM
 * On JIKJI_OK, *err_line is 0 and *errmsg NULL.
 */
jikji_status_t jk_frontmatter_parse(const char *yaml, size_t len,
                                    unsigned first_line, jk_frontmatter *out,
                                    unsigned *err_line, char **errmsg);

/* The same for TOML front matter (Hugo's, Zola's), the text between the
 * `+++` lines (frontmatter_toml.c says which TOML is read): its top-level
 * title, date, created, tags, categories and aliases, and the tags and
 * categories of a [taxonomies] table, under the rules above.
 * Ownership, first_line and the return values are jk_frontmatter_parse()'s;
 * a TOML line that does not read gives JIKJI_EFRONTMATTER with libyaml's
 * message, as the values are read by it.  out->not_mapping is never set:
 * a `+++` block is front matter even when nothing in it is read. */
jikji_status_t jk_frontmatter_parse_toml(const char *toml, size_t len,
                                         unsigned first_line,
                                         jk_frontmatter *out,
                                         unsigned *err_line, char **errmsg);

/* Whether k[0, n) names a field the readers above read (title, date,
 * created, tags, tag, categories, category, aliases, alias; ASCII case
 * ignored), and, into *list when not NULL, whether its value is a list. */
int jk_frontmatter_key(const char *k, size_t n, int *list);

/* How many bytes at the start of t[0, len) are Logseq page properties:
 * consecutive `key:: value` lines (an ASCII key, a letter first), of
 * which one at least has a key that jk_frontmatter_key() knows or that
 * Logseq writes itself (collapsed, icon, public, template, type, ...);
 * else 0.  A first line `std:: vector` or `company:: x` alone is text. */
size_t jk_logseq_props_len(const char *t, size_t len);

/* The same as jk_frontmatter_parse() for Logseq page properties, the
 * lines jk_logseq_props_len() measured: title::, date::, created::, and
 * the lists tags::, categories:: and aliases:: (alias::, tag::,
 * category::), items between commas, a tag's `#` and a page link's `[[ ]]`
 * dropped (frontmatter_logseq.c). */
jikji_status_t jk_frontmatter_parse_logseq(const char *t, size_t len,
                                           unsigned first_line,
                                           jk_frontmatter *out,
                                           unsigned *err_line, char **errmsg);

/* Free what a jk_frontmatter owns and reset it to JK_FRONTMATTER_INIT.
 * NULL-safe. */
void jk_frontmatter_fini(jk_frontmatter *fm);

/*
 * Normalize a date written as `2024-07-20`, `2024-07-20 17:47`,
 * `2025-03-02T10:00:00+09:00`, `2024/07/20` or `2024.07.20` (month and day
 * may have one digit; the time and zone after the date are ignored) to
 * "YYYY-MM-DD" in out[11].  Leading and trailing white space is allowed.
 * Returns 1 on success, 0 (and out = "") for anything else, including
 * impossible dates such as 2023-02-29.
 */
int jk_frontmatter_date(const char *s, size_t len, char out[11]);

/*
 * Make `len` bytes of untrusted text fit for display, appending to *b:
 * invalid UTF-8 becomes U+FFFD, control characters (C0, DEL, C1) become
 * spaces, invisible characters inside words (zero-width space, word
 * joiner, soft hyphen, BOM) and bidi embeddings, overrides and isolates
 * are dropped, runs of white space collapse to one space, leading and trailing
 * space is dropped, and the result is cut at a character boundary to at
 * most `max` bytes (plus "…" when cut; max 0 means no limit).  Linear in
 * len.  Returns 0, or -1 on out of memory.
 */
int jk_display_clean(jk_buf *b, const char *s, size_t len, size_t max);

#endif /* JIKJI_FRONTMATTER_H */
