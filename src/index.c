/* index.c - bring an index up to date with vaults of notes.
 *
 * A file is the unit of change: its sections are written, or deleted, in
 * the same commit as its per-file state (size, mtime, content hash), so a
 * run interrupted at any point leaves an index that is consistent with
 * some earlier state of the vault, and the next run finishes the work.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "jikji.h"
#include "buf.h"
#include "db.h"
#include "norm.h"
#include "phonetic.h"
#include "schema.h"
#include "section.h"
#include "stopwords.h"
#include "synonyms.h"
#include "tokenize.h"
#include "walk.h"

/* statfs(2) f_type of procfs and sysfs (linux/magic.h). */
#define JK_PROC_SUPER_MAGIC 0x9fa0
#define JK_SYSFS_MAGIC 0x62656572

/* Commit after this many sections, or as soon as the sections since the
 * last commit hold this many (term, section) pairs: Xapian buffers a
 * posting for each until the commit, so the pairs, not the sections,
 * measure its write buffer (a section of the bench vault has 82 on
 * average; a long one, thousands).  The buffer gets slower as it grows
 * (DESIGN.md: 300-2,000 documents is the sweet spot), and the memory that
 * one batch leaves fragmented stays with the process: with 1,500 sections
 * buffered by two writers, peak RSS was 85 MB at 8 copies of the bench
 * vault and 97 MB at 32; with 600, 62 and 72 MB in the same time. */
#define JK_COMMIT_EVERY 1000
#define JK_COMMIT_PAIRS 50000
/* A removed (term, section) pair counts as this fraction of an added one
 * (count_removed).  Xapian buffers a posting removal per pair, but each
 * commit of removals rewrites blocks of every term they touch, all over
 * the tables, so fewer, larger commits pay.  Forgetting the 8-copy bench
 * vault: 114 s and 29 MB peak with removals counted in full, 73 s and
 * 53 MB at a quarter, 55 s and 79 MB at an eighth; 52 s and 149 MB when
 * only the notes were counted (a commit every 1,500). */
#define JK_REMOVED_PAIR_WEIGHT 4
/* A note of more sections than this is written in committed batches
 * (index_file), and removed a section at a time, in batches
 * (delete_file), not held whole. */
#define JK_NOTE_IN_PARTS 1000
/* ...and so is one of more bytes than this in two sections or more
 * (index_file): 993 sections of a 40 MB note held whole took 390 MB
 * (QA). */
#define JK_NOTE_IN_PARTS_BYTES (4u << 20)
/* A run that writes or removes at least this many sections, and a
 * quarter of the index, compacts it at the end (maybe_compact). */
#define JK_COMPACT_MIN_SECTIONS 1000
/* Sections per shard of a first build (next_shard): about the bench
 * corpus's one copy (20 MB), and under 100 MB of memory per writer. */
#define JK_SHARD_SECTIONS 30000
/* A first build of a vault smaller than this is written by one thread:
 * a second one would save less than starting it and merging costs. */
#define JK_CREW_MIN_BYTES (1u << 20)
/* Default number of writers of a first build (jikji_index_opts_t.jobs). */
#define JK_CREW_MAX 2
/* Writers take chunks of this many notes, one at a time (index_crew). */
#define JK_CREW_CHUNK 16
/* Phonetic bridge keys a run remembers having written (add_phonetic_keys):
 * about 4 MB. */
#define JK_PHON_SEEN_MAX 65536
/* Longest term with its prefix that we hand to Xapian (schema.h). */
#define JK_PREFIXED_MAX JK_TERM_KEEP_MAX

typedef struct known_file {
    char id[17];          /* jk_file_id() of path: the records' order */
    char *path;
    char *val;            /* decoded metadata record (fs points into it) */
    jk_filestate fs;
    int seen;
    int gone;             /* gone from disk: removed once every vault of the
                           * run was walked (remove_gone) */
} known_file;

/* The weighted terms of the section being built, held until its length
 * is known: their wdfs are folded by it (schema.h, schema 8).  Once the
 * length reaches the point where the fold's K is at its cap (about
 * 22,000), the fold is the identity whatever follows: what is held is
 * added then, and the rest of the section goes straight in, so a huge
 * section holds at most that much. */
typedef struct held_term {
    size_t off, len;      /* the term's bytes in held_terms.bytes */
    uint32_t pos, wdf;
    int positional;       /* at pos (jk_xdoc_add_posting), or no position */
} held_term;

typedef struct held_terms {
    jk_buf bytes;
    held_term *v;
    size_t n, cap;
    uint64_t wdf_sum;     /* the section's length before folding */
    int unfolded;         /* past the cap: added as they come */
} held_terms;

/* Whether the NUL-terminated s is UTF-8 throughout. */
static int
name_is_utf8(const char *s)
{
    for (size_t i = 0, n = strlen(s); i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

typedef struct index_run {
    jikji_db_t *db;
    const jikji_index_opts_t *opts;
    jikji_index_stats_t *stats;
    known_file *files;    /* sorted by path */
    size_t nfiles, capfiles;
    const char *root;     /* vault being walked (absolute, canonical) */
    const char *note_path; /* the note being indexed, for warnings */
    size_t rootlen;
    int root_is_file;
    unsigned long long order_seed; /* jk_order_seed() of the vault's folder
                           * (of a single-file vault: the file's folder) */
    size_t baselen;       /* not 0: root is a part of the listed vault whose
                           * folder is root[0, baselen), and paths are
                           * relative to that folder (index_vault()) */
    const jk_strv *vaults; /* the vault list as the run began */
    jk_strv moved;        /* listed vaults that moved into root and were
                           * linked back (they resolve elsewhere now):
                           * their notes are root's, moved (index_vault()) */
    uint64_t pending;     /* sections since the last commit */
    uint64_t pending_pairs; /* (term, section) pairs added, and removed
                             * ones by weight (count_removed) */
    uint64_t removed_sections; /* by this run (count_removed) */
    /* A first build's notes and sections in the index itself when it went
     * on into shards (next_shard): what a stopped run keeps, its shards
     * being dropped.  left_main: it did. */
    int left_main;
    uint64_t kept_added, kept_sections;
    jk_buf content;       /* the file being indexed */
    jk_buf data, scratch;
    held_terms held;      /* of the section being built (add_section) */
    jk_strv tags;         /* the note's tags: front matter and inline */
    uint64_t note_context; /* bytes of context the note's sections so far
                              carry (put_section(), JK_NOTE_CONTEXT_MAX) */
    unsigned bare_from;   /* the first section's line without its context,
                             0: none (put_section()) */
    int bare;             /* the section being built carries none */
    jk_strset words;      /* the note's Latin words, for the phonetic bridge */
    jk_strset phon_keys;  /* phonetic bridge keys written by this run (at
                             most JK_PHON_SEEN_MAX of them) */
    int dry_run;          /* count, write nothing */
    uint64_t done, total; /* progress: notes looked at, notes in vaults */
    uint64_t bytes_done, bytes_total; /* and their sizes (jikji_progress_t) */
    jikji_status_t fatal; /* a backend error that stops the run */
    /* A first build is written in shards (next_shard()): */
    int sharding;
    jk_xdb *main_x;       /* the index itself; db->x may be a shard */
    jk_strv shards;       /* shard directories written by this run */
    uint64_t shard_sections; /* sections in the database being written */
    struct crew *crew;    /* the writers of a first build, or NULL (alone) */
    int compact_due;      /* a killed run left its compaction's copy: its
                             changes are in, their compaction is not */
} index_run;

/* What the writers of a first build share (index_crew). */
typedef struct crew {
    pthread_mutex_t lock; /* guards the fields below and the caller's
                             callbacks, which never run two at once */
    index_run *lead;      /* the caller's run: its options and progress */
    size_t shards_made;   /* shard directories numbered so far */
    unsigned writers;     /* how many */
    size_t next_chunk;    /* the next chunk of JK_CREW_CHUNK notes to take */
    uint64_t bytes;       /* note bytes read by all writers */
    int stop;             /* a writer failed: the others stop */
} crew;

static void
warn(index_run *r, const char *path, unsigned line, jikji_status_t st,
     const char *msg)
{
    if (r->opts && r->opts->on_warning)
        r->opts->on_warning(r->opts->ud, path, line, st, msg);
}

/* --- the per-file records already in the index --------------------------- */

static int
collect_known(void *ud, const char *key, size_t klen, const char *val,
              size_t vlen)
{
    index_run *r = ud;
    if (r->nfiles == r->capfiles) {
        size_t cap = r->capfiles ? r->capfiles * 2 : 256;
        known_file *f = realloc(r->files, cap * sizeof *f);
        if (!f)
            return 1;
        r->files = f;
        r->capfiles = cap;
    }
    known_file *k = &r->files[r->nfiles];
    memset(k, 0, sizeof *k);
    if (!(k->val = jk_strndup(val, vlen)))
        return 1;
    if (jk_filestate_decode(k->val, vlen, &k->fs) < 0) {
        free(k->val); /* unreadable record: the file will be re-added */
        return 0;
    }
    k->path = (char *)k->fs.path;
    size_t pl = sizeof JK_META_FILE - 1;
    if (klen == pl + 16)
        memcpy(k->id, key + pl, 16);
    else
        jk_file_id(k->path, k->id);
    r->nfiles++;
    return 0;
}

/* Records are kept in file id order, the order of their metadata keys:
 * no sort of 22,000 paths on every run (sort_known checks it). */
static int
cmp_known(const void *a, const void *b)
{
    const known_file *x = a, *y = b;
    int c = memcmp(x->id, y->id, 16);
    return c ? c : strcmp(x->path, y->path);
}

static void
sort_known(index_run *r)
{
    for (size_t i = 1; i < r->nfiles; i++)
        if (cmp_known(&r->files[i - 1], &r->files[i]) > 0) {
            qsort(r->files, r->nfiles, sizeof *r->files, cmp_known);
            return;
        }
}

/* The record of the note at path, whose jk_file_id() is id. */
static known_file *
find_known(index_run *r, const char *path, const char id[17])
{
    known_file key = {.path = (char *)path};
    memcpy(key.id, id, sizeof key.id);
    if (r->nfiles == 0)
        return NULL; /* bsearch's base must not be NULL */
    return bsearch(&key, r->files, r->nfiles, sizeof *r->files, cmp_known);
}

/* --- writing documents ---------------------------------------------------- */

typedef struct doc_ctx {
    index_run *r;
    jk_xdoc *doc;
    uint32_t pos_base;    /* added to token positions */
    uint32_t max_pos;     /* highest position written */
    size_t heading_end;   /* tokens starting before this are in the heading */
    const char *prefix;   /* also add prefix+term (no position), or NULL */
    int nopos;            /* words without positions (index_labels) */
    int weightless;       /* words that match but weigh nothing (wdf 0) */
    int capped;           /* JK_SECTION_MAX_TERMS reached: the rest left out */
    uint32_t npos;        /* positions added so far (most
                             JK_SECTION_MAX_POSITIONS, then none) */
    int failed;
} doc_ctx;

static int flush_held(doc_ctx *c);

/* Most distinct terms indexed for one section.  Xapian holds each term
 * of a document being added several times over (the document's term map,
 * then its inverter's postings and positions), about 0.75 KB a term: a
 * 39 MB note of one section with 600,000 distinct words peaked at 485 MB.
 * A section of 10,000 words has about 15,000 terms; past this many, the
 * rest of the section is left out, with a warning. */
#define JK_SECTION_MAX_TERMS 32768
/* Most positions (words, Korean bigrams) kept for one section; its words
 * past them are indexed without: found, not as phrases.  Xapian holds
 * each position several times over (a 50 MB line took 150 MB).  About
 * 2 MB of Korean text; a section of 10,000 words has about 25,000. */
#define JK_SECTION_MAX_POSITIONS 1000000

/* Most bytes of context (title, aliases and parent headings, which every
 * section carries again) a note's sections carry in all; the sections
 * after that carry their own heading and text, the tags and the
 * categories.  125,000 tiny sections under two headings of 100 words (a
 * 1 MB note) made a 464 MB index; a note of 500 sections under 200-byte
 * headings carries about 200 KB. */
#define JK_NOTE_CONTEXT_MAX (4u << 20)

/* Add term to the document with this wdf increment, at pos when
 * positional. */
static int
put_term(doc_ctx *c, const char *term, size_t len, uint32_t pos,
         uint32_t wdf, int positional)
{
    return positional ? jk_xdoc_add_posting(c->doc, term, len, pos, wdf)
                      : jk_xdoc_add_term(c->doc, term, len, wdf);
}

/* Hold term (at pos when positional) with this wdf increment for the
 * section being built; flush_held() adds it.  0, or -1 on out of memory. */
static int
hold(doc_ctx *c, const char *term, size_t len, uint32_t pos, uint32_t wdf,
     int positional)
{
    held_terms *h = &c->r->held;
    if (h->unfolded) {
        /* Only a long section gets here (short ones are held, at most
         * about 23,000 terms, until their fold is known). */
        if (jk_xdoc_terms(c->doc) >= JK_SECTION_MAX_TERMS) {
            c->capped = 1;
            return 0;
        }
        return put_term(c, term, len, pos, wdf, positional);
    }
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 256;
        held_term *v = realloc(h->v, cap * sizeof *v);
        if (!v)
            return -1;
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n] = (held_term){.off = h->bytes.len, .len = len,
                             .pos = pos, .wdf = wdf, .positional = positional};
    if (jk_buf_append(&h->bytes, term, len) < 0)
        return -1;
    h->n++;
    h->wdf_sum += wdf;
    if (jk_fold_norm(h->wdf_sum) >= JK_FOLD_SCALE) {
        if (flush_held(c) < 0) /* with K at its cap: wdfs as they are */
            return -1;
        h->unfolded = 1;
    }
    return 0;
}

/* Empty the hold, keeping its memory for the next section. */
static void
held_clear(held_terms *h)
{
    h->n = 0;
    h->wdf_sum = 0;
    h->unfolded = 0;
    jk_buf_clear(&h->bytes);
}

/* Add the held terms to the document, their wdfs folded by the section's
 * length, and empty the hold.  0, or -1 on out of memory. */
static int
flush_held(doc_ctx *c)
{
    held_terms *h = &c->r->held;
    double k = jk_fold_norm(h->wdf_sum);
    int rc = 0;
    for (size_t i = 0; i < h->n && rc == 0; i++) {
        const held_term *t = &h->v[i];
        rc = put_term(c, h->bytes.data + t->off, t->len, t->pos,
                      jk_fold_wdf(t->wdf, k), t->positional);
    }
    held_clear(h);
    return rc;
}

static void
held_fini(held_terms *h)
{
    jk_buf_fini(&h->bytes);
    free(h->v);
    *h = (held_terms){.bytes = JK_BUF_INIT};
}

/* Add prefix+term (no position) to the document. */
static int
add_prefixed(doc_ctx *c, const char *prefix, const char *term, size_t len,
             uint32_t wdf)
{
    char buf[JK_PREFIXED_MAX + 1];
    size_t pl = strlen(prefix);
    if (pl + len > JK_PREFIXED_MAX)
        return 0;
    memcpy(buf, prefix, pl);
    memcpy(buf + pl, term, len);
    return wdf ? hold(c, buf, pl + len, 0, wdf, 0)
               : jk_xdoc_add_boolean(c->doc, buf, pl + len);
}

static int
on_token(void *ud, const jikji_token_t *t)
{
    doc_ctx *c = ud;
    if (c->capped)
        return 0;
    uint32_t pos = c->pos_base + t->pos;
    /* Words of the question (the heading line) weigh more. */
    int in_heading = t->start < c->heading_end;
    uint32_t wdf = c->weightless ? 0 : in_heading ? 3 : 1;
    if (pos > c->max_pos)
        c->max_pos = pos;
    int positional = (!c->nopos || t->kind == JIKJI_TOKEN_BIGRAM) &&
                     !(t->kind == JIKJI_TOKEN_WORD &&
                       jk_stopword_unpositioned(t->term, t->term_len));
    if (positional && c->npos >= JK_SECTION_MAX_POSITIONS) {
        c->npos = JK_SECTION_MAX_POSITIONS + 1; /* the rest: none */
        positional = 0;
    } else if (positional) {
        c->npos++;
    }
    if (hold(c, t->term, t->term_len, pos, wdf, positional) < 0)
        goto fail;
    if (t->kind == JIKJI_TOKEN_WORD || t->kind == JIKJI_TOKEN_PART) {
        if (t->term_len >= 3 && t->term_len <= 32 &&
            jk_strset_add(&c->r->words, t->term, t->term_len) < 0)
            goto fail;
        /* Z<stem> only when the stem differs from the word: a word that
         * is its own stem is found by its plain term (query.c asks for
         * both), which saves a third of the stem postings. */
        char stem[JK_PREFIXED_MAX + 1];
        size_t sl = jk_db_stem_term(c->r->db, t->term, t->term_len, stem,
                                    sizeof stem);
        if (sl && (sl - 1 != t->term_len ||
                   memcmp(stem + 1, t->term, t->term_len) != 0) &&
            hold(c, stem, sl, 0, wdf, 0) < 0)
            goto fail;
    }
    uint32_t one = c->weightless ? 0 : 1;
    if (in_heading && add_prefixed(c, JK_P_HEADING, t->term, t->term_len, one) < 0)
        goto fail;
    /* Where a Korean word starts, so `뷰` finds 뷰를 but not 리뷰. */
    if (t->run_start && add_prefixed(c, JK_P_WORDSTART, t->term, t->term_len, one) < 0)
        goto fail;
    if (c->prefix && add_prefixed(c, c->prefix, t->term, t->term_len, one) < 0)
        goto fail;
    return 0;
fail:
    c->failed = 1;
    return 1;
}

/* Tokenize text into the document at positions after those used so far. */
static int
index_text(doc_ctx *c, const char *text, size_t len, const char *prefix,
           size_t heading_end)
{
    c->prefix = prefix;
    c->heading_end = heading_end;
    c->pos_base = c->max_pos;
    if (jikji_tokenize(text, len, on_token, c) != JIKJI_OK || c->failed)
        return -1;
    c->max_pos += 1; /* no phrase spans two texts */
    return 0;
}

/* The words of a note's labels (tags, categories) into section i.  In
 * the first section all of them have positions; in the others a Latin
 * word is a term without positions: it matches and ranks the same, but a
 * quoted phrase or the adjacency boost over label words finds the first
 * section only.  Hangul bigrams keep their positions everywhere, since a
 * Korean word is a phrase of them (인성면접 finds every section of a note
 * tagged so).  Latin label words' positions repeated in every section
 * were 8% of the bench vault's index (62.8 -> 58.0 MB; nDCG@10 unchanged
 * on tools/eval-quality). */
static int
index_labels(doc_ctx *c, size_t i, const char *text)
{
    c->nopos = i > 0;
    int rc = index_text(c, text, strlen(text), NULL, 0);
    c->nopos = 0;
    return rc;
}

/* Add a boolean term made of prefix + normalized value; with ancestors,
 * one more for each parent of a nested value, ending in its '/'
 * (backend/ of backend/kafka, reader 13): the term that stands for all
 * the values under it, so tag:backend reads one term, not every nested
 * tag's (QA: 16,000 nested tags took 2.2 s). */
static int
add_normalized_boolean(doc_ctx *c, const char *prefix, const char *value,
                       int ancestors)
{
    if (*value == '#')
        value++;
    char *norm = NULL;
    if (jikji_normalize(value, strlen(value), &norm) != JIKJI_OK)
        return -1;
    size_t len = strlen(norm);
    int rc = len ? add_prefixed(c, prefix, norm, len, 0) : 0;
    for (size_t i = 1; ancestors && rc == 0 && i + 1 < len; i++)
        if (norm[i] == '/' && norm[i - 1] != '/')
            rc = add_prefixed(c, prefix, norm, i + 1, 0);
    jikji_free(norm);
    return rc;
}

/* The XP terms of a note's vault-relative path: every folder above it and
 * the note itself ("interviews/", "interviews/2024/", "interviews/2024/x.md"),
 * in NFC so path: matches names written decomposed (see query.c).
 * Appended to out; 0, or -1 on out of memory. */
static int
dir_terms(const char *path, jk_strv *out)
{
    char *nfc = jk_norm_path(path);
    const char *rel = nfc ? nfc : path;
    size_t n = strlen(rel);
    jk_buf t = JK_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (rel[i] != '/' && i + 1 != n)
            continue;
        jk_buf_clear(&t);
        if (jk_buf_puts(&t, JK_P_DIR) < 0 || jk_buf_append(&t, rel, i + 1) < 0)
            rc = -1;
        else if (jk_strv_push(out, t.data, jk_term_cut(t.data, t.len)) < 0)
            rc = -1;
        else if (t.len > JK_PREFIXED_MAX)
            break; /* the deeper ones are cut the same */
    }
    jk_buf_fini(&t);
    free(nfc);
    return rc;
}

static int
add_dir_terms(doc_ctx *c, const char *path)
{
    jk_strv terms = JK_STRV_INIT;
    int rc = dir_terms(path, &terms);
    for (size_t i = 0; i < terms.n && rc == 0; i++)
        rc = jk_xdoc_add_boolean(c->doc, terms.v[i], strlen(terms.v[i]));
    jk_strv_fini(&terms);
    return rc;
}

/* Record "N:<skeleton>:<word>" in the metadata for each Latin word of the
 * note, so a Hangul loanword in a query finds the spelling the vault uses
 * (phonetic.h).  Metadata, not per-section terms: the bridge needs the
 * vault's words, not which sections have them (the words' own terms say
 * that), and terms on every note cost a tenth of all postings.  A key is
 * written once per run and only when absent; keys of words that left the
 * vault stay until a rebuild, and the query skips them. */
static jikji_status_t
add_phonetic_keys(index_run *r)
{
    jk_strset *w = &r->words;
    char key[JK_PHON_MAX + 1], skel[JK_PHON_MAX + 1];
    jk_buf *t = &r->scratch;
    for (size_t i = 0; i < w->cap; i++) {
        if (!w->slot[i])
            continue;
        /* The word's own key, and a plural's singular key (actions). */
        for (int k = 0; k < 2; k++) {
            size_t n = k ? jk_phon_latin_singular(w->slot[i], key)
                         : jk_phon_latin(w->slot[i], key);
            if (!n || jk_phon_skeleton(key, skel) < 2)
                continue;
            jk_buf_clear(t);
            if (jk_buf_printf(t, "%s%s:%s", JK_META_PHONETIC, skel,
                              w->slot[i]) < 0)
                return JIKJI_ENOMEM;
            if (t->len > JK_PREFIXED_MAX)
                continue;
            /* A cache, not a record: forgotten when full, so that its
             * memory does not grow with the vault's vocabulary (a
             * forgotten key costs one metadata lookup when seen again). */
            if (r->phon_keys.n >= JK_PHON_SEEN_MAX)
                jk_strset_fini(&r->phon_keys);
            int fresh = jk_strset_add(&r->phon_keys, t->data, t->len);
            if (fresh < 0)
                return JIKJI_ENOMEM;
            if (!fresh)
                continue;
            char *old = NULL;
            size_t ol = 0;
            jikji_status_t st = jk_xdb_get_meta(r->db->x, t->data, &old, &ol);
            if (st == JIKJI_OK && !old)
                st = jk_xdb_set_meta(r->db->x, t->data, "1", 1);
            free(old);
            if (st != JIKJI_OK)
                return jk_db_xfail(r->db, st);
        }
    }
    return JIKJI_OK;
}

/* Section i's document data (jk_docdata) into r->data; file_id is the
 * note's (jk_file_id()). */
static int
encode_section_data(index_run *r, const jikji_note_t *note, size_t i,
                    const char *file_id, uint64_t sechash)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    jk_buf_clear(&r->scratch);
    for (size_t k = 0; k < s->nheadings; k++)
        if ((k && jk_buf_putc(&r->scratch, JK_HEADING_SEP) < 0) ||
            jk_buf_puts(&r->scratch, s->headings[k]) < 0)
            return -1;
    jk_docdata d = {
        .title = jikji_note_title(note), .date = jikji_note_date(note),
        .headings = r->scratch.data ? r->scratch.data : "",
        .line = s->line, .end_line = s->end_line,
        .start = s->start, .end = s->end, .file_size = r->content.len,
        .sechash = sechash,
    };
    snprintf(d.file_id, sizeof d.file_id, "%s", file_id);
    jk_buf_clear(&r->data);
    return jk_docdata_encode(&r->data, &d);
}

/* Whether section i is a bare parent: a heading with no text of its own
 * (body: its blanked text) followed by a section below it.  Its words are
 * in every child's context, and the children hold the answer; weighed as
 * a heading, this near-empty section outranked them (`자기소개` found the
 * bare "자기소개" heading first, its "1분 자기소개" answer second). */
static int
bare_parent(const jikji_note_t *note, size_t i, const char *body, size_t blen)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    const jikji_section_t *next = jikji_note_section(note, i + 1);
    if (s->level == 0 || !next || next->level <= s->level)
        return 0;
    for (size_t k = jk_line_len(body, blen); k < blen; k++)
        if (!(body[k] == ' ' || body[k] == '\t' || body[k] == '\n' ||
              body[k] == '\r'))
            return 0;
    return 1;
}

/* What section i's terms are made of, hashed: the note's title, date,
 * tags, categories and aliases, the section's heading path and its text
 * (body, as jikji_section_text gives it), and where a heading line that
 * ends in a CR ends.  Two equal hashes: the same
 * document but for its data (lines, byte offsets).  Never 0. */
static uint64_t
section_hash(index_run *r, const jikji_note_t *note, size_t i,
             const char *body, size_t blen)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    jk_buf *b = &r->scratch;
    jk_buf_clear(b);
    const char *const *v;
    size_t n;
    int bad = jk_buf_puts(b, jikji_note_title(note)) < 0 ||
              jk_buf_putc(b, 0) < 0 || jk_buf_puts(b, jikji_note_date(note)) < 0;
    for (size_t k = 0; k < r->tags.n && !bad; k++)
        bad = jk_buf_putc(b, 1) < 0 || jk_buf_puts(b, r->tags.v[k]) < 0;
    n = jikji_note_categories(note, &v);
    for (size_t k = 0; k < n && !bad; k++)
        bad = jk_buf_putc(b, 2) < 0 || jk_buf_puts(b, v[k]) < 0;
    n = jikji_note_aliases(note, &v);
    for (size_t k = 0; k < n && !bad; k++)
        bad = jk_buf_putc(b, 3) < 0 || jk_buf_puts(b, v[k]) < 0;
    for (size_t k = 0; k < s->nheadings && !bad; k++)
        bad = jk_buf_putc(b, 4) < 0 || jk_buf_puts(b, s->headings[k]) < 0;
    /* Reader 5 ends a heading line at a CR too (it ran to the first LF):
     * a section whose heading line ends so hashes where it ends, to be
     * rewritten once; the others keep their hashes. */
    size_t hend = s->level > 0 ? jk_line_len(body, blen) : 0;
    if (!bad && hend < blen && body[hend] == '\r')
        bad = jk_buf_putc(b, 6) < 0 || jk_buf_printf(b, "%zu", hend) < 0;
    /* Reader 7 weighed a bare parent's heading as text, reader 9 not at
     * all: such a section is rewritten once. */
    if (!bad && bare_parent(note, i, body, blen))
        bad = jk_buf_putc(b, 9) < 0;
    if (!bad && r->bare) /* past JK_NOTE_CONTEXT_MAX: no context */
        bad = jk_buf_putc(b, 10) < 0;
    /* Reader 11 gave ten function words positions, which may be in any
     * section (an identifier's parts, full-width Latin): every section is
     * rewritten once. */
    if (!bad)
        bad = jk_buf_putc(b, 11) < 0;
    /* Reader 12 drops the accents of Latin and Greek letters and folds
     * superscripts: a section that holds any (in its text or in what it
     * hashed above) is rewritten once, the others keep their hashes. */
    if (!bad && (jk_norm_has_diacritic_or_script(b->data, b->len) ||
                 jk_norm_has_diacritic_or_script(body, blen)))
        bad = jk_buf_putc(b, 12) < 0;
    /* Reader 13 starts positions at 2: every section is rewritten once. */
    if (!bad)
        bad = jk_buf_putc(b, 13) < 0;
    if (bad || jk_buf_putc(b, 5) < 0)
        return 1; /* out of memory: a hash no stored section has */
    uint64_t h = jk_hash64(b->data, b->len) * 31 + jk_hash64(body, blen);
    return h ? h : 1;
}

/* Build the document of section i (its text in body) and add it, or store
 * it as document `replace` when that is not 0. */
static jikji_status_t
add_section(index_run *r, const jikji_note_t *note, size_t i,
            const char *rel, const char *file_id,
            const char *body, uint64_t sechash, unsigned replace)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    /* Positions start at 2 (reader 13): Xapian's exact phrase takes a term
     * with no positions here (a Latin label word past the first section, a
     * function word) as at position 0, and a word at 1 would follow it. */
    doc_ctx c = {.r = r, .max_pos = 1};
    jikji_status_t st = JIKJI_ENOMEM;

    if (!(c.doc = jk_xdoc_new()))
        return JIKJI_ENOMEM;

    /* Context: title, tags, aliases and the parent headings, so a
     * follow-up question is found by the words of the question above it. */
    const char *title = jikji_note_title(note);
    if (!r->bare && index_text(&c, title, strlen(title), JK_P_TITLE, 0) < 0)
        goto out;
    const char *const *tags = (const char *const *)r->tags.v;
    for (size_t k = 0; k < r->tags.n; k++)
        if (index_labels(&c, i, tags[k]) < 0 ||
            add_normalized_boolean(&c, JK_P_TAG, tags[k], 1) < 0 ||
            (i == 0 && add_normalized_boolean(&c, JK_P_NOTETAG, tags[k], 0) < 0))
            goto out;
    const char *const *cats;
    size_t ncats = jikji_note_categories(note, &cats);
    for (size_t k = 0; k < ncats; k++)
        if (index_labels(&c, i, cats[k]) < 0 ||
            add_normalized_boolean(&c, JK_P_CATEGORY, cats[k], 1) < 0)
            goto out;
    const char *const *aliases;
    size_t nal = jikji_note_aliases(note, &aliases);
    for (size_t k = 0; k < nal && !r->bare; k++)
        if (index_text(&c, aliases[k], strlen(aliases[k]), JK_P_TITLE, 0) < 0)
            goto out;
    for (size_t k = 1; k + 1 < s->nheadings && !r->bare; k++)
        if (index_text(&c, s->headings[k], strlen(s->headings[k]), NULL, 0) < 0)
            goto out;

    /* Body: the section's own lines, heading first.  A bare parent's
     * heading matches but weighs nothing: every child has its words in
     * its context and ranks above it. */
    size_t blen = s->end - s->start;
    int bare = bare_parent(note, i, body, blen);
    /* A bare parent's heading words still get their heading terms, for
     * heading: (reader 13), weightless as the rest of it. */
    size_t hend = s->level > 0 ? jk_line_len(body, blen) : 0;
    c.max_pos += JK_POS_GAP;
    c.weightless = bare;
    if (index_text(&c, body, blen, NULL, hend) < 0)
        goto out;
    c.weightless = 0;
    if (c.capped) {
        char m[160];
        snprintf(m, sizeof m, "the section has more than %d distinct terms; "
                 "the rest of it is not indexed", JK_SECTION_MAX_TERMS);
        warn(r, r->note_path, s->line, JIKJI_EINVAL, m);
    } else if (c.npos > JK_SECTION_MAX_POSITIONS) {
        char m[160];
        snprintf(m, sizeof m, "the section has more than %d words; those "
                 "past them are found, but not as phrases",
                 JK_SECTION_MAX_POSITIONS);
        warn(r, r->note_path, s->line, JIKJI_EINVAL, m);
    }

    /* Booleans, values, data. */
    char fterm[JK_FILE_TERM_MAX];
    size_t fl = jk_file_term(fterm, file_id);
    if (jk_xdoc_add_boolean(c.doc, fterm, fl) < 0 || add_dir_terms(&c, rel) < 0)
        goto out;
    const char *date = jikji_note_date(note);
    char okey[JK_ORDER_KEY_LEN];
    jk_order_key(r->order_seed, rel, okey);
    if ((*date && jk_xdoc_set_value(c.doc, JK_SLOT_DATE, date, strlen(date)) < 0) ||
        jk_xdoc_set_value(c.doc, JK_SLOT_ORDER, okey, sizeof okey) < 0)
        goto out;

    if (encode_section_data(r, note, i, file_id, sechash) < 0 ||
        jk_xdoc_set_data(c.doc, r->data.data, r->data.len) < 0)
        goto out;

    /* The section's length is known now (schema.h, schema 8). */
    if (flush_held(&c) < 0)
        goto out;
    st = replace ? jk_xdb_replace_doc(r->db->x, replace, c.doc)
                 : jk_xdb_add_doc(r->db->x, c.doc);
    if (st != JIKJI_OK)
        st = jk_db_xfail(r->db, st);
    else
        r->pending_pairs += jk_xdoc_terms(c.doc);
out:
    held_clear(&r->held); /* what a failure left held */
    jk_xdoc_free(c.doc);
    return st;
}

/* Index section i of a note.  For a note indexed before (update set), the
 * document of the same section number is kept when its hash says its
 * terms would come out the same (only its data is brought up to date:
 * lines move when an earlier section grows), else replaced in place, so
 * Xapian rewrites only the postings that changed: appending a line to one
 * section of an 11-section note writes one document, not eleven.  old is
 * the docid of the note's section i in the index, or 0.  Adds 1 to
 * *written for each document (re)built.  each: the bytes of context
 * (title, aliases) every section of the note carries. */
static jikji_status_t
put_section(index_run *r, const jikji_note_t *note, size_t i,
            const char *rel, const char *file_id,
            unsigned old, size_t each, size_t *written)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    if (!s || s->start > s->end || s->end > r->content.len)
        return JIKJI_EINVAL;
    /* The section's text blanked where it lies in the file read: the
     * sections do not overlap and each is read once, in order, and the
     * file's hash is taken (QA: a copy of a 60 MB note's one section
     * took its peak memory from 110 to 167 MB).  The byte after it is a
     * NUL for the while. */
    char *body = r->content.data + s->start;
    size_t blen = s->end - s->start;
    char after = body[blen];
    body[blen] = '\0';
    jk_section_blank(s, r->content.data, body);
    /* Counted for every section, written or not, so that which carry
     * their context depends on the note alone (as a rebuild has it). */
    r->note_context += each;
    for (size_t k = 1; k + 1 < s->nheadings; k++)
        r->note_context += strlen(s->headings[k]);
    r->bare = r->note_context > JK_NOTE_CONTEXT_MAX;
    if (r->bare && !r->bare_from)
        r->bare_from = s->line;
    uint64_t h = section_hash(r, note, i, body, blen);
    jikji_status_t st = JIKJI_OK;
    char *data = NULL, *fields = NULL;
    size_t dlen = 0;
    jk_docdata d;
    /* decode() cuts its input into fields: decode a copy, keep data whole
     * to compare with the new data. */
    if (st == JIKJI_OK && old &&
        (st = jk_xdb_doc_data(r->db->x, old, &data, &dlen)) == JIKJI_OK &&
        (fields = jk_strndup(data, dlen)) != NULL &&
        jk_docdata_decode(fields, dlen, &d) == 0 && d.sechash == h) {
        /* The same terms: new data only, when it differs. */
        if (encode_section_data(r, note, i, file_id, h) < 0)
            st = JIKJI_ENOMEM;
        else if (dlen != r->data.len || memcmp(data, r->data.data, dlen) != 0)
            st = jk_xdb_edit_doc(r->db->x, old,
                                 &(jk_xedit){.data = r->data.data,
                                             .data_len = r->data.len});
        free(fields);
        free(data);
        body[blen] = after;
        return st == JIKJI_OK || st == JIKJI_ENOMEM ? st
                                                    : jk_db_xfail(r->db, st);
    }
    if (st == JIKJI_OK && data && !fields)
        st = JIKJI_ENOMEM;
    free(fields);
    free(data);
    if (st == JIKJI_OK) {
        st = add_section(r, note, i, rel, file_id, body, h, old);
        if (st == JIKJI_OK)
            (*written)++;
    } else if (st != JIKJI_ENOMEM) {
        st = jk_db_xfail(r->db, st);
    }
    body[blen] = after;
    return st;
}

/* Whether a tag's terms (XK, K and their normalized value) fit in a
 * term; -1 on out of memory. */
static int
tag_fits(const char *tag)
{
    char *norm = NULL;
    if (*tag == '#')
        tag++;
    if (jikji_normalize(tag, strlen(tag), &norm) != JIKJI_OK)
        return -1;
    int fits = strlen(JK_P_NOTETAG) + strlen(norm) <= JK_PREFIXED_MAX;
    jikji_free(norm);
    return fits;
}

/* Collect the note's tags: front matter tags, then the inline #tags of
 * the body that are not among them.  A tag too long for a term is said
 * (it was dropped in silence). */
static int
collect_tags(index_run *r, const jikji_note_t *note)
{
    jk_strv_fini(&r->tags);
    const char *const *v;
    size_t n = jikji_note_tags(note, &v);
    for (size_t i = 0; i < n; i++) {
        int fits = tag_fits(v[i]);
        if (fits < 0)
            return -1;
        if (!fits) {
            char m[160];
            snprintf(m, sizeof m, "a tag of %zu bytes, more than the %d a "
                     "tag may have, is not indexed as a tag (its words are)",
                     strlen(v[i]),
                     (int)(JK_PREFIXED_MAX - strlen(JK_P_NOTETAG)));
            warn(r, r->note_path, 0, JIKJI_EINVAL, m);
        }
        if (jk_strv_push(&r->tags, v[i], strlen(v[i])) < 0)
            return -1;
    }
    size_t nfm = n;
    n = jikji_note_inline_tags(note, &v);
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t k = 0; k < nfm && !dup; k++)
            dup = strcmp(r->tags.v[k], v[i]) == 0;
        if (!dup && jk_strv_push(&r->tags, v[i], strlen(v[i])) < 0)
            return -1;
    }
    return 0;
}

/* --- reading files ------------------------------------------------------- */

/* Read a regular file into r->content.  Returns JIKJI_OK, or a status with
 * a warning already reported. */
static jikji_status_t
read_file(index_run *r, const char *path, uint64_t max, int *not_a_note)
{
    *not_a_note = 0;
    jk_buf_clear(&r->content);
    /* O_NONBLOCK: a FIFO swapped in after the walk's stat never blocks. */
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        warn(r, path, 0, JIKJI_EIO, msg);
        return JIKJI_EIO;
    }
    struct stat st;
    int fs = fstat(fd, &st);
    if (fs < 0 || !S_ISREG(st.st_mode)) {
        *not_a_note = fs == 0; /* a FIFO swapped in, not an I/O error */
        close(fd);
        warn(r, path, 0, JIKJI_EIO, "not a regular file");
        return JIKJI_EIO;
    }
    /* A link to /proc or /sys (`/proc/self/environ`): regular files that
     * differ at every read (so never settle: "1 updated" at every run)
     * and may hold secrets or, read, consume kernel messages. */
    struct statfs sfs;
    if (fstatfs(fd, &sfs) == 0 &&
        (sfs.f_type == JK_PROC_SUPER_MAGIC || sfs.f_type == JK_SYSFS_MAGIC)) {
        *not_a_note = 1;
        close(fd);
        warn(r, path, 0, JIKJI_EIO,
             "a file of the kernel (/proc or /sys), not a note; skipped");
        return JIKJI_EIO;
    }
    for (;;) {
        if (jk_buf_reserve(&r->content, 65536) < 0) {
            close(fd);
            return JIKJI_ENOMEM;
        }
        ssize_t n = read(fd, r->content.data + r->content.len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
            close(fd);
            warn(r, path, 0, JIKJI_EIO, msg);
            return JIKJI_EIO;
        }
        if (n == 0)
            break;
        r->content.len += (size_t)n;
        r->content.data[r->content.len] = '\0';
        if (r->content.len > max) {
            close(fd);
            *not_a_note = 1;
            warn(r, path, 0, JIKJI_EIO, "file grew past the size limit");
            return JIKJI_EIO;
        }
    }
    close(fd);
    return JIKJI_OK;
}


static void
on_note_warning(void *ud, const char *path, unsigned line, jikji_status_t st,
                const char *msg)
{
    warn(ud, path, line, st, msg);
}

/* Store the per-file record. */
static jikji_status_t
put_filestate(index_run *r, const char *key, const jk_filestate *fs)
{
    jk_buf_clear(&r->scratch);
    if (jk_filestate_encode(&r->scratch, fs) < 0)
        return JIKJI_ENOMEM;
    jikji_status_t st = jk_xdb_set_meta(r->db->x, key, r->scratch.data,
                                        r->scratch.len);
    return st == JIKJI_OK ? st : jk_db_xfail(r->db, st);
}

/* A first build's shard n is written at "<index>" SHARD_INFIX "<n>". */
#define SHARD_INFIX ".shard-"

/* Remove the shards a killed first build left beside the index (their
 * notes are not in its records: this run indexes them again), a killed
 * rebuild's new index and a killed compaction's copy.  Several
 * writers number shards, so a killed run may leave gaps: every
 * "<index>.shard-<n>" of the parent directory goes. */
static void
remove_stale_shards(index_run *r)
{
    const char *dir = r->db->dir, *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : dir;
    size_t bl = strlen(base);
    jk_buf parent = JK_BUF_INIT, path = JK_BUF_INIT;
    size_t pl = !slash ? 0 : slash == dir ? 1 : (size_t)(slash - dir);
    if (slash ? jk_buf_append(&parent, dir, pl) < 0
              : jk_buf_puts(&parent, ".") < 0)
        goto out;
    DIR *d = opendir(parent.data);
    if (!d)
        goto out;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strncmp(n, base, bl) != 0 ||
            strncmp(n + bl, SHARD_INFIX, strlen(SHARD_INFIX)) != 0)
            continue;
        const char *num = n + bl + strlen(SHARD_INFIX);
        if (!*num || strspn(num, "0123456789") != strlen(num))
            continue;
        jk_buf_clear(&path);
        if (jk_buf_printf(&path, "%s/%s", slash == dir ? "" : parent.data, n) == 0)
            jk_db_remove_index_dir(path.data);
    }
    closedir(d);
    /* And the new index of a killed rebuild (open_for_rebuild()), and the
     * copy of a killed compaction (compact.c): disk space for nothing. */
    char *rebuild = r->db->rebuild_dir
                    ? NULL : jk_db_sibling(dir, JK_DB_REBUILD_SUFFIX);
    if (rebuild)
        jk_db_remove_index_dir(rebuild);
    free(rebuild);
    char *copy = jk_db_sibling(dir, JK_DB_COMPACTING_SUFFIX);
    if (copy && access(copy, F_OK) == 0 && jk_db_remove_index_dir(copy) == 0)
        r->compact_due = 1; /* maybe_compact() does it this time */
    free(copy);
out:
    jk_buf_fini(&parent);
    jk_buf_fini(&path);
}

/* Go back to writing into the index itself: commit and close the shard
 * being written, if any. */
static jikji_status_t
close_shard(index_run *r)
{
    if (r->db->x == r->main_x)
        return JIKJI_OK;
    jikji_status_t st = jk_xdb_commit(r->db->x);
    if (st != JIKJI_OK)
        st = jk_db_xfail(r->db, st);
    jk_xdb_close(r->db->x);
    r->db->x = r->main_x;
    return st;
}

/* The number of the next shard directory: shared by a crew's writers. */
static size_t
shard_number(index_run *r)
{
    if (!r->crew)
        return r->shards.n + 1;
    pthread_mutex_lock(&r->crew->lock);
    size_t n = ++r->crew->shards_made;
    pthread_mutex_unlock(&r->crew->lock);
    return n;
}

/* A first build writes JK_SHARD_SECTIONS sections into the index, then
 * into shard databases beside it of as many each, merged into one by the
 * compaction at the end.  Merging a batch into a B-tree costs more the
 * bigger the tree (8 copies of the bench vault took 11x the time of one);
 * small shards and one linear merge keep the cost proportional. */
static jikji_status_t
next_shard(index_run *r)
{
    if (r->db->x == r->main_x && !r->left_main) {
        r->left_main = 1;
        r->kept_added = r->stats->added;
        r->kept_sections = r->stats->sections;
    }
    jikji_status_t st = close_shard(r);
    if (st != JIKJI_OK)
        return st;
    jk_buf path = JK_BUF_INIT;
    if (jk_buf_printf(&path, "%s" SHARD_INFIX "%zu", r->db->dir,
                      shard_number(r)) < 0)
        return JIKJI_ENOMEM;
    jk_xdb *x = NULL;
    char *msg = NULL;
    if (jk_db_remove_index_dir(path.data) < 0)
        st = errno == ENOTEMPTY
                 ? jk_db_fail(r->db, JIKJI_EIO, "%s holds files of no index, "
                              "so it is not a shard of jikji's and is left "
                              "alone; move or rename it, and index again",
                              path.data)
                 : jk_db_fail(r->db, JIKJI_EIO, "cannot remove %s: %s",
                              path.data, strerror(errno));
    else if ((st = jk_xdb_open(path.data, JK_XDB_SCRATCH, &x, &msg)) != JIKJI_OK)
        st = jk_db_fail(r->db, st, "%s", msg ? msg : "cannot create a shard");
    else if (jk_strv_push(&r->shards, path.data, path.len) < 0) {
        jk_xdb_close(x);
        jk_db_remove_index_dir(path.data);
        st = JIKJI_ENOMEM;
    } else {
        r->db->x = x;
        r->shard_sections = 0;
    }
    free(msg);
    jk_buf_fini(&path);
    return st;
}

/* Has the run buffered a batch's worth (JK_COMMIT_EVERY sections or
 * JK_COMMIT_PAIRS pairs)?  The writers of a crew share the budget (each
 * at least a fifth). */
static int
commit_due(const index_run *r)
{
    unsigned share = r->crew ? r->crew->writers : 1;
    share = share > 5 ? 5 : share;
    return r->pending >= JK_COMMIT_EVERY / share ||
           r->pending_pairs >= JK_COMMIT_PAIRS / share;
}

static jikji_status_t
maybe_commit(index_run *r, int force)
{
    uint64_t limit = r->opts && r->opts->shard_sections
                     ? r->opts->shard_sections : JK_SHARD_SECTIONS;
    int shard_full = !force && r->sharding && r->shard_sections >= limit;
    if (!force && !shard_full && !commit_due(r))
        return JIKJI_OK;
    r->pending = 0;
    r->pending_pairs = 0;
    jikji_status_t st = jk_xdb_commit(r->db->x);
    if (st != JIKJI_OK)
        return jk_db_xfail(r->db, st);
    return shard_full ? next_shard(r) : JIKJI_OK;
}

/* Count `sections` removed, with their (term, section) pairs, towards the
 * next commit (maybe_commit), each pair as 1/JK_REMOVED_PAIR_WEIGHT of an
 * added one, rounded up so that any removal counts; and towards the
 * compaction at the end (maybe_compact). */
static void
count_removed(index_run *r, uint64_t sections, size_t pairs)
{
    r->removed_sections += sections;
    r->pending_pairs +=
        (pairs + JK_REMOVED_PAIR_WEIGHT - 1) / JK_REMOVED_PAIR_WEIGHT;
}

/* Is path inside the folder dir? */
static int
path_under(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Is path the vault v (a note) or inside it (a folder)? */
static int
in_vault(const char *path, const char *v)
{
    return !strcmp(path, v) || path_under(path, v);
}

/* Is path in one of the vaults that moved into the one being walked? */
static int
in_moved_vault(const index_run *r, const char *path)
{
    for (size_t i = 0; i < r->moved.n; i++)
        if (in_vault(path, r->moved.v[i]))
            return 1;
    return 0;
}

/* A note new at `path` whose content equals that of a known note gone from
 * disk (or left behind in a vault that moved: r->moved) was
 * renamed or moved: re-point the old note's sections at the new
 * path (file id, path terms, path value, data) in place, without reading
 * them again through the tokenizer.  Sets *moved.  Nothing is done (the
 * note is indexed anew, the old one removed as gone) when no such note
 * read by this reader exists, or its stored title or date differs (taken
 * from the file name). */
static jikji_status_t
try_move(index_run *r, const jikji_note_t *note, const char *rel,
         const char *id, const jk_filestate *fs, int *moved)
{
    *moved = 0;
    size_t n = jikji_note_section_count(note);
    known_file *o = NULL;
    for (size_t i = 0; i < r->nfiles && !o && n; i++) {
        known_file *k = &r->files[i];
        struct stat st;
        if (!k->seen && k->fs.hash == fs->hash && k->fs.size == fs->size &&
            k->fs.sections == n && k->fs.reader == JK_READER_VERSION &&
            (in_moved_vault(r, k->path) ||
             (lstat(k->path, &st) < 0 && errno == ENOENT)))
            o = k;
    }
    if (!o)
        return JIKJI_OK;

    const char *oid = o->id;
    char term[JK_FILE_TERM_MAX];
    unsigned *docids = NULL;
    size_t ndocs = 0;
    jk_strv add = JK_STRV_INIT;
    jk_buf enc = JK_BUF_INIT;
    char *data = NULL;
    /* Every section must be there, section 0 with the same title. */
    jikji_status_t st = jk_db_file_sections(r->db, oid, &docids, &ndocs);
    if (st != JIKJI_OK || ndocs != n)
        goto out; /* not all there: index anew */

    static const char *const drop[] = {JK_P_FILE, JK_P_DIR};
    char order[JK_ORDER_KEY_LEN];
    jk_order_key(r->order_seed, rel, order);
    if (jk_strv_push(&add, term, jk_file_term(term, id)) < 0 ||
        dir_terms(rel, &add) < 0) {
        st = JIKJI_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n && st == JIKJI_OK; i++) {
        size_t dl;
        jk_docdata d;
        free(data);
        data = NULL;
        if ((st = jk_xdb_doc_data(r->db->x, docids[i], &data, &dl)) == JIKJI_OK &&
            i == 0 && (jk_docdata_decode(data, dl, &d) < 0 ||
                       strcmp(d.title, jikji_note_title(note)) != 0 ||
                       strcmp(d.date, jikji_note_date(note)) != 0))
            goto out; /* nothing edited yet: index anew */
        if (st != JIKJI_OK || (i > 0 && jk_docdata_decode(data, dl, &d) < 0)) {
            st = st != JIKJI_OK ? jk_db_xfail(r->db, st)
                                : jk_db_fail(r->db, JIKJI_EBACKEND,
                                             "%s: unreadable document data",
                                             o->path);
            break;
        }
        snprintf(d.file_id, sizeof d.file_id, "%s", id);
        jk_buf_clear(&enc);
        if (jk_docdata_encode(&enc, &d) < 0) {
            st = JIKJI_ENOMEM;
            break;
        }
        jk_xedit e = {
            .drop_prefixes = drop, .ndrop = 2,
            .add_terms = (const char *const *)add.v, .nadd = add.n,
            .slot = JK_SLOT_ORDER, .value = order, .value_len = sizeof order,
            .data = enc.data, .data_len = enc.len,
        };
        if ((st = jk_xdb_edit_doc(r->db->x, docids[i], &e)) != JIKJI_OK)
            st = jk_db_xfail(r->db, st);
    }
    if (st == JIKJI_OK) {
        char okey[sizeof JK_META_FILE + 17], nkey[sizeof JK_META_FILE + 17];
        snprintf(okey, sizeof okey, "%s%s", JK_META_FILE, oid);
        snprintf(nkey, sizeof nkey, "%s%s", JK_META_FILE, id);
        if ((st = jk_xdb_set_meta(r->db->x, okey, "", 0)) != JIKJI_OK)
            st = jk_db_xfail(r->db, st);
        else
            st = put_filestate(r, nkey, fs);
    }
    if (st == JIKJI_OK) {
        o->seen = 1;
        *moved = 1;
        r->stats->renamed++;
        r->pending += n;
    }
out:
    free(docids);
    free(data);
    jk_strv_fini(&add);
    jk_buf_fini(&enc);
    return st;
}

static jikji_status_t forget_file(index_run *r, known_file *k);

/* Bring one note up to date. */
static jikji_status_t
index_file(index_run *r, const char *path, const struct stat *st)
{
    char id[17];
    jk_file_id(path, id);
    known_file *k = find_known(r, path, id);
    if (k)
        k->seen = 1;
    /* A note read by another version of the reader is read again. */
    int same_reader = k && k->fs.reader == JK_READER_VERSION;
    int same_stat = k && k->fs.size == (uint64_t)st->st_size &&
                    k->fs.mtime_sec == (int64_t)st->st_mtim.tv_sec &&
                    k->fs.mtime_nsec == st->st_mtim.tv_nsec &&
                    (!k->fs.has_ctime ||
                     (k->fs.ctime_sec == (int64_t)st->st_ctim.tv_sec &&
                      k->fs.ctime_nsec == st->st_ctim.tv_nsec));
    if (same_reader && same_stat) {
        r->stats->unchanged++;
        return JIKJI_OK;
    }
    uint64_t max = r->opts && r->opts->max_file_size
                   ? r->opts->max_file_size : JIKJI_DEFAULT_MAX_FILE_SIZE;
    if (r->dry_run && k) {
        /* A note that cannot be read now keeps its sections in a run
         * (below), so there is nothing to catch up on: `jikji status`
         * counts it apart (a chmod changes the ctime). */
        if (faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) < 0 &&
            errno == EACCES) {
            r->stats->skipped++;
            return JIKJI_OK;
        }
        /* Changed by size or mtime, or read by another reader: enough
         * for `jikji status`. */
        if (same_stat)
            r->stats->reread++;
        r->stats->updated++;
        return JIKJI_OK;
    }
    /* A note that is no longer one (too big, binary, not a regular file)
     * loses its old sections, as a rebuild would leave it; one that cannot
     * be read now (permissions) keeps them. */
    if ((uint64_t)st->st_size > max) {
        char msg[128];
        if (max >= (1u << 20) && max % (1u << 20) == 0)
            snprintf(msg, sizeof msg, "larger than %llu MiB; skipped",
                     (unsigned long long)(max >> 20));
        else
            snprintf(msg, sizeof msg, "larger than %llu bytes; skipped",
                     (unsigned long long)max);
        warn(r, path, 0, JIKJI_EIO, msg);
        r->stats->skipped++;
        return k ? forget_file(r, k) : JIKJI_OK;
    }
    int not_a_note = 0;
    jikji_status_t rc = read_file(r, path, max, &not_a_note);
    if (rc == JIKJI_ENOMEM)
        return rc;
    if (rc != JIKJI_OK) {
        r->stats->skipped++;
        return k && not_a_note ? forget_file(r, k) : JIKJI_OK;
    }
    if (r->dry_run) { /* a new note: status counts it unless skipped */
        if (jikji_text_problem(r->content.data, r->content.len))
            r->stats->skipped++;
        else
            r->stats->added++;
        return JIKJI_OK;
    }
    r->stats->bytes += r->content.len;

    char key[sizeof JK_META_FILE + 17];
    snprintf(key, sizeof key, "%s%s", JK_META_FILE, id);
    jk_filestate fs = {
        .size = (uint64_t)st->st_size,
        .mtime_sec = (int64_t)st->st_mtim.tv_sec,
        .mtime_nsec = st->st_mtim.tv_nsec,
        .has_ctime = 1,
        .ctime_sec = (int64_t)st->st_ctim.tv_sec,
        .ctime_nsec = st->st_ctim.tv_nsec,
        .hash = jk_hash64(r->content.data, r->content.len),
        .reader = JK_READER_VERSION,
        .path = path,
    };
    if (same_reader && k->fs.hash == fs.hash &&
        k->fs.size == r->content.len) {
        /* Touched but not changed: remember the new mtime only. */
        fs.sections = k->fs.sections;
        r->stats->unchanged++;
        return put_filestate(r, key, &fs);
    }
    if (k && k->fs.hash == fs.hash && k->fs.size == r->content.len)
        r->stats->reread++; /* only another reader's: read it again */
    const char *why = jikji_text_problem(r->content.data, r->content.len);
    if (why) {
        jk_buf m = JK_BUF_INIT;
        if (jk_buf_printf(&m, "%s; skipped", why) == 0)
            warn(r, path, 0, JIKJI_EUTF8, m.data);
        jk_buf_fini(&m);
        r->stats->skipped++;
        return k ? forget_file(r, k) : JIKJI_OK;
    }

    jikji_note_t *note = NULL;
    r->note_path = path;
    rc = jikji_note_parse(r->content.data, r->content.len, path,
                          on_note_warning, r, &note);
    if (rc != JIKJI_OK)
        return rc;
    const char *rel = r->baselen ? path + r->baselen + 1
                      : r->root_is_file ? strrchr(path, '/') + 1
                                        : path + r->rootlen + 1;
    if (!k) {
        int moved;
        fs.sections = jikji_note_section_count(note);
        rc = try_move(r, note, rel, id, &fs, &moved);
        if (rc != JIKJI_OK || moved) {
            jikji_note_free(note);
            return rc != JIKJI_OK ? rc : maybe_commit(r, 0);
        }
    }
    size_t n = jikji_note_section_count(note), written = 0, nold = 0;
    unsigned *olds = NULL;
    if (k)
        rc = jk_db_file_sections(r->db, id, &olds, &nold);
    jk_strset_fini(&r->words);
    if (rc == JIKJI_OK && collect_tags(r, note) < 0)
        rc = JIKJI_ENOMEM;
    /* The context every section carries: the title and the aliases. */
    const char *const *aliases;
    size_t nal = jikji_note_aliases(note, &aliases);
    size_t each = strlen(jikji_note_title(note));
    for (size_t a = 0; a < nal; a++)
        each += strlen(aliases[a]);
    r->note_context = 0;
    r->bare_from = 0;
    /* A note of many sections is committed in batches as it is written,
     * not held whole until its end (a 15 MB note of 5,000 dense sections
     * took 1 GB).  A new one's record goes first, with no content hash:
     * killed midway, the next run takes the note for a changed one and
     * writes what its sections lack, as it does for a known note, whose
     * record keeps its old hash until the end. */
    int parts = n > JK_NOTE_IN_PARTS ||
                (n > 1 && r->content.len > JK_NOTE_IN_PARTS_BYTES);
    if (rc == JIKJI_OK && parts && !k) {
        jk_filestate first = fs;
        first.hash = 0;
        first.sections = 0;
        first.mtime_nsec = -1; /* matches no file: the next run reads it */
        rc = put_filestate(r, key, &first);
    }
    for (size_t i = 0; i < n && rc == JIKJI_OK; i++) {
        rc = put_section(r, note, i, rel, id, i < nold ? olds[i] : 0, each,
                         &written);
        if (rc == JIKJI_OK && parts && commit_due(r))
            rc = maybe_commit(r, 1);
    }
    r->bare = 0;
    if (rc == JIKJI_OK && r->bare_from)
        warn(r, path, r->bare_from, JIKJI_EINVAL, "the note's sections "
             "carry more than 4 MiB of title and parent headings: from "
             "here on they carry their own heading and text only");
    /* Sections the note no longer has. */
    size_t pairs = 0;
    for (size_t i = n; i < nold && rc == JIKJI_OK; i++)
        if ((rc = jk_xdb_delete_doc(r->db->x, olds[i], &pairs)) != JIKJI_OK)
            rc = jk_db_xfail(r->db, rc);
    count_removed(r, nold > n ? nold - n : 0, pairs);
    free(olds);
    jikji_note_free(note);
    if (rc == JIKJI_OK)
        rc = add_phonetic_keys(r);
    if (rc != JIKJI_OK)
        return rc;
    fs.sections = n;
    if ((rc = put_filestate(r, key, &fs)) != JIKJI_OK)
        return rc;
    if (k) {
        r->stats->updated++;
    } else {
        r->stats->added++;
        /* A name in another encoding (a Windows zip of CP949 names): the
         * note is found, but its path is shown with U+FFFD, which no
         * command or editor can open. */
        const char *name = !strncmp(path, r->root, r->rootlen) &&
                           path[r->rootlen] == '/' ? path + r->rootlen + 1
                                                   : path;
        if (!name_is_utf8(name))
            warn(r, path, 0, JIKJI_OK, "the file name is not UTF-8: results "
                 "show it with U+FFFD, which cannot be opened; rename it to "
                 "UTF-8 (convmv -f ENCODING -t utf-8 --notest FILE; cp949 "
                 "for a Korean Windows name)");
    }
    r->stats->sections += written;
    r->shard_sections += written;
    r->pending += written ? written : 1;
    return maybe_commit(r, 0);
}

/* Counts notes and their bytes for the progress totals. */
static int
count_cb(void *ud, const char *path, const struct stat *st)
{
    (void)path;
    index_run *r = ud;
    r->total++;
    r->bytes_total += (uint64_t)st->st_size;
    return 0;
}

/* Tell r's caller where the run is, `read` bytes of notes read so far;
 * merging: every note is done, the index is being merged, merge_share of
 * it so far. */
static void
report_progress(const index_run *r, uint64_t read, int merging,
                double merge_share)
{
    jikji_progress_t p = {
        .merging = merging,
        .merge_share = merge_share,
        .notes_done = r->done,
        .notes_total = r->total > r->done ? r->total : r->done,
        .bytes_done = r->bytes_done,
        .bytes_total = r->bytes_total > r->bytes_done ? r->bytes_total
                                                      : r->bytes_done,
        .bytes_read = read};
    r->opts->on_progress(r->opts->ud, &p);
}

/* One more note, of `size` bytes, looked at (index_file returned rc),
 * with `read` bytes of notes read so far: progress. */
static void
note_done_read(index_run *r, jikji_status_t rc, uint64_t size,
               uint64_t read)
{
    r->done++;
    r->bytes_done += size;
    if (rc == JIKJI_OK && r->opts && r->opts->on_progress)
        report_progress(r, read, 0, 0.0);
}

/* The same, in a run alone: its own bytes read. */
static void
note_done(index_run *r, jikji_status_t rc, uint64_t size)
{
    note_done_read(r, rc, size, r->stats->bytes);
}

/* Has the caller asked the run to stop (opts->should_stop)? */
static int
stop_asked(const index_run *r)
{
    return r->opts && r->opts->should_stop &&
           r->opts->should_stop(r->opts->ud);
}

static int
walk_cb(void *ud, const char *path, const struct stat *st)
{
    index_run *r = ud;
    jikji_status_t rc = index_file(r, path, st);
    note_done(r, rc, (uint64_t)st->st_size);
    if (rc == JIKJI_OK && stop_asked(r))
        rc = JIKJI_ECANCELED;
    if (rc != JIKJI_OK) {
        r->fatal = rc;
        return 1;
    }
    return 0;
}

static void
walk_warn(void *ud, const char *path, const char *msg, int skipped_note)
{
    index_run *r = ud;
    if (skipped_note)
        r->stats->skipped++;
    warn(r, path, 0, JIKJI_EIO, msg);
}

/* --- a first build on several threads ----------------------------------- */

/* A note the walk of a first build found: what index_file needs of its
 * stat, and where its path is in the list's buffer (one buffer, not a
 * string and a whole struct stat per note: 100,000 notes take ~11 MB). */
typedef struct walked {
    size_t path;          /* offset in walked_list.paths */
    uint64_t size;
    struct timespec mtim, ctim;
} walked;

typedef struct walked_list {
    walked *v;
    size_t n, cap;
    jk_buf paths;         /* the notes' paths, each NUL-terminated */
    uint64_t bytes;       /* the notes' sizes, summed */
    index_run *r;         /* gets the walk's warnings */
} walked_list;

static int
collect_walked(void *ud, const char *path, const struct stat *st)
{
    walked_list *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        walked *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    walked *w = &l->v[l->n];
    w->path = l->paths.len;
    if (jk_buf_append(&l->paths, path, strlen(path) + 1) < 0)
        return -1;
    w->size = (uint64_t)st->st_size;
    w->mtim = st->st_mtim;
    w->ctim = st->st_ctim;
    l->bytes += w->size;
    l->n++;
    return 0;
}

static void
collect_warn(void *ud, const char *path, const char *msg, int skipped_note)
{
    walk_warn(((walked_list *)ud)->r, path, msg, skipped_note);
}

/* Index note i of the list. */
static jikji_status_t
index_walked_note(index_run *r, const walked_list *l, size_t i)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_size = (off_t)l->v[i].size;
    st.st_mtim = l->v[i].mtim;
    st.st_ctim = l->v[i].ctim;
    return index_file(r, l->paths.data + l->v[i].path, &st);
}

static void
walked_free(walked_list *l)
{
    jk_buf_fini(&l->paths);
    free(l->v);
}

/* One writer of a crew: a run of its own (buffers, stats, stemmer,
 * Xapian handle, shards) over its share of the notes, so that nothing
 * but the crew's counters and the caller's callbacks is shared. */
typedef struct writer {
    index_run r;
    jikji_db_t db;
    jikji_index_opts_t opts;
    jikji_index_stats_t stats;
    const walked_list *notes;
    jikji_status_t rc;
    pthread_t tid;
    int started;
} writer;

/* A writer's warnings reach the caller's callback one at a time. */
static void
crew_warning(void *ud, const char *path, unsigned line, jikji_status_t st,
             const char *msg)
{
    crew *c = ud;
    const jikji_index_opts_t *o = c->lead->opts;
    pthread_mutex_lock(&c->lock);
    o->on_warning(o->ud, path, line, st, msg);
    pthread_mutex_unlock(&c->lock);
}

/* Index a writer's notes.  The first writer writes into the index itself
 * (what it commits survives a kill, as in a run alone), the others into
 * shards of their own; a full database goes on in a new shard. */
static void *
writer_main(void *arg)
{
    writer *w = arg;
    crew *c = w->r.crew;
    index_run *lead = c->lead;
    jikji_status_t rc = w->db.x ? JIKJI_OK : next_shard(&w->r);
    size_t i = 0, end = 0;
    while (rc == JIKJI_OK) {
        if (i == end) { /* take the next chunk */
            pthread_mutex_lock(&c->lock);
            size_t chunk = c->stop ? SIZE_MAX : c->next_chunk++;
            pthread_mutex_unlock(&c->lock);
            if (chunk >= (w->notes->n + JK_CREW_CHUNK - 1) / JK_CREW_CHUNK)
                break;
            i = chunk * JK_CREW_CHUNK;
            end = i + JK_CREW_CHUNK < w->notes->n ? i + JK_CREW_CHUNK
                                                  : w->notes->n;
        }
        uint64_t before = w->stats.bytes;
        rc = index_walked_note(&w->r, w->notes, i);
        pthread_mutex_lock(&c->lock);
        c->bytes += w->stats.bytes - before;
        if (rc == JIKJI_OK && stop_asked(lead))
            rc = JIKJI_ECANCELED;
        if (rc != JIKJI_OK)
            c->stop = 1;
        /* The crew's count is the lead's: every writer's notes, and
         * every writer's bytes read. */
        note_done_read(lead, rc, w->notes->v[i].size,
                       lead->stats->bytes + c->bytes);
        int stop = c->stop;
        pthread_mutex_unlock(&c->lock);
        if (stop)
            break;
        i++;
    }
    jikji_status_t cs = close_shard(&w->r);
    w->rc = rc != JIKJI_OK ? rc : cs;
    if (w->rc != JIKJI_OK) {
        pthread_mutex_lock(&c->lock);
        c->stop = 1;
        pthread_mutex_unlock(&c->lock);
    }
    return NULL;
}

/* How many writers for a first build of `bytes` of notes: as asked, else
 * one per CPU (at most JK_CREW_MAX) for a vault big enough to pay. */
static unsigned
crew_size(const index_run *r, uint64_t bytes)
{
    if (r->opts && r->opts->jobs)
        return r->opts->jobs;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (bytes < JK_CREW_MIN_BYTES || cpus < 2)
        return 1;
    return cpus > JK_CREW_MAX ? JK_CREW_MAX : (unsigned)cpus;
}

static void
add_stats(jikji_index_stats_t *to, const jikji_index_stats_t *s)
{
    to->added += s->added;
    to->updated += s->updated;
    to->removed += s->removed;
    to->unchanged += s->unchanged;
    to->reread += s->reread;
    to->skipped += s->skipped;
    to->sections += s->sections;
    to->bytes += s->bytes;
    to->renamed += s->renamed;
}

/* Index the notes of a first build with nw writers on threads of their
 * own.  Each takes the next chunk of JK_CREW_CHUNK notes when done with
 * one, so a writer slowed by fsync (the first: it writes the index itself)
 * or by costlier notes does not keep the others waiting at the end (a fixed
 * share left the first writer alone for the last fifth of a 1-copy bench
 * build).  Thread timing changes the sections' numbers, not the results:
 * scores do not depend on them, equal scores go by path, and a note's
 * sections are written in order by one writer (T155 compares the hits of
 * 1, 2 and 3 writers).  The shards join r->shards, merged by the
 * compaction at the end. */
static jikji_status_t
index_crew(index_run *r, const walked_list *l, unsigned nw)
{
    jikji_status_t rc = close_shard(r); /* writer 0 starts on the index */
    if (rc != JIKJI_OK)
        return rc;
    writer *w = calloc(nw, sizeof *w);
    if (!w)
        return JIKJI_ENOMEM;
    crew c = {.lead = r, .shards_made = r->shards.n, .writers = nw};
    pthread_mutex_init(&c.lock, NULL);
    unsigned ready = 0;
    for (; ready < nw; ready++) {
        writer *wk = &w[ready];
        if (jk_db_writer_init(&wk->db, r->db, ready ? NULL : r->main_x) < 0)
            break;
        wk->notes = l;
        if (r->opts)
            wk->opts = *r->opts;
        if (wk->opts.on_warning) {
            wk->opts.on_warning = crew_warning;
            wk->opts.ud = &c;
        }
        wk->opts.on_progress = NULL;
        wk->r = (index_run){
            .db = &wk->db, .opts = &wk->opts, .stats = &wk->stats,
            .root = r->root, .rootlen = r->rootlen,
            .root_is_file = r->root_is_file,
            .order_seed = r->order_seed,
            .sharding = 1,
            .main_x = wk->db.x, .crew = &c,
        };
    }
    if (ready < nw) {
        rc = JIKJI_ENOMEM;
    } else {
        /* A thread that cannot start: its writer runs here afterwards. */
        for (unsigned k = 1; k < nw; k++)
            w[k].started = !pthread_create(&w[k].tid, NULL, writer_main, &w[k]);
        writer_main(&w[0]);
        for (unsigned k = 1; k < nw; k++) {
            if (w[k].started)
                pthread_join(w[k].tid, NULL);
            else
                writer_main(&w[k]);
        }
    }
    int failed = rc != JIKJI_OK;
    for (unsigned k = 0; k < ready; k++)
        failed |= w[k].rc != JIKJI_OK;
    for (unsigned k = 0; k < ready; k++) {
        writer *wk = &w[k];
        /* A run that stops keeps only what the first writer committed
         * into the index; the others' shards are dropped, and so are the
         * first writer's. */
        if (failed && k == 0 && wk->r.left_main) {
            wk->stats.added = wk->r.kept_added;
            wk->stats.sections = wk->r.kept_sections;
        }
        if (!failed || k == 0)
            add_stats(r->stats, &wk->stats);
        /* Shards in writer order; all of them, so that a failed run
         * removes them too. */
        for (size_t i = 0; i < wk->r.shards.n; i++)
            if (jk_strv_push(&r->shards, wk->r.shards.v[i],
                             strlen(wk->r.shards.v[i])) < 0) {
                jk_db_remove_index_dir(wk->r.shards.v[i]);
                rc = JIKJI_ENOMEM;
            }
        if (rc == JIKJI_OK && wk->rc != JIKJI_OK)
            rc = wk->db.err.len ? jk_db_fail(r->db, wk->rc, "%s", wk->db.err.data)
                                : wk->rc;
        jk_strv_fini(&wk->r.shards);
        jk_buf_fini(&wk->r.content);
        jk_buf_fini(&wk->r.data);
        jk_buf_fini(&wk->r.scratch);
        held_fini(&wk->r.held);
        jk_strv_fini(&wk->r.tags);
        jk_strset_fini(&wk->r.words);
        jk_strset_fini(&wk->r.phon_keys);
        jk_db_writer_fini(&wk->db);
    }
    pthread_mutex_destroy(&c.lock);
    free(w);
    return rc;
}

/* A first build of a directory: walk it, then index its notes with as
 * many writers as pay. */
static jikji_status_t
index_walked(index_run *r, const char *root)
{
    walked_list l = {.r = r};
    int wr = jk_walk(root, collect_walked, collect_warn, &l);
    jikji_status_t rc = wr ? JIKJI_ENOMEM : JIKJI_OK;
    unsigned nw = crew_size(r, l.bytes);
    if (rc == JIKJI_OK && nw > 1 && l.n > JK_CREW_CHUNK) {
        rc = index_crew(r, &l, nw);
    } else {
        for (size_t i = 0; i < l.n && rc == JIKJI_OK; i++) {
            rc = index_walked_note(r, &l, i);
            note_done(r, rc, l.v[i].size);
            if (rc == JIKJI_OK && stop_asked(r))
                rc = JIKJI_ECANCELED;
        }
    }
    walked_free(&l);
    return rc;
}

/* Delete a known note's sections and its record from the index,
 * committing when the removals buffered reach the batch size
 * (count_removed, maybe_commit): removing a folder of notes buffers a
 * posting removal for every term of every section. */
static jikji_status_t
delete_file(index_run *r, known_file *k)
{
    char term[JK_FILE_TERM_MAX], key[sizeof JK_META_FILE + 17];
    jk_file_term(term, k->id);
    snprintf(key, sizeof key, "%s%s", JK_META_FILE, k->id);
    size_t pairs = 0;
    jikji_status_t st = JIKJI_OK;
    if (k->fs.sections > JK_NOTE_IN_PARTS) {
        /* A huge note (9,000 dense sections: 680 MB of removals buffered
         * at once) goes a section at a time, committed in batches as a
         * run's notes are.  Its record goes last, and until then says no
         * file (no hash, an mtime no file has), in the first batch's
         * commit: killed midway, the next run removes the sections left,
         * or, for a note still on disk in a listed vault (a --forget
         * killed before it listed the vault no more), reads it again and
         * writes what its sections lack.  With the record left as it
         * was, the note looked unchanged and kept only the sections the
         * kill left. */
        jk_filestate gone = k->fs;
        gone.hash = 0;
        gone.mtime_nsec = -1;
        if ((st = put_filestate(r, key, &gone)) != JIKJI_OK)
            return st;
        unsigned *docs = NULL;
        size_t n = 0;
        st = jk_db_file_sections(r->db, k->id, &docs, &n);
        for (size_t i = 0; i < n && st == JIKJI_OK; i++) {
            size_t p = 0;
            st = jk_xdb_delete_doc(r->db->x, docs[i], &p);
            if (st != JIKJI_OK) {
                st = jk_db_xfail(r->db, st);
                break;
            }
            count_removed(r, 1, p);
            st = maybe_commit(r, 0);
        }
        free(docs);
        if (st != JIKJI_OK)
            return st;
        if ((st = jk_xdb_set_meta(r->db->x, key, "", 0)) != JIKJI_OK)
            return jk_db_xfail(r->db, st);
        return maybe_commit(r, 0);
    }
    st = jk_xdb_delete_term(r->db->x, term, &pairs);
    if (st == JIKJI_OK)
        st = jk_xdb_set_meta(r->db->x, key, "", 0);
    if (st != JIKJI_OK)
        return jk_db_xfail(r->db, st);
    count_removed(r, k->fs.sections, pairs);
    return maybe_commit(r, 0);
}

/* The same, counted as removed, and the note seen (a dry run only
 * counts). */
static jikji_status_t
forget_file(index_run *r, known_file *k)
{
    k->seen = 1;
    r->stats->removed++;
    return r->dry_run ? JIKJI_OK : delete_file(r, k);
}

/* Remove the notes gone from disk that no vault of the run took in as
 * a rename (remove_missing() marked them). */
static jikji_status_t
remove_gone(index_run *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        known_file *k = &r->files[i];
        if (k->gone && !k->seen) {
            jikji_status_t st = forget_file(r, k);
            if (st != JIKJI_OK)
                return st;
        }
    }
    return JIKJI_OK;
}

/* Remove the notes of this vault that the walk did not see: now those
 * still on disk but no longer notes, later (remove_gone) those gone. */
static jikji_status_t
remove_missing(index_run *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        known_file *k = &r->files[i];
        if (k->seen)
            continue;
        /* The vault's path, or under it, whatever it is now: a folder
         * vault `notes.md` that became a note file, or the other way
         * round, leaves the notes of what it was. */
        if (!in_vault(k->path, r->root))
            continue;
        /* Not walked.  Removed when it is gone, hidden now, or no longer
         * a note (a FIFO, a folder, a dangling symlink: the walk skipped
         * it), as a rebuild would leave it.  Kept when that cannot be told:
         * a folder on the way is unreadable (the note may be fine). */
        struct stat st;
        if (lstat(k->path, &st) < 0) {
            /* Gone: it may have moved into a vault walked later in this
             * run, as a rename (try_move), not a note to read again. */
            if (errno == ENOENT || errno == ENOTDIR)
                k->gone = 1;
            continue;
        } else if (!r->root_is_file && strcmp(k->path, r->root) != 0) {
            size_t base = r->baselen ? r->baselen : r->rootlen;
            const char *rel = k->path + base + 1;
            char vdir[PATH_MAX];
            snprintf(vdir, sizeof vdir, "%.*s", (int)base, k->path);
            int hidden = jk_walk_leaves_out(vdir, rel);
            struct stat fst;
            int note = stat(k->path, &fst) == 0
                           ? S_ISREG(fst.st_mode)
                           : errno != ENOENT && errno != ENOTDIR &&
                                 errno != ELOOP;
            if (!hidden && note)
                continue;
        }
        jikji_status_t st2 = forget_file(r, k);
        if (st2 != JIKJI_OK)
            return st2;
    }
    return JIKJI_OK;
}

/* Edit the list of vaults kept in metadata: add `add` unless it is
 * there, take `drop` off (either may be NULL); written only when it
 * changes.  Into the index itself, never a shard: metadata in several
 * shards keeps only the first value when they are merged. */
static jikji_status_t
edit_vault_list(index_run *r, const char *add, const char *drop)
{
    jk_xdb *x = r->main_x ? r->main_x : r->db->x;
    char *val = NULL;
    size_t len = 0;
    jikji_status_t st = jk_xdb_get_meta(x, JK_META_VAULTS, &val, &len);
    if (st != JIKJI_OK)
        return jk_db_fail(r->db, st, "%s", jk_xdb_errmsg(x));
    jk_buf keep = JK_BUF_INIT;
    int present = 0, changed = 0;
    for (char *line = val; line && *line && st == JIKJI_OK;) {
        char *nl = strchr(line, '\n');
        size_t ll = nl ? (size_t)(nl - line) : strlen(line);
        line[ll] = '\0';
        if (drop && !strcmp(line, drop))
            changed = 1;
        else if ((keep.len && jk_buf_putc(&keep, '\n') < 0) ||
                 jk_buf_append(&keep, line, ll) < 0)
            st = JIKJI_ENOMEM;
        present |= add && !strcmp(line, add);
        line = nl ? nl + 1 : NULL;
    }
    if (st == JIKJI_OK && add && !present) {
        changed = 1;
        if ((keep.len && jk_buf_putc(&keep, '\n') < 0) ||
            jk_buf_puts(&keep, add) < 0)
            st = JIKJI_ENOMEM;
    }
    if (st == JIKJI_OK && changed &&
        (st = jk_xdb_set_meta(x, JK_META_VAULTS, keep.data ? keep.data : "",
                              keep.len)) != JIKJI_OK)
        st = jk_db_fail(r->db, st, "%s", jk_xdb_errmsg(x));
    free(val);
    jk_buf_fini(&keep);
    return st;
}

/* Does the listed vault v still resolve to itself (not moved and linked
 * back, nor below a folder that was)? */
static int
vault_in_place(const char *v)
{
    char now[PATH_MAX];
    return realpath(v, now) && !strcmp(now, v);
}

/* Was the listed vault v moved and linked back: does it resolve to
 * another path (into now)? */
static int
vault_moved(const char *v, char now[PATH_MAX])
{
    return realpath(v, now) && strcmp(now, v) != 0;
}

/* Listed vaults in place inside the folder root (a realpath) that is
 * becoming a vault (listed already, so that a run killed here finds root
 * to walk): indexed first, they are part of it now.  Their notes' paths
 * were written from their own folder (`x.md`, not `sub/x.md`), so they
 * are removed and read again by the walk of root, and they leave the
 * list (gone later, they were still named as missing vaults).  One in a
 * folder the walk leaves out (hidden, node_modules) is named: its notes
 * leave the index, as from a rebuild. */
static jikji_status_t
absorb_inner_vaults(index_run *r, const char *root)
{
    const jk_strv *vaults = r->vaults;
    jikji_status_t st = JIKJI_OK;
    for (size_t v = 0; vaults && v < vaults->n && st == JIKJI_OK; v++) {
        if (!path_under(vaults->v[v], root) || !vault_in_place(vaults->v[v]))
            continue;
        if (jk_walk_leaves_out(root, vaults->v[v] + strlen(root) + 1)) {
            jk_buf m = JK_BUF_INIT;
            if (jk_buf_printf(&m, "a vault inside %s, in a folder its walks "
                              "leave out: it is no longer a vault, and its "
                              "notes leave the index", root) == 0)
                warn(r, vaults->v[v], 0, JIKJI_EINVAL, m.data);
            jk_buf_fini(&m);
        }
        for (size_t i = 0; i < r->nfiles && st == JIKJI_OK; i++) {
            known_file *k = &r->files[i];
            if (k->seen || !in_vault(k->path, vaults->v[v]))
                continue;
            /* read again by the walk, as updated, not removed */
            st = delete_file(r, k);
            k->fs.size = UINT64_MAX; /* its record is gone: read again */
        }
        if (st == JIKJI_OK)
            st = edit_vault_list(r, NULL, vaults->v[v]);
    }
    return st;
}

/* The notes of the vaults in r->moved that the walk of their new place
 * did not find moved (edited meanwhile, or gone): removed, and the old
 * paths leave the vault list (index_vault() added the new one). */
static jikji_status_t
finish_move(index_run *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        known_file *k = &r->files[i];
        if (!k->seen && in_moved_vault(r, k->path)) {
            jikji_status_t st = forget_file(r, k);
            if (st != JIKJI_OK)
                return st;
        }
    }
    jikji_status_t st = JIKJI_OK;
    for (size_t i = 0; i < r->moved.n && st == JIKJI_OK && !r->dry_run; i++)
        st = edit_vault_list(r, NULL, r->moved.v[i]);
    return st;
}

/* Into r->moved, the listed vaults that were moved (or a folder above
 * them) and linked back so that they now resolve to root (a realpath) or
 * inside it.  0, or -1 on out of memory. */
static int
find_moved_vaults(index_run *r, const char *root)
{
    jk_strv_fini(&r->moved);
    for (size_t i = 0; r->vaults && i < r->vaults->n; i++) {
        const char *v = r->vaults->v[i];
        char now[PATH_MAX];
        if (strcmp(v, root) != 0 && vault_moved(v, now) &&
            in_vault(now, root) && jk_strv_push(&r->moved, v, strlen(v)) < 0)
            return -1;
    }
    return 0;
}

/* Why path cannot be named to jikji_index() (jikji_index_path_check()),
 * into why (whysz bytes), without the path. */
static jikji_status_t
path_problem(const char *path, char *why, size_t whysz)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        snprintf(why, whysz, "%s", strerror(errno));
        return JIKJI_EIO;
    }
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
        snprintf(why, whysz, "not a directory or file");
        return JIKJI_EIO;
    }
    /* A file is a note on the walk's terms, by the name given (which a
     * symlink may give another target). */
    if (S_ISREG(st.st_mode) && !jikji_is_note_name(path)) {
        snprintf(why, whysz, "not a note: notes are files ending in .md, "
                 ".markdown, .mdx or .txt");
        return JIKJI_EINVAL;
    }
    return JIKJI_OK;
}

jikji_status_t
jikji_index_path_check(const char *path, char *msg, size_t msgsz)
{
    if (!path || (!msg && msgsz))
        return JIKJI_EINVAL;
    char why[256];
    jikji_status_t st = path_problem(path, why, sizeof why);
    if (st != JIKJI_OK)
        snprintf(msg, msgsz, "%s: %s", path, why);
    return st;
}

/* Where arg leads, into out: a symlinked note inside a listed vault (a
 * folder of vaults) by its own name, as the walk of the vault names it
 * (QA: 'index v/link.md' indexed the note it leads to, outside, as a
 * vault); anything else by its realpath (a vault given as, or moved and
 * linked back to, a symlink is where it is now).  0, or -1 (errno). */
static int
arg_path(const jk_strv *vaults, const char *arg, char out[PATH_MAX])
{
    char named[PATH_MAX];
    struct stat st;
    if (vaults && lstat(arg, &st) == 0 && S_ISLNK(st.st_mode) &&
        jk_named_path(arg, named) == 0)
        for (size_t v = 0; v < vaults->n; v++)
            if (path_under(named, vaults->v[v])) {
                memcpy(out, named, strlen(named) + 1);
                return 0;
            }
    return realpath(arg, out) ? 0 : -1;
}

/* The realpath of arg, a vault or a part of one to walk, into root, after
 * jikji_index_path_check()'s checks; else an error, why (without arg)
 * in why. */
static jikji_status_t
vault_arg_root(const jk_strv *vaults, const char *arg, char root[PATH_MAX],
               char why[256])
{
    jikji_status_t pc = path_problem(arg, why, 256);
    if (pc != JIKJI_OK)
        return pc;
    if (arg_path(vaults, arg, root) < 0) {
        snprintf(why, 256, "%s", strerror(errno));
        return JIKJI_EIO;
    }
    /* The vault list is one path per line. */
    if (strchr(root, '\n')) {
        snprintf(why, 256, "a vault path with a line break is not "
                 "supported; rename the folder, or index the folders "
                 "inside it");
        return JIKJI_EINVAL;
    }
    return JIKJI_OK;
}

/* Index one vault (directory or single file); with vault (the realpath
 * of a listed vault's folder that holds arg), only arg, as a part of that
 * vault: its notes' paths are relative to the vault's folder, as a walk of
 * the vault gives them, and arg does not join the vault list. */
static jikji_status_t
index_vault(index_run *r, const char *arg, const char *vault)
{
    char root[PATH_MAX], why[256];
    jikji_status_t pc = vault_arg_root(r->vaults, arg, root, why);
    if (pc != JIKJI_OK)
        return jk_db_fail(r->db, pc, "%s: %s", arg, why);
    struct stat st;
    if (stat(root, &st) < 0)
        return jk_db_fail(r->db, JIKJI_EIO, "%s: %s", arg, strerror(errno));
    r->root = root;
    r->rootlen = strlen(root);
    r->root_is_file = !S_ISDIR(st.st_mode);

    r->baselen = vault ? strlen(vault) : 0;
    jikji_status_t rc =
        r->dry_run || vault ? JIKJI_OK : edit_vault_list(r, root, NULL);
    /* Vaults that moved here (into a synced folder, say, the old path
     * linked back) are this one: their notes move with it, as renamed
     * ones, instead of staying twice.  Vaults inside it join it. */
    if (rc == JIKJI_OK && !vault && find_moved_vaults(r, root) < 0)
        rc = JIKJI_ENOMEM;
    if (rc == JIKJI_OK && !vault && !r->dry_run && !r->root_is_file)
        rc = absorb_inner_vaults(r, root);
    if (rc == JIKJI_OK && !r->dry_run) {
        /* The folder that rel (index_file) starts from: the seed of the
         * notes' order keys. */
        char base[PATH_MAX];
        snprintf(base, sizeof base, "%s", vault ? vault : root);
        if (r->root_is_file && !vault) {
            char *slash = strrchr(base, '/');
            slash[slash == base] = '\0'; /* "/x.md" -> "/" */
        }
        r->order_seed = jk_order_seed(base);
    }
    if (rc != JIKJI_OK)
        return rc;
    if (r->root_is_file) {
        rc = index_file(r, root, &st);
        note_done(r, rc, (uint64_t)st.st_size);
    } else if (r->sharding && !vault) {
        rc = index_walked(r, root);
    } else {
        int w = jk_walk(root, walk_cb, walk_warn, r);
        rc = w < 0 ? JIKJI_ENOMEM : w > 0 ? r->fatal : JIKJI_OK;
    }
    if (rc == JIKJI_OK)
        rc = remove_missing(r);
    if (rc == JIKJI_OK && r->moved.n)
        rc = finish_move(r);
    jk_strv_fini(&r->moved);
    return rc;
}

/* Write the synonym groups loaded into the handle (jikji_db_load_synonyms)
 * into Xapian's synonym table, where queries look words up; only when
 * they differ from what the table was last built from. */
static jikji_status_t
sync_synonyms(jikji_db_t *db)
{
    if (!db->syn)
        return JIKJI_OK;
    unsigned long long h = 0xcbf29ce484222325ULL;
    size_t ng = jk_synonyms_count(db->syn);
    for (size_t g = 0; g < ng; g++) {
        const char *const *forms;
        size_t n = jk_synonyms_group(db->syn, g, &forms);
        for (size_t i = 0; i < n; i++)
            h = (h ^ jk_hash64(forms[i], strlen(forms[i]))) * 0x100000001b3ULL;
        h = (h ^ 0xff) * 0x100000001b3ULL; /* group boundary */
    }
    char want[32];
    int wl = snprintf(want, sizeof want, "%016llx", h);
    char *have = NULL;
    size_t hl = 0;
    jikji_status_t st = jk_xdb_get_meta(db->x, JK_META_SYNONYMS, &have, &hl);
    int same = st == JIKJI_OK && have && strcmp(have, want) == 0;
    free(have);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    /* Which files the groups came from (jikji_db_synonym_files()), also
     * when the groups are the same from files elsewhere. */
    const char *files = db->syn_files.data ? db->syn_files.data : "";
    have = NULL;
    st = jk_xdb_get_meta(db->x, JK_META_SYNONYM_FILES, &have, &hl);
    int same_files = st == JIKJI_OK && strcmp(have ? have : "", files) == 0;
    free(have);
    if (st == JIKJI_OK && !same_files)
        st = jk_xdb_set_meta(db->x, JK_META_SYNONYM_FILES, files,
                             db->syn_files.len);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    if (same)
        return JIKJI_OK;
    st = jk_xdb_clear_synonyms(db->x, NULL);
    for (size_t g = 0; g < ng && st == JIKJI_OK; g++) {
        const char *const *forms;
        size_t n = jk_synonyms_group(db->syn, g, &forms);
        for (size_t i = 0; i < n && st == JIKJI_OK; i++)
            for (size_t j = 0; j < n && st == JIKJI_OK; j++)
                if (i != j)
                    st = jk_xdb_add_synonym(db->x, forms[i], forms[j]);
    }
    if (st == JIKJI_OK)
        st = jk_xdb_set_meta(db->x, JK_META_SYNONYMS, want, (size_t)wl);
    return st == JIKJI_OK ? st : jk_db_xfail(db, st);
}

/* known_vaults' jikji_name_fn: push each vault onto a jk_strv. */
typedef struct vault_push {
    jk_strv *v;
    int oom;
} vault_push;

static int
push_vault(void *ud, const char *name, uint64_t count)
{
    (void)count;
    vault_push *p = ud;
    return p->oom = jk_strv_push(p->v, name, strlen(name)) < 0;
}

/* The vault list kept in metadata (jikji_db_vaults()) into v.  With
 * `old` set, a rebuild's handle gives the list of the index it replaces
 * (what a rebuild of every vault indexes). */
static jikji_status_t
known_vaults(index_run *r, jk_strv *v, int old)
{
    vault_push p = {v, 0};
    jikji_status_t st = old ? jk_db_replaced_vaults(r->db, push_vault, &p)
                            : jikji_db_vaults(r->db, push_vault, &p);
    return st != JIKJI_OK ? st : p.oom ? JIKJI_ENOMEM : JIKJI_OK;
}

/* jk_merge_fn: the merge after the last note, for the progress bar. */
static void
merge_progress(void *ud, double share)
{
    const index_run *r = ud;
    report_progress(r, r->stats->bytes, 1, share);
}

/* Compact the index after a run that wrote a large part of it (a first
 * index, a rebuild): batch commits leave its B-trees half empty.  Small
 * incremental runs would pay the cost of copying the whole index for
 * nothing.  A failure only costs disk space: it is a warning. */
static jikji_status_t
maybe_compact(index_run *r)
{
    jk_merge_fn tell =
        r->opts && r->opts->on_progress ? merge_progress : NULL;
    if (r->shards.n || r->db->rebuild_dir) {
        /* The shards hold notes the index does not know yet: without the
         * merge they are lost, so a failure fails the run (the next run
         * indexes them again).  A rebuild is swapped in by this merge
         * (open_for_rebuild() in db.c): until then the old index stays. */
        jikji_status_t st = jk_db_compact_shards(
            r->db, (const char *const *)r->shards.v, r->shards.n, tell, r);
        if (st != JIKJI_OK && !r->shards.n && r->db->rebuild_dir &&
            r->db->x) {
            /* Not compacted (e.g. a foreign folder where the copy goes):
             * the rebuilt index is complete, so it goes in as it is. */
            warn(r, r->db->dir, 0, JIKJI_EIO, jikji_db_errmsg(r->db));
            st = jk_db_swap_rebuild(r->db);
        }
        r->main_x = r->db->x;
        if (st == JIKJI_OK)
            jk_strv_fini(&r->shards);
        return st;
    }
    /* Sections written or removed against the index before the run: the
     * blocks a removal leaves half empty take space until compacted
     * (forgetting a whole vault left an index of 85 MB for no notes). */
    uint64_t docs = 0, changed = r->stats->sections + r->removed_sections;
    if (!r->compact_due &&
        (changed < JK_COMPACT_MIN_SECTIONS ||
         jk_xdb_doccount(r->db->x, &docs) != JIKJI_OK ||
         changed * 4 < docs + r->removed_sections))
        return JIKJI_OK;
    if (jk_db_compact(r->db, tell, r) != JIKJI_OK) {
        /* The index works as it is, only larger: say so, and leave an
         * empty copy folder, which the next run takes for a compaction
         * cut short (remove_stale_shards()) and does again.  Not a flag in
         * the index: on the full disk that failed the copy, committing
         * it failed too. */
        char m[1200];
        snprintf(m, sizeof m, "%s; the index was left uncompacted (larger "
                 "than it needs to be) and the next run compacts it",
                 jikji_db_errmsg(r->db));
        r->stats->compact_failed = 1;
        warn(r, r->db->dir, 0, JIKJI_EIO, m);
        jk_db_fail(r->db, JIKJI_EIO, "%s", m); /* jikji_forget()'s report */
        char *marker = jk_db_sibling(r->db->dir, JK_DB_COMPACTING_SUFFIX);
        if (marker)
            (void)mkdir(marker, 0755);
        free(marker);
    }
    r->main_x = r->db->x;
    return JIKJI_OK;
}

/* After a run that failed with rc: drop what it wrote since its last
 * commit, which closing the index would commit.  A note's record is
 * written after its sections (and removed after them), so a run that
 * failed midway may hold part of a note; what it committed is whole.  A
 * run asked to stop (ECANCELED) stopped between notes and keeps its
 * work. */
static void
drop_uncommitted(jikji_db_t *db, jikji_status_t rc)
{
    if (rc != JIKJI_OK && rc != JIKJI_ECANCELED && db->x &&
        db->mode != JIKJI_DB_READ)
        jk_xdb_cancel(db->x);
}

/* jk_xdb_meta_each(): the oldest reader of the notes' records in *ud
 * (int); stops at one older than JK_READER_POSITIONS, which says all. */
static int
oldest_reader(void *ud, const char *key, size_t klen, const char *val,
              size_t vlen)
{
    (void)key;
    (void)klen;
    char *copy = jk_strndup(val, vlen); /* decoding cuts its input */
    jk_filestate fs;
    int reader = !copy || jk_filestate_decode(copy, vlen, &fs) < 0
                     ? 0 : (int)fs.reader;
    free(copy);
    int *oldest = ud;
    if (reader < *oldest)
        *oldest = reader;
    return *oldest < JK_READER_POSITIONS;
}

/* Once no note of the index was read by a reader older than
 * JK_READER_POSITIONS, say so in the index (JK_META_POSITIONED): queries
 * then take the function words that have positions as phrase words; and
 * once every note was read by this reader, JK_META_READER.  Checked
 * (every note's record read) only until both are said, and committed at
 * once. */
static jikji_status_t
mark_readers(index_run *r)
{
    jk_xdb *x = r->main_x ? r->main_x : r->db->x;
    char *pos = NULL, *rd = NULL;
    size_t len = 0;
    jikji_status_t st = jk_xdb_get_meta(x, JK_META_POSITIONED, &pos, &len);
    if (st == JIKJI_OK)
        st = jk_xdb_get_meta(x, JK_META_READER, &rd, &len);
    int said_pos = pos && atoi(pos) >= JK_READER_POSITIONS;
    int said_rd = rd && atoi(rd) == JK_READER_VERSION;
    free(pos);
    free(rd);
    if (st != JIKJI_OK)
        return jk_db_xfail(r->db, st);
    if (said_pos && said_rd)
        return JIKJI_OK;
    int oldest = JK_READER_VERSION;
    if ((st = jk_xdb_meta_each(x, JK_META_FILE, oldest_reader, &oldest)) !=
        JIKJI_OK)
        return jk_db_xfail(r->db, st);
    int set = 0;
    char v[16];
    if (!said_pos && oldest >= JK_READER_POSITIONS) {
        int vl = snprintf(v, sizeof v, "%d", JK_READER_POSITIONS);
        st = jk_xdb_set_meta(x, JK_META_POSITIONED, v, (size_t)vl);
        set = 1;
    }
    if (st == JIKJI_OK && !said_rd && oldest == JK_READER_VERSION) {
        int vl = snprintf(v, sizeof v, "%d", JK_READER_VERSION);
        st = jk_xdb_set_meta(x, JK_META_READER, v, (size_t)vl);
        set = 1;
    }
    if (st == JIKJI_OK && set)
        st = jk_xdb_commit(x);
    return st == JIKJI_OK ? st : jk_db_xfail(r->db, st);
}

/* The listed vaults that no longer exist, once the walks are done.  One
 * with no note left in the index (`mv notes career; jikji index career`
 * renamed them all into career) leaves the vault list: else every run
 * named it missing and --rebuild refused to lose notes it did not have.
 * One with notes left keeps them (a drive not mounted), said when
 * `all_walked` (a run of every vault). */
static jikji_status_t
missing_vaults(index_run *r, int all_walked)
{
    jikji_status_t st = JIKJI_OK;
    for (size_t v = 0; r->vaults && v < r->vaults->n && st == JIKJI_OK; v++) {
        const char *vault = r->vaults->v[v];
        if (access(vault, F_OK) == 0 || errno != ENOENT)
            continue;
        /* Its notes in the index (known), any not found elsewhere by the
         * walks (left); known and none left: all moved. */
        int left = 0, known = 0;
        for (size_t i = 0; i < r->nfiles && !left; i++)
            if (in_vault(r->files[i].path, vault)) {
                left = !r->files[i].seen;
                known = 1;
            }
        if (left) {
            if (all_walked)
                warn(r, vault, 0, JIKJI_EIO,
                     "vault no longer exists; left as is");
            continue;
        }
        if (r->dry_run)
            continue;
        warn(r, vault, 0, JIKJI_OK, known
             ? "vault no longer exists, and its notes are all in another "
               "vault now: it leaves the vault list"
             : "vault no longer exists and has no note in the index: it "
               "leaves the vault list");
        st = edit_vault_list(r, NULL, vault);
    }
    return st;
}

/* Is paths[i] inside (or the same as) another of the paths, a folder
 * whose walk already covers it?  Of two equal paths the first is walked.
 * Without this, `index v v`, `index v v/sub` or a rebuild of nested
 * vaults added the notes twice. */
static int
covered(const char *const *paths, size_t n, size_t i)
{
    char ri[PATH_MAX], rn[PATH_MAX], rj[PATH_MAX];
    if (!realpath(paths[i], ri))
        return 0;
    /* A symlinked note is also inside the folder that holds the link
     * (`index v v/link.md`: the walk of v reads it). */
    if (jk_named_path(paths[i], rn) < 0)
        strcpy(rn, ri);
    for (size_t j = 0; j < n; j++) {
        struct stat st;
        if (j == i || !realpath(paths[j], rj) || stat(rj, &st) < 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        size_t l = strlen(rj);
        for (int k = 0; k < 2; k++) {
            const char *r = k ? rn : ri;
            if (!strcmp(r, rj) ? j < i
                               : !strncmp(r, rj, l) && (r[l] == '/' || l == 1))
                return 1;
        }
    }
    return 0;
}

/* Record now as the time the index was last changed. */
static jikji_status_t
stamp_updated(jk_xdb *x)
{
    char when[32];
    int wl = snprintf(when, sizeof when, "%lld", (long long)time(NULL));
    return jk_xdb_set_meta(x, JK_META_UPDATED, when, (size_t)wl);
}

/* The listed vault that moved and was linked back (its realpath, into
 * now, is another path) and whose folder now holds root, else NULL. */
static const char *
moved_vault_holding(const jk_strv *vaults, const char *root,
                    char now[PATH_MAX])
{
    for (size_t v = 0; v < vaults->n; v++)
        if (vault_moved(vaults->v[v], now) && in_vault(root, now))
            return vaults->v[v];
    return NULL;
}

/* The listed vault (a folder that exists) that holds root, a realpath,
 * when root is not listed itself; else NULL. */
static const char *
part_of(const jk_strv *vaults, const char *root)
{
    for (size_t i = 0; i < vaults->n; i++)
        if (!strcmp(vaults->v[i], root))
            return NULL;
    for (size_t i = 0; i < vaults->n; i++) {
        const char *v = vaults->v[i];
        struct stat st;
        if (strlen(v) > 1 && path_under(root, v) && stat(v, &st) == 0 &&
            S_ISDIR(st.st_mode))
            return v;
    }
    return NULL;
}

jikji_status_t
jikji_index(jikji_db_t *db, const char *const *paths, size_t npaths,
            const jikji_index_opts_t *opts, jikji_index_stats_t *stats)
{
    jikji_index_stats_t dummy;
    if (!db || (!paths && npaths))
        return JIKJI_EINVAL;
    int dry = opts && opts->dry_run;
    if (db->mode == JIKJI_DB_READ && !dry)
        return jk_db_fail(db, JIKJI_EINVAL, "index opened read-only");
    if (!stats)
        stats = &dummy;
    memset(stats, 0, sizeof *stats);

    jk_strv vaults = JK_STRV_INIT;
    index_run r = {.db = db, .opts = opts, .stats = stats, .dry_run = dry,
                   .vaults = &vaults};
    jikji_status_t rc = JIKJI_OK;

    if ((rc = known_vaults(&r, &vaults, 0)) != JIKJI_OK)
        goto out;
    if (npaths == 0 && vaults.n == 0 &&
        (rc = known_vaults(&r, &vaults, 1)) != JIKJI_OK)
        goto out;
    if (npaths == 0) {
        if (vaults.n == 0) {
            rc = jk_db_fail(db, JIKJI_EINVAL,
                            "no vault indexed yet; name a directory");
            goto out;
        }
    }
    /* Every vault path must exist before anything is changed. */
    for (size_t i = 0; i < npaths; i++)
        if (access(paths[i], R_OK) < 0) {
            rc = jk_db_fail(db, JIKJI_EIO, "%s: %s", paths[i], strerror(errno));
            goto out;
        }

    jk_xdb_meta_each(db->x, JK_META_FILE, collect_known, &r);
    if (r.nfiles)
        sort_known(&r);
    r.main_x = db->x;
    uint64_t changes0 = jk_xdb_changes(db->x);
    if (!dry)
        remove_stale_shards(&r);
    uint64_t docs = 1;
    struct stat dst;
    r.sharding = !dry && r.nfiles == 0 &&
                 jk_xdb_doccount(db->x, &docs) == JIKJI_OK && docs == 0 &&
                 lstat(db->dir, &dst) == 0 && S_ISDIR(dst.st_mode);

    size_t n = npaths ? npaths : vaults.n;
    const char *const *list = npaths ? paths : (const char *const *)vaults.v;
    /* Which paths lie in another (realpath of each pair: once). */
    unsigned char *inside = calloc(n ? n : 1, 1);
    if (!inside) {
        rc = JIKJI_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        inside[i] = (unsigned char)covered(list, n, i);
    if (opts && opts->on_progress)
        for (size_t i = 0; i < n; i++) {
            struct stat st;
            if (inside[i])
                continue;
            int found = stat(list[i], &st) == 0;
            if (found && S_ISDIR(st.st_mode))
                jk_walk(list[i], count_cb, NULL, &r);
            else if (found)
                count_cb(&r, list[i], &st); /* a note named alone */
            else
                r.total++;
        }
    /* Each vault named is checked and listed before any is walked: a run
     * stopped in the first leaves the others listed, for the next plain
     * 'jikji index' to finish, and a path that cannot be one fails the
     * run before anything is written. */
    int listed = 0; /* vaults new to the list */
    for (size_t i = 0; npaths && i < n && rc == JIKJI_OK; i++) {
        char root[PATH_MAX], now[PATH_MAX], why[256];
        if (inside[i])
            continue;
        if ((rc = vault_arg_root(&vaults, list[i], root, why)) != JIKJI_OK)
            rc = jk_db_fail(db, rc, "%s: %s", list[i], why);
        else if (!dry && !part_of(&vaults, root) &&
                 !moved_vault_holding(&vaults, root, now)) {
            rc = edit_vault_list(&r, root, NULL);
            listed++;
        }
    }
    /* Committed at once: killed (kill -9) before the first batch's
     * commit, a first build left no vault for the next plain run. */
    if (rc == JIKJI_OK && listed &&
        (rc = jk_xdb_commit(db->x)) != JIKJI_OK)
        rc = jk_db_xfail(db, rc);
    for (size_t i = 0; i < n && rc == JIKJI_OK; i++) {
        const char *p = list[i];
        char root[PATH_MAX], now[PATH_MAX], why[256];
        if (!npaths && access(p, F_OK) < 0)
            continue; /* said by missing_vaults(), once the walks are done */
        /* A listed vault that can no longer be walked (moved to a path
         * with a line break, say) keeps its notes, as a vault gone does. */
        if (!npaths && vault_arg_root(&vaults, p, root, why) != JIKJI_OK) {
            jk_buf m = JK_BUF_INIT;
            struct stat vs;
            /* A folder replaced by a file: said as status says it. */
            if (stat(p, &vs) == 0 && !S_ISDIR(vs.st_mode) &&
                !jikji_is_note_name(p))
                snprintf(why, sizeof why, "vault is no longer a folder "
                         "(a file now, not a note)");
            if (jk_buf_printf(&m, "%s; left as is", why) == 0)
                warn(&r, p, 0, JIKJI_EIO, m.data);
            jk_buf_fini(&m);
            continue;
        }
        if (inside[i])
            continue; /* walked with the folder it is in */
        /* A path inside a listed vault (a folder or a note of it, indexed
         * on its own) is that part of the vault, not a vault.  Inside one
         * that moved and was linked back, and that no run has followed
         * yet: the whole vault is walked, which follows it. */
        const char *vault = NULL, *moved = NULL;
        if (npaths && arg_path(&vaults, p, root) == 0 &&
            !(vault = part_of(&vaults, root)))
            moved = moved_vault_holding(&vaults, root, now);
        if (moved) {
            rc = index_vault(&r, moved, NULL);
            continue;
        }
        if (vault && jk_walk_leaves_out(vault, root + strlen(vault) + 1)) {
            jk_buf m = JK_BUF_INIT;
            if (jk_buf_printf(&m, "inside the vault %s, where its walks "
                              "do not go (a hidden file or folder, "
                              "node_modules, or a Jekyll site's _site or "
                              "vendor); not indexed", vault) == 0)
                warn(&r, p, 0, JIKJI_EINVAL, m.data);
            jk_buf_fini(&m);
            stats->skipped++;
            continue;
        }
        rc = index_vault(&r, p, vault);
    }
    free(inside);
    if (r.db->x != r.main_x) {
        jikji_status_t cs = close_shard(&r);
        if (rc == JIKJI_OK)
            rc = cs;
    }
    if (rc == JIKJI_OK)
        rc = remove_gone(&r);
    if (rc == JIKJI_OK)
        rc = missing_vaults(&r, npaths == 0);
    if (rc == JIKJI_OK && !dry)
        rc = sync_synonyms(db);

    /* A run that changed nothing writes nothing (not even the time): no
     * disk writes, no fsync, and the first write after a compaction, which
     * rewrites many blocks, waits for a real change. */
    int changed = jk_xdb_changes(db->x) != changes0 || db->x != r.main_x ||
                  stats->added || stats->updated || stats->removed ||
                  stats->renamed;
    if (rc == JIKJI_OK && !dry && changed) {
        rc = stamp_updated(db->x);
        rc = rc == JIKJI_OK ? maybe_commit(&r, 1) : jk_db_xfail(db, rc);
    } else if (rc == JIKJI_ECANCELED && !dry && changed &&
               db->x == r.main_x) {
        /* A stopped run keeps the notes it committed: the index changed
         * (status showed "never" after a first build was stopped).  A
         * failure here leaves the stop as the run's outcome. */
        if (stamp_updated(db->x) == JIKJI_OK)
            (void)maybe_commit(&r, 1);
    }
    if (rc == JIKJI_OK && !dry)
        rc = mark_readers(&r);
    if (rc == JIKJI_OK && !dry)
        rc = maybe_compact(&r);
out:
    if (!dry)
        drop_uncommitted(db, rc);
    /* Shards not merged (an error): their notes are not in the index's
     * records, so the next run indexes them again, and the stats do not
     * count them. */
    if (r.shards.n && r.left_main) {
        stats->added = r.kept_added;
        stats->sections = r.kept_sections;
    }
    for (size_t i = 0; i < r.shards.n; i++)
        jk_db_remove_index_dir(r.shards.v[i]);
    jk_strv_fini(&r.shards);
    for (size_t i = 0; i < r.nfiles; i++)
        free(r.files[i].val);
    free(r.files);
    jk_strv_fini(&vaults);
    jk_buf_fini(&r.content);
    jk_buf_fini(&r.data);
    jk_buf_fini(&r.scratch);
    held_fini(&r.held);
    jk_strv_fini(&r.tags);
    jk_strset_fini(&r.words);
    jk_strset_fini(&r.phon_keys);
    return rc;
}

/* Whether arg is a symlink to a folder that lies inside a listed vault
 * (not the vault itself): the vault's walk never follows it, so nothing
 * is in the index under its name, and what it leads to is another
 * folder's (QA: '--forget fa/work' with fa/work -> ../fb forgot the vault
 * fb). */
static int
unwalked_folder_link(const jk_strv *vaults, const char *arg)
{
    char lex[PATH_MAX];
    struct stat lst, st;
    if (lstat(arg, &lst) < 0 || !S_ISLNK(lst.st_mode) || stat(arg, &st) < 0 ||
        !S_ISDIR(st.st_mode) || jk_link_path(arg, lex) < 0)
        return 0;
    for (size_t v = 0; v < vaults->n; v++)
        if (strcmp(vaults->v[v], lex) != 0 && in_vault(lex, vaults->v[v]))
            return 1;
    return 0;
}

/* The path that the listed vaults still give to root, a path inside a
 * vault that moved and was linked back: the vault's listed path and then
 * root's place inside where the vault is now.  1 when one was found. */
static int
old_vault_path(const jk_strv *vaults, const char *root, char out[PATH_MAX])
{
    char now[PATH_MAX];
    const char *v = moved_vault_holding(vaults, root, now);
    size_t vl = v ? strlen(v) : 0, rl = v ? strlen(root + strlen(now)) : 0;
    if (!v || vl + rl >= PATH_MAX)
        return 0;
    memcpy(out, v, vl);
    memcpy(out + vl, root + strlen(now), rl + 1);
    return 1;
}

jikji_status_t
jikji_forget(jikji_db_t *db, const char *const *paths, size_t npaths,
             jikji_index_stats_t *stats)
{
    jikji_index_stats_t dummy;
    if (!db || (!paths && npaths))
        return JIKJI_EINVAL;
    if (db->mode == JIKJI_DB_READ)
        return jk_db_fail(db, JIKJI_EINVAL, "index opened read-only");
    if (!stats)
        stats = &dummy;
    memset(stats, 0, sizeof *stats);
    index_run r = {.db = db, .stats = stats};
    jk_strv vaults = JK_STRV_INIT;
    jk_buf keep = JK_BUF_INIT;
    jikji_status_t rc = known_vaults(&r, &vaults, 0);
    if (rc != JIKJI_OK)
        goto out;
    jk_xdb_meta_each(db->x, JK_META_FILE, collect_known, &r);
    int *drop = calloc(vaults.n + 1, sizeof *drop);
    if (!drop) {
        rc = JIKJI_ENOMEM;
        goto out;
    }
    /* Two passes: every path must be in the index before anything is
     * deleted (a writable Xapian database commits on close). */
    for (int pass = 0; pass < 2 && rc == JIKJI_OK; pass++)
        for (size_t i = 0; i < npaths && rc == JIKJI_OK; i++) {
            /* Where the path leads, else (a vault moved and linked back
             * that no run has followed yet) the path as listed, else its
             * place under a listed vault's old path, for a path named by
             * where that vault is now. */
            char where[3][PATH_MAX];
            /* "" would be the current folder, and every vault under it
             * ('--forget "$NOTE"' with the variable unset). */
            if (!*paths[i]) {
                rc = jk_db_fail(db, JIKJI_EINVAL, "an empty path names no "
                                "vault or note; nothing is removed");
                break;
            }
            if (unwalked_folder_link(&vaults, paths[i])) {
                rc = jk_db_fail(db, JIKJI_EINVAL, "%s: a symlink to a folder, "
                                "which the walk of its vault does not follow: "
                                "nothing is in the index under its name; to "
                                "forget the folder it leads to, name that "
                                "folder", paths[i]);
                break;
            }
            if ((arg_path(&vaults, paths[i], where[0]) < 0 &&
                 jk_existing_path(paths[i], where[0]) < 0) ||
                jk_absolute_path(paths[i], where[1]) < 0) {
                rc = jk_db_fail(db, JIKJI_EIO, "%s: %s", paths[i],
                                strerror(errno));
                break;
            }
            int nwhere = 2 + old_vault_path(&vaults, where[0], where[2]);
            int known = 0;
            for (int w = 0; w < nwhere && !known; w++) {
                const char *root = where[w];
                for (size_t v = 0; v < vaults.n; v++)
                    if (in_vault(vaults.v[v], root))
                        drop[v] = known = 1;
                for (size_t f = 0; f < r.nfiles && rc == JIKJI_OK; f++) {
                    known_file *k = &r.files[f];
                    if (in_vault(k->path, root)) {
                        known = 1;
                        if (pass == 1 && !k->seen)
                            rc = forget_file(&r, k);
                    }
                }
            }
            if (!known)
                rc = jk_db_fail(db, JIKJI_EINVAL,
                                "%s: not in the index (neither a vault nor "
                                "a folder or note of one)", paths[i]);
        }
    for (size_t v = 0; v < vaults.n && rc == JIKJI_OK; v++)
        if (!drop[v] && ((keep.len && jk_buf_putc(&keep, '\n') < 0) ||
                         jk_buf_puts(&keep, vaults.v[v]) < 0))
            rc = JIKJI_ENOMEM;
    free(drop);
    if (rc == JIKJI_OK) {
        rc = jk_xdb_set_meta(db->x, JK_META_VAULTS, keep.data ? keep.data : "",
                             keep.len);
        if (rc == JIKJI_OK)
            rc = stamp_updated(db->x); /* what status shows as "updated" */
        if (rc == JIKJI_OK)
            rc = jk_xdb_commit(db->x);
        if (rc != JIKJI_OK)
            rc = jk_db_xfail(db, rc);
    }
    if (rc == JIKJI_OK)
        rc = maybe_compact(&r);
out:
    drop_uncommitted(db, rc);
    for (size_t i = 0; i < r.nfiles; i++)
        free(r.files[i].val);
    free(r.files);
    jk_strv_fini(&vaults);
    jk_buf_fini(&keep);
    return rc;
}
