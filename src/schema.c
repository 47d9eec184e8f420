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

/* Document data (schema 5): "j2" NUL base "/" rel NUL title NUL date NUL
 * headings NUL, then line, end_line, start, end and file_size as unsigned
 * LEB128 varints and sechash as 8 bytes, least significant first; base is
 * the folder's number in decimal, rel the path from that folder.  Paths
 * and headings never contain NUL (notes are read as text; headings are
 * cleaned of control characters).  Binary numbers took 21 bytes a section
 * where decimal text took 39. */
#define JK_DATA_MAGIC "j2"

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
    if (jk_buf_puts(b, JK_DATA_MAGIC) < 0 || jk_buf_putc(b, '\0') < 0 ||
        jk_buf_printf(b, "%u/", d->base) < 0)
        return -1;
    const char *strs[] = {d->rel, d->title, d->date, d->headings};
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

/* Parse "<base>/<rel>" (NUL-terminated) into *base and *rel; -1 when it
 * is not of that form. */
static int
parse_rel(const char *f, unsigned *base, const char **rel)
{
    unsigned long v = 0;
    const char *p = f;
    for (; *p >= '0' && *p <= '9' && p - f < 10; p++)
        v = v * 10 + (unsigned long)(*p - '0');
    if (p == f || *p != '/' || v > UINT_MAX)
        return -1;
    *base = (unsigned)v;
    *rel = p + 1;
    return 0;
}

int
jk_docdata_decode(char *data, size_t len, jk_docdata *d)
{
    const char *f[5];
    char *p = data, *end = data + len;
    for (size_t i = 0; i < 5; i++) {
        char *z = memchr(p, '\0', (size_t)(end - p));
        if (!z)
            return -1;
        f[i] = p;
        p = z + 1;
    }
    if (strcmp(f[0], JK_DATA_MAGIC) != 0 || parse_rel(f[1], &d->base, &d->rel))
        return -1;
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
    d->title = f[2];
    d->date = f[3];
    d->headings = f[4];
    d->line = (unsigned)line;
    d->end_line = (unsigned)end_line;
    return 0;
}

size_t
jk_docdata_rel(const char *data, size_t len, unsigned *base, const char **rel)
{
    *rel = "";
    *base = 0;
    /* The field must end inside data for parse_rel to stop there. */
    const char *p = data + sizeof JK_DATA_MAGIC, *z;
    if (len < sizeof JK_DATA_MAGIC ||
        memcmp(data, JK_DATA_MAGIC, sizeof JK_DATA_MAGIC) != 0 ||
        !(z = memchr(p, '\0', len - sizeof JK_DATA_MAGIC)) ||
        parse_rel(p, base, rel) < 0) /* leaves them as they are */
        return 0;
    return (size_t)(z - *rel);
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

/* "size mtime_sec mtime_nsec hash sections\npath" */
int
jk_filestate_encode(jk_buf *b, const jk_filestate *fs)
{
    return jk_buf_printf(b, "%" PRIu64 " %" PRId64 " %ld %016" PRIx64
                         " %" PRIu64 " %u\n%s", fs->size, fs->mtime_sec,
                         fs->mtime_nsec, fs->hash, fs->sections, fs->reader,
                         fs->path);
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
    if (val[consumed] != '\0' &&
        (sscanf(val + consumed, " %u%n", &fs->reader, &more) != 1 ||
         val[consumed + more] != '\0'))
        return -1;
    fs->path = nl + 1;
    return 0;
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
