/* xapian_c.cc - thin C binding over libxapian; the only C++ in jikji.
 *
 * Every exported function is noexcept and catches everything at this
 * boundary: exceptions become a jikji_status_t (see jk_xfail) plus a
 * message kept in the database handle.  Handles are plain structs holding
 * Xapian objects by value.  Nothing here knows jikji's schema.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include <xapian.h>

#include "xapian_c.h"

/* A database.  `db` is used for reading; when the handle is writable it
 * shares its internals with `wdb`, so reads see uncommitted changes. */
struct jk_xdb {
    Xapian::Database db;
    Xapian::WritableDatabase wdb;
    bool writable = false;
    /* A writer works inside an unflushed transaction between commits
     * (jk_xbegin): Xapian then flushes its buffer every 10,000 documents
     * without committing, so only jk_xdb_commit() makes changes visible.
     * Outside a transaction that flush commits too, and a note with more
     * sections was committed in part: killed then, the next run indexed it
     * again beside its orphaned sections. */
    bool in_txn = false;
    uint64_t changes = 0; /* write calls since the handle was opened */
    std::string path;     /* to open a reader again (jk_xopen_reader) */
    /* A reader's version file when opened: another one at path means a
     * compaction swapped in new files (compact.c), which reopen() does
     * not follow. */
    dev_t version_dev = 0;
    ino_t version_ino = 0;
    ino_t dir_ino = 0;      /* the index folder's, as opened */
    std::string err;
};

static Xapian::Database jk_xopen_reader(const std::string &path);

/* Whether the version file at reader h's path, or the folder itself, is
 * another one than the reader opened (a compaction swapped the files in
 * since).  Both: glass writes its version file anew at each commit, so a
 * compaction's new one can take the inode number the reader's had, freed
 * by a commit before it (a reader kept the old files under load: unit
 * test test_reader_follows_compaction); the folder's can be taken again
 * only by a second swap, and not at the same time. */
static bool
jk_xswapped(const jk_xdb *h)
{
    struct stat sb, db;
    return !h->path.empty() &&
           stat((h->path + "/iamglass").c_str(), &sb) == 0 &&
           stat(h->path.c_str(), &db) == 0 &&
           (sb.st_dev != h->version_dev || sb.st_ino != h->version_ino ||
            db.st_ino != h->dir_ino);
}

/* Open reader h anew at its path, remembering its version file first (a
 * swap between the two is then seen by the next jk_xrefresh()).  Throws
 * as Xapian does. */
static void
jk_xopen_anew(jk_xdb *h)
{
    struct stat sb;
    if (stat((h->path + "/iamglass").c_str(), &sb) == 0) {
        h->version_dev = sb.st_dev;
        h->version_ino = sb.st_ino;
    }
    if (stat(h->path.c_str(), &sb) == 0)
        h->dir_ino = sb.st_ino;
    h->db = jk_xopen_reader(h->path);
}

/* Bring h to the index's last commit: reopen(), or for a reader whose
 * files a compaction swapped, a new reader.  Throws as Xapian does. */
static void
jk_xrefresh(jk_xdb *h)
{
    if (jk_xswapped(h))
        jk_xopen_anew(h);
    else
        h->db.reopen();
}

/* How many times a reader runs a read again that a writer's commits
 * overtook (Xapian's DatabaseModifiedError: a revision is kept until the
 * commit after next, so a reader slower than two commits loses its
 * blocks).  Once was too few for a search of 200 hits on a slow disk
 * (QA: 6 in 7 failed at 3 ms a read while a build committed). */
#define JK_XREAD_TRIES 10

/* Run read(), which reads h; when a writer's commits overtook it, bring
 * reader h to the last commit and run it again, up to JK_XREAD_TRIES
 * times.  read() must be safe to run again from its start.  Throws as
 * read() does. */
template <class Read>
static void
jk_xread(jk_xdb *h, Read read)
{
    for (int attempt = 1;; attempt++) {
        try {
            read();
            return;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (h->writable || attempt >= JK_XREAD_TRIES)
                throw;
            jk_xrefresh(h); /* a writer's path is empty: reopen() */
        }
    }
}

/* Open a reader.  A compaction swaps the index directory for a new one
 * (compact.c) while readers come and go: a reader that read the version
 * file of one set and a table of the other gets a DatabaseError ("EOF
 * reading block ...").  Opening again sees one consistent set, so such an
 * error is retried a few times; errors about the path (not found, not an
 * index, wrong version) are not. */
static Xapian::Database
jk_xopen_reader(const std::string &path)
{
    for (int attempt = 1;; attempt++) {
        try {
            return Xapian::Database(path);
        } catch (const Xapian::DatabaseOpeningError &) {
            throw;
        } catch (const Xapian::DatabaseError &) {
            if (attempt == 5)
                throw;
            usleep(10000 * attempt);
        }
    }
}

/* A document being built.  The first term longer than JK_XTERM_MAX is
 * remembered so jk_xdb_add_doc can refuse the document before Xapian does
 * (Xapian's refusal discards the whole uncommitted batch). */
struct jk_xdoc {
    Xapian::Document doc;
    bool toolong = false;
    size_t toolong_len = 0;
    std::string toolong_head;
};

/* A query node (an immutable value; Xapian::Query is reference-counted). */
struct jk_xq {
    Xapian::Query q;
};

/* A Snowball stemmer. */
struct jk_xstem {
    Xapian::Stem st;
};

/* One hit of a result page, with its document data (and metadata record,
 * jk_xsearch_opts.hit_meta_key) fetched eagerly. */
struct jk_xhit {
    Xapian::docid docid;
    double weight;
    std::string data, meta;
};

/* A page of results; owns the data strings handed out by jk_xmset_get. */
struct jk_xmset {
    std::vector<jk_xhit> hits;
    uint64_t estimate = 0;
};

/* Most terms an OP_WILDCARD expands to (the most frequent ones win). */
static const Xapian::termcount JK_XQ_WILDCARD_MAX = 100;

/* Store "what: detail" in *err (if err) and return st.  Never throws: if
 * the message cannot be built, the slot is left empty. */
static jikji_status_t
jk_xseterr(std::string *err, jikji_status_t st, const char *what,
           const char *detail) noexcept
{
    if (err == nullptr)
        return st;
    try {
        *err = what;
        *err += ": ";
        *err += detail;
    } catch (...) {
        err->clear();
    }
    return st;
}

/* Map the exception being handled to a status; call only inside a catch
 * handler.  The message (in *err, if err) starts with `what`. */
static jikji_status_t
jk_xfail(std::string *err, const char *what) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        std::string m;
        try {
            m = "the index is being written by another process (" +
                e.get_description() + ")";
        } catch (...) {
        }
        return jk_xseterr(err, JIKJI_ELOCKED, what, m.c_str());
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return jk_xseterr(err, JIKJI_ENOINDEX, what,
                          e.get_description().c_str());
    } catch (const Xapian::DatabaseModifiedError &e) {
        return jk_xseterr(err, JIKJI_ESTALE, what,
                          e.get_description().c_str());
    } catch (const Xapian::InvalidArgumentError &e) {
        /* Caller misuse: empty term or key, docid 0, key too long, ... */
        return jk_xseterr(err, JIKJI_EINVAL, what,
                          e.get_description().c_str());
    } catch (const Xapian::DocNotFoundError &e) {
        return jk_xseterr(err, JIKJI_EINVAL, what,
                          e.get_description().c_str());
    } catch (const Xapian::Error &e) {
        return jk_xseterr(err, JIKJI_EBACKEND, what,
                          e.get_description().c_str());
    } catch (const std::bad_alloc &) {
        return jk_xseterr(err, JIKJI_ENOMEM, what, "out of memory");
    } catch (const std::exception &e) {
        return jk_xseterr(err, JIKJI_EINTERNAL, what, e.what());
    } catch (...) {
        return jk_xseterr(err, JIKJI_EINTERNAL, what, "unknown exception");
    }
}

/* A malloc'd NUL-terminated copy of s; throws std::bad_alloc on failure so
 * callers handle it like any other allocation failure. */
static char *
jk_xdup(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p == nullptr)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* The raw value of an enum coming from C.  C may store any int in it, but
 * in C++ loading an enum outside its range is undefined (UBSan flags it),
 * so the bytes are copied out instead of the enum being read. */
template <typename E>
static long
jk_xenum(const E &e) noexcept
{
    typename std::underlying_type<E>::type v;
    static_assert(sizeof v == sizeof e, "enum size");
    std::memcpy(&v, &e, sizeof v);
    return static_cast<long>(v);
}

/* A std::string from a (pointer, length) pair; NULL with length 0 is "". */
static std::string
jk_xstr(const char *s, size_t len)
{
    return len ? std::string(s, len) : std::string();
}

/* --- database ----------------------------------------------------------- */

/* Start the writer's transaction (jk_xdb.in_txn); may throw. */
static void
jk_xbegin(jk_xdb *h)
{
    h->wdb.begin_transaction(false);
    h->in_txn = true;
}

/* Commit everything the writer did since its last commit; may throw (the
 * writer is then out of its transaction). */
static void
jk_xcommit(jk_xdb *h)
{
    if (h->in_txn) {
        h->in_txn = false;
        h->wdb.commit_transaction(); /* unflushed: commits nothing itself */
    }
    h->wdb.commit();
}

/* Open `path` in `mode`; errors before a handle exists go to *errmsg. */
/* Whether the folder at path holds no entry (1), or some or cannot be
 * read (0). */
static int
dir_is_empty(const char *path) noexcept
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int empty = 1;
    for (struct dirent *e; empty && (e = readdir(d)) != nullptr;)
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

jikji_status_t
jk_xdb_open(const char *path, enum jk_xdb_mode mode, jk_xdb **out,
            char **errmsg) noexcept
{
    std::string err, what;
    jikji_status_t st;
    long m = jk_xenum(mode);

    if (out)
        *out = nullptr;
    if (errmsg)
        *errmsg = nullptr;
    if (path == nullptr || out == nullptr ||
        (m != JK_XDB_READ && m != JK_XDB_WRITE && m != JK_XDB_OVERWRITE &&
         m != JK_XDB_SCRATCH)) {
        st = jk_xseterr(&err, JIKJI_EINVAL, "open", "invalid argument");
        goto fail;
    }
    try {
        what = std::string("open '") + path + "'";
        std::unique_ptr<jk_xdb> h(new jk_xdb);
        if (m == JK_XDB_READ) {
            struct stat sb;
            if (stat(path, &sb) != 0 &&
                (errno == ENOENT || errno == ENOTDIR)) {
                st = jk_xseterr(&err, JIKJI_ENOINDEX, what.c_str(),
                                "the directory does not exist");
                goto fail;
            }
            if (S_ISDIR(sb.st_mode) && dir_is_empty(path)) {
                /* Xapian's "Couldn't detect type of database" */
                st = jk_xseterr(&err, JIKJI_ENOINDEX, what.c_str(),
                                "the directory is empty");
                goto fail;
            }
            h->path = path;
            jk_xopen_anew(h.get());
        } else {
            int flags = Xapian::DB_BACKEND_GLASS;
            flags |= m == JK_XDB_WRITE ? Xapian::DB_CREATE_OR_OPEN
                                       : Xapian::DB_CREATE_OR_OVERWRITE;
            if (m == JK_XDB_SCRATCH)
                flags |= Xapian::DB_NO_SYNC;
            /* No DB_RETRY_LOCK: a second writer fails fast (ELOCKED). */
            h->wdb = Xapian::WritableDatabase(path, flags);
            h->db = h->wdb;
            h->writable = true;
            jk_xbegin(h.get());
        }
        *out = h.release();
        return JIKJI_OK;
    } catch (...) {
        st = jk_xfail(&err, what.empty() ? "open" : what.c_str());
    }
fail:
    if (errmsg) {
        try {
            *errmsg = jk_xdup(err);
        } catch (...) {
            *errmsg = nullptr;
        }
    }
    return st;
}

/* Commit a writable database, then free the handle; the commit's status is
 * returned (its message is lost with the handle). */
jikji_status_t
jk_xdb_close(jk_xdb *h) noexcept
{
    jikji_status_t st = JIKJI_OK;

    if (h == nullptr)
        return JIKJI_OK;
    if (h->writable) {
        try {
            jk_xcommit(h);
        } catch (...) {
            st = jk_xfail(&h->err, "close");
        }
    }
    delete h;
    return st;
}

/* The last error message of the handle, "" if none. */
const char *
jk_xdb_errmsg(const jk_xdb *h) noexcept
{
    return h ? h->err.c_str() : "";
}

/* Refuse a write on a read-only handle. */
static jikji_status_t
jk_xneed_write(jk_xdb *h, const char *what) noexcept
{
    if (h->writable)
        return JIKJI_OK;
    return jk_xseterr(&h->err, JIKJI_EINVAL, what,
                      "the database is open read-only");
}

/* Move a reader to the latest committed revision. */
jikji_status_t
jk_xdb_reopen(jk_xdb *h) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (h->writable)
        return JIKJI_OK; /* a writer is the last commit */
    try {
        jk_xrefresh(h);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "reopen");
    }
}

/* Commit pending changes of a writable database. */
jikji_status_t
jk_xdb_commit(jk_xdb *h) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (jk_xneed_write(h, "commit") != JIKJI_OK)
        return JIKJI_EINVAL;
    try {
        jk_xcommit(h);
        jk_xbegin(h);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "commit");
    }
}

/* Drop a writer's changes since its last commit. */
jikji_status_t
jk_xdb_cancel(jk_xdb *h) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (jk_xneed_write(h, "cancel") != JIKJI_OK)
        return JIKJI_EINVAL;
    try {
        if (h->in_txn) {
            h->in_txn = false;
            h->wdb.cancel_transaction();
        }
        jk_xbegin(h);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "cancel");
    }
}

namespace {
/* Passes Xapian's word on each table to a C callback: an empty status as
 * a table starts, a message ("Reduced by ...", "doesn't exist") as it
 * ends. */
class TableReporter : public Xapian::Compactor {
    jk_xtable_fn fn_;
    void *ud_;

  public:
    TableReporter(jk_xtable_fn fn, void *ud) : fn_(fn), ud_(ud) {}
    void set_status(const std::string &table,
                    const std::string &status) override
    {
        if (fn_)
            fn_(ud_, table.c_str(), !status.empty());
    }
};
} // namespace

/* Compact the committed state into dest. */
jikji_status_t
jk_xdb_compact(jk_xdb *h, const char *dest, const char *const *shards,
               size_t nshards, jk_xtable_fn on_table, void *ud) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (dest == nullptr || (nshards && shards == nullptr))
        return jk_xseterr(&h->err, JIKJI_EINVAL, "compact", "NULL argument");
    try {
        TableReporter reporter(on_table, ud);
        if (nshards == 0) {
            h->db.compact(dest, Xapian::DBCOMPACT_NO_RENUMBER, 0, reporter);
            return JIKJI_OK;
        }
        Xapian::Database all;
        all.add_database(h->db);
        for (size_t i = 0; i < nshards; i++)
            all.add_database(Xapian::Database(shards[i]));
        all.compact(dest, 0, 0, reporter);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "compact");
    }
}

/* Number of documents. */
jikji_status_t
jk_xdb_doccount(jk_xdb *h, uint64_t *out) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (out == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "doccount", "NULL argument");
    try {
        jk_xread(h, [&] { *out = h->db.get_doccount(); });
        return JIKJI_OK;
    } catch (...) {
        *out = 0;
        return jk_xfail(&h->err, "doccount");
    }
}

/* Number of documents indexed by a term. */
jikji_status_t
jk_xdb_termfreq(jk_xdb *h, const char *term, size_t len,
                uint64_t *out) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (out == nullptr || (term == nullptr && len > 0))
        return jk_xseterr(&h->err, JIKJI_EINVAL, "termfreq", "NULL argument");
    try {
        jk_xread(h, [&] { *out = h->db.get_termfreq(jk_xstr(term, len)); });
        return JIKJI_OK;
    } catch (...) {
        *out = 0;
        return jk_xfail(&h->err, "termfreq");
    }
}

/* Value of a metadata key, malloc'd; NULL when absent. */
jikji_status_t
jk_xdb_get_meta(jk_xdb *h, const char *key, char **val, size_t *len) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (val)
        *val = nullptr;
    if (len)
        *len = 0;
    if (key == nullptr || val == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "get_meta", "NULL argument");
    try {
        std::string v;
        jk_xread(h, [&] { v = h->db.get_metadata(key); });
        if (!v.empty()) {
            *val = jk_xdup(v);
            if (len)
                *len = v.size();
        }
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "get_meta");
    }
}

/* Set (or, with an empty value, delete) a metadata key. */
jikji_status_t
jk_xdb_set_meta(jk_xdb *h, const char *key, const char *val,
                size_t len) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (key == nullptr || (val == nullptr && len > 0))
        return jk_xseterr(&h->err, JIKJI_EINVAL, "set_meta", "NULL argument");
    if (jk_xneed_write(h, "set_meta") != JIKJI_OK)
        return JIKJI_EINVAL;
    h->changes++;
    try {
        h->wdb.set_metadata(key, jk_xstr(val, len));
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "set_meta");
    }
}

uint64_t
jk_xdb_changes(const jk_xdb *h) noexcept
{
    return h ? h->changes : 0;
}

/* Walk the keys or terms of reader h that range(it, end) sets, giving
 * each to give(key, it), until it returns true.  Overtaken by a writer's
 * commits (jk_xread), the walk goes on after the last key given: each is
 * given once, each as of some commit.  Throws as Xapian does. */
template <class Range, class Give>
static void
jk_xwalk(jk_xdb *h, Range range, Give give)
{
    std::string last; /* the last key given */
    bool any = false, stop = false;
    jk_xread(h, [&] {
        Xapian::TermIterator it, end;
        range(it, end);
        if (any) {
            it.skip_to(last);
            if (it != end && *it == last)
                ++it;
        }
        for (; !stop && it != end; ++it) {
            last = *it;
            any = true;
            stop = give(last, it);
        }
    });
}

/* Walk the metadata keys starting with prefix, in key order. */
jikji_status_t
jk_xdb_meta_each(jk_xdb *h, const char *prefix, jk_xmeta_fn fn,
                 void *ud) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (fn == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "meta_each", "NULL argument");
    try {
        std::string p = prefix ? prefix : "";
        jk_xwalk(
            h,
            [&](Xapian::TermIterator &it, Xapian::TermIterator &end) {
                it = h->db.metadata_keys_begin(p);
                end = h->db.metadata_keys_end(p);
            },
            [&](const std::string &k, const Xapian::TermIterator &) {
                std::string v = h->db.get_metadata(k);
                return fn(ud, k.c_str(), k.size(), v.c_str(), v.size()) != 0;
            });
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "meta_each");
    }
}

/* Walk the terms starting with prefix, with their document frequency. */
jikji_status_t
jk_xdb_terms_each(jk_xdb *h, const char *prefix, jk_xterm_fn fn,
                  void *ud) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (fn == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "terms_each",
                          "NULL argument");
    try {
        std::string p = prefix ? prefix : "";
        jk_xwalk(
            h,
            [&](Xapian::TermIterator &it, Xapian::TermIterator &end) {
                it = h->db.allterms_begin(p);
                end = h->db.allterms_end(p);
            },
            [&](const std::string &t, const Xapian::TermIterator &it) {
                return fn(ud, t.c_str(), t.size(), it.get_termfreq()) != 0;
            });
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "terms_each");
    }
}

/* Add a copy of doc; refuses documents with over-long terms first. */
/* Add doc, or store it as document docid when docid is not 0. */
static jikji_status_t
jk_xput_doc(jk_xdb *h, unsigned docid, const jk_xdoc *doc,
            const char *what) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (doc == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, what, "NULL argument");
    if (jk_xneed_write(h, what) != JIKJI_OK)
        return JIKJI_EINVAL;
    h->changes++;
    try {
        if (doc->toolong) {
            std::string m = "term too long (" +
                            std::to_string(doc->toolong_len) + " bytes > " +
                            std::to_string(JK_XTERM_MAX) + "): " +
                            doc->toolong_head + "...";
            return jk_xseterr(&h->err, JIKJI_EINVAL, what, m.c_str());
        }
        if (docid)
            h->wdb.replace_document(docid, doc->doc);
        else
            h->wdb.add_document(doc->doc);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, what);
    }
}

jikji_status_t
jk_xdb_add_doc(jk_xdb *h, const jk_xdoc *doc) noexcept
{
    return jk_xput_doc(h, 0, doc, "add_doc");
}

jikji_status_t
jk_xdb_replace_doc(jk_xdb *h, unsigned docid, const jk_xdoc *doc) noexcept
{
    if (h != nullptr && docid == 0)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "replace_doc", "docid 0");
    return jk_xput_doc(h, docid, doc, "replace_doc");
}

/* Add the number of terms of document did to *pairs (when not NULL).
 * Walks the termlist, one entry of the termlist table: a Document's
 * termlist_count() would read every term's positions first, and
 * get_unique_terms() caps the count at the document's length, which
 * leaves out terms of wdf 0. */
static void
jk_xcount_terms(jk_xdb *h, Xapian::docid did, size_t *pairs)
{
    if (!pairs)
        return;
    size_t n = 0;
    for (Xapian::TermIterator t = h->wdb.termlist_begin(did);
         t != h->wdb.termlist_end(did); ++t)
        n++;
    *pairs += n;
}

/* Delete one document. */
jikji_status_t
jk_xdb_delete_doc(jk_xdb *h, unsigned docid, size_t *pairs) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (docid == 0)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "delete_doc", "docid 0");
    if (jk_xneed_write(h, "delete_doc") != JIKJI_OK)
        return JIKJI_EINVAL;
    h->changes++;
    try {
        jk_xcount_terms(h, Xapian::docid(docid), pairs);
        h->wdb.delete_document(Xapian::docid(docid));
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "delete_doc");
    }
}

/* Delete every document indexed by term. */
jikji_status_t
jk_xdb_delete_term(jk_xdb *h, const char *term, size_t *pairs) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    /* Refuse "" here: Xapian does too, but "" means "every document"
     * elsewhere in its API. */
    if (term == nullptr || term[0] == '\0')
        return jk_xseterr(&h->err, JIKJI_EINVAL, "delete_term",
                          "NULL or empty term");
    if (jk_xneed_write(h, "delete_term") != JIKJI_OK)
        return JIKJI_EINVAL;
    h->changes++;
    try {
        if (pairs)
            for (Xapian::PostingIterator p = h->wdb.postlist_begin(term);
                 p != h->wdb.postlist_end(term); ++p)
                jk_xcount_terms(h, *p, pairs);
        h->wdb.delete_document(term);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "delete_term");
    }
}

/* Data of document docid, malloc'd. */
jikji_status_t
jk_xdb_doc_data(jk_xdb *h, unsigned docid, char **data, size_t *len) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (data == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "doc_data", "NULL argument");
    try {
        std::string d;
        jk_xread(h, [&] { d = h->db.get_document(docid).get_data(); });
        *data = jk_xdup(d);
        if (len)
            *len = d.size();
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "doc_data");
    }
}

/* Edit a stored document in place. */
jikji_status_t
jk_xdb_edit_doc(jk_xdb *h, unsigned docid, const jk_xedit *e) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (e == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "edit_doc", "NULL argument");
    if (jk_xneed_write(h, "edit_doc") != JIKJI_OK)
        return JIKJI_EINVAL;
    h->changes++;
    try {
        Xapian::Document doc = h->wdb.get_document(docid);
        std::vector<std::string> drop;
        for (size_t i = 0; i < e->ndrop; i++) {
            std::string p(e->drop_prefixes[i]);
            Xapian::TermIterator t = doc.termlist_begin();
            for (t.skip_to(p); t != doc.termlist_end() &&
                               (*t).compare(0, p.size(), p) == 0; ++t)
                drop.push_back(*t);
        }
        for (const std::string &t : drop)
            doc.remove_term(t);
        for (size_t i = 0; i < e->nadd; i++)
            doc.add_boolean_term(e->add_terms[i]);
        if (e->value)
            doc.add_value(e->slot, jk_xstr(e->value, e->value_len));
        if (e->data)
            doc.set_data(jk_xstr(e->data, e->data_len));
        h->wdb.replace_document(docid, doc);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "edit_doc");
    }
}

/* --- documents ----------------------------------------------------------- */

/* A new empty document. */
jk_xdoc *
jk_xdoc_new(void) noexcept
{
    try {
        return new jk_xdoc;
    } catch (...) {
        return nullptr;
    }
}

/* Free a document.  NULL-safe. */
void
jk_xdoc_free(jk_xdoc *doc) noexcept
{
    delete doc;
}

/* Remember the first term too long for the database (see jk_xdb_add_doc). */
static void
jk_xdoc_check_len(jk_xdoc *doc, const char *term, size_t len)
{
    if (len > JK_XTERM_MAX && !doc->toolong) {
        doc->toolong_head.assign(term, 40);
        doc->toolong_len = len;
        doc->toolong = true;
    }
}

/* Add term at position pos, increasing its wdf by wdf. */
int
jk_xdoc_add_posting(jk_xdoc *doc, const char *term, size_t len, uint32_t pos,
                    uint32_t wdf) noexcept
{
    if (doc == nullptr || term == nullptr)
        return -1;
    try {
        doc->doc.add_posting(std::string(term, len), pos, wdf);
        jk_xdoc_check_len(doc, term, len);
        return 0;
    } catch (...) {
        return -1;
    }
}

size_t
jk_xdoc_terms(const jk_xdoc *doc) noexcept
{
    if (doc == nullptr)
        return 0;
    try {
        return doc->doc.termlist_count();
    } catch (...) {
        return 0;
    }
}

/* Add term without a position, increasing its wdf by wdf. */
int
jk_xdoc_add_term(jk_xdoc *doc, const char *term, size_t len,
                 uint32_t wdf) noexcept
{
    if (doc == nullptr || term == nullptr)
        return -1;
    try {
        doc->doc.add_term(std::string(term, len), wdf);
        jk_xdoc_check_len(doc, term, len);
        return 0;
    } catch (...) {
        return -1;
    }
}

/* Add a boolean (wdf 0, no position) term. */
int
jk_xdoc_add_boolean(jk_xdoc *doc, const char *term, size_t len) noexcept
{
    if (doc == nullptr || term == nullptr)
        return -1;
    try {
        doc->doc.add_boolean_term(std::string(term, len));
        jk_xdoc_check_len(doc, term, len);
        return 0;
    } catch (...) {
        return -1;
    }
}

/* Set value slot (an empty value removes it). */
int
jk_xdoc_set_value(jk_xdoc *doc, unsigned slot, const char *val,
                  size_t len) noexcept
{
    if (doc == nullptr || (val == nullptr && len > 0))
        return -1;
    try {
        doc->doc.add_value(slot, jk_xstr(val, len));
        return 0;
    } catch (...) {
        return -1;
    }
}

/* Set the document data. */
int
jk_xdoc_set_data(jk_xdoc *doc, const char *data, size_t len) noexcept
{
    if (doc == nullptr || (data == nullptr && len > 0))
        return -1;
    try {
        doc->doc.set_data(jk_xstr(data, len));
        return 0;
    } catch (...) {
        return -1;
    }
}

/* --- stemming ------------------------------------------------------------ */

/* A stemmer for language; NULL if unknown or out of memory. */
jk_xstem *
jk_xstem_new(const char *language) noexcept
{
    if (language == nullptr)
        return nullptr;
    try {
        return new jk_xstem{Xapian::Stem(language)};
    } catch (...) {
        return nullptr;
    }
}

/* Free a stemmer.  NULL-safe. */
void
jk_xstem_free(jk_xstem *st) noexcept
{
    delete st;
}

/* Stem word into out (snprintf-like: returns the full stem length). */
long
jk_xstem_word(jk_xstem *st, const char *word, size_t len, char *out,
              size_t outsz) noexcept
{
    if (st == nullptr || (word == nullptr && len > 0) ||
        (out == nullptr && outsz > 0))
        return -1;
    try {
        std::string s = st->st(jk_xstr(word, len));
        if (outsz > 0) {
            size_t n = std::min(s.size(), outsz - 1);
            std::memcpy(out, s.data(), n);
            out[n] = '\0';
        }
        return static_cast<long>(s.size());
    } catch (...) {
        return -1;
    }
}

/* --- queries ------------------------------------------------------------- */

/* Wrap a Xapian::Query in a new node; NULL on out of memory. */
static jk_xq *
jk_xq_wrap(const Xapian::Query &q)
{
    return new jk_xq{q};
}

/* A term leaf with query frequency wqf and query position pos. */
jk_xq *
jk_xq_term(const char *term, size_t len, uint32_t wqf, uint32_t pos) noexcept
{
    if (term == nullptr && len > 0)
        return nullptr;
    try {
        return jk_xq_wrap(Xapian::Query(jk_xstr(term, len), wqf, pos));
    } catch (...) {
        return nullptr;
    }
}

/* Terms starting with prefix: at most max (0: all) of the most frequent,
 * combined by op. */
static jk_xq *
jk_xq_wild(const char *prefix, size_t len, Xapian::termcount max,
           Xapian::Query::op op) noexcept
{
    if (prefix == nullptr && len > 0)
        return nullptr;
    try {
        return jk_xq_wrap(Xapian::Query(
            Xapian::Query::OP_WILDCARD, jk_xstr(prefix, len), max,
            max ? Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT
                : Xapian::Query::WILDCARD_LIMIT_ERROR,
            op));
    } catch (...) {
        return nullptr;
    }
}

jk_xq *
jk_xq_wildcard(const char *prefix, size_t len) noexcept
{
    return jk_xq_wild(prefix, len, JK_XQ_WILDCARD_MAX,
                      Xapian::Query::OP_SYNONYM);
}

jk_xq *
jk_xq_prefix_all(const char *prefix, size_t len) noexcept
{
    return jk_xq_wild(prefix, len, 0, Xapian::Query::OP_OR);
}

/* The OR of the terms starting with prefix, a term that ends in `sep`
 * standing for every term it starts (skipped past, so a folder's notes are
 * not read one by one). */
jikji_status_t
jk_xdb_prefix_query(jk_xdb *h, const char *prefix, size_t len, char sep,
                    jk_xq **out) noexcept
{
    if (h == nullptr || out == nullptr || (prefix == nullptr && len > 0))
        return JIKJI_EINVAL;
    *out = nullptr;
    try {
        std::string p = jk_xstr(prefix, len);
        std::vector<std::string> terms;
        jk_xread(h, [&] {
            terms.clear();
            Xapian::TermIterator it = h->db.allterms_begin(p);
            Xapian::TermIterator end = h->db.allterms_end(p);
            while (it != end) {
                std::string t = *it;
                terms.push_back(t);
                if (!t.empty() && t.back() == sep) {
                    t.back() = static_cast<char>(sep + 1); /* past its terms */
                    it.skip_to(t);
                } else {
                    ++it;
                }
            }
        });
        *out = jk_xq_wrap(Xapian::Query(Xapian::Query::OP_OR, terms.begin(),
                                        terms.end()));
        return *out ? JIKJI_OK : JIKJI_ENOMEM;
    } catch (...) {
        return jk_xfail(&h->err, "prefix_query");
    }
}

/* Does q hold a phrase or near subquery? */
static bool
jk_xq_positional(const Xapian::Query &q)
{
    Xapian::Query::op t = q.get_type();
    if (t == Xapian::Query::OP_PHRASE || t == Xapian::Query::OP_NEAR)
        return true;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        if (jk_xq_positional(q.get_subquery(i)))
            return true;
    return false;
}

/* a AND_MAYBE b.  When b holds a phrase or near subquery, Xapian 1.4.22's
 * AND_MAYBE goes wrong two ways:
 *  - slow: the search reads document lengths back and forth between B-tree
 *    blocks (one "Python 매크로" search on the bench corpus read the same 8
 *    postlist blocks 2,100 times; with BM25's b = 0, or with OR instead
 *    of AND_MAYBE, the same query read 22 and 41);
 *  - wrong: some documents weigh more or less than a plus the parts of b
 *    they match, and on the bench corpus the same section scored 66.1 with
 *    -n 10 and 76.3 with -n 50 (test_xapian: and_maybe_with_phrase_random).
 * So the positional parts p of b get their own branch:
 *     (a AND_MAYBE rest) OR (p FILTER a)
 * which matches a's documents and weighs each as a plus the parts of b it
 * matches; rest (b's plain terms) keeps AND_MAYBE, which only visits a's
 * documents.  a is matched twice, which costs less than the above.  A b
 * without a phrase keeps Xapian's AND_MAYBE. */
static Xapian::Query
jk_xq_and_maybe(const Xapian::Query &a, const Xapian::Query &b)
{
    std::vector<Xapian::Query> pos, rest;
    if (b.get_type() == Xapian::Query::OP_OR) {
        for (size_t i = 0; i < b.get_num_subqueries(); i++) {
            Xapian::Query sub = b.get_subquery(i);
            (jk_xq_positional(sub) ? pos : rest).push_back(sub);
        }
    } else {
        (jk_xq_positional(b) ? pos : rest).push_back(b);
    }
    if (pos.empty())
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, a, b);
    Xapian::Query p(Xapian::Query::OP_OR, pos.begin(), pos.end());
    Xapian::Query left =
        rest.empty() ? a
                     : Xapian::Query(Xapian::Query::OP_AND_MAYBE, a,
                                     Xapian::Query(Xapian::Query::OP_OR,
                                                   rest.begin(), rest.end()));
    return Xapian::Query(Xapian::Query::OP_OR, left,
                         Xapian::Query(Xapian::Query::OP_FILTER, p, a));
}

/* Combine n subqueries with op. */
jk_xq *
jk_xq_combine(enum jk_xq_op op, jk_xq *const *subs, size_t n,
              unsigned window) noexcept
{
    Xapian::Query::op xop;
    Xapian::termcount param = 0;

    switch (jk_xenum(op)) {
    case JK_XQ_AND: xop = Xapian::Query::OP_AND; break;
    case JK_XQ_OR: xop = Xapian::Query::OP_OR; break;
    case JK_XQ_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
    case JK_XQ_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
    case JK_XQ_FILTER: xop = Xapian::Query::OP_FILTER; break;
    case JK_XQ_PHRASE: xop = Xapian::Query::OP_PHRASE; param = window; break;
    case JK_XQ_NEAR: xop = Xapian::Query::OP_NEAR; param = window; break;
    case JK_XQ_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
    case JK_XQ_ELITE_SET:
        xop = Xapian::Query::OP_ELITE_SET;
        param = window;
        break;
    case JK_XQ_MAX: xop = Xapian::Query::OP_MAX; break;
    default: return nullptr;
    }
    if (subs == nullptr && n > 0)
        return nullptr;
    try {
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (subs[i] == nullptr)
                return nullptr;
            v.push_back(subs[i]->q);
        }
        if (xop == Xapian::Query::OP_AND_MAYBE && v.size() == 2)
            return jk_xq_wrap(jk_xq_and_maybe(v[0], v[1]));
        return jk_xq_wrap(Xapian::Query(xop, v.begin(), v.end(), param));
    } catch (...) {
        return nullptr;
    }
}

/* See xapian_c.h.  Xapian 1.4 puts the terms of a PHRASE under AND into
 * the AND's own list (AndContext) and checks the phrase after the AND of
 * all of them, on documents that have every bigram.  On the 8-copy bench
 * vault, 데이터베이스 alone took 4.28 ms as the PHRASE of five and 3.16 ms
 * as the AND of five filtered by the PHRASE of three, with the same 4,008
 * documents and the same weights for the first 300 (alone, in a SYNONYM,
 * and ANDed with another word).  The PHRASE of the cover ANDed with the
 * other bigrams is that same check with each bigram's postings read once,
 * not the cover's twice (once weighted, once under FILTER). */
jk_xq *
jk_xq_bigram_phrase(jk_xq *const *subs, size_t n) noexcept
{
    if (n < 3)
        return jk_xq_combine(JK_XQ_PHRASE, subs, n, 0);
    try {
        std::vector<Xapian::Query> cover, rest;
        for (size_t i = 0; i < n; i++) {
            if (subs[i] == nullptr)
                return nullptr;
            (i % 2 == 0 || i == n - 1 ? cover : rest).push_back(subs[i]->q);
        }
        using Q = Xapian::Query;
        rest.insert(rest.begin(), Q(Q::OP_PHRASE, cover.begin(), cover.end(),
                                    Xapian::termcount(n)));
        return jk_xq_wrap(Q(Q::OP_AND, rest.begin(), rest.end()));
    } catch (...) {
        return nullptr;
    }
}

/* q with its weight multiplied by factor (>= 0). */
jk_xq *
jk_xq_scale(const jk_xq *q, double factor) noexcept
{
    if (q == nullptr)
        return nullptr;
    try {
        return jk_xq_wrap(
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
    } catch (...) {
        return nullptr;
    }
}

/* Documents with a value in slot within [lo, hi]; NULL or "" is open. */
jk_xq *
jk_xq_value_range(unsigned slot, const char *lo, const char *hi) noexcept
{
    bool haslo = lo != nullptr && lo[0] != '\0';
    bool hashi = hi != nullptr && hi[0] != '\0';

    try {
        if (haslo && hashi)
            return jk_xq_wrap(
                Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
        if (hashi)
            return jk_xq_wrap(
                Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        /* VALUE_GE "" would match every document, even those without a
         * value; "\0" is the smallest non-empty value. */
        return jk_xq_wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                                        haslo ? std::string(lo)
                                              : std::string(1, '\0')));
    } catch (...) {
        return nullptr;
    }
}

/* Every document. */
jk_xq *
jk_xq_match_all(void) noexcept
{
    try {
        return jk_xq_wrap(Xapian::Query::MatchAll);
    } catch (...) {
        return nullptr;
    }
}

/* Free a query node.  NULL-safe. */
void
jk_xq_free(jk_xq *q) noexcept
{
    delete q;
}

/* Xapian's text description of q, malloc'd. */
char *
jk_xq_describe(const jk_xq *q) noexcept
{
    if (q == nullptr)
        return nullptr;
    try {
        return jk_xdup(q->q.get_description());
    } catch (...) {
        return nullptr;
    }
}

/* --- searching ----------------------------------------------------------- */

namespace {

/* Rejects the documents whose docid is in a sorted vector. */
class JkExclude : public Xapian::MatchDecider {
  public:
    explicit JkExclude(const std::vector<Xapian::docid> &ids) : ids_(ids) {}
    bool operator()(const Xapian::Document &doc) const override
    {
        return !std::binary_search(ids_.begin(), ids_.end(), doc.get_docid());
    }

  private:
    const std::vector<Xapian::docid> &ids_;
};

/* The metadata record that o->hit_meta_key names for a document's data
 * ("" without one); may throw. */
static std::string
jk_xhit_meta(const Xapian::Database &db, const jk_xsearch_opts *o,
             const std::string &data)
{
    if (o->hit_meta_key == nullptr)
        return std::string();
    char key[1024];
    size_t n = o->hit_meta_key(o->hit_meta_ud, data.data(), data.size(), key,
                               sizeof key);
    if (n == 0 || n >= sizeof key)
        return std::string();
    return db.get_metadata(std::string(key, n));
}

/* Hit docid of a page, its data and record read now; may throw. */
static jk_xhit
jk_xhit_of(const Xapian::Database &db, const jk_xsearch_opts *o,
           Xapian::docid docid, double weight, const Xapian::Document &doc)
{
    std::string data = doc.get_data();
    std::string meta = jk_xhit_meta(db, o, data);
    return jk_xhit{docid, weight, std::move(data), std::move(meta)};
}

/* A sort key from the document's data (or its metadata record), made by
 * a C function. */
class JkKeyMaker : public Xapian::KeyMaker {
  public:
    JkKeyMaker(const Xapian::Database &db, const jk_xsearch_opts *o)
        : db_(db), o_(o) {}
    std::string operator()(const Xapian::Document &doc) const override
    {
        std::string data = doc.get_data();
        if (o_->hit_meta_key)
            data = jk_xhit_meta(db_, o_, data);
        char buf[4096];
        size_t n = o_->sort_key(o_->sort_key_ud, data.data(), data.size(),
                                buf, sizeof buf);
        return std::string(buf, n < sizeof buf ? n : sizeof buf);
    }

  private:
    const Xapian::Database &db_;
    const jk_xsearch_opts *o_;
};

/* A hit of a page sorted by value, with what orders it. */
struct JkValueHit {
    Xapian::docid docid;
    double weight;
    std::string value, tie;
};

} // namespace

/* An Enquire of q with the options every search of o shares: BM25's
 * parameters and the collapse key. */
static Xapian::Enquire
jk_xenquire(const Xapian::Database &db, const Xapian::Query &q,
            const jk_xsearch_opts *o)
{
    Xapian::Enquire enq(db); /* BM25Weight is the default scheme */
    if (o->bm25_k1 != 0 || o->bm25_b != 0) /* k2, k3: defaults */
        enq.set_weighting_scheme(Xapian::BM25Weight(
            o->bm25_k1, 0, 1, o->bm25_b,
            o->bm25_min_normlen > 0 ? o->bm25_min_normlen : 0.5));
    enq.set_query(q);
    if (o->collapse)
        enq.set_collapse_key(o->collapse_slot, 1);
    return enq;
}

/* The number of matches mset estimates, each section counted also when
 * the search collapses them (jk_xsearch_opts.collapse). */
static Xapian::doccount
jk_xestimate(const Xapian::MSet &mset, const jk_xsearch_opts *o)
{
    return o->collapse ? mset.get_uncollapsed_matches_estimated()
                       : mset.get_matches_estimated();
}

static JkValueHit
jk_xvalue_hit(const Xapian::MSetIterator &it, const jk_xsearch_opts *o)
{
    Xapian::Document doc = it.get_document();
    return JkValueHit{*it, it.get_weight(), doc.get_value(o->sort_slot),
                      doc.get_value(o->tie_slot)};
}

/* The first `need` hits of the group of equal value and weight that
 * hit g starts, in tie order, after the `above` hits of that value that
 * weigh more; appended to v.  Xapian ranks the hits of one value by
 * weight, then tie value, then docid: the group's order.  False (v
 * unchanged) if a hit weighs other than g: the caller then falls back on
 * fetching the whole group. */
static bool
jk_xedge_group(const Xapian::Database &db, const Xapian::Query &q,
               const jk_xsearch_opts *o, const JkValueHit &g,
               Xapian::doccount above, Xapian::doccount need,
               const Xapian::MatchDecider *md, std::vector<JkValueHit> &v)
{
    Xapian::Query fq(Xapian::Query::OP_FILTER, q,
                     Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
                                   o->sort_slot, g.value, g.value));
    Xapian::Enquire enq = jk_xenquire(db, fq, o);
    enq.set_sort_by_relevance_then_value(o->tie_slot, false);
    Xapian::MSet mset = enq.get_mset(above, need, above + need, nullptr, md);
    if (mset.size() != need)
        return false;
    size_t before = v.size();
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        if (it.get_weight() != g.weight) {
            v.resize(before);
            return false;
        }
        v.push_back(jk_xvalue_hit(it, o));
    }
    return true;
}

/* The hits of a search sorted by value whose ties of value and weight go
 * by a second value, not by docid: Xapian orders by value, weight, docid.
 * Fetches a few hits past the page; the hits before the group of equal
 * value and weight at the page's end are reordered, and that group, when
 * it goes on past them, is taken in order from a search of its value
 * alone (jk_xedge_group).  Else (or if that fails) fetches from the first
 * match to past that group's end, growing the margin while it goes on:
 * for 560,000 sections of equal score that took 10 s.  May throw. */
static void
jk_xpage_by_value(const Xapian::Database &db, const Xapian::Query &q,
                  Xapian::Enquire &enq, const jk_xsearch_opts *o,
                  Xapian::doccount atleast, const Xapian::MatchDecider *md,
                  jk_xmset *ms)
{
    uint64_t end64 = uint64_t(o->offset) + o->limit;
    Xapian::doccount end = end64 > Xapian::doccount(-1) / 2
                               ? Xapian::doccount(-1) / 2
                               : Xapian::doccount(end64);
    auto same = [](const JkValueHit &a, const JkValueHit &b) {
        return a.weight == b.weight && a.value == b.value;
    };
    std::vector<JkValueHit> v, edge;
    auto fetch = [&](Xapian::doccount want) {
        return enq.get_mset(0, want, std::max(atleast, want), nullptr, md);
    };
    auto take_all = [&](const Xapian::MSet &m) {
        v.clear();
        v.reserve(m.size());
        for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
            v.push_back(jk_xvalue_hit(it, o));
    };
    /* Does the group at the page's end go on past the `want` hits of m
     * (else every match is in, or nothing is to be ordered)? */
    auto goes_on = [&](const Xapian::MSet &m, Xapian::doccount want) {
        return m.size() == want && end > 0 &&
               same(jk_xvalue_hit(m[end - 1], o),
                    jk_xvalue_hit(m[want - 1], o));
    };
    Xapian::doccount want = end + 16;
    Xapian::MSet mset = fetch(want);
    take_all(mset);
    bool grow = goes_on(mset, want);
    if (grow) {
        Xapian::doccount gs = end - 1;
        while (gs > 0 && same(v[gs - 1], v[end - 1]))
            gs--;
        Xapian::doccount first = gs;
        while (first > 0 && v[first - 1].value == v[end - 1].value)
            first--;
        if (jk_xedge_group(db, q, o, v[gs], gs - first, end - gs, md, edge)) {
            v.resize(gs);
            grow = false;
        }
    }
    if (grow) {
        for (Xapian::doccount more = 64;; more *= 4) {
            want = end + more;
            mset = fetch(want);
            if (more > Xapian::doccount(-1) / 8 || !goes_on(mset, want))
                break;
        }
        take_all(mset);
    }
    bool desc = jk_xenum(o->sort) == JK_XSORT_VALUE_DESC;
    std::stable_sort(v.begin(), v.end(),
                     [desc](const JkValueHit &a, const JkValueHit &b) {
                         if (a.value != b.value)
                             return desc ? a.value > b.value
                                         : a.value < b.value;
                         if (a.weight != b.weight)
                             return a.weight > b.weight;
                         if (a.tie != b.tie)
                             return a.tie < b.tie;
                         return a.docid < b.docid;
                     });
    v.insert(v.end(), edge.begin(), edge.end());
    ms->hits.clear();
    for (size_t i = o->offset; i < v.size() && i < end; i++)
        ms->hits.push_back(jk_xhit_of(db, o, v[i].docid, v[i].weight,
                                      db.get_document(v[i].docid)));
    ms->estimate = jk_xestimate(mset, o);
}

/* The hits of a search ranked by weight whose ties of weight go by the
 * value in o->sort_slot, then docid: the order of Xapian's
 * set_sort_by_relevance_then_value(), from fewer blocks.  That sort
 * reads the value of each candidate, which for a query whose matches are
 * spread over the index is the slot's whole value stream: at 1 copy of
 * the bench vault, 20 of the 65 blocks a search of `각주` reads (README,
 * "Speed and size", has the figures).
 * Here Xapian ranks by weight and docid, and only the runs of equal
 * weight that reach into the page have their values read and are put in
 * value order.  Every position holds the same weight in both orders, so
 * that is the same page, provided the runs at the page's two ends lie
 * whole inside what was fetched: a margin of hits is fetched on both
 * sides, and grown while a run reaches its edge.  False when it would
 * grow past a few thousand hits (a run of equal weights that long, as a
 * query of tags alone gives, is left to Xapian's sort).  May throw. */
static bool
jk_xpage_by_relevance(const Xapian::Database &db, Xapian::Enquire &enq,
                      const jk_xsearch_opts *o, Xapian::doccount atleast,
                      const Xapian::MatchDecider *md, jk_xmset *ms)
{
    uint64_t end64 = uint64_t(o->offset) + o->limit;
    if (end64 > Xapian::doccount(-1) / 2)
        return false;
    const Xapian::doccount end = Xapian::doccount(end64);
    for (Xapian::doccount margin = 16; margin <= 4096; margin *= 4) {
        Xapian::doccount first = o->offset > margin ? o->offset - margin : 0;
        Xapian::doccount want = end + margin - first;
        Xapian::MSet mset = enq.get_mset(first, want,
                                         std::max(atleast, first + want),
                                         nullptr, md);
        Xapian::doccount n = mset.size();
        Xapian::doccount lo = o->offset - first; /* the page in mset */
        Xapian::doccount hi = std::min(n, end - first);
        std::vector<double> w(n);
        for (Xapian::doccount i = 0; i < n; i++)
            w[i] = mset[i].get_weight();
        /* The run mset starts with may begin before it: it must end
         * before the page.  The run it ends with may go on after it
         * (unless mset holds every match left): it must start after. */
        Xapian::doccount head = 1, tail = n ? n - 1 : 0;
        while (head < n && w[head] == w[0])
            head++;
        while (tail > 0 && w[tail - 1] == w[n - 1])
            tail--;
        bool whole = (first == 0 || head <= lo) && (n < want || tail >= hi);
        if (lo < n && !whole) {
            if (head == n) /* one weight throughout: a long run */
                return false;
            continue;
        }
        /* The page's hits as indexes into mset; each run of two or more
         * that reaches into the page is put in order whole, by value
         * then docid, and its part in the page taken. */
        std::vector<Xapian::doccount> page;
        for (Xapian::doccount i = lo; i < hi; i++)
            page.push_back(i);
        for (Xapian::doccount i = lo; i < hi;) {
            Xapian::doccount s = i, e = i + 1;
            while (s > 0 && w[s - 1] == w[i])
                s--;
            while (e < n && w[e] == w[i])
                e++;
            if (e - s > 1) {
                std::vector<std::pair<std::string, Xapian::doccount>> run;
                for (Xapian::doccount j = s; j < e; j++)
                    run.emplace_back(
                        mset[j].get_document().get_value(o->sort_slot), j);
                std::sort(run.begin(), run.end(),
                          [&mset](const auto &a, const auto &b) {
                              if (a.first != b.first)
                                  return a.first < b.first;
                              return *mset[a.second] < *mset[b.second];
                          });
                for (Xapian::doccount j = std::max(s, lo); j < std::min(e, hi);
                     j++)
                    page[j - lo] = run[j - s].second;
            }
            i = e;
        }
        ms->hits.clear();
        ms->hits.reserve(page.size());
        for (Xapian::doccount i : page)
            ms->hits.push_back(
                jk_xhit_of(db, o, *mset[i], w[i], mset[i].get_document()));
        ms->estimate = jk_xestimate(mset, o);
        return true;
    }
    return false;
}

/* Run one search into ms (cleared first); may throw. */
static void
jk_xsearch_once(const Xapian::Database &db, const Xapian::Query &q,
                const jk_xsearch_opts *o,
                const std::vector<Xapian::docid> &exclude, jk_xmset *ms)
{
    Xapian::Enquire enq = jk_xenquire(db, q, o);
    if (o->any) { /* unweighed, in docid order: the first matches end it */
        enq.set_weighting_scheme(Xapian::BoolWeight());
        enq.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet m = enq.get_mset(0, o->limit, o->limit);
        ms->hits.clear();
        for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
            ms->hits.push_back(jk_xhit{*it, 0, std::string(), std::string()});
        ms->estimate = ms->hits.size();
        return;
    }
    long sort = jk_xenum(o->sort);
    JkKeyMaker keys(db, o);
    if (sort == JK_XSORT_KEY_ASC)
        enq.set_sort_by_key_then_relevance(&keys, false);
    else if (sort == JK_XSORT_VALUE_DESC)
        enq.set_sort_by_value_then_relevance(o->sort_slot, true);
    else if (sort == JK_XSORT_VALUE_ASC)
        enq.set_sort_by_value_then_relevance(o->sort_slot, false);
    /* else equal scores go by value, not by docid: the same order
     * whatever sequence of runs built the index (below) */

    /* Look at a few more candidates than shown for a better estimate.
     * A search for hits looks at every match: once Xapian 1.4.22's
     * matcher has a page of candidates it stops weighing documents it
     * judges cannot reach the page, and with jikji's queries (synonyms
     * and phrases under OR, AND_MAYBE and FILTER) it misjudges: a section
     * that -n 50 ranked 4th was missing from -n 10, another weighed 61.7
     * with -n 10 and 70.4 with -n 100, and a page at --offset 10 skipped
     * a hit (QA; 3 of 147 queries on the bench vault plus samples/).
     * With check_at_least at the document count it never prunes: the
     * same hits in the same order whatever the page, for a median 2.7 ->
     * 2.8 ms at 8 copies of the bench vault (a common word alone, 서식:
     * 2.7 -> 4.3 ms).  A count alone (limit 0) stays an estimate. */
    /* Xapian's count is exact when fewer than check_at_least match: 101
     * makes 100 past the page exact (with 100, 121 matches of a first
     * page of 21 were estimated at 160; QA). */
    uint64_t atleast = uint64_t(o->offset) + o->limit + 101;
    if (o->exact_count || o->limit > 0)
        atleast = db.get_doccount();
    if (atleast > Xapian::doccount(-1))
        atleast = Xapian::doccount(-1);
    JkExclude decider(exclude);
    if ((sort == JK_XSORT_VALUE_DESC || sort == JK_XSORT_VALUE_ASC) &&
        o->tie_value && o->limit > 0) {
        jk_xpage_by_value(db, q, enq, o, Xapian::doccount(atleast),
                          exclude.empty() ? nullptr : &decider, ms);
        return;
    }
    if (sort == JK_XSORT_RELEVANCE && o->limit > 0) {
        if (jk_xpage_by_relevance(db, enq, o, Xapian::doccount(atleast),
                                  exclude.empty() ? nullptr : &decider, ms))
            return;
        enq.set_sort_by_relevance_then_value(o->sort_slot, false);
    }
    Xapian::MSet mset = enq.get_mset(o->offset, o->limit,
                                     Xapian::doccount(atleast), nullptr,
                                     exclude.empty() ? nullptr : &decider);
    ms->hits.clear();
    ms->hits.reserve(mset.size());
    /* Not mset.fetch(): in 1.4.22 it crashes when first > 0 (it indexes
     * items from 0, not from first); the iterator form is fine. */
    if (!mset.empty())
        mset.fetch(mset.begin(), mset.end());
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        ms->hits.push_back(
            jk_xhit_of(db, o, *it, it.get_weight(), it.get_document()));
    ms->estimate = jk_xestimate(mset, o);
}

/* Search, retrying once after a reopen if the database moved on. */
jikji_status_t
jk_xdb_search(jk_xdb *h, const jk_xq *q, const jk_xsearch_opts *opts,
              jk_xmset **out) noexcept
{
    if (out)
        *out = nullptr;
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (q == nullptr || opts == nullptr || out == nullptr ||
        (opts->exclude == nullptr && opts->nexclude > 0))
        return jk_xseterr(&h->err, JIKJI_EINVAL, "search", "NULL argument");
    long sort = jk_xenum(opts->sort);
    if ((sort != JK_XSORT_RELEVANCE && sort != JK_XSORT_VALUE_DESC &&
         sort != JK_XSORT_VALUE_ASC && sort != JK_XSORT_KEY_ASC) ||
        (sort == JK_XSORT_KEY_ASC && opts->sort_key == nullptr))
        return jk_xseterr(&h->err, JIKJI_EINVAL, "search", "bad sort order");
    try {
        std::unique_ptr<jk_xmset> ms(new jk_xmset);
        std::vector<Xapian::docid> ex(opts->exclude,
                                      opts->exclude + opts->nexclude);
        std::sort(ex.begin(), ex.end());
        auto search = [&] {
            *ms = jk_xmset(); /* not what a search overtaken found */
            jk_xsearch_once(h->db, q->q, opts, ex, ms.get());
        };
        try {
            jk_xread(h, search);
        } catch (const Xapian::DatabaseModifiedError &) {
            throw; /* overtaken JK_XREAD_TRIES times */
        } catch (const Xapian::DatabaseError &) {
            /* A table opened lazily after a compaction swap (see
             * jk_xopen_reader): search a freshly opened reader once. */
            if (h->writable || h->path.empty())
                throw;
            jk_xopen_anew(h);
            jk_xread(h, search);
        }
        *out = ms.release();
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "search");
    }
}

/* Number of hits in the page. */
size_t
jk_xmset_size(const jk_xmset *ms) noexcept
{
    return ms ? ms->hits.size() : 0;
}

/* Xapian's estimate of the total number of matches. */
uint64_t
jk_xmset_estimate(const jk_xmset *ms) noexcept
{
    return ms ? ms->estimate : 0;
}

/* Hit i of the page; any output pointer may be NULL. */
jikji_status_t
jk_xmset_get(jk_xmset *ms, size_t i, unsigned *docid, double *weight,
             const char **data, size_t *len) noexcept
{
    if (ms == nullptr || i >= ms->hits.size())
        return JIKJI_EINVAL;
    const jk_xhit &hit = ms->hits[i];
    if (docid)
        *docid = hit.docid;
    if (weight)
        *weight = hit.weight;
    if (data)
        *data = hit.data.c_str();
    if (len)
        *len = hit.data.size();
    return JIKJI_OK;
}

/* Hit i's metadata record. */
jikji_status_t
jk_xmset_meta(jk_xmset *ms, size_t i, const char **val, size_t *len) noexcept
{
    if (ms == nullptr || i >= ms->hits.size())
        return JIKJI_EINVAL;
    if (val)
        *val = ms->hits[i].meta.c_str();
    if (len)
        *len = ms->hits[i].meta.size();
    return JIKJI_OK;
}

/* Free a result page.  NULL-safe. */
void
jk_xmset_free(jk_xmset *ms) noexcept
{
    delete ms;
}

/* Every document indexed by term, ascending. */
jikji_status_t
jk_xdb_term_docs(jk_xdb *h, const char *term, size_t len, unsigned **docids,
                 size_t *n) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (term == nullptr || docids == nullptr || n == nullptr || len == 0)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "term_docs", "bad argument");
    *docids = nullptr;
    *n = 0;
    try {
        std::string t(term, len);
        std::vector<unsigned> v;
        jk_xread(h, [&] {
            v.clear();
            for (Xapian::PostingIterator it = h->db.postlist_begin(t);
                 it != h->db.postlist_end(t); ++it)
                v.push_back(*it);
        });
        if (v.empty())
            return JIKJI_OK;
        unsigned *out = static_cast<unsigned *>(malloc(v.size() * sizeof *out));
        if (out == nullptr)
            return jk_xseterr(&h->err, JIKJI_ENOMEM, "term_docs", "out of memory");
        std::copy(v.begin(), v.end(), out);
        *docids = out;
        *n = v.size();
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "term_docs");
    }
}

/* Remove every synonym entry. */
jikji_status_t
jk_xdb_clear_synonyms(jk_xdb *h, const char *keep) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (!h->writable)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "clear_synonyms",
                          "database is read-only");
    h->changes++;
    try {
        std::vector<std::string> keys;
        std::string kp(keep ? keep : "");
        for (Xapian::TermIterator it = h->wdb.synonym_keys_begin();
             it != h->wdb.synonym_keys_end(); ++it)
            if (kp.empty() || (*it).compare(0, kp.size(), kp) != 0)
                keys.push_back(*it);
        for (const std::string &k : keys)
            h->wdb.clear_synonyms(k);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "clear_synonyms");
    }
}

/* Add term -> synonym. */
jikji_status_t
jk_xdb_add_synonym(jk_xdb *h, const char *term, const char *synonym) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (term == nullptr || synonym == nullptr || !*term || !*synonym)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "add_synonym", "empty term");
    if (!h->writable)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "add_synonym",
                          "database is read-only");
    h->changes++;
    try {
        h->wdb.add_synonym(term, synonym);
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "add_synonym");
    }
}

/* Synonyms of term. */
jikji_status_t
jk_xdb_synonyms_each(jk_xdb *h, const char *term, jk_xterm_fn fn,
                     void *ud) noexcept
{
    if (h == nullptr)
        return JIKJI_EINVAL;
    if (term == nullptr || fn == nullptr)
        return jk_xseterr(&h->err, JIKJI_EINVAL, "synonyms", "NULL argument");
    try {
        std::vector<std::string> syn; /* read whole, then given to fn */
        jk_xread(h, [&] {
            syn.clear();
            for (Xapian::TermIterator it = h->db.synonyms_begin(term);
                 it != h->db.synonyms_end(term); ++it)
                syn.push_back(*it);
        });
        for (const std::string &t : syn)
            if (fn(ud, t.data(), t.size(), 0))
                break;
        return JIKJI_OK;
    } catch (...) {
        return jk_xfail(&h->err, "synonyms");
    }
}
