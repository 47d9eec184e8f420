/* schema.c - document data and per-file state records (see schema.h for
 * the layout and its version history). */
#include "schema.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Version-1 document data: "j1" NUL path NUL title NUL date NUL headings
 * NUL line NUL end_line NUL start NUL end NUL file_size [NUL sechash, 16
 * hex digits].  Paths and headings never contain NUL (notes are read as
 * text; headings are cleaned of control characters).  Data without the
 * hash decodes with sechash 0. */
int
jk_docdata_encode(jk_buf *b, const jk_docdata *d)
{
    const char *strs[] = {"j1", d->path, d->title, d->date, d->headings};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        if (jk_buf_puts(b, strs[i] ? strs[i] : "") < 0 ||
            jk_buf_putc(b, '\0') < 0)
            return -1;
    return jk_buf_printf(b, "%u%c%u%c%" PRIu64 "%c%" PRIu64 "%c%" PRIu64
                         "%c%016" PRIx64,
                         d->line, 0, d->end_line, 0, d->start, 0, d->end, 0,
                         d->file_size, 0, d->sechash);
}

/* Split data at NULs into at most max fields; returns the count. */
static size_t
split_fields(char *data, size_t len, char **f, size_t max)
{
    size_t n = 0;
    char *p = data, *end = data + len;
    while (n < max && p <= end) {
        f[n++] = p;
        char *z = memchr(p, '\0', (size_t)(end - p));
        if (!z)
            break;
        p = z + 1;
    }
    return n;
}

static int
parse_u64(const char *s, uint64_t *out)
{
    char *e;
    errno = 0;
    unsigned long long v = strtoull(s, &e, 10);
    if (errno || e == s || *e)
        return -1;
    *out = v;
    return 0;
}

int
jk_docdata_decode(char *data, size_t len, jk_docdata *d)
{
    char *f[11];
    /* The encoder leaves no trailing NUL; the caller's buffer has one. */
    size_t nf = split_fields(data, len, f, 11);
    if (nf < 10 || strcmp(f[0], "j1") != 0)
        return -1;
    d->sechash = 0;
    if (nf == 11) {
        char *e;
        errno = 0;
        unsigned long long h = strtoull(f[10], &e, 16);
        if (errno || e == f[10] || *e)
            return -1;
        d->sechash = h;
    }
    uint64_t line, end_line;
    if (parse_u64(f[5], &line) || parse_u64(f[6], &end_line) ||
        parse_u64(f[7], &d->start) || parse_u64(f[8], &d->end) ||
        parse_u64(f[9], &d->file_size))
        return -1;
    d->path = f[1];
    d->title = f[2];
    d->date = f[3];
    d->headings = f[4];
    d->line = (unsigned)line;
    d->end_line = (unsigned)end_line;
    return 0;
}

size_t
jk_docdata_path(const char *data, size_t len, const char **path)
{
    *path = "";
    if (len < 3 || memcmp(data, "j1", 3) != 0)
        return 0;
    const char *p = data + 3, *z = memchr(p, '\0', len - 3);
    *path = p;
    return z ? (size_t)(z - p) : len - 3;
}

void
jk_order_key(const char *rel, char out[JK_ORDER_KEY_LEN])
{
    unsigned long long h = jk_hash64(rel, strlen(rel));
    for (int i = 0; i < JK_ORDER_KEY_LEN; i++)
        out[i] = (char)(h >> (56 - 8 * i));
}

/* "size mtime_sec mtime_nsec hash sections\npath" */
int
jk_filestate_encode(jk_buf *b, const jk_filestate *fs)
{
    return jk_buf_printf(b, "%" PRIu64 " %" PRId64 " %ld %016" PRIx64
                         " %" PRIu64 "\n%s", fs->size, fs->mtime_sec,
                         fs->mtime_nsec, fs->hash, fs->sections, fs->path);
}

int
jk_filestate_decode(char *val, size_t len, jk_filestate *fs)
{
    char *nl = memchr(val, '\n', len);
    if (!nl)
        return -1;
    *nl = '\0';
    int consumed = 0;
    if (sscanf(val, "%" SCNu64 " %" SCNd64 " %ld %" SCNx64 " %" SCNu64 "%n",
               &fs->size, &fs->mtime_sec, &fs->mtime_nsec, &fs->hash,
               &fs->sections, &consumed) != 5 || val[consumed] != '\0')
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
