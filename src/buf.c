/* buf.c - growable byte buffer, string vector, small string helpers. */
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

int
jk_buf_reserve(jk_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    if (extra > ((size_t)-1) / 2 - b->len)
        return -1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int
jk_buf_append(jk_buf *b, const void *data, size_t len)
{
    if (jk_buf_reserve(b, len) < 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int
jk_buf_puts(jk_buf *b, const char *s)
{
    return jk_buf_append(b, s, strlen(s));
}

int
jk_buf_putc(jk_buf *b, char c)
{
    return jk_buf_append(b, &c, 1);
}

int
jk_buf_printf(jk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || jk_buf_reserve(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void
jk_buf_clear(jk_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
jk_buf_fini(jk_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *
jk_buf_steal(jk_buf *b)
{
    if (!b->data && jk_buf_reserve(b, 0) < 0)
        return NULL;
    b->data[b->len] = '\0';
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

int
jk_strv_push(jk_strv *sv, const char *s, size_t len)
{
    if (sv->n + 2 > sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 8;
        char **v = realloc(sv->v, cap * sizeof *v);
        if (!v)
            return -1;
        sv->v = v;
        sv->cap = cap;
    }
    char *copy = jk_strndup(s, len);
    if (!copy)
        return -1;
    sv->v[sv->n++] = copy;
    sv->v[sv->n] = NULL;
    return 0;
}

void
jk_strv_fini(jk_strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

char *
jk_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int
jk_in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return 1;
    return 0;
}

/* How far after a lone CR an LF makes it text, not a line break
 * (jk_line_len()). */
#define JK_CR_LOOK 4096

size_t
jk_line_len(const char *s, size_t n)
{
    /* memchr, not a byte loop: every line of every note and snippet
     * passes here (jk_md_line_at()).  The line ends at the first LF, or
     * at a CR before it.  Looked for in windows that double from 256
     * bytes: one memchr for LF over all the rest of a file with none (an
     * old Mac note ends its lines in CR alone) made reading it quadratic,
     * 50 s for 200,000 lines. */
    size_t from = 0, w = 256;
    while (from < n) {
        size_t len = n - from < w ? n - from : w;
        const char *nl = memchr(s + from, '\n', len);
        size_t end = nl ? (size_t)(nl - s) : from + len;
        const char *cr = memchr(s + from, '\r', end - from);
        while (cr) {
            size_t c = (size_t)(cr - s);
            /* A CRLF's CR ends the line; so does a lone CR, as an old
             * Mac note ends its lines, unless an LF follows soon: a CR
             * pasted into a note of LF lines is text, as vim, grep and
             * ripgrep count lines (QA: it moved every later PATH:LINE
             * one line down).  Looked for within JK_CR_LOOK bytes, so
             * that a Mac note's lines cost that much each at most. */
            size_t look = n - c - 1 < JK_CR_LOOK ? n - c - 1 : JK_CR_LOOK;
            if (c + 1 < n && s[c + 1] == '\n')
                return c;
            if (!memchr(s + c + 1, '\n', look))
                return c;
            cr = memchr(s + c + 1, '\r', end - c - 1);
        }
        if (nl)
            return end;
        from += len;
        if (w < (size_t)1 << 20)
            w *= 2;
    }
    return n;
}

unsigned long long
jk_hash64(const void *data, size_t len)
{
    return jk_hash64_more(0xcbf29ce484222325ULL, data, len);
}

unsigned long long
jk_hash64_more(unsigned long long h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int
jk_read_file(const char *path, size_t max, jk_buf *b)
{
    jk_buf_clear(b);
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    for (;;) {
        if (jk_buf_reserve(b, 65536) < 0) {
            close(fd);
            errno = ENOMEM;
            return -1;
        }
        ssize_t n = read(fd, b->data + b->len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = errno;
            close(fd);
            errno = e;
            return n < 0 ? -1 : 0;
        }
        b->len += (size_t)n;
        b->data[b->len] = '\0';
        if (b->len > max) {
            close(fd);
            errno = EFBIG;
            return -1;
        }
    }
}

/* Insert an owned string into a table known to have room. */
static void
strset_place(char **slot, size_t cap, char *s)
{
    size_t i = (size_t)jk_hash64(s, strlen(s)) & (cap - 1);
    while (slot[i])
        i = (i + 1) & (cap - 1);
    slot[i] = s;
}

int
jk_strset_add(jk_strset *set, const char *s, size_t len)
{
    if (set->cap) {
        size_t i = (size_t)jk_hash64(s, len) & (set->cap - 1);
        for (; set->slot[i]; i = (i + 1) & (set->cap - 1))
            if (strlen(set->slot[i]) == len && memcmp(set->slot[i], s, len) == 0)
                return 0;
    }
    if ((set->n + 1) * 2 > set->cap) { /* keep it at most half full */
        size_t cap = set->cap ? set->cap * 2 : 1024;
        char **slot = calloc(cap, sizeof *slot);
        if (!slot)
            return -1;
        for (size_t i = 0; i < set->cap; i++)
            if (set->slot[i])
                strset_place(slot, cap, set->slot[i]);
        free(set->slot);
        set->slot = slot;
        set->cap = cap;
    }
    char *copy = jk_strndup(s, len);
    if (!copy)
        return -1;
    strset_place(set->slot, set->cap, copy);
    set->n++;
    return 1;
}

void
jk_strset_fini(jk_strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
    set->slot = NULL;
    set->n = set->cap = 0;
}
