/* bench-floor - how long Xapian alone takes to write jikji's documents.
 *
 *   build/bench-floor [-j N] [--shard N] [--terms all|plain|nopos] DUMP DIR
 *
 * DUMP holds the documents of a jikji index, as tools/bench-index writes
 * them (dump_documents(): every section's terms with their wdf and
 * positions, its values and data, and the index's metadata).  They are
 * loaded into memory first; then N writers (default 2, as `jikji index`
 * on two cores) add them through jikji's own Xapian binding as a first
 * build's writers do: the first into DIR/main, synced, the others into
 * scratch shards, each going on in a new shard after N documents
 * (--shard, default 30,000 as index.c), committing as often; then all of
 * them are compacted into DIR/merged.  No note is read, tokenized or sectioned: what this measures is the
 * floor of a full index, the part no change to jikji's own code can take
 * away.  `--terms plain` writes only the unprefixed terms (words, Korean
 * bigrams) with their positions, the barest index that still finds a
 * Korean word or a phrase; `--terms nopos` writes every term without
 * positions.  The figures go to stdout as one line of key=value pairs.
 *
 * DUMP format, little-endian: "JKFLOOR1", then per document: u32 data
 * length (0xffffffff ends the documents), the data, u32 value count, per
 * value u32 slot, u32 length and the bytes, u32 term count, per term u16
 * length, u32 wdf, u32 position count, the term's bytes, u32 positions;
 * then u32 metadata count, per key u32 key length, u32 value length, the
 * key and the value.
 *
 * Built beside jikji (build/bench-floor), not installed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xapian_c.h"
#include "clock.h"

/* As index.c's JK_COMMIT_EVERY and JK_COMMIT_PAIRS: a crew's writers
 * share these, each committing after its share. */
#define COMMIT_EVERY 1000
#define COMMIT_PAIRS 50000
/* As index.c's JK_CREW_CHUNK: writers take this many documents at a
 * time. */
#define CHUNK 16
/* As index.c's JK_SHARD_SECTIONS: a writer goes on in a new database
 * after this many documents. */
#define SHARD_SECTIONS 30000
#define MAX_WRITERS 16

enum terms_mode { TERMS_ALL, TERMS_PLAIN, TERMS_NOPOS };

typedef struct dump {
    const unsigned char *bytes;
    size_t len;
    size_t *doc_off; /* where each document starts */
    size_t ndocs;
    size_t meta_off; /* the metadata count */
} dump;

typedef struct shared {
    const dump *d;
    enum terms_mode mode;
    unsigned nw;
    size_t shard_max;  /* documents in a database before the next one */
    const char *dir;
    jk_xdb *main;      /* the first writer's first database */
    pthread_mutex_t lock;
    size_t next_chunk;
    char **shards;     /* the other databases, in the order made */
    size_t nshards, cap;
} shared;

typedef struct writer {
    shared *s;
    unsigned k;
    jk_xdb *x;         /* the database being written */
    size_t in_x;       /* documents added to it */
    uint64_t pairs, positions;
    const char *err;
} writer;

/* Read a little-endian u32 at *p (within end), advancing *p; 0 if short. */
static int
get32(const unsigned char **p, const unsigned char *end, uint32_t *v)
{
    if (end - *p < 4)
        return 0;
    *v = (uint32_t)(*p)[0] | (uint32_t)(*p)[1] << 8 |
         (uint32_t)(*p)[2] << 16 | (uint32_t)(*p)[3] << 24;
    *p += 4;
    return 1;
}

static int
get16(const unsigned char **p, const unsigned char *end, uint16_t *v)
{
    if (end - *p < 2)
        return 0;
    *v = (uint16_t)((*p)[0] | (*p)[1] << 8);
    *p += 2;
    return 1;
}

/* The same, on a dump index_dump() has checked. */
static uint32_t
take32(const unsigned char **p)
{
    uint32_t v = (uint32_t)(*p)[0] | (uint32_t)(*p)[1] << 8 |
                 (uint32_t)(*p)[2] << 16 | (uint32_t)(*p)[3] << 24;
    *p += 4;
    return v;
}

static uint16_t
take16(const unsigned char **p)
{
    uint16_t v = (uint16_t)((*p)[0] | (*p)[1] << 8);
    *p += 2;
    return v;
}

static int
skip(const unsigned char **p, const unsigned char *end, uint64_t n)
{
    if ((uint64_t)(end - *p) < n)
        return 0;
    *p += n;
    return 1;
}

/* Check the whole dump and note where each document starts.  0, or -1 on a
 * malformed dump or out of memory. */
static int
index_dump(dump *d)
{
    const unsigned char *p = d->bytes, *end = d->bytes + d->len;
    size_t cap = 0;
    if (!skip(&p, end, 8) || memcmp(d->bytes, "JKFLOOR1", 8) != 0)
        return -1;
    for (;;) {
        size_t off = (size_t)(p - d->bytes);
        uint32_t dl, nv, nt;
        if (!get32(&p, end, &dl))
            return -1;
        if (dl == UINT32_MAX)
            break;
        if (!skip(&p, end, dl) || !get32(&p, end, &nv))
            return -1;
        for (uint32_t i = 0; i < nv; i++) {
            uint32_t slot, vl;
            if (!get32(&p, end, &slot) || !get32(&p, end, &vl) ||
                !skip(&p, end, vl))
                return -1;
        }
        if (!get32(&p, end, &nt))
            return -1;
        for (uint32_t i = 0; i < nt; i++) {
            uint16_t tl;
            uint32_t wdf, np;
            if (!get16(&p, end, &tl) || tl == 0 || !get32(&p, end, &wdf) ||
                !get32(&p, end, &np) || !skip(&p, end, tl) ||
                !skip(&p, end, 4 * (uint64_t)np))
                return -1;
        }
        if (d->ndocs == cap) {
            size_t *v = realloc(d->doc_off, (cap = cap ? 2 * cap : 4096) *
                                                sizeof *v);
            if (!v)
                return -1;
            d->doc_off = v;
        }
        d->doc_off[d->ndocs++] = off;
    }
    d->meta_off = (size_t)(p - d->bytes);
    uint32_t nm;
    if (!get32(&p, end, &nm))
        return -1;
    for (uint32_t i = 0; i < nm; i++) {
        uint32_t kl, vl;
        if (!get32(&p, end, &kl) || !get32(&p, end, &vl) || kl == 0 ||
            !skip(&p, end, (uint64_t)kl + vl))
            return -1;
    }
    return p == end ? 0 : -1;
}

/* Build document i of the (checked) dump as a Xapian document. */
static jk_xdoc *
build_doc(writer *w, size_t i)
{
    const dump *d = w->s->d;
    const unsigned char *p = d->bytes + d->doc_off[i];
    jk_xdoc *doc = jk_xdoc_new();
    if (!doc)
        return NULL;
    uint32_t dl = take32(&p);
    if (jk_xdoc_set_data(doc, (const char *)p, dl) < 0)
        goto fail;
    p += dl;
    uint32_t nv = take32(&p);
    for (uint32_t k = 0; k < nv; k++) {
        uint32_t slot = take32(&p), vl = take32(&p);
        if (jk_xdoc_set_value(doc, slot, (const char *)p, vl) < 0)
            goto fail;
        p += vl;
    }
    uint32_t nt = take32(&p);
    for (uint32_t k = 0; k < nt; k++) {
        uint16_t tl = take16(&p);
        uint32_t wdf = take32(&p), np = take32(&p);
        const char *term = (const char *)p;
        p += tl;
        const unsigned char *pos = p;
        p += 4 * (size_t)np;
        int prefixed = term[0] >= 'A' && term[0] <= 'Z';
        if (w->s->mode == TERMS_PLAIN && prefixed)
            continue;
        if (w->s->mode == TERMS_NOPOS)
            np = 0;
        for (uint32_t j = 0; j < np; j++) {
            if (jk_xdoc_add_posting(doc, term, tl, take32(&pos), 0) < 0)
                goto fail;
        }
        w->positions += np;
        int rc = wdf ? jk_xdoc_add_term(doc, term, tl, wdf)
                 : np ? 0 : jk_xdoc_add_boolean(doc, term, tl);
        if (rc < 0)
            goto fail;
    }
    return doc;
fail:
    jk_xdoc_free(doc);
    return NULL;
}

/* Commit and close the writer's database (but the main one), and go on
 * in a new shard, as index.c's next_shard().  0, or -1 with w->err. */
static int
next_shard(writer *w)
{
    shared *s = w->s;
    if (w->x && jk_xdb_commit(w->x) != JIKJI_OK) {
        w->err = jk_xdb_errmsg(w->x);
        return -1;
    }
    if (w->x && w->x != s->main)
        jk_xdb_close(w->x);
    w->x = NULL;
    jk_buf path = JK_BUF_INIT;
    pthread_mutex_lock(&s->lock);
    int ok = jk_buf_printf(&path, "%s/shard%zu", s->dir, s->nshards) == 0;
    if (ok && s->nshards == s->cap) {
        char **v = realloc(s->shards, (s->cap = s->cap ? 2 * s->cap : 16) *
                                          sizeof *v);
        ok = v != NULL;
        if (v)
            s->shards = v;
    }
    if (ok)
        s->shards[s->nshards++] = path.data; /* owned by the list */
    pthread_mutex_unlock(&s->lock);
    char *msg = NULL;
    if (!ok || jk_xdb_open(path.data, JK_XDB_SCRATCH, &w->x, &msg) != JIKJI_OK) {
        w->err = msg ? msg : "out of memory"; /* msg leaks: the run ends */
        if (!ok)
            jk_buf_fini(&path);
        return -1;
    }
    w->in_x = 0;
    return 0;
}

static void *
writer_main(void *arg)
{
    writer *w = arg;
    shared *s = w->s;
    unsigned pending = 0;
    size_t pairs = 0;
    if (w->k == 0)
        w->x = s->main;
    else if (next_shard(w) < 0)
        return NULL;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t first = s->next_chunk++ * CHUNK;
        pthread_mutex_unlock(&s->lock);
        if (first >= s->d->ndocs)
            break;
        for (size_t i = first; i < first + CHUNK && i < s->d->ndocs; i++) {
            jk_xdoc *doc = build_doc(w, i);
            if (!doc) {
                w->err = "out of memory";
                return NULL;
            }
            size_t terms = jk_xdoc_terms(doc);
            jikji_status_t st = jk_xdb_add_doc(w->x, doc);
            jk_xdoc_free(doc);
            if (st != JIKJI_OK) {
                w->err = jk_xdb_errmsg(w->x);
                return NULL;
            }
            pairs += terms;
            w->pairs += terms;
            if (++w->in_x >= s->shard_max) {
                if (next_shard(w) < 0)
                    return NULL;
                pending = 0;
                pairs = 0;
            } else if (++pending >= COMMIT_EVERY / s->nw ||
                       pairs >= COMMIT_PAIRS / s->nw) {
                if (jk_xdb_commit(w->x) != JIKJI_OK) {
                    w->err = jk_xdb_errmsg(w->x);
                    return NULL;
                }
                pending = 0;
                pairs = 0;
            }
        }
    }
    /* The metadata (file states, phonetic keys), a share each. */
    if (s->mode != TERMS_PLAIN) {
        const unsigned char *p = s->d->bytes + s->d->meta_off;
        uint32_t nm = take32(&p);
        for (uint32_t i = 0; i < nm; i++) {
            uint32_t kl = take32(&p), vl = take32(&p);
            if (i % s->nw == w->k) {
                char *key = strndup((const char *)p, kl);
                jikji_status_t st = key ? jk_xdb_set_meta(w->x, key,
                                                          (const char *)p + kl, vl)
                                        : JIKJI_ENOMEM;
                free(key);
                if (st != JIKJI_OK) {
                    w->err = key ? jk_xdb_errmsg(w->x) : "out of memory";
                    return NULL;
                }
            }
            p += kl + vl;
        }
    }
    if (jk_xdb_commit(w->x) != JIKJI_OK)
        w->err = jk_xdb_errmsg(w->x);
    return NULL;
}

static int
usage(const char *argv0)
{
    fprintf(stderr, "usage: %s [-j N] [--shard N] [--terms all|plain|nopos] "
            "DUMP DIR\n", argv0);
    return 2;
}

int
main(int argc, char **argv)
{
    shared s = {.nw = 2, .mode = TERMS_ALL, .shard_max = SHARD_SECTIONS};
    int a = 1;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "-j") == 0 && a + 1 < argc) {
            s.nw = (unsigned)atoi(argv[++a]);
        } else if (strcmp(argv[a], "--shard") == 0 && a + 1 < argc) {
            s.shard_max = (size_t)strtoul(argv[++a], NULL, 10);
        } else if (strcmp(argv[a], "--terms") == 0 && a + 1 < argc) {
            const char *m = argv[++a];
            if (strcmp(m, "all") == 0)
                s.mode = TERMS_ALL;
            else if (strcmp(m, "plain") == 0)
                s.mode = TERMS_PLAIN;
            else if (strcmp(m, "nopos") == 0)
                s.mode = TERMS_NOPOS;
            else
                return usage(argv[0]);
        } else {
            return usage(argv[0]);
        }
    }
    if (argc - a != 2 || s.nw < 1 || s.nw > MAX_WRITERS || s.shard_max < 1)
        return usage(argv[0]);
    const char *dump_path = argv[a], *dir = argv[a + 1];

    jk_buf raw = JK_BUF_INIT;
    if (jk_read_file(dump_path, SIZE_MAX, &raw) < 0) {
        fprintf(stderr, "bench-floor: %s: %s\n", dump_path, strerror(errno));
        return 2;
    }
    dump d = {.bytes = (const unsigned char *)raw.data, .len = raw.len};
    if (index_dump(&d) < 0) {
        fprintf(stderr, "bench-floor: %s: not a whole dump of jikji's "
                "documents (or out of memory)\n", dump_path);
        free(d.doc_off);
        jk_buf_fini(&raw);
        return 2;
    }
    s.d = &d;
    pthread_mutex_init(&s.lock, NULL);

    s.dir = dir;
    jk_buf main_path = JK_BUF_INIT, merged = JK_BUF_INIT;
    char *msg = NULL;
    /* The first writer starts on the index itself and commits with fsync,
     * as jikji's does; the shards are scratch databases. */
    if (jk_buf_printf(&main_path, "%s/main", dir) < 0 ||
        jk_buf_printf(&merged, "%s/merged", dir) < 0 ||
        jk_xdb_open(main_path.data, JK_XDB_OVERWRITE, &s.main, &msg) != JIKJI_OK) {
        fprintf(stderr, "bench-floor: %s\n", msg ? msg : "out of memory");
        return 2;
    }
    writer w[MAX_WRITERS];
    for (unsigned k = 0; k < s.nw; k++)
        w[k] = (writer){.s = &s, .k = k};
    int rc = 0;
    double t0 = mono_seconds();
    pthread_t tid[MAX_WRITERS];
    for (unsigned k = 1; k < s.nw; k++)
        if (pthread_create(&tid[k], NULL, writer_main, &w[k]) != 0) {
            fprintf(stderr, "bench-floor: cannot start a thread\n");
            return 2;
        }
    writer_main(&w[0]);
    for (unsigned k = 1; k < s.nw; k++)
        pthread_join(tid[k], NULL);
    for (unsigned k = 1; k < s.nw; k++) /* their last shards */
        if (w[k].x && w[k].x != s.main)
            jk_xdb_close(w[k].x);
    if (w[0].x != s.main)
        jk_xdb_close(w[0].x);
    double t1 = mono_seconds();
    for (unsigned k = 0; k < s.nw; k++)
        if (w[k].err) {
            fprintf(stderr, "bench-floor: writer %u: %s\n", k, w[k].err);
            rc = 2;
        }
    if (rc == 0 && jk_xdb_compact(s.main, merged.data,
                                  (const char *const *)s.shards, s.nshards,
                                  NULL, NULL) != JIKJI_OK) {
        fprintf(stderr, "bench-floor: compact: %s\n", jk_xdb_errmsg(s.main));
        rc = 2;
    }
    double t2 = mono_seconds();
    uint64_t pairs = 0, positions = 0;
    for (unsigned k = 0; k < s.nw; k++) {
        pairs += w[k].pairs;
        positions += w[k].positions;
    }
    jk_xdb_close(s.main);
    if (rc == 0)
        printf("docs=%zu pairs=%llu positions=%llu writers=%u shards=%zu "
               "terms=%s write_s=%.3f merge_s=%.3f total_s=%.3f\n",
               d.ndocs, (unsigned long long)pairs,
               (unsigned long long)positions, s.nw, s.nshards + 1,
               s.mode == TERMS_ALL ? "all" : s.mode == TERMS_PLAIN ? "plain"
                                                                    : "nopos",
               t1 - t0, t2 - t1, t2 - t0);
    for (size_t i = 0; i < s.nshards; i++)
        free(s.shards[i]);
    free(s.shards);
    jk_buf_fini(&main_path);
    jk_buf_fini(&merged);
    jk_buf_fini(&raw);
    free(d.doc_off);
    pthread_mutex_destroy(&s.lock);
    return rc;
}
