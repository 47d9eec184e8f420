/* jikji.h - the public C API of libjikji, offline search for career notes.
 *
 * Everything a program may use is declared here; what is not in this
 * header is not API.
 *
 * Ownership rules, stated once (as jv.h does):
 *   1. Borrow in, own out.  `const char *` arguments are borrowed for the
 *      duration of the call; the library copies whatever it keeps.
 *   2. Every `_open`/`_new`/`_load` has exactly one `_close`/`_free`, and
 *      every one of those accepts NULL.
 *   3. Pointers returned by getters belong to the object they came from and
 *      stay valid until that object is freed.
 *   4. Heap strings handed to the caller (error messages) are released
 *      with jikji_free().
 *
 * Errors are returned as jikji_status_t, never printed: the library does
 * not write to stdout/stderr, exit, or read configuration files.
 */
#ifndef JIKJI_H
#define JIKJI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JIKJI_VERSION "0.1.0"

/** @name Status codes
 * @{ */
typedef enum jikji_status {
    JIKJI_OK = 0,       /**< success */
    JIKJI_ENOMEM,       /**< out of memory */
    JIKJI_EINVAL,       /**< invalid argument (NULL, out of range, misuse) */
    JIKJI_EIO,          /**< a file could not be read or written */
    JIKJI_EUTF8,        /**< text is not UTF-8 (binary, UTF-16, ...) */
    JIKJI_EFRONTMATTER, /**< YAML front matter is malformed */
    JIKJI_ENOINDEX,     /**< no index exists at the given location */
    JIKJI_ELOCKED,      /**< another process is writing the index */
    JIKJI_ESCHEMA,      /**< index was built by an incompatible version */
    JIKJI_ESTALE,       /**< index changed under a reader during the
                             call (two commits or more); call again */
    JIKJI_EQUERY,       /**< the query is malformed */
    JIKJI_EBACKEND,     /**< Xapian reported an error (corruption, ...) */
    JIKJI_EINTERNAL,    /**< a bug in jikji */
    JIKJI_ECANCELED,    /**< stopped on request (jikji_index_opts_t's
                             should_stop) */
    JIKJI_STATUS_LAST
} jikji_status_t;

/** Fixed English text for a status code; never NULL, never freed. */
const char *jikji_status_str(jikji_status_t status);

/** Release a heap string or buffer the library handed out. NULL-safe. */
void jikji_free(void *p);
/** @} */

/** @name Tokenizer
 *
 * The one tokenizer used for notes and queries alike.  Text is normalized
 * with utf8proc (NFC, case folding, full-width Latin folded to ASCII);
 * Latin/digit runs become words (`C#`, `C++`, `F#`, `J#` with their
 * sign), and identifiers (`retryCount`, `report_date`) also yield their
 * parts; Hangul, Han and Kana runs become
 * overlapping character bigrams (a one-character run a unigram); a change
 * of script splits a token (`Kafka를` -> `kafka`, `를`).  Invalid UTF-8,
 * NUL and control bytes separate tokens and never stop tokenizing.
 * @{ */
typedef enum jikji_token_kind {
    JIKJI_TOKEN_WORD,    /**< a whole Latin/digit word or identifier */
    JIKJI_TOKEN_PART,    /**< one part of an identifier (retry, count) */
    JIKJI_TOKEN_BIGRAM,  /**< two characters of a Hangul/Han/Kana run */
    JIKJI_TOKEN_UNIGRAM  /**< a Hangul/Han/Kana run of one character */
} jikji_token_kind_t;

typedef struct jikji_token {
    const char *term;        /**< normalized UTF-8 term, NUL-terminated;
                                  valid only during the callback */
    size_t term_len;         /**< its length in bytes */
    size_t start, end;       /**< byte span in the original text */
    uint32_t pos;            /**< term position, from 1; an identifier's
                                  whole word shares its first part's */
    uint32_t chunk;          /**< tokens with equal chunk were written with
                                  no separator between them (`Kafka를`) */
    jikji_token_kind_t kind;
    int run_start;           /**< non-zero for the first bigram (or the
                                  unigram) of a Hangul/Han/Kana run: the
                                  start of a word */
} jikji_token_t;

/** Called for every token in text order; return non-zero to stop early. */
typedef int (*jikji_token_fn)(void *ud, const jikji_token_t *tok);

/**
 * Tokenize `len` bytes of `text` (need not be NUL-terminated, may contain
 * NUL bytes and invalid UTF-8).  `fn` is called for each token.
 *
 * Return value:
 *   JIKJI_OK      all tokens delivered, or `fn` asked to stop
 *   JIKJI_EINVAL  text is NULL while len > 0, or fn is NULL
 *   JIKJI_ENOMEM  out of memory
 * @since 0.1
 */
jikji_status_t jikji_tokenize(const char *text, size_t len,
                              jikji_token_fn fn, void *ud);

/**
 * Normalize UTF-8 text the way the tokenizer does (NFC, case fold,
 * full-width Latin to ASCII); invalid UTF-8 becomes U+FFFD, one for each
 * character cut short or stray byte (jikji_utf8_bad_len()).
 * On success *out is a NUL-terminated string to release with jikji_free().
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL argument), JIKJI_ENOMEM.
 * @since 0.1
 */
jikji_status_t jikji_normalize(const char *text, size_t len, char **out);

/**
 * Bytes of text[0, len) before its first line break, as the note reader
 * counts lines (and so every LINE jikji prints): an LF, a CRLF, or a lone
 * CR where no LF follows within 4 KiB (an old Mac note's lines; a CR
 * pasted into a note of LF lines is text, as vim counts lines); len when
 * there is none.  0 for NULL text.
 * @since 0.1
 */
size_t jikji_line_len(const char *text, size_t len);

/**
 * How many bytes one U+FFFD stands for where `text` does not start a
 * valid UTF-8 character: the maximal subpart of the ill-formed sequence
 * (the Unicode Standard's practice, section 3.9, and the WHATWG decoder's),
 * so a character cut short by a truncated file is one U+FFFD, and a byte
 * that can start nothing is one each.  1 to 3; 0 when `text` starts a
 * valid character or len is 0.  NULL text: 0.
 * @since 0.1
 */
size_t jikji_utf8_bad_len(const char *text, size_t len);
/** @} */

/** @name Notes
 *
 * A note is a Markdown (or text) file: optional YAML front matter, then a
 * body split into sections at ATX headings (`#` .. `######`, not inside
 * code fences or comments), setext headings (a one-line paragraph
 * underlined with `===` or `---`) and `<summary>` lines.  A note of front
 * matter alone has one empty section on the closing delimiter's line.  A
 * section knows its heading path (title first), its line range and its
 * byte range in the file.
 * @{ */
typedef struct jikji_note jikji_note_t;

typedef struct jikji_section {
    const char *const *headings; /**< heading path, title first; owned by
                                      the note */
    size_t nheadings;            /**< >= 1 (the title) */
    const char *heading;         /**< this section's own heading text, ""
                                      for text before the first heading */
    unsigned line, end_line;     /**< 1-based, inclusive */
    size_t start, end;           /**< byte range [start, end) in the file */
    unsigned level;              /**< heading level 1-6, 7 for <summary>,
                                      0 for text before any heading */
} jikji_section_t;

/** Called for each problem found while parsing a note (a YAML error, ...).
 *  `line` is 1-based in the file, 0 when unknown. */
typedef void (*jikji_warning_fn)(void *ud, const char *path, unsigned line,
                                 jikji_status_t status, const char *msg);

/**
 * Parse a note held in memory.  `path` is used for the fallback title (the
 * file name without extension) and in warnings; it may be NULL.  Problems
 * in the front matter are reported through `warn` (may be NULL) and do not
 * fail the parse: the body is still sectioned.
 *
 * On success *out owns a copy of everything it needs; free it with
 * jikji_note_free().  On failure *out is NULL.
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL text with len > 0, NULL out),
 * JIKJI_ENOMEM.
 * @since 0.1
 */
jikji_status_t jikji_note_parse(const char *text, size_t len, const char *path,
                                jikji_warning_fn warn, void *ud,
                                jikji_note_t **out);

/**
 * Whether a file's text can be read as a note: NULL when it can, else a
 * static string saying why not: UTF-32 or UTF-16 (with or without a byte
 * order mark), "binary file (many NUL bytes)", EUC-KR/CP949 text, or "not
 * UTF-8 text: binary, or another encoding"; each but the binary one says
 * how to fix it.  Looks at the first 8 KiB; a stray NUL or invalid byte
 * is text (invalid bytes count against it only from one in ten, and at
 * least 8).  Past them, or with fewer invalid bytes, a text whose invalid
 * bytes are 8 or more and nearly all EUC-KR Hangul pairs (two runs of
 * two syllables at least), and that has no UTF-8 character of three
 * bytes or more, is EUC-KR/CP949 (a few Korean words among code or
 * English).
 * `jikji index` skips such files; `jikji show` and `jikji similar` refuse
 * them.
 * NULL text: NULL.
 * @since 0.1
 */
const char *jikji_text_problem(const char *text, size_t len);

/** Free a note and everything it owns.  NULL-safe. */
void jikji_note_free(jikji_note_t *note);

/** The note's title: front matter `title`, else its first `# ` heading,
 *  else the file name without extension (of a Jekyll post's
 *  `2024-03-01-kafka-retry.md`, the slug's words: "kafka retry").  Owned
 *  by the note. */
const char *jikji_note_title(const jikji_note_t *note);

/** Front matter date (`date`, else `created`) as "YYYY-MM-DD"; without
 *  either, the date the file name starts with (`2024-07-20-slug.md`,
 *  `2024-07-20.md`); "" when there is none or it is not a real day.  Owned by the note. */
const char *jikji_note_date(const jikji_note_t *note);

/** Tags (front matter `tags`, list or string) and categories; aliases.
 *  Each returns the count and stores an array owned by the note. */
size_t jikji_note_tags(const jikji_note_t *note, const char *const **tags);
/** Inline `#tags` of the body, without the '#', each once, in order of
 *  first appearance; as written (not normalized).  A tag is a '#' at the
 *  start of a line or heading text, after a blank or after a '(' that
 *  does not open a link destination, followed by letters of any script,
 *  digits, '_', '-' or '/' (not only digits, at most 64 bytes).  Code
 *  fences, code spans, HTML comments, link destinations and link
 *  reference definitions (`[label]: #anchor`) hold none.  Returns the
 *  count and stores an array owned by the note. */
size_t jikji_note_inline_tags(const jikji_note_t *note,
                              const char *const **tags);
size_t jikji_note_categories(const jikji_note_t *note,
                             const char *const **categories);
size_t jikji_note_aliases(const jikji_note_t *note,
                          const char *const **aliases);

/** Number of sections (>= 1 for any non-blank body or front matter). */
size_t jikji_note_section_count(const jikji_note_t *note);

/** Section `i` (0-based), owned by the note; NULL when out of range. */
const jikji_section_t *jikji_note_section(const jikji_note_t *note, size_t i);

/** The section containing 1-based `line`, or NULL (line in front matter or
 *  past the end). */
const jikji_section_t *jikji_note_section_at(const jikji_note_t *note,
                                             unsigned line);

/**
 * The searchable text of section `s` of a note parsed from `text`: the same
 * byte range with markup blanked to spaces (HTML tags and comments,
 * blockquote markers, heading hashes and setext underlines, emphasis, link
 * targets; Obsidian wikilink targets that have an alias, attachment
 * embeds, callout types, highlight marks and `%%` comments; Liquid tags)
 * so that byte offsets still match the file.
 * `text`/`len` must be the buffer the note was parsed from.
 * On success *out is a malloc'd buffer of s->end - s->start bytes plus a
 * NUL, to release with jikji_free().
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL, JIKJI_ENOMEM.
 * @since 0.1
 */
jikji_status_t jikji_section_text(const jikji_section_t *s, const char *text,
                                  size_t len, char **out);
/** @} */

/** @name Database
 * @{ */
typedef struct jikji_db jikji_db_t;

typedef enum jikji_db_mode {
    JIKJI_DB_READ = 0,    /**< search only; many readers may coexist */
    JIKJI_DB_WRITE = 1,   /**< create if missing, update in place */
    JIKJI_DB_REBUILD = 2  /**< start empty: the new index is written beside
                               the old one ("<dir>.rebuild") and replaces it
                               when jikji_index() ends; until then, and if
                               it never does, the old index stays */
} jikji_db_mode_t;

/**
 * Open the index stored in directory `dir`.
 *
 * A READ handle follows the index: each call that reads it, after the
 * first, sees its last commit, also across the compaction another
 * process's run may end with (which swaps in new files), so a long-lived
 * reader needs no reopening.  A read that a writer's commits overtake
 * (two of them while it ran) is done again from the last commit, up to ten
 * times; after that the call returns JIKJI_ESTALE, and calling it again
 * works.
 *
 * On success *out is an open handle to close with jikji_db_close().  On
 * failure *out is NULL and, if `errmsg` is not NULL, *errmsg receives a
 * message naming the directory (release with jikji_free()).
 *
 * Return value:
 *   JIKJI_OK
 *   JIKJI_EINVAL    NULL dir or out, bad mode; or (WRITE/REBUILD) dir
 *                   holds files that are not an index's: nothing is
 *                   written there
 *   JIKJI_ENOINDEX  READ mode and no index at dir
 *   JIKJI_ELOCKED   WRITE/REBUILD and another process is writing
 *   JIKJI_ESCHEMA   the index was built by an incompatible jikji version;
 *                   open with JIKJI_DB_REBUILD
 *   JIKJI_EIO       the directory cannot be created
 *   JIKJI_EBACKEND  Xapian could not open it (damaged index, ...)
 *   JIKJI_ENOMEM
 * @since 0.1
 */
jikji_status_t jikji_db_open(const char *dir, jikji_db_mode_t mode,
                             jikji_db_t **out, char **errmsg);

/** Close the handle; pending index changes are committed first.
 *  NULL-safe.  Returns the status of that final commit. */
jikji_status_t jikji_db_close(jikji_db_t *db);

/** Detail of the last error on this handle ("" if none).  Valid until the
 *  next call on the handle. */
const char *jikji_db_errmsg(const jikji_db_t *db);

/**
 * Add the synonym groups of the YAML file at `path` to those this handle
 * expands queries with (a sequence of groups, each a list of equivalent
 * forms: `- [kafka, 카프카]`).  Call it for the built-in dictionary, then for
 * a user's file: groups that share a form merge; nothing is removed.
 *
 * Return value:
 *   JIKJI_OK
 *   JIKJI_EINVAL  NULL argument, or the file is malformed:
 *                 jikji_db_errmsg() reads "PATH:LINE: what is wrong"
 *   JIKJI_EIO     the file cannot be read
 *   JIKJI_ENOMEM
 * @since 0.1
 */
jikji_status_t jikji_db_load_synonyms(jikji_db_t *db, const char *path);

/**
 * Expand query words (the default) or not, for this handle's searches and
 * explanations: with expansion off a word matches only as typed (and by its
 * English stem), without the synonyms stored in the index or loaded with
 * jikji_db_load_synonyms() and without sound-alike Latin words.
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL db).
 * @since 0.1
 */
jikji_status_t jikji_db_set_expansion(jikji_db_t *db, int on);

/** Summary of what is in the index. */
typedef struct jikji_db_stats {
    uint64_t notes;     /**< files indexed */
    uint64_t sections;  /**< Xapian documents */
} jikji_db_stats_t;

/** Fill *stats.  Return value: JIKJI_OK, JIKJI_EINVAL, JIKJI_EBACKEND. */
jikji_status_t jikji_db_get_stats(jikji_db_t *db, jikji_db_stats_t *stats);

/**
 * Whether every note of the index was read as this jikji reads notes (its
 * reader version): *current is 1, or 0 when the last jikji_index() run
 * did not find so (notes read by an older jikji, which the next run of
 * every vault reads again; until then they are searched as that jikji
 * read them), or the index was written before jikji recorded it.  One
 * metadata read.
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL argument), JIKJI_EBACKEND.
 * @since 0.1
 */
jikji_status_t jikji_db_notes_current(jikji_db_t *db, int *current);

/** Called once per item of a listing; return non-zero to stop. */
typedef int (*jikji_name_fn)(void *ud, const char *name, uint64_t count);

/** Every vault indexed (absolute paths, count 0), in the order first
 *  indexed.  Return value: JIKJI_OK, JIKJI_EINVAL, JIKJI_EBACKEND,
 *  JIKJI_ENOMEM. */
jikji_status_t jikji_db_vaults(jikji_db_t *db, jikji_name_fn fn, void *ud);

/**
 * The user's synonym files whose groups the index's synonym table holds:
 * those loaded with jikji_db_load_synonyms() after the first (the
 * built-in dictionary) into the handle of the last jikji_index() run, by
 * their absolute paths as given, each passed to fn with a count of 0 (fn
 * returns non-zero to stop).  None for an index written
 * before jikji kept the list.  On a handle opened for a rebuild, the list
 * of the index being rebuilt, so a rebuild can load the same files.
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL db or fn), JIKJI_EBACKEND.
 * @since 0.1
 */
jikji_status_t jikji_db_synonym_files(jikji_db_t *db, jikji_name_fn fn,
                                      void *ud);

/** The vaults of the index in directory dir, as jikji_db_vaults(), read
 *  even from an index that jikji_db_open() refuses with JIKJI_ESCHEMA (an
 *  incompatible version): what a rebuild needs to keep them.  The index
 *  is opened read-only and closed again.  On failure *errmsg (if not NULL)
 *  gets a message naming the index, to release with jikji_free().
 *  Return value: JIKJI_OK, JIKJI_EINVAL (NULL dir or fn), JIKJI_ENOINDEX
 *  (no index there), JIKJI_EBACKEND (unreadable), JIKJI_ENOMEM.
 *  @since 0.1 */
jikji_status_t jikji_db_vaults_at(const char *dir, jikji_name_fn fn,
                                  void *ud, char **errmsg);

/** Every tag (front matter tags and inline #tags, normalized: lower case)
 *  with the number of notes that carry it, in tag order.  Return value:
 *  JIKJI_OK, JIKJI_EINVAL, JIKJI_EBACKEND. */
jikji_status_t jikji_db_tags(jikji_db_t *db, jikji_name_fn fn, void *ud);

/** When the last `jikji_index` run that changed the index finished
 *  (seconds since the epoch), 0 if never; a run that finds nothing changed
 *  leaves it as it was.  Return value: JIKJI_OK, JIKJI_EINVAL,
 *  JIKJI_EBACKEND. */
jikji_status_t jikji_db_updated(jikji_db_t *db, int64_t *when);
/** @} */

/** @name Indexing
 * @{ */

/** Where a jikji_index() run is, told to jikji_index_opts_t.on_progress
 *  after each note.  The totals come from a quick walk of the vaults
 *  before the run and never fall below what is done (a note added during
 *  the run raises them). */
typedef struct jikji_progress {
    uint64_t notes_done;  /**< notes looked at so far */
    uint64_t notes_total; /**< notes in the vaults */
    uint64_t bytes_done;  /**< sizes of the notes looked at, read or found
                               unchanged.  A note costs time of its own
                               and time per byte, so neither notes nor
                               bytes alone measure the run (`jikji
                               index` takes the mean of the two shares) */
    uint64_t bytes_total; /**< sizes of the notes in the vaults */
    uint64_t bytes_read;  /**< bytes of note text read (new or changed
                               notes) */
    /** 1 in the calls after every note is done, when the run goes on to
     *  merge and compact the index (a first build's shards, or after many
     *  changes): seconds for a big vault, with no note to count. */
    int merging;
    /** With merging: how far the merge is, from 0 (the first such call)
     *  to 1 (the last), never going down.  An estimate: Xapian merges the
     *  index's tables one after another and tells only where each starts
     *  and ends; their sizes, each weighed by what a byte of it costs to
     *  merge, make the share at each end, and in between it moves (a
     *  call every quarter second, from a thread of the merge's own, never
     *  two calls at once) by how much of the table is written out and at
     *  the pace of the tables written, short of the next end.  0 without
     *  merging. */
    double merge_share;
} jikji_progress_t;

/** The largest note a run indexes unless told otherwise
 *  (jikji_index_opts_t.max_file_size): 32 MiB.  Indexing a note holds
 *  it whole, and Xapian's document of its largest section: a 32 MiB note
 *  took 48 MB (prose) to 58 MB (a log), a 62 MB one 151 MB when its
 *  positions were not capped. */
#define JIKJI_DEFAULT_MAX_FILE_SIZE (32ull << 20)

typedef struct jikji_index_opts {
    /** Per-file problems (skipped file, bad YAML); may be NULL. */
    jikji_warning_fn on_warning;
    void *ud;
    /** Largest file indexed, in bytes; 0 means the default (32 MiB). */
    uint64_t max_file_size;
    /** Count what would change without writing anything (works on a
     *  database opened with JIKJI_DB_READ). */
    int dry_run;
    /** Called after each note with where the run is, and during a merge
     *  (jikji_progress_t.merging) as it goes, from the merge's thread
     *  between two of Xapian's tables; `p` is valid only during the call,
     *  and calls never overlap.  The vaults are walked once more first to
     *  count their notes, only when this is set.  May be NULL. */
    void (*on_progress)(void *ud, const jikji_progress_t *p);
    /** A first build (an empty index) is written in shards of this many
     *  sections, merged by one compaction at the end, so its cost grows
     *  linearly with the vault; 0 means the default (30,000). */
    uint64_t shard_sections;
    /** Writers of a first build (an empty index), each on a thread and in
     *  shards of its own, merged at the end; 0 means the default: one per
     *  online CPU, at most 2, and one for a vault under 1 MiB.  Writers
     *  take turns at chunks of 16 notes, so the result does not depend on
     *  thread timing.  Updates of an existing index always run on one
     *  thread.  With more than one writer the callbacks may be called from
     *  their threads, never two at once. */
    unsigned jobs;
    /** Asked after each note; when it returns non-zero the run stops and
     *  jikji_index() returns JIKJI_ECANCELED.  The notes done so far are
     *  committed when the handle is closed (a first build keeps only part of
     *  them: those written into shards are dropped); the others
     *  keep their old sections, and notes gone from the vaults stay until
     *  the next run, which finishes the work.  May be NULL; called from
     *  the writers' threads as on_progress. */
    int (*should_stop)(void *ud);
} jikji_index_opts_t;

typedef struct jikji_index_stats {
    unsigned added;      /**< new files indexed */
    unsigned updated;    /**< changed files re-indexed */
    unsigned removed;    /**< files gone from the vault, removed */
    unsigned unchanged;  /**< files found up to date */
    unsigned skipped;    /**< files not indexed (reported as warnings) */
    uint64_t sections;   /**< sections written in this run */
    uint64_t bytes;      /**< bytes of note text read */
    unsigned renamed;    /**< notes moved or renamed with the same content:
                              their sections were re-pointed at the new
                              path, not re-tokenized (counted only here,
                              not as added or removed) */
    unsigned reread;     /**< of `updated`: notes unchanged on disk that an
                              older jikji had read, read again because
                              what jikji reads from a note changed (only
                              their sections that come out different are
                              written) */
    unsigned compact_failed; /**< 1 when the compaction at the end of the
                              run failed (a full disk): the index is whole
                              but larger than it needs to be, and the next
                              run compacts it.  jikji_index() also reports
                              it through opts->on_warning; for
                              jikji_forget() this is the only report */
} jikji_index_stats_t;

/**
 * Bring the index up to date with the vaults at `paths` (directories, or
 * single files).  New and changed notes are (re)indexed, notes that
 * disappeared from a given vault are removed; notes of other vaults are
 * left alone.  With npaths == 0 every vault indexed before is updated (on
 * a JIKJI_DB_REBUILD handle: every vault of the index it replaces).
 * A path inside (or equal to) another of the paths is walked with it, not
 * again.  Per-file problems are reported through opts->on_warning and
 * counted in stats->skipped; they do not fail the run.  A note indexed
 * before that is no longer one (binary, too big, not a regular file)
 * loses its sections; one that cannot be read now keeps them.  Work is
 * committed in batches, so an interrupted run leaves the index at the
 * last commit.
 *
 * Return value:
 *   JIKJI_OK
 *   JIKJI_EINVAL    db not opened for writing, NULL paths with npaths > 0,
 *                   a vault path with a line break, a file that is no
 *                   note (jikji_index_path_check()), npaths == 0 and no
 *                   vault indexed yet
 *   JIKJI_EIO       a vault path does not exist or is not readable
 *   JIKJI_EBACKEND  writing the index failed (disk full, ...)
 *   JIKJI_ECANCELED opts->should_stop asked the run to stop
 *   JIKJI_ENOMEM
 * @since 0.1
 */
jikji_status_t jikji_index(jikji_db_t *db, const char *const *paths,
                           size_t npaths, const jikji_index_opts_t *opts,
                           jikji_index_stats_t *stats);
/**
 * Whether `path` may be named to jikji_index(): it exists and is a folder,
 * or a regular file with a note's name (jikji_is_note_name()).  A caller
 * checks first to refuse a path before it creates an index for it.  On an
 * error a message naming path is written to msg (msgsz bytes, cut to fit).
 *
 * Return value: JIKJI_OK; JIKJI_EIO (it does not exist or cannot be
 * looked at, or is neither a folder nor a file: a FIFO, a device);
 * JIKJI_EINVAL (a file that is no note, or path NULL).
 * @since 0.1
 */
jikji_status_t jikji_index_path_check(const char *path, char *msg,
                                      size_t msgsz);
/**
 * Does indexing a vault leave out the folder `name` found in the folder
 * `parent`: a hidden name ('.git', '.obsidian', ...), node_modules, _site
 * or vendor in a Jekyll site's folder (one holding _config.yml, .yaml or
 * .toml), or public, resources or themes in a Hugo or Zola site's (one
 * holding hugo.toml, .yaml or .json, or config.toml, .yaml or .json beside
 * a content folder and an archetypes, layouts, static, templates or themes
 * one)?  For tools that follow a vault on their own (`jikji
 * watch`), so that they pass over what jikji_index() never reads.  The
 * file system is asked only for those site folders' names; a parent that
 * cannot be read counts as no site.  Returns 1 (left out) or 0.
 * @since 0.1
 */
int jikji_folder_left_out(const char *parent, const char *name);
/**
 * Is `name` (a file name, or a path: its end is looked at) a note's by its
 * extension: .md, .markdown, .mdx or .txt, in any case?  Only such files
 * are read by jikji_index().  Returns 1 or 0 (0 for NULL).
 * @since 0.1
 */
int jikji_is_note_name(const char *name);
/**
 * Is `name` (a file or folder name) one that may make its folder a site
 * whose output folders jikji_index() leaves out (jikji_folder_left_out()):
 * Jekyll's _config.yml, .yaml or .toml, Hugo's hugo.toml, .yaml or .json,
 * config.toml, .yaml or .json, or the folders beside them that make it a
 * site (content, archetypes, layouts, static, templates, themes)?  For
 * tools that follow a vault on their own: such a name made or removed
 * changes what is indexed.  Returns 1 or 0 (0 for NULL).
 * @since 0.1
 */
int jikji_is_site_config_name(const char *name);
/**
 * Remove vaults (or single notes, or folders of a vault) from the index:
 * their sections, their records and, for whole vaults, their place in the
 * vault list.  A path need not exist any more.  stats->removed counts the
 * notes removed.  Nothing else is touched.  Removals are committed in
 * batches (an interrupted call leaves the notes removed so far; calling
 * it again finishes), and the index is compacted after removing at least
 * 1,000 sections and a quarter of it.
 *
 * Return value:
 *   JIKJI_OK
 *   JIKJI_EINVAL    db not opened for writing, NULL paths with npaths > 0,
 *                   or a path that is not in the index (errmsg names it;
 *                   nothing is committed then)
 *   JIKJI_EBACKEND, JIKJI_ENOMEM
 * @since 0.1
 */
jikji_status_t jikji_forget(jikji_db_t *db, const char *const *paths,
                            size_t npaths, jikji_index_stats_t *stats);
/** @} */

/** @name Search
 * @{ */
typedef struct jikji_results jikji_results_t;

/** A highlighted span: byte offsets [start, end) into the hit's snippet. */
typedef struct jikji_span {
    size_t start, end;
} jikji_span_t;

typedef struct jikji_hit {
    const char *path;               /**< absolute path of the note */
    unsigned line, end_line;        /**< section's lines, 1-based inclusive */
    const char *title;              /**< note title */
    const char *const *headings;    /**< heading path, title first */
    size_t nheadings;
    const char *date;               /**< "YYYY-MM-DD" or "" */
    double score;                   /**< relevance (BM25), higher is better */
    unsigned rank;                  /**< 1-based rank within the results */
    const char *snippet;            /**< one line of the section, original
                                         text, whitespace collapsed */
    const jikji_span_t *spans;      /**< matched words within snippet */
    size_t nspans;
    const jikji_span_t *const *heading_spans; /**< matched words within
                                         headings[i], nheadings entries (an
                                         entry NULL when none); NULL with
                                         JIKJI_SEARCH_NO_SNIPPETS */
    const size_t *heading_nspans;   /**< how many in each heading, or NULL
                                         as heading_spans */
    unsigned match_line, match_col; /**< where the snippet's first match is
                                         in the note: its line and its
                                         1-based byte column; `line` and 1
                                         when the snippet marks none (or
                                         with JIKJI_SEARCH_NO_SNIPPETS) */
} jikji_hit_t;

typedef enum jikji_sort {
    JIKJI_SORT_RELEVANCE = 0, /**< best match first */
    JIKJI_SORT_DATE,          /**< newest note date first, then relevance */
    JIKJI_SORT_PATH           /**< the note's full path A-Z, then
                                   relevance (reads every match's data) */
} jikji_sort_t;

enum {
    JIKJI_SEARCH_NO_SNIPPETS = 1, /**< leave snippet "" (faster: the notes
                                       are not read) */
    JIKJI_SEARCH_COUNT = 2,       /**< return no hits, only the exact number
                                       of matching sections as estimate */
    JIKJI_SEARCH_BY_NOTE = 4,     /**< one hit per note, its best section:
                                       offset and limit count notes (the
                                       estimate still counts sections) */
    JIKJI_SEARCH_NO_ESTIMATE = 8  /**< the caller does not use the estimate
                                       (faster): when the page fills before
                                       the sections without every word are
                                       searched, they are left out of it */
};

typedef struct jikji_search_opts {
    unsigned offset;        /**< hits to skip (paging) */
    unsigned limit;         /**< hits to return; 0 means 10 */
    unsigned snippet_chars; /**< approximate snippet width in characters;
                                 0 means 120 */
    jikji_sort_t sort;
    unsigned flags;         /**< JIKJI_SEARCH_* */
} jikji_search_opts_t;

/**
 * Run `query` against the index and return a page of ranked hits.
 *
 * The query language: words (all required, ranked by BM25), "exact
 * phrases", -word to exclude, OR between alternatives, parentheses, and
 * the fields tag:, category:, title:, path: (vault-relative prefix),
 * heading: (the section's own heading), date:A..B, after:A and before:B
 * (YYYY, YYYY-MM or YYYY-MM-DD, inclusive).  Words are tokenized like
 * notes: a Korean word matches whatever particle or ending follows it in a
 * note, `retry count` finds `retryCount`.  Sections containing every plain
 * word rank first; when fewer than `limit` do, sections matching some of
 * them (and every phrase, field and exclusion) follow.
 *
 * On success *out holds the page (possibly empty); free it with
 * jikji_results_free().  Every string in it is owned by the page.
 *
 *     jikji_db_t *db; jikji_results_t *res;
 *     if (jikji_db_open(dir, JIKJI_DB_READ, &db, NULL) == JIKJI_OK &&
 *         jikji_search(db, "Kafka 재시도", NULL, &res) == JIKJI_OK) {
 *         for (size_t i = 0; i < jikji_results_count(res); i++) {
 *             const jikji_hit_t *h = jikji_results_get(res, i);
 *             printf("%s:%u %s\n", h->path, h->line, h->snippet);
 *         }
 *         jikji_results_free(res);
 *     }
 *     jikji_db_close(db);
 *
 * Return value:
 *   JIKJI_OK
 *   JIKJI_EINVAL    NULL argument
 *   JIKJI_EQUERY    the query is malformed (unbalanced quote or
 *                   parenthesis, unknown field, bad date) or has no
 *                   searchable word; jikji_db_errmsg() says where
 *   JIKJI_EBACKEND  Xapian failed (damaged index, ...)
 *   JIKJI_ENOMEM
 * @since 0.1
 */
jikji_status_t jikji_search(jikji_db_t *db, const char *query,
                            const jikji_search_opts_t *opts,
                            jikji_results_t **out);

/**
 * Sections most like the one at line `line` of the note at `path`: past
 * answers about the same topic.  The query is jikji_similar_query()'s; the
 * section itself is left out.  Hits and opts are as for jikji_search().
 *
 * Return value:
 *   JIKJI_OK        (no hit when no word of the section is in another)
 *   JIKJI_EINVAL    NULL argument, that line is in no section, the note
 *                   is not in the index, is no text jikji_index() reads
 *                   (jikji_text_problem()) or changed since it was
 *                   indexed (jikji_db_errmsg() says which)
 *   JIKJI_EIO       the note cannot be read
 *   JIKJI_EBACKEND, JIKJI_ENOMEM
 * @since 0.1
 */
jikji_status_t jikji_similar(jikji_db_t *db, const char *path, unsigned line,
                             const jikji_search_opts_t *opts,
                             jikji_results_t **out);

/**
 * The query jikji_similar() runs for the section at line `line` of the note
 * at `path`, in query syntax: the section's words that best set it apart
 * (how often it uses them, twice in its own heading, times how rare they
 * are in the index; a Korean word without its particle), best first,
 * joined with OR; words no other section has are left out, and "" means
 * none is left (jikji_similar() then finds nothing).  A section with no
 * word of its own (a note of front matter alone) takes its note's title
 * and tags.  On success *query is a NUL-terminated string to release with
 * jikji_free().
 *
 * Return value: as jikji_similar().
 * @since 0.1
 */
jikji_status_t jikji_similar_query(jikji_db_t *db, const char *path,
                                   unsigned line, char **query);

/**
 * How `query` is understood: each word's terms (bigram phrases, identifier
 * parts, optional particles), its synonym and sound-alike expansions, the
 * ranking tiers and Xapian's description of the final query.  On success
 * *out is text (lines ending in '\n') to release with jikji_free().
 *
 * Return value: as jikji_search() (JIKJI_EQUERY for a malformed query).
 * @since 0.1
 */
jikji_status_t jikji_explain(jikji_db_t *db, const char *query, char **out);

/**
 * A spelling suggestion for a query (one that found nothing, or found
 * hits for its other words only): each Latin word
 * of 4 to 48 letters that a search cannot find (neither it, nor its stem,
 * nor a synonym of it is in the index; an operator or a field name aside)
 * is replaced by the index's closest word that starts with the
 * same letter, at most one edit away (two for a word of 7 letters or
 * more; swapping two neighbours is one edit), the word in more sections
 * among equally close ones.  A Korean word of 2 to 12 syllables (before
 * its ending) that a search cannot find is replaced by the word made by
 * one typo in one syllable (a vowel that sounds alike or differs by
 * Shift, ㅐ ㅒ ㅔ ㅖ or ㅙ ㅚ ㅞ; a consonant Shift makes tense) that most
 * sections have as written, starting a word, when two or more do, its
 * ending kept (제시도 -> 재시도, 설게했는데 -> 설계했는데).  An excluded
 * word (-x, NOT x) and a field's Korean value are kept.  Other words and the query's syntax are
 * kept as typed.  A query of more than 8 words (pasted text) gets none.  On success *out is the rewritten query, to release with
 * jikji_free(), or NULL when no word has a suggestion.
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL argument), JIKJI_ENOMEM,
 * JIKJI_EIO (reading the index).
 * @since 0.1
 */
jikji_status_t jikji_suggest(jikji_db_t *db, const char *query, char **out);

/** Number of hits in the page. */
size_t jikji_results_count(const jikji_results_t *res);

/** Estimated number of matching sections in the whole index (exact when
 *  small; see JIKJI_SEARCH_NO_ESTIMATE). */
uint64_t jikji_results_estimate(const jikji_results_t *res);

/** Hit `i` (0-based) of the page, owned by it; NULL when out of range. */
const jikji_hit_t *jikji_results_get(const jikji_results_t *res, size_t i);

/** Free a page and everything in it.  NULL-safe. */
void jikji_results_free(jikji_results_t *res);
/** @} */

#ifdef __cplusplus
}
#endif
#endif /* JIKJI_H */
