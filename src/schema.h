/* schema.h - how jikji lays out a Xapian database.  One table of term
 * prefixes, value slots and metadata keys; the C++ binding knows none of
 * this.
 *
 * Schema history:
 *   Version 1: one document per section.  Terms: plain words, Hangul/Han
 *     bigrams and unigrams with positions (context first, then body);
 *     Z-prefixed English stems without positions; S title words, XH own
 *     heading words, K tags, XC categories, XP vault-relative directory
 *     prefixes (boolean), XF file id (boolean), Q unique section id, XW the
 *     first bigram/unigram of every Hangul/Han/Kana run (a word start), XK
 *     the note's tags on its first section only (tag counts per note).
 *     Tags are front matter tags plus inline #tags, normalized.  Xapian's
 *     synonym table holds the loaded synonym groups (every form -> every
 *     other form), jikji.synonyms the hash of what it was built from.
 *   Version 2: adds XW, XK, inline tags, XP file terms, the synonym table
 *     and the phonetic bridge terms XN<skeleton>:<word>.  XP holds
 *     every folder prefix and the note's own vault-relative path.
 *     Values: 0 date "YYYY-MM-DD", 1 vault-relative path (schema 4: its
 *     key).  Data: see
 *     jk_docdata.  Metadata: jikji.schema, jikji.norm, jikji.vaults, and
 *     "F:<file id>" per-file state.
 *   Version 3: the phonetic bridge moves from XN terms (a tenth of all
 *     postings) to metadata keys N:<skeleton>:<word>.
 *   Version 4: inline tags follow jikji_note_inline_tags(): link targets
 *     (`[x](#anchor)`, `[ref]: #anchor`), code spans and indented code
 *     fences no longer give tags, whose words went into every section of
 *     the note (5% of the bench vault's index).  English function words
 *     (stopwords.h) are terms without positions.  No Q section id terms
 *     (2.5% of the index): a note's sections are the documents of its XF
 *     term, in docid order (jk_db_file_sections()).  Value 1 is a
 *     4-byte key of the vault-relative path (jk_order_key()), only to
 *     order equal scores; --sort path reads the path from the data.
 *   Version 5: the numbers of the document data (lines, byte range, file
 *     size, section hash) are binary, not decimal text: 21 bytes a
 *     section instead of 39 (jk_docdata_encode()).  The data holds the
 *     note's path relative to a folder (its vault's, or a single-file
 *     vault's parent) and that folder's number; metadata B:<number> holds
 *     the folder, so the folder is not stored in every section (26 bytes
 *     of the bench vault's 177).
 *   Version 6: each note's record (JK_META_FILE) ends with the version of
 *     the reader it was read with (JK_READER_VERSION).  An index of
 *     schema 5 is read as it is (its records: reader 1), and the first
 *     run that writes marks it 6: a jikji of schema 5 cannot read the new
 *     records, took them for unreadable and added every note again, and
 *     now refuses the index instead.
 *   Version 7: value 1 is an 8-byte key of the note's full path (its
 *     vault's folder and its path there), not 4 bytes of the path inside
 *     the vault: copies of a note in two vaults no longer tie, and no two
 *     notes share a key, so `search -l` lets Xapian collapse the matches
 *     to one per note instead of paging through every matching section
 *     (minutes for a note of 500,000 sections).  Older indexes must be
 *     rebuilt.
 *   Version 8: BM25's length normalization is folded into the wdfs
 *     (jk_fold_wdf() and the JK_BM25_* / JK_FOLD_* constants below): a
 *     section's wdfs are scaled by its length when it is written, and the
 *     search asks for b = 0, so Xapian no longer reads the length of
 *     every candidate.  Older indexes must be rebuilt (their wdfs are not
 *     scaled).
 *   Version 9: the document data names its note by file id (8 bytes)
 *     instead of by path: the note's record (JK_META_FILE) already holds
 *     the path, which every section repeated (0.8 MB of the 1-copy bench
 *     vault's 50 MB index), and the B:<number> folder records are gone.
 *     A search reads each hit's record with it (jk_xsearch_opts
 *     .hit_meta_key).
 */
#ifndef JIKJI_SCHEMA_H
#define JIKJI_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define JK_SCHEMA_VERSION 9
/* The oldest schema this jikji reads and updates in place. */
#define JK_SCHEMA_OLDEST 9

#define JK_P_STEM "Z"
#define JK_P_TITLE "S"
#define JK_P_HEADING "XH"
#define JK_P_WORDSTART "XW"
#define JK_P_TAG "K"
#define JK_P_NOTETAG "XK"
#define JK_P_CATEGORY "XC"
#define JK_P_DIR "XP"
/* Longest prefixed term the index holds (Xapian's limit is 245 bytes).
 * A path term (JK_P_DIR) longer than that is held cut to it, at a
 * character's start (jk_term_cut()), and path: cuts a longer prefix the
 * same way: paths that differ only after their first 238 bytes or so are
 * one to path:. */
#define JK_TERM_KEEP_MAX 240
#define JK_P_FILE "XF"

#define JK_SLOT_DATE 0
/* Schema 7: jk_order_key() of the note's path, the tie-break of equal
 * scores and the collapse key of a search by note (schema 4 to 6: 4 bytes
 * of the vault-relative path's hash; before: the path itself, 3% of the
 * index). */
#define JK_SLOT_ORDER 1
#define JK_ORDER_KEY_LEN 8

#define JK_META_SCHEMA "jikji.schema"
#define JK_META_NORM "jikji.norm"
#define JK_META_VAULTS "jikji.vaults"
#define JK_META_UPDATED "jikji.updated"
#define JK_META_SYNONYMS "jikji.synonyms"
/* The synonym files whose groups the synonym table holds, one path per
 * line (jikji_db_synonym_files()). */
#define JK_META_SYNONYM_FILES "jikji.synonym-files"
/* Phonetic bridge (phonetic.h): a metadata key N:<skeleton>:<word> (value
 * "1") for each Latin word of the vault; a query lists the words of a
 * skeleton with one prefix scan of the metadata keys. */
#define JK_META_PHONETIC "N:"
#define JK_META_FILE "F:"
/* "11" once every note of the index was read by a reader of version
 * JK_READER_POSITIONS or later, whose sections hold the positions of the
 * function words on, in, to, ... (stopwords.h); set by the run that finds
 * so (index.c).  Until then a query spans those words with a window, as
 * an older jikji wrote them without positions: the index of an older
 * jikji still finds "how to" before its next update. */
#define JK_META_POSITIONED "jikji.positioned"
#define JK_READER_POSITIONS 11
/* The reader version (JK_READER_VERSION) once every note of the index was
 * read by that reader; set by the run that finds so (index.c), read by
 * jikji_db_notes_current() so that a search can say when notes are still
 * searched as an older jikji read them. */
#define JK_META_READER "jikji.reader"

/* Ranking: BM25 with little length normalization (Xapian's default b is
 * 0.5): a section is one question and its answer, and a short
 * heading-only section or a long answer is no more or less likely the
 * right one for it.  Swept on tests/quality (samples / with distractors,
 * nDCG@10): b 0.5: 0.922 / 0.864; 0.3: - / 0.869; 0.2: - / 0.876; 0.1:
 * 0.931 / 0.880; 0: - / 0.876; 0.75: - / 0.857; k1 0.7-1.5 at b 0.1
 * moved it by < 0.005.  min_normlen is Xapian's BM25Weight parameter
 * (a length under half the average counts as half); the fold applies it
 * (jk_fold_norm()), and test_fold_length checks the fold against Xapian's
 * own BM25 given the same value.
 *
 * Schema 8 folds b into the wdfs, so the search asks Xapian for b = 0
 * and never has it read a candidate's length (with b != 0 glass walks its
 * doc-length list for every candidate: 10-20% of a search at 8 copies
 * of the bench vault).  BM25's wdf / (k1 K + wdf), K = b * max(len /
 * avglen, min_normlen) + 1 - b, equals w' / (k1 S + w') for w' = S wdf / K;
 * and the term weight's (k1 + 1) becomes (k1 S + 1), one factor for every
 * term, which search.c divides out of the scores.  So each wdf increment
 * of a section is scaled by S / K once the section's length (its wdfs'
 * sum) is known (jk_fold_norm(), jk_fold_wdf()), with S = JK_FOLD_SCALE
 * and a fixed reference length for avglen: a section's wdfs then do not
 * depend on what else is indexed, and an incremental run writes what a
 * rebuild would.  150 is a typical section's length: 146 in the bench
 * vault, 189 in samples/ (100 and 250 scored 0.941 / 0.908 and 0.944 /
 * 0.914, 150 0.947 / 0.916).  S trades the rounding of w' to an integer
 * (under 4% of it at S = 16 for K up to 1.1, most sections) against the
 * index's size: folded wdfs take more of glass's termlist (1 copy of the
 * bench vault: 49.6 MB unfolded; S = 4, 8, 12, 16: 50.0, 50.1, 50.3,
 * 50.4 MB, against 50.7 MB for 2.5x the notes).  nDCG@10 (samples /
 * with distractors) moves within the rounding's noise: unfolded b = 0.1
 * 0.942 / 0.914; S = 4 0.945 / 0.911, 8 0.941 / 0.912, 12 0.942 / 0.913,
 * 16 0.948 / 0.917, 24 0.944 / 0.914.  And which candidates Xapian must
 * check before it can stop moves with the rounding too: over the 20 bench
 * queries at 8 copies S = 12 and 16 ran alike but for one query, which
 * took twice the instructions at 12. */
#define JK_BM25_K1 1.0
#define JK_BM25_B 0.1
#define JK_BM25_MIN_NORMLEN 0.5
#define JK_FOLD_REF_LEN 150.0
#define JK_FOLD_SCALE 16

/* K above for a section whose wdfs add up to len (before folding).  At
 * most JK_FOLD_SCALE, so that a folded wdf is never below the wdf: the
 * normalization stops growing past about 22,000 terms. */
double jk_fold_norm(uint64_t len);
/* The folded value of a wdf increment of a section with this K:
 * round(JK_FOLD_SCALE * wdf / k), at least wdf; 0 stays 0 (a boolean
 * term). */
uint32_t jk_fold_wdf(uint32_t wdf, double k);

/* Position gap between a section's context (title, tags, parent
 * headings) and its body, so phrases never span the two. */
#define JK_POS_GAP 100

/* What a result needs to print, stored as the document data. */
typedef struct jk_docdata {
    char file_id[17];       /* the note's (jk_file_id()): its record
                               JK_META_FILE + file_id holds its path */
    const char *title;
    const char *date;       /* "YYYY-MM-DD" or "" */
    const char *headings;   /* heading path joined with JK_HEADING_SEP */
    unsigned line, end_line;
    uint64_t start, end;    /* byte range of the section in the file */
    uint64_t file_size;     /* size of the file when indexed */
    uint64_t sechash;       /* what the section's terms were made from
                               (index.c); 0 when unknown */
} jk_docdata;

#define JK_HEADING_SEP '\x1f'

/* Serialize d into b (appended).  0 or -1 on out of memory. */
int jk_docdata_encode(jk_buf *b, const jk_docdata *d);
/* Parse data (not modified: the strings in *d point into it).  0, or -1
 * when data is not a whole record of jk_docdata_encode(). */
int jk_docdata_decode(char *data, size_t len, jk_docdata *d);

/* The metadata key of the record of the note that document data (not
 * modified) belongs to, JK_META_FILE + its file id, into key (at most
 * keysz bytes, NUL-terminated); returns its length, or 0 when data is no
 * record of jk_docdata_encode() or keysz is too small. */
size_t jk_docdata_file_key(const char *data, size_t len, char *key,
                           size_t keysz);

/* The key of a note (value JK_SLOT_ORDER of its sections): a hash of
 * its full path, made of seed = jk_order_seed(folder) of the folder its
 * path rel is relative to.  Equal scores go by it, so they come in the
 * same order whatever sequence of runs built the index; notes never share
 * one (64 bits), so it is also the key that collapses a search to one hit
 * per note. */
unsigned long long jk_order_seed(const char *folder);
void jk_order_key(unsigned long long seed, const char *rel,
                  char out[JK_ORDER_KEY_LEN]);

/* The version of what jikji_note_parse() and jikji_section_text() make of
 * a file: its sections, their text, title and date.  Each note's record
 * keeps the version it was read with, and a run reads again every note
 * read with another one, rewriting only the sections that came out
 * different (their hash, index.c), so a change of the reader reaches an
 * index without a rebuild.  Bump it with every such change.
 *   1: (records without the field) up to 0.1.
 *   2: setext headings; Obsidian markup ([[link|alias]], ![[embed]],
 *      [!callout], ==highlight==, %%comments%%) and Liquid tags ({% %})
 *      blanked; a note of front matter alone has a section; a file name
 *      that starts with a date gives the date the front matter lacks.
 *   3: Hangul right after closing markup joins the word before it
 *      (`**재시도 토픽**을` reads 재시도 토픽을, as it shows).
 *   4: a `<!--` that nothing closes is text (it hid the rest of its
 *      section, or at the start of a line the rest of the note); one
 *      opened inside a paragraph closes before the paragraph ends.
 *      Indented code (4 columns after a blank line, outside a list) is
 *      kept as written and holds no tags.  A callout's type is blanked
 *      in a list item and nested too.  HTML tags follow CommonMark's
 *      grammar (`<Real MySQL 8.0>` is text).  A `%%` in code closes no
 *      comment.  Reference links' labels and definitions and footnote
 *      markers are blanked; a `**`/`~~` nothing closes is text.  A tag
 *      after a comment's end on its line counts.  A fence in a list
 *      item may be indented any depth.  <pre>, <textarea>, <script> and
 *      <style> blocks are raw (no headings, no tags; the last two
 *      hidden).  kramdown attribute lists are blanked; single `*`
 *      emphasis and inline HTML elements join Hangul like `**`; an
 *      inline comment that goes on hides its lines' tags too.  HTML
 *      entities are blanked, and an autolink's brackets.
 *   5: a heading line ends at a lone CR too (old Mac line ends: the
 *      whole section was its heading, weighed as one); NFD jamo join
 *      after markup like syllables (`**토픽**을` written decomposed);
 *      `[[note#heading]]` reads "note heading"; a table's delimiter row
 *      and its rows' outer pipes are blanked.  A `date` that is not one
 *      falls back to `created`, then to the file name's date.  Lines
 *      between two `---` rules with no keys are text, not front matter.
 *   6: a note with neither a title nor an h1 whose file name is a date
 *      and a slug (Jekyll's `2024-03-01-kafka-retry.md`) is titled with
 *      the slug's words ("kafka retry"), not the whole name.  An
 *      Obsidian block id at a line's end (` ^a1b2c3`) is blanked.
 *   7: a front matter alias of a scalar (`title: *name`, `tags: [*t]`)
 *      reads as that scalar; it was ignored.  A bare parent (a heading
 *      with no text of its own, followed by a section below it) weighs
 *      its heading as text, not as a question: its children, which carry
 *      its words in their context, rank above it.
 *   8: TOML front matter between `+++` lines (Hugo, Zola) is read (title,
 *      date, tags, categories, aliases, Zola's [taxonomies]:
 *      frontmatter_toml.c); it was the first section's text, and the note
 *      was titled by its file name.
 *   9: a bare parent's heading matches but weighs nothing (wdf 0): as
 *      text it still outranked its children for a word of its own
 *      (`갈등` found the bare `협업 / 갈등` first).
 *  10: single `_` emphasis is blanked (`_정말 중요한_` showed its
 *      underscores); markup inside single `*` emphasis is blanked too
 *      (`*[링크](url)*` showed the link's brackets and address).  A
 *      `<pre>` block that starts a note opens its first section (its
 *      text was in none).  A link's address may hold Liquid tags
 *      (`({{ site.baseurl }}/x/)`), be `<pointy>` with blanks, or have a
 *      title in parentheses: such links showed and indexed their
 *      address.  A link's text and an HTML tag may go on to the next
 *      line of their paragraph (`[the Kafka consumer` / `docs](url)`,
 *      `<img src="x.png"` / `alt="y">`).  A heading of markup alone
 *      (`### ______`) shows as written, not empty.  A backslash escape's
 *      backslash is markup (`List\<String\>`, `\|` in a table,
 *      `CHANGELOG\_\*.md` reads CHANGELOG_*.md), and the character after
 *      it is never markup.
 *  11: the function words on, in, at, by, as, to, do, is, for and if
 *      have positions (stopwords.h): a phrase with one at its edge
 *      (`"on call"`, `on-call`, `"is null"`) was its other word anywhere
 *      in a section with the function word.  Default-ignorable code
 *      points (zero-width space, soft hyphen, joiners) are dropped by the
 *      normalizer: `Kaf<ZWSP>ka` was two words.  Latin letters and
 *      digits after markup inside a word join it, as Hangul did
 *      (`un**believ**able` was three words).  A setext underline may be
 *      one `=`.  An inline footnote's `^[` and `]` are markup.
 *      Half-width katakana and Hangul jamo fold to their usual forms.
 *      Titles, tags and headings drop invisible characters inside words
 *      and bidi overrides.  Every section is written again once
 *      (section_hash()).
 *  12: the accents of Latin and Greek letters are dropped (`résumé`,
 *      `naïve`, `İstanbul` read resume, naive, istanbul: a person types
 *      them so), and keycaps; superscripts and subscripts fold to their
 *      letters and digits (`x²` reads x2).  Only the sections that hold
 *      such text are written again (section_hash()).
 *  13: a section's positions start at 2, not 1.  Xapian's exact phrase
 *      takes a term that has no positions in a document (a Latin label
 *      word past a note's first section, a function word) as at position
 *      0, so the word at 1, the title's first, followed it: `"kafka
 *      docker"` found every section but the first of a note titled
 *      `docker 회고` and tagged kafka, and the adjacency boost raised
 *      them.  A bare parent's heading (a question whose answers are its
 *      sub-sections) has its heading terms, weightless, so heading:
 *      finds it.  A nested tag or category has its parents' terms too
 *      (K backend/ of backend/kafka): the one term a parent's search reads.
 *      An issue number's '#' (`PR #1234`) is text, not a
 *      tag's markup, in snippets.  Every section is written again once
 *      (section_hash()).
 *  14: a list item's heading (`- ## x`, as Logseq writes every heading)
 *      starts a section; Logseq's page properties (`tags:: a, [[b c]]`
 *      lines first in a note) are read as front matter and their keys
 *      blanked, `collapsed::` and `id::` lines and ((block references))
 *      blanked; `#[[tag with blanks]]` is a tag; a Logseq journal's name
 *      (`2024_03_01.md`) dates it; Hugo's `{{< highlight >}}` block is
 *      code, and its shortcodes (`{{< figure ... >}}`, `{{% notice %}}`)
 *      are markup, but for their caption, alt and title; an <img>'s long
 *      data: URI is markup.  C#, C++, F# and J# are words of their own.
 *      Only the sections whose text changed are written again
 *      (section_hash()).
 *  15: the changes above made after 14 was first committed, in the same
 *      stop (C# and C++ as words, also before a version; a data: URI and
 *      a shortcode's caption; Dataview's keys kept): an index written by
 *      a build between them reads every note again (QA: C# found nothing
 *      in such an index).  Nothing else.
 *  16: Logseq page properties need one key Logseq or jikji knows (a
 *      first line `std:: vector` is text, its `std` a word), and a
 *      `key:: value` line after YAML front matter keeps its key, as the
 *      note reader reads neither as properties.  A lone CR with an LF
 *      within 4 KiB after it is text, not a line end (jk_line_len()), so
 *      the lines after it are where vim has them.  A section keeps at
 *      most 32,768 distinct terms (was 65,536) and the positions of its
 *      first million words.  Only the sections whose text changed are
 *      written again (section_hash()); the others get their new lines. */
#define JK_READER_VERSION 16

/* Per-file state kept in metadata under JK_META_FILE + file id. */
typedef struct jk_filestate {
    uint64_t size;
    int64_t mtime_sec;
    long mtime_nsec;
    uint64_t hash;      /* content hash */
    uint64_t sections;
    unsigned reader;    /* JK_READER_VERSION the note was read with */
    /* The inode's change time: a write that puts the old size and mtime
     * back (cp -p, touch -r, an editor's "keep the date") still changes
     * it.  has_ctime 0: a record written before it was kept. */
    int has_ctime;
    int64_t ctime_sec;
    long ctime_nsec;
    const char *path;   /* points into the decoded buffer */
} jk_filestate;

int jk_filestate_encode(jk_buf *b, const jk_filestate *fs);
int jk_filestate_decode(char *val, size_t len, jk_filestate *fs);
/* The path in a per-file record val (len bytes, not modified): *path
 * points into val; returns the path's length, or 0 (*path = "") when val
 * is no such record. */
size_t jk_filestate_path(const char *val, size_t len, const char **path);

/* The file id of an absolute path: 16 hex digits plus NUL into out[17]. */
void jk_file_id(const char *path, char out[17]);

/* The XF term of the note whose file id is file_id ("XF<file id>") into
 * out; returns its length. */
#define JK_FILE_TERM_MAX (sizeof JK_P_FILE + 16)
size_t jk_file_term(char out[JK_FILE_TERM_MAX], const char *file_id);

/* The length of s[0, len) cut to at most JK_TERM_KEEP_MAX bytes at the
 * start of a UTF-8 character (len itself when it fits). */
size_t jk_term_cut(const char *s, size_t len);

#endif /* JIKJI_SCHEMA_H */
