/* xapian_c.h - thin C binding over libxapian (implemented in xapian_c.cc).
 *
 * Opaque handles, errors as values: every Xapian exception is caught at
 * this boundary and turned into a jikji_status_t plus a message kept in the
 * database handle (jk_xdb_errmsg).  Nothing here knows jikji's schema:
 * terms, prefixes and value slots arrive ready-made.
 *
 * Exceptions map to statuses as follows: DatabaseLockError -> ELOCKED,
 * DatabaseNotFoundError -> ENOINDEX, DatabaseModifiedError -> ESTALE,
 * InvalidArgumentError and DocNotFoundError (caller misuse: empty term or
 * key, docid 0 or unknown, metadata key over ~250 bytes) -> EINVAL, any
 * other Xapian::Error -> EBACKEND, std::bad_alloc -> ENOMEM, anything else
 * -> EINTERNAL.  Messages start with the operation ("add_doc: ...").
 */
#ifndef JIKJI_XAPIAN_C_H
#define JIKJI_XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#include "jikji.h"

#ifdef __cplusplus
extern "C" {
#define JK_NOEXCEPT noexcept
#else
#define JK_NOEXCEPT
#endif

typedef struct jk_xdb jk_xdb;     /* a database, read-only or writable */
typedef struct jk_xdoc jk_xdoc;   /* a document being built */
typedef struct jk_xq jk_xq;       /* a query tree node */
typedef struct jk_xmset jk_xmset; /* a page of search results */
typedef struct jk_xstem jk_xstem; /* a Snowball stemmer */

/* Longest term, in bytes (prefix included), the glass backend accepts.
 * Callers should drop or shorten longer tokens before adding them; see
 * jk_xdb_add_doc for what happens otherwise. */
#define JK_XTERM_MAX 245

/* --- database ----------------------------------------------------------- */

enum jk_xdb_mode {
    JK_XDB_READ,            /* open existing, read-only */
    JK_XDB_WRITE,           /* create or open, writable */
    JK_XDB_OVERWRITE,       /* create empty, replacing what is there */
    JK_XDB_SCRATCH          /* OVERWRITE, and commits skip fsync: for a
                               database that is thrown away unless the run
                               ends well (the shards of a first build) */
};

/* Open the database at `path`.  On failure *out is NULL and *errmsg (if
 * not NULL) gets a malloc'd message naming the path.  Statuses: OK,
 * EINVAL (NULL path/out, bad mode), ENOINDEX (READ and the directory is
 * missing or holds no index), ELOCKED (WRITE/OVERWRITE while another
 * handle, in this process or another, writes; fails at once), EBACKEND,
 * ENOMEM. */
jikji_status_t jk_xdb_open(const char *path, enum jk_xdb_mode mode,
                           jk_xdb **out, char **errmsg) JK_NOEXCEPT;
/* Close; a writable database commits pending changes first. NULL-safe.
 * Returns the commit's status; its message dies with the handle, so call
 * jk_xdb_commit() first when the detail matters. */
jikji_status_t jk_xdb_close(jk_xdb *db) JK_NOEXCEPT;
/* Text of the last error on this handle ("" if none yet); it is not
 * cleared by later successful calls.  Owned by the handle. */
const char *jk_xdb_errmsg(const jk_xdb *db) JK_NOEXCEPT;
/* Bring a read-only database to its latest commit, across a compaction
 * that swapped in new files too; nothing for a writable one. */
jikji_status_t jk_xdb_reopen(jk_xdb *db) JK_NOEXCEPT;

/* Write functions (commit, set_meta, add_doc, delete_term) return EINVAL
 * on a handle opened with JK_XDB_READ.
 * A writer's changes are committed only here (and by jk_xdb_close()),
 * all together: however many documents it adds, Xapian's own flush of
 * its buffer (every 10,000 documents) writes them out without making
 * them visible, so a process killed before the commit leaves the last
 * committed state. */
jikji_status_t jk_xdb_commit(jk_xdb *db) JK_NOEXCEPT;
/* Drop a writer's changes since its last commit (a run that failed midway
 * leaves no part of a note without its record; jk_xdb_close() would
 * commit them).  EINVAL on a read-only handle. */
jikji_status_t jk_xdb_cancel(jk_xdb *db) JK_NOEXCEPT;

/* Told by jk_xdb_compact() as it merges each table ("postlist",
 * "docdata", "termlist", "position", "spelling", "synonym", in that order):
 * done 0 as the table starts, 1 as it is written (or found absent).  Xapian
 * says nothing in between. */
typedef void (*jk_xtable_fn)(void *ud, const char *table, int done);

/* Write a compacted copy of the database's committed state into the new
 * directory `dest` (Xapian's compact()): full B-tree blocks instead of the
 * half-empty ones a growing index leaves.  With nshards > 0 the databases
 * at shards[] are merged in after it (documents renumbered; metadata keys
 * present in several keep the first value); else document ids are kept.
 * Works on a writable handle, whose lock stays held.  on_table (may be
 * NULL) is told of each table, with ud.  EIO on failure (a partial `dest`
 * may be left for the caller to remove). */
jikji_status_t jk_xdb_compact(jk_xdb *db, const char *dest,
                              const char *const *shards, size_t nshards,
                              jk_xtable_fn on_table, void *ud) JK_NOEXCEPT;
jikji_status_t jk_xdb_doccount(jk_xdb *db, uint64_t *out) JK_NOEXCEPT;
/* Number of documents indexed by `term` (0 if absent). */
jikji_status_t jk_xdb_termfreq(jk_xdb *db, const char *term, size_t len,
                               uint64_t *out) JK_NOEXCEPT;

/* Metadata.  get: *val is malloc'd and NUL-terminated (free with free());
 * an absent key gives *val = NULL, *len = 0 and JIKJI_OK. */
jikji_status_t jk_xdb_get_meta(jk_xdb *db, const char *key, char **val,
                               size_t *len) JK_NOEXCEPT;
/* How many write calls (metadata, documents, synonyms; not commits) this
 * handle has taken since it was opened: unchanged means nothing to commit. */
uint64_t jk_xdb_changes(const jk_xdb *db) JK_NOEXCEPT;
/* Setting an empty value deletes the key. */
jikji_status_t jk_xdb_set_meta(jk_xdb *db, const char *key, const char *val,
                               size_t len) JK_NOEXCEPT;
/* Call fn for every metadata key starting with `prefix` (NULL = all), in
 * key order.  A non-zero return from fn stops the walk.  key and val are
 * NUL-terminated and only valid during the call.  Keys may be changed from
 * within fn only after the walk (collect first). */
typedef int (*jk_xmeta_fn)(void *ud, const char *key, size_t klen,
                           const char *val, size_t vlen);
jikji_status_t jk_xdb_meta_each(jk_xdb *db, const char *prefix,
                                jk_xmeta_fn fn, void *ud) JK_NOEXCEPT;
/* Call fn for every term starting with `prefix` (term and its doc freq). */
typedef int (*jk_xterm_fn)(void *ud, const char *term, size_t len,
                           uint64_t termfreq);
jikji_status_t jk_xdb_terms_each(jk_xdb *db, const char *prefix,
                                 jk_xterm_fn fn, void *ud) JK_NOEXCEPT;

/* *out: the OR of the terms that start with prefix[0, len) (none: a query
 * that matches nothing), where a term that ends in `sep` stands for every
 * term it starts, which are not read (a folder's term is on each note
 * under it).  For a filter, where OP_WILDCARD's limit would drop matches.
 * Statuses: OK, EINVAL, ENOMEM, EIO. */
jikji_status_t jk_xdb_prefix_query(jk_xdb *db, const char *prefix, size_t len,
                                   char sep, jk_xq **out) JK_NOEXCEPT;

/* Add a document (the handle is not consumed).
 * Term length: Xapian (glass) refuses terms over JK_XTERM_MAX bytes only
 * inside add_document, and when it throws there it cancels EVERY change
 * since the last commit, not just this document.  So this function checks
 * first: a document holding such a term is refused with JIKJI_EINVAL
 * (message "add_doc: term too long ...") and nothing is changed; the
 * jk_xdoc_add_* calls accept the term and report nothing.  Any other
 * failure in here (EBACKEND, ENOMEM) has likewise lost the uncommitted
 * batch. */
jikji_status_t jk_xdb_add_doc(jk_xdb *db, const jk_xdoc *doc) JK_NOEXCEPT;
/* Store doc in place of the document docid (the handle is not consumed).
 * Xapian writes only what differs: the postings of terms whose wdf or
 * positions changed.  EINVAL as jk_xdb_add_doc, or for docid 0. */
jikji_status_t jk_xdb_replace_doc(jk_xdb *db, unsigned docid,
                                  const jk_xdoc *doc) JK_NOEXCEPT;
/* Delete every document indexed by `term` (none is OK; "" is EINVAL).
 * When pairs is not NULL, adds to *pairs how many (term, document) pairs
 * the deleted documents had: Xapian buffers a posting removal for each
 * until the commit, as for an added document (jk_xdoc_terms). */
jikji_status_t jk_xdb_delete_term(jk_xdb *db, const char *term,
                                  size_t *pairs) JK_NOEXCEPT;
/* Delete the document docid (an unknown docid or 0 is EINVAL); pairs as
 * for jk_xdb_delete_term. */
jikji_status_t jk_xdb_delete_doc(jk_xdb *db, unsigned docid, size_t *pairs)
    JK_NOEXCEPT;
/* Data of the document with this docid: *data malloc'd and NUL-terminated
 * (free()).  An unknown docid or 0 gives EINVAL. */
jikji_status_t jk_xdb_doc_data(jk_xdb *db, unsigned docid, char **data,
                               size_t *len) JK_NOEXCEPT;

/* An edit of a stored document that leaves its other terms, positions and
 * values as they are (a renamed note: no re-tokenizing). */
typedef struct jk_xedit {
    const char *const *drop_prefixes; /* remove every term starting with */
    size_t ndrop;                     /* one of these */
    const char *const *add_terms;     /* then add these boolean terms */
    size_t nadd;
    unsigned slot;                    /* set this value slot ... */
    const char *value;                /* ... to value, when not NULL */
    size_t value_len;
    const char *data;                 /* replace the data, when not NULL */
    size_t data_len;
} jk_xedit;

/* Apply e to the document docid and store it back.  EINVAL for an unknown
 * docid or a read-only handle. */
jikji_status_t jk_xdb_edit_doc(jk_xdb *db, unsigned docid, const jk_xedit *e)
    JK_NOEXCEPT;

/* --- documents ----------------------------------------------------------- */

jk_xdoc *jk_xdoc_new(void) JK_NOEXCEPT;   /* NULL on out of memory */
void jk_xdoc_free(jk_xdoc *doc) JK_NOEXCEPT;
/* These return 0 on success, -1 on out of memory or misuse (NULL or empty
 * term).  Terms longer than JK_XTERM_MAX are accepted here and refused by
 * jk_xdb_add_doc.  An empty value removes the slot. */
int jk_xdoc_add_posting(jk_xdoc *doc, const char *term, size_t len,
                        uint32_t pos, uint32_t wdf) JK_NOEXCEPT;
int jk_xdoc_add_term(jk_xdoc *doc, const char *term, size_t len,
                     uint32_t wdf) JK_NOEXCEPT;
int jk_xdoc_add_boolean(jk_xdoc *doc, const char *term, size_t len)
    JK_NOEXCEPT;
int jk_xdoc_set_value(jk_xdoc *doc, unsigned slot, const char *val,
                      size_t len) JK_NOEXCEPT;
int jk_xdoc_set_data(jk_xdoc *doc, const char *data, size_t len)
    JK_NOEXCEPT;
/* How many distinct terms doc holds (0 for NULL): what adding it puts in
 * Xapian's write buffer, one posting each. */
size_t jk_xdoc_terms(const jk_xdoc *doc) JK_NOEXCEPT;

/* --- stemming ------------------------------------------------------------ */

/* A stemmer for `language` ("english"); NULL if unknown or no memory. */
jk_xstem *jk_xstem_new(const char *language) JK_NOEXCEPT;
void jk_xstem_free(jk_xstem *st) JK_NOEXCEPT;
/* Stem `word` into out (NUL-terminated, truncated to outsz-1; out may be
 * NULL when outsz is 0).  Returns the stem's full length, as snprintf
 * does (>= outsz means truncated), or -1 on error. */
long jk_xstem_word(jk_xstem *st, const char *word, size_t len, char *out,
                   size_t outsz) JK_NOEXCEPT;

/* --- queries ------------------------------------------------------------- */

enum jk_xq_op {
    JK_XQ_AND, JK_XQ_OR, JK_XQ_AND_NOT, JK_XQ_AND_MAYBE, JK_XQ_FILTER,
    JK_XQ_PHRASE, JK_XQ_NEAR, JK_XQ_SYNONYM, JK_XQ_ELITE_SET, JK_XQ_MAX
};

/* Query nodes are immutable values: combining copies the children, so the
 * caller still frees every node it made.  Constructors return NULL only on
 * out of memory or misuse (bad op, negative scale factor); a NULL child
 * makes the result NULL too.  Beware: as in Xapian, an empty term (len 0)
 * matches every document; combining no subqueries matches none. */
jk_xq *jk_xq_term(const char *term, size_t len, uint32_t wqf, uint32_t pos)
    JK_NOEXCEPT;
/* Every term starting with `prefix` (Xapian OP_WILDCARD as a synonym),
 * limited to the 100 most frequent such terms: a word's expansions. */
jk_xq *jk_xq_wildcard(const char *prefix, size_t len) JK_NOEXCEPT;
/* Every term starting with `prefix`, however many (OP_WILDCARD as an OR):
 * a filter's values (path:, a parent tag), where a limit would drop
 * matches in silence. */
jk_xq *jk_xq_prefix_all(const char *prefix, size_t len) JK_NOEXCEPT;
/* `window` is used by PHRASE and NEAR (0 = number of subqueries), and is
 * the set size for ELITE_SET (0 = Xapian's default); ignored otherwise.
 * AND_MAYBE of (a, b) matches a's documents, each weighed as a plus the
 * parts of b it matches; when b holds a PHRASE or NEAR it is built from
 * other operators (Xapian 1.4's AND_MAYBE is slow and weighs wrongly
 * then; see xapian_c.cc), so jk_xq_describe shows those. */
jk_xq *jk_xq_combine(enum jk_xq_op op, jk_xq *const *subs, size_t n,
                     unsigned window) JK_NOEXCEPT;
/* The phrase of the n >= 2 overlapping bigrams of one Hangul/Han/Kana run
 * (데이 이터 터베 베이 이스), each a term: PHRASE of all of them for n <= 2,
 * else the PHRASE, within n positions, of those that cover the run (the
 * first, every other one, the last) ANDed with the others.  It weighs
 * every document as the PHRASE of all of them does, and reads n/2 + 1
 * position lists per candidate instead of n.  It also matches the rare
 * note that has every bigram but those of the cover in order with gaps
 * (데이 터베이스 and 데이터 elsewhere). */
jk_xq *jk_xq_bigram_phrase(jk_xq *const *subs, size_t n) JK_NOEXCEPT;
/* Scale the weight of q by factor >= 0 (OP_SCALE_WEIGHT). */
jk_xq *jk_xq_scale(const jk_xq *q, double factor) JK_NOEXCEPT;
/* Documents whose value `slot` is in [lo, hi], compared bytewise; lo or hi
 * may be NULL (or "") for an open end.  Documents without a value in the
 * slot never match, even with both ends open. */
jk_xq *jk_xq_value_range(unsigned slot, const char *lo, const char *hi)
    JK_NOEXCEPT;
jk_xq *jk_xq_match_all(void) JK_NOEXCEPT;
void jk_xq_free(jk_xq *q) JK_NOEXCEPT;
/* Xapian's description of the query; malloc'd, NULL on out of memory. */
char *jk_xq_describe(const jk_xq *q) JK_NOEXCEPT;

/* --- searching ----------------------------------------------------------- */

enum jk_xsort {
    JK_XSORT_RELEVANCE, JK_XSORT_VALUE_DESC, JK_XSORT_VALUE_ASC,
    JK_XSORT_KEY_ASC
};

/* A sort key made from a document's data (or, with hit_meta_key, from
 * its metadata record) into out (at most outsz bytes are used); returns
 * the key's length.  Keys compare as byte strings. */
typedef size_t (*jk_xsortkey_fn)(void *ud, const char *data, size_t len,
                                 char *out, size_t outsz);
/* The metadata key of the record that goes with a document, made from
 * its data into key (at most keysz bytes); returns the key's length, 0
 * for none. */
typedef size_t (*jk_xmetakey_fn)(void *ud, const char *data, size_t len,
                                 char *key, size_t keysz);

typedef struct jk_xsearch_opts {
    unsigned offset, limit;     /* limit 0: no hits, only the estimate */
    enum jk_xsort sort;
    unsigned sort_slot;         /* the value sorted by; with RELEVANCE and
                                   KEY_ASC, the tie-break of equal scores
                                   (RELEVANCE reads it only for the ties
                                   that reach into the page) */
    /* VALUE_ASC/DESC: hits of the same value and the same weight go by the
     * value in tie_slot, then docid (with tie_value 0, by docid alone,
     * which depends on how the index was built). */
    int tie_value;
    unsigned tie_slot;
    jk_xsortkey_fn sort_key;    /* KEY_ASC: the key, then BM25; it reads
                                   every match's data, so it is slower */
    void *sort_key_ud;
    /* Optional: each hit's metadata record, the key made from its data,
     * read with the hits from the same revision of the index (a record
     * read after the search could be of a newer one), and handed to
     * sort_key instead of the data. */
    jk_xmetakey_fn hit_meta_key;
    void *hit_meta_ud;
    /* Optional: docids already shown, left out of this search. */
    const unsigned *exclude;
    size_t nexclude;
    int exact_count;            /* make the estimate exact (checks every
                                   match: slower on big result sets) */
    int any;                    /* only whether limit documents match, in
                                   docid order, unweighed: stops at the
                                   limit-th (no estimate) */
    /* Collapse: at most one hit (the first in the order asked) per
     * non-empty value in collapse_slot; the page's offset and limit then
     * count those hits, and the estimate still counts every match. */
    int collapse;
    unsigned collapse_slot;
    double bm25_k1, bm25_b;     /* BM25's k1 and b; both 0: Xapian's
                                   defaults (1 and 0.5) */
    double bm25_min_normlen;    /* BM25's min_normlen (with k1 or b set):
                                   a length under it, as a share of the
                                   average, counts as it; 0: Xapian's 0.5 */
} jk_xsearch_opts;

/* Run q (ranked by BM25, or by value then BM25); *out is a result page to
 * free with jk_xmset_free().  opts must not be NULL.  Retries once after
 * reopening on DatabaseModifiedError.  The page holds copies of the hits'
 * data and stays valid after the database is closed. */
jikji_status_t jk_xdb_search(jk_xdb *db, const jk_xq *q,
                             const jk_xsearch_opts *opts, jk_xmset **out)
    JK_NOEXCEPT;
size_t jk_xmset_size(const jk_xmset *ms) JK_NOEXCEPT;
uint64_t jk_xmset_estimate(const jk_xmset *ms) JK_NOEXCEPT;
/* Hit i: docid, BM25 weight and the document's data (owned by the page,
 * NUL-terminated).  Any output pointer may be NULL.  EINVAL when i is out
 * of range. */
jikji_status_t jk_xmset_get(jk_xmset *ms, size_t i, unsigned *docid,
                            double *weight, const char **data, size_t *len)
    JK_NOEXCEPT;
/* Hit i's metadata record (opts.hit_meta_key; owned by the page,
 * NUL-terminated; "" when there is none).  EINVAL when i is out of
 * range. */
jikji_status_t jk_xmset_meta(jk_xmset *ms, size_t i, const char **val,
                             size_t *len) JK_NOEXCEPT;
void jk_xmset_free(jk_xmset *ms) JK_NOEXCEPT;

/* Xapian's synonym table.  Removing every entry whose key does not start
 * with keep (NULL: all), adding one pair (term -> synonym, one direction),
 * and calling fn(ud, synonym, len, 0) for each synonym of term. */
jikji_status_t jk_xdb_clear_synonyms(jk_xdb *db, const char *keep)
    JK_NOEXCEPT;
jikji_status_t jk_xdb_add_synonym(jk_xdb *db, const char *term,
                                  const char *synonym) JK_NOEXCEPT;
jikji_status_t jk_xdb_synonyms_each(jk_xdb *db, const char *term,
                                    jk_xterm_fn fn, void *ud) JK_NOEXCEPT;

/* The docids of the documents indexed by `term`, ascending: *docids is
 * malloc'd (free()), NULL when there are none (*n = 0, JIKJI_OK). */
jikji_status_t jk_xdb_term_docs(jk_xdb *db, const char *term, size_t len,
                                unsigned **docids, size_t *n) JK_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif /* JIKJI_XAPIAN_C_H */
