/* buf.h - growable byte buffer and string vector used across libjikji.
 *
 *     jk_buf b = JK_BUF_INIT;
 *     if (jk_buf_append(&b, "x", 1) < 0) ... out of memory ...
 *     use b.data (always NUL-terminated once anything was appended)
 *     jk_buf_fini(&b);
 */
#ifndef JIKJI_BUF_H
#define JIKJI_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct jk_buf {
    char *data;
    size_t len, cap;
} jk_buf;

#define JK_BUF_INIT {NULL, 0, 0}

/* All return 0 on success and -1 on out of memory (the buffer is then
 * unchanged). */
int jk_buf_reserve(jk_buf *b, size_t extra);
int jk_buf_append(jk_buf *b, const void *data, size_t len);
int jk_buf_puts(jk_buf *b, const char *s);
int jk_buf_putc(jk_buf *b, char c);
int jk_buf_printf(jk_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void jk_buf_clear(jk_buf *b);             /* len = 0, keeps memory */
void jk_buf_fini(jk_buf *b);              /* frees; b is JK_BUF_INIT again */
char *jk_buf_steal(jk_buf *b);            /* hands data over (never NULL on
                                             success: "" for empty), or NULL
                                             on out of memory */

/* Byte length of the UTF-8 character that starts with byte *s, read from
 * its lead byte alone: only for valid UTF-8 (normalized terms). */
static inline size_t
jk_u8len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* A NULL-terminated vector of owned strings. */
typedef struct jk_strv {
    char **v;
    size_t n, cap;
} jk_strv;

#define JK_STRV_INIT {NULL, 0, 0}

int jk_strv_push(jk_strv *sv, const char *s, size_t len); /* copies */
void jk_strv_fini(jk_strv *sv);

/* A set of strings (open addressing); owns its copies. */
typedef struct jk_strset {
    char **slot;
    size_t n, cap;
} jk_strset;

#define JK_STRSET_INIT {NULL, 0, 0}

/* Add s[0, len) unless present: 1 added, 0 present, -1 out of memory. */
int jk_strset_add(jk_strset *set, const char *s, size_t len);
void jk_strset_fini(jk_strset *set);

/* Duplicate len bytes as a NUL-terminated string; NULL on out of memory. */
char *jk_strndup(const char *s, size_t len);

/* Whether s[0, len) equals one of the n strings of list. */
int jk_in_list(const char *const *list, size_t n, const char *s, size_t len);

/* Bytes of s[0, n) before its first line break (LF, or CR: a CRLF's CR,
 * or a lone CR as old Mac files end lines, when no LF follows within 4
 * KiB: a CR pasted into a note of LF lines is text, as vim counts lines),
 * or n when it has none. */
size_t jk_line_len(const char *s, size_t n);

/* Read the regular file at path into b (replacing its contents), at most
 * max bytes.  0, or -1 with errno set (EFBIG past max, EINVAL if not a
 * regular file).  Never blocks on a FIFO. */
int jk_read_file(const char *path, size_t max, jk_buf *b);

/* 64-bit FNV-1a hash (content change detection and path ids). */
unsigned long long jk_hash64(const void *data, size_t len);
/* The same hash continued: jk_hash64_more(jk_hash64(a, m), b, n) is the
 * hash of a's m bytes followed by b's n. */
unsigned long long jk_hash64_more(unsigned long long h, const void *data,
                                  size_t len);

#endif /* JIKJI_BUF_H */
