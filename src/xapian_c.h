/* xapian_c.h - thin C binding over libxapian (implemented in xapian_c.cc).
 *
 * Opaque handles, errors as values: every Xapian exception is caught at
 * this boundary and turned into a jikji_status_t plus a message kept in the
 * database handle (jk_xdb_errmsg).  Nothing here knows jikji's schema:
 * terms, prefixes and value slots arrive ready-made.
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

/* --- database ----------------------------------------------------------- */

enum jk_xdb_mode {
    JK_XDB_READ,            /* open existing, read-only */
    JK_XDB_WRITE,           /* create or open, writable */
    JK_XDB_OVERWRITE        /* create empty, replacing what is there */
};

/* Open the database at `path`.  On failure *out is NULL and *errmsg (if
 * not NULL) gets a malloc'd message.  Statuses: OK, ENOINDEX (READ and
 * missing), ELOCKED, EBACKEND, ENOMEM. */
jikji_status_t jk_xdb_open(const char *path, enum jk_xdb_mode mode,
                           jk_xdb **out, char **errmsg) JK_NOEXCEPT;
/* Close; a writable database commits pending changes first. NULL-safe. */
jikji_status_t jk_xdb_close(jk_xdb *db) JK_NOEXCEPT;
/* Last error text of this handle; "" if none.  Owned by the handle. */
const char *jk_xdb_errmsg(const jk_xdb *db) JK_NOEXCEPT;
/* Reopen a read-only database at its latest revision. */
jikji_status_t jk_xdb_reopen(jk_xdb *db) JK_NOEXCEPT;

jikji_status_t jk_xdb_commit(jk_xdb *db) JK_NOEXCEPT;
jikji_status_t jk_xdb_doccount(jk_xdb *db, uint64_t *out) JK_NOEXCEPT;
/* Number of documents indexed by `term` (0 if absent). */
jikji_status_t jk_xdb_termfreq(jk_xdb *db, const char *term, size_t len,
                               uint64_t *out) JK_NOEXCEPT;

/* Metadata.  get: *val is malloc'd and NUL-terminated (free with free());
 * an absent key gives *val = NULL, *len = 0 and JIKJI_OK. */
jikji_status_t jk_xdb_get_meta(jk_xdb *db, const char *key, char **val,
                               size_t *len) JK_NOEXCEPT;
/* Setting an empty value deletes the key. */
jikji_status_t jk_xdb_set_meta(jk_xdb *db, const char *key, const char *val,
                               size_t len) JK_NOEXCEPT;
/* Call fn for every metadata key starting with `prefix`, in key order.
 * A non-zero return from fn stops the walk.  key and val are only valid
 * during the call.  Keys may be changed from within fn only after the
 * walk (collect first). */
typedef int (*jk_xmeta_fn)(void *ud, const char *key, size_t klen,
                           const char *val, size_t vlen);
jikji_status_t jk_xdb_meta_each(jk_xdb *db, const char *prefix,
                                jk_xmeta_fn fn, void *ud) JK_NOEXCEPT;
/* Call fn for every term starting with `prefix` (term and its doc freq). */
typedef int (*jk_xterm_fn)(void *ud, const char *term, size_t len,
                           uint64_t termfreq);
jikji_status_t jk_xdb_terms_each(jk_xdb *db, const char *prefix,
                                 jk_xterm_fn fn, void *ud) JK_NOEXCEPT;

/* Add a document (the handle is not consumed). */
jikji_status_t jk_xdb_add_doc(jk_xdb *db, const jk_xdoc *doc) JK_NOEXCEPT;
/* Delete every document indexed by `term`. */
jikji_status_t jk_xdb_delete_term(jk_xdb *db, const char *term)
    JK_NOEXCEPT;
/* Data of the document with this docid: *data malloc'd (free()). */
jikji_status_t jk_xdb_doc_data(jk_xdb *db, unsigned docid, char **data,
                               size_t *len) JK_NOEXCEPT;

/* --- documents ----------------------------------------------------------- */

jk_xdoc *jk_xdoc_new(void) JK_NOEXCEPT;   /* NULL on out of memory */
void jk_xdoc_free(jk_xdoc *doc) JK_NOEXCEPT;
/* These return 0 on success, -1 on out of memory. */
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

/* --- stemming ------------------------------------------------------------ */

/* A stemmer for `language` ("english"); NULL if unknown or no memory. */
jk_xstem *jk_xstem_new(const char *language) JK_NOEXCEPT;
void jk_xstem_free(jk_xstem *st) JK_NOEXCEPT;
/* Stem `word` into out (NUL-terminated, truncated to outsz-1).  Returns the
 * stem's length, or -1 on error. */
long jk_xstem_word(jk_xstem *st, const char *word, size_t len, char *out,
                   size_t outsz) JK_NOEXCEPT;

/* --- queries ------------------------------------------------------------- */

enum jk_xq_op {
    JK_XQ_AND, JK_XQ_OR, JK_XQ_AND_NOT, JK_XQ_AND_MAYBE, JK_XQ_FILTER,
    JK_XQ_PHRASE, JK_XQ_NEAR, JK_XQ_SYNONYM, JK_XQ_ELITE_SET, JK_XQ_MAX
};

/* Query nodes are immutable values: combining copies the children, so the
 * caller still frees every node it made.  Constructors return NULL only on
 * out of memory; a NULL child makes the result NULL too. */
jk_xq *jk_xq_term(const char *term, size_t len, uint32_t wqf, uint32_t pos)
    JK_NOEXCEPT;
/* Every term starting with `prefix` (Xapian OP_WILDCARD, OR-ed). */
jk_xq *jk_xq_wildcard(const char *prefix, size_t len) JK_NOEXCEPT;
/* `window` is used by PHRASE and NEAR (0 = number of subqueries). */
jk_xq *jk_xq_combine(enum jk_xq_op op, jk_xq *const *subs, size_t n,
                     unsigned window) JK_NOEXCEPT;
/* Scale the weight of q by factor (OP_SCALE_WEIGHT). */
jk_xq *jk_xq_scale(const jk_xq *q, double factor) JK_NOEXCEPT;
/* Documents whose value `slot` is in [lo, hi] (lo or hi may be NULL). */
jk_xq *jk_xq_value_range(unsigned slot, const char *lo, const char *hi)
    JK_NOEXCEPT;
jk_xq *jk_xq_match_all(void) JK_NOEXCEPT;
void jk_xq_free(jk_xq *q) JK_NOEXCEPT;
/* Xapian's description of the query; malloc'd, NULL on out of memory. */
char *jk_xq_describe(const jk_xq *q) JK_NOEXCEPT;

/* --- searching ----------------------------------------------------------- */

enum jk_xsort { JK_XSORT_RELEVANCE, JK_XSORT_VALUE_DESC, JK_XSORT_VALUE_ASC };

typedef struct jk_xsearch_opts {
    unsigned offset, limit;
    enum jk_xsort sort;
    unsigned sort_slot;
    /* Optional: docids already shown, left out of this search. */
    const unsigned *exclude;
    size_t nexclude;
} jk_xsearch_opts;

/* Run q; *out is a result page to free with jk_xmset_free().  Retries
 * once after reopening on DatabaseModifiedError. */
jikji_status_t jk_xdb_search(jk_xdb *db, const jk_xq *q,
                             const jk_xsearch_opts *opts, jk_xmset **out)
    JK_NOEXCEPT;
size_t jk_xmset_size(const jk_xmset *ms) JK_NOEXCEPT;
uint64_t jk_xmset_estimate(const jk_xmset *ms) JK_NOEXCEPT;
/* Hit i: docid, BM25 weight and the document's data (owned by the page). */
jikji_status_t jk_xmset_get(jk_xmset *ms, size_t i, unsigned *docid,
                            double *weight, const char **data, size_t *len)
    JK_NOEXCEPT;
void jk_xmset_free(jk_xmset *ms) JK_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif /* JIKJI_XAPIAN_C_H */
