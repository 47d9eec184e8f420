/* schema.c - document data and per-file state records (see schema.h for
 * the layout and its version history). */
#include "schema.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Document data (schema 9): "j3" NUL, the note's file id as 8 bytes
 * (most significant first), then title NUL date NUL headings NUL, then
 * line, end_line, start, end and file_size as unsigned LEB128 varints and
 * sechash as 8 bytes, least significant first.  Headings never contain
 * NUL (they are cleaned of control characters); title and date neither.
 * Binary numbers took 21 bytes a section where decimal text took 39
 * (schema 5); the file id instead of the note's path saves 0.8 MB of the
 * 1-copy bench vault's index (schema 9). */
#define JK_DATA_MAGIC "j3"
#define JK_DATA_HEAD (sizeof JK_DATA_MAGIC + 8) /* magic, NUL, file id */

/* The 16 lowercase hex digits of jk_file_id() as a number; -1 when s is
 * not that. */
static int
file_id_value(const char *s, uint64_t *v)
{
    uint64_t x = 0;
    for (int i = 0; i < 16; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 16;
        if (d == 16)
            return -1;
        x = x << 4 | d;
    }
    if (s[16] != '\0')
        return -1;
    *v = x;
    return 0;
}

/* The file id's 8 bytes in document data, or NULL when data does not
 * start as a record of jk_docdata_encode(). */
static const unsigned char *
data_file_id(const char *data, size_t len)
{
    if (len < JK_DATA_HEAD ||
        memcmp(data, JK_DATA_MAGIC, sizeof JK_DATA_MAGIC) != 0)
        return NULL;
    return (const unsigned char *)data + sizeof JK_DATA_MAGIC;
}

/* The file id stored at p (8 bytes) as jk_file_id() writes it. */
static void
file_id_text(const unsigned char *p, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[16] = '\0';
}

static int
put_varint(jk_buf *b, uint64_t v)
{
    unsigned char out[10];
    size_t n = 0;
    do {
        out[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        out[n++] |= v ? 0x80 : 0;
    } while (v);
    return jk_buf_append(b, out, n);
}

int
jk_docdata_encode(jk_buf *b, const jk_docdata *d)
{
    uint64_t id;
    if (file_id_value(d->file_id, &id) < 0)
        return -1;
    unsigned char idb[8];
    for (int i = 0; i < 8; i++)
        idb[i] = (unsigned char)(id >> (56 - 8 * i));
    if (jk_buf_puts(b, JK_DATA_MAGIC) < 0 || jk_buf_putc(b, '\0') < 0 ||
        jk_buf_append(b, idb, sizeof idb) < 0)
        return -1;
    const char *strs[] = {d->title, d->date, d->headings};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        if (jk_buf_puts(b, strs[i] ? strs[i] : "") < 0 ||
            jk_buf_putc(b, '\0') < 0)
            return -1;
    uint64_t nums[] = {d->line, d->end_line, d->start, d->end, d->file_size};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (put_varint(b, nums[i]) < 0)
            return -1;
    unsigned char h[8];
    for (int i = 0; i < 8; i++)
        h[i] = (unsigned char)(d->sechash >> (8 * i));
    return jk_buf_append(b, h, sizeof h);
}

/* Read one varint at *p (before end) into *v; advances *p.  -1 when it is
 * cut short or longer than 64 bits. */
static int
get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char c = *(*p)++;
        if (shift == 63 && (c & 0x7e))
            return -1;
        x |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = x;
            return 0;
        }
    }
    return -1;
}

int
jk_docdata_decode(char *data, size_t len, jk_docdata *d)
{
    const unsigned char *id = data_file_id(data, len);
    if (!id)
        return -1;
    file_id_text(id, d->file_id);
    const char *f[3];
    char *p = data + JK_DATA_HEAD, *end = data + len;
    for (size_t i = 0; i < 3; i++) {
        char *z = memchr(p, '\0', (size_t)(end - p));
        if (!z)
            return -1;
        f[i] = p;
        p = z + 1;
    }
    const unsigned char *q = (const unsigned char *)p,
                        *qend = (const unsigned char *)end;
    uint64_t line, end_line;
    if (get_varint(&q, qend, &line) || get_varint(&q, qend, &end_line) ||
        get_varint(&q, qend, &d->start) || get_varint(&q, qend, &d->end) ||
        get_varint(&q, qend, &d->file_size) || qend - q != 8 ||
        line > UINT_MAX || end_line > UINT_MAX)
        return -1;
    d->sechash = 0;
    for (int i = 7; i >= 0; i--)
        d->sechash = d->sechash << 8 | q[i];
    d->title = f[0];
    d->date = f[1];
    d->headings = f[2];
    d->line = (unsigned)line;
    d->end_line = (unsigned)end_line;
    return 0;
}

size_t
jk_docdata_file_key(const char *data, size_t len, char *key, size_t keysz)
{
    const unsigned char *idb = data_file_id(data, len);
    char id[17];
    if (!idb)
        return 0;
    file_id_text(idb, id);
    int n = snprintf(key, keysz, "%s%s", JK_META_FILE, id);
    return n > 0 && (size_t)n < keysz ? (size_t)n : 0;
}

unsigned long long
jk_order_seed(const char *folder)
{
    return jk_hash64_more(jk_hash64(folder, strlen(folder)), "/", 1);
}

void
jk_order_key(unsigned long long seed, const char *rel,
             char out[JK_ORDER_KEY_LEN])
{
    unsigned long long h = jk_hash64_more(seed, rel, strlen(rel));
    for (int i = 0; i < JK_ORDER_KEY_LEN; i++)
        out[i] = (char)(h >> (56 - 8 * i));
}

/* "size mtime_sec mtime_nsec hash sections reader[ ctime_sec
 * ctime_nsec]\npath" */
int
jk_filestate_encode(jk_buf *b, const jk_filestate *fs)
{
    if (jk_buf_printf(b, "%" PRIu64 " %" PRId64 " %ld %016" PRIx64
                      " %" PRIu64 " %u", fs->size, fs->mtime_sec,
                      fs->mtime_nsec, fs->hash, fs->sections, fs->reader) < 0 ||
        (fs->has_ctime && jk_buf_printf(b, " %" PRId64 " %ld", fs->ctime_sec,
                                        fs->ctime_nsec) < 0))
        return -1;
    return jk_buf_printf(b, "\n%s", fs->path);
}

int
jk_filestate_decode(char *val, size_t len, jk_filestate *fs)
{
    char *nl = memchr(val, '\n', len);
    if (!nl)
        return -1;
    *nl = '\0';
    int consumed = 0, more = 0;
    if (sscanf(val, "%" SCNu64 " %" SCNd64 " %ld %" SCNx64 " %" SCNu64 "%n",
               &fs->size, &fs->mtime_sec, &fs->mtime_nsec, &fs->hash,
               &fs->sections, &consumed) != 5)
        return -1;
    fs->reader = 1; /* a record without the field: the first reader */
    fs->has_ctime = 0;
    if (val[consumed] != '\0' &&
        sscanf(val + consumed, " %u%n", &fs->reader, &more) != 1)
        return -1;
    consumed += more;
    more = 0;
    if (val[consumed] != '\0') {
        if (sscanf(val + consumed, " %" SCNd64 " %ld%n", &fs->ctime_sec,
                   &fs->ctime_nsec, &more) != 2 ||
            val[consumed + more] != '\0')
            return -1;
        fs->has_ctime = 1;
    }
    fs->path = nl + 1;
    return 0;
}

size_t
jk_filestate_path(const char *val, size_t len, const char **path)
{
    const char *nl = memchr(val, '\n', len);
    *path = "";
    if (!nl || nl + 1 == val + len)
        return 0;
    *path = nl + 1;
    return len - (size_t)(nl + 1 - val);
}

void
jk_file_id(const char *path, char out[17])
{
    snprintf(out, 17, "%016llx", jk_hash64(path, strlen(path)));
}

size_t
jk_file_term(char out[JK_FILE_TERM_MAX], const char *file_id)
{
    int n = snprintf(out, JK_FILE_TERM_MAX, "%s%.16s", JK_P_FILE, file_id);
    return n < 0 ? 0 : (size_t)n;
}

double
jk_fold_norm(uint64_t len)
{
    double norm = (double)len / JK_FOLD_REF_LEN;
    if (norm < JK_BM25_MIN_NORMLEN)
        norm = JK_BM25_MIN_NORMLEN;
    double k = JK_BM25_B * norm + 1 - JK_BM25_B;
    return k < JK_FOLD_SCALE ? k : JK_FOLD_SCALE;
}

uint32_t
jk_fold_wdf(uint32_t wdf, double k)
{
    if (wdf == 0 || !(k > 0))
        return wdf;
    double x = round(JK_FOLD_SCALE * (double)wdf / k);
    if (x >= (double)UINT32_MAX)
        return UINT32_MAX;
    return x > wdf ? (uint32_t)x : wdf;
}

size_t
jk_term_cut(const char *s, size_t len)
{
    if (len <= JK_TERM_KEEP_MAX)
        return len;
    size_t n = JK_TERM_KEEP_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues a character: cut before that character */
    return n;
}
