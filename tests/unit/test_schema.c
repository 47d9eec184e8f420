/* test_schema.c - the document data record (schema.h): every field comes
 * back as it went in, numbers at their limits included, the note's record
 * key comes out of it, and anything that is not a whole record is
 * refused.  The per-note record likewise, with and without the reader
 * version (schema 5 records have none), and its path alone. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/* Encode d, decode a NUL-terminated copy, compare every field; and the
 * key of the note's record that the data names. */
static void
round_trip(const jk_docdata *d)
{
    jk_buf b = JK_BUF_INIT;
    assert_int_equal(jk_docdata_encode(&b, d), 0);
    char *copy = malloc(b.len + 1);
    assert_non_null(copy);
    memcpy(copy, b.data, b.len);
    copy[b.len] = '\0';
    jk_docdata e;
    memset(&e, 0xa5, sizeof e);
    assert_int_equal(jk_docdata_decode(copy, b.len, &e), 0);
    assert_string_equal(e.file_id, d->file_id);
    assert_string_equal(e.title, d->title ? d->title : "");
    assert_string_equal(e.date, d->date ? d->date : "");
    assert_string_equal(e.headings, d->headings ? d->headings : "");
    assert_int_equal(e.line, d->line);
    assert_int_equal(e.end_line, d->end_line);
    assert_true(e.start == d->start && e.end == d->end);
    assert_true(e.file_size == d->file_size && e.sechash == d->sechash);
    char key[64], want[64];
    snprintf(want, sizeof want, "%s%s", JK_META_FILE, d->file_id);
    assert_int_equal(jk_docdata_file_key(b.data, b.len, key, sizeof key),
                     strlen(want));
    assert_string_equal(key, want);
    /* No room for the key and its NUL: none. */
    assert_int_equal(jk_docdata_file_key(b.data, b.len, key, strlen(want)), 0);
    free(copy);
    jk_buf_fini(&b);
}

static void
test_round_trip(void **state)
{
    (void)state;
    jk_docdata d = {
        .title = "쿠팡 백엔드 면접",
        .date = "2024-03-05",
        .headings = "쿠팡 백엔드 면접\x1f" "Kafka 재시도",
        .line = 35, .end_line = 48, .start = 1234, .end = 2345,
        .file_size = 9876, .sechash = 0x0123456789abcdefull,
    };
    jk_file_id("/home/me/notes/면접/2024-쿠팡.md", d.file_id);
    round_trip(&d);
    /* Empty strings, zeros, and every number at its largest (a hash and a
     * file id with NUL bytes in them too). */
    jk_docdata z = {.file_id = "0000000000000000", .title = "",
                    .date = NULL, .headings = ""};
    round_trip(&z);
    jk_docdata big = {
        .file_id = "ffffffffffffffff", .title = "t", .date = "",
        .headings = "h",
        .line = UINT_MAX, .end_line = UINT_MAX, .start = UINT64_MAX,
        .end = UINT64_MAX, .file_size = UINT64_MAX, .sechash = UINT64_MAX,
    };
    round_trip(&big);
    big.sechash = 0xff000000000000ffull;
    big.start = 127;
    big.end = 128;
    memcpy(big.file_id, "00ff00000a0000ff", 17);
    round_trip(&big);
}

/* Decoding a record cut anywhere, grown by a byte, with another magic, or
 * with a line number over UINT_MAX gives -1, never a crash; a file id
 * that is not jk_file_id()'s is not encoded. */
static void
test_bad_records(void **state)
{
    (void)state;
    jk_docdata d = {.file_id = "0123456789abcdef", .title = "A", .date = "",
                    .headings = "A", .line = 300, .end_line = 301,
                    .start = 70000, .end = 70100, .file_size = 80000,
                    .sechash = 42};
    jk_buf b = JK_BUF_INIT;
    assert_int_equal(jk_docdata_encode(&b, &d), 0);
    char *copy = malloc(b.len + 2);
    assert_non_null(copy);
    jk_docdata e;
    char key[64];
    for (size_t cut = 0; cut < b.len; cut++) {
        memcpy(copy, b.data, cut);
        copy[cut] = '\0';
        assert_int_equal(jk_docdata_decode(copy, cut, &e), -1);
        if (cut < 11) /* magic, NUL, file id */
            assert_int_equal(jk_docdata_file_key(copy, cut, key, sizeof key),
                             0);
    }
    memcpy(copy, b.data, b.len);
    copy[b.len] = 'x';
    copy[b.len + 1] = '\0';
    assert_int_equal(jk_docdata_decode(copy, b.len + 1, &e), -1);
    memcpy(copy, b.data, b.len);
    copy[1] = '2'; /* "j2": a record of an older schema */
    assert_int_equal(jk_docdata_decode(copy, b.len, &e), -1);
    assert_int_equal(jk_docdata_file_key(copy, b.len, key, sizeof key), 0);
    free(copy);
    static const char *const bad_id[] = {"", "0123456789abcde",
                                         "0123456789abcdef0",
                                         "0123456789ABCDEF",
                                         "0123456789abcdeg", "/a.md"};
    for (size_t i = 0; i < sizeof bad_id / sizeof *bad_id; i++) {
        jk_docdata o = d;
        snprintf(o.file_id, sizeof o.file_id, "%s", bad_id[i]);
        if (strlen(bad_id[i]) > 16) /* cut to 16: a good id; make it bad */
            o.file_id[15] = 'x';
        jk_buf_clear(&b);
        assert_int_equal(jk_docdata_encode(&b, &o), -1);
    }

    /* A line number over UINT_MAX. */
    jk_buf_clear(&b);
    d.line = 1;
    assert_int_equal(jk_docdata_encode(&b, &d), 0);
    /* Rebuild by hand: head and strings, then line = 2^32, then the rest. */
    jk_buf h = JK_BUF_INIT;
    const char *p = b.data + 11;
    for (int i = 0; i < 3; i++)
        p += strlen(p) + 1;
    assert_int_equal(jk_buf_append(&h, b.data, (size_t)(p - b.data)), 0);
    const unsigned char line[] = {0x80, 0x80, 0x80, 0x80, 0x10};
    assert_int_equal(jk_buf_append(&h, line, sizeof line), 0);
    assert_int_equal(jk_buf_append(&h, p + 1, b.len - (size_t)(p + 1 - b.data)), 0);
    char *c2 = malloc(h.len + 1);
    assert_non_null(c2);
    memcpy(c2, h.data, h.len);
    c2[h.len] = '\0';
    assert_int_equal(jk_docdata_decode(c2, h.len, &e), -1);
    free(c2);
    jk_buf_fini(&h);
    jk_buf_fini(&b);
}

/* Decode a copy of the NUL-terminated record rec into *fs; its result. */
static int
decode_copy(const char *rec, jk_filestate *fs, char **copy)
{
    *copy = strdup(rec);
    assert_non_null(*copy);
    return jk_filestate_decode(*copy, strlen(rec), fs);
}

static void
test_filestate(void **state)
{
    (void)state;
    jk_filestate in = {
        .size = 123, .mtime_sec = -5, .mtime_nsec = 999999999,
        .hash = UINT64_MAX, .sections = 7, .reader = JK_READER_VERSION,
        .path = "/v/노트 a.md",
    }, out;
    jk_buf b = JK_BUF_INIT;
    assert_int_equal(jk_filestate_encode(&b, &in), 0);
    char *copy;
    assert_int_equal(decode_copy(b.data, &out, &copy), 0);
    assert_true(out.size == 123 && out.mtime_sec == -5 &&
                out.mtime_nsec == 999999999 && out.hash == UINT64_MAX &&
                out.sections == 7 && out.reader == JK_READER_VERSION);
    assert_string_equal(out.path, "/v/노트 a.md");
    free(copy);
    /* The path alone, from the record as stored (what a search reads). */
    const char *path;
    assert_int_equal(jk_filestate_path(b.data, b.len, &path),
                     strlen("/v/노트 a.md"));
    assert_memory_equal(path, "/v/노트 a.md", strlen("/v/노트 a.md"));
    assert_int_equal(jk_filestate_path("10 1 2 ff 3 8\n", 14, &path), 0);
    assert_string_equal(path, "");
    assert_int_equal(jk_filestate_path("10 1 2 ff 3 8", 13, &path), 0);
    assert_int_equal(jk_filestate_path("", 0, &path), 0);
    jk_buf_fini(&b);

    /* A schema 5 record: no reader field, the first reader. */
    assert_int_equal(decode_copy("10 1 2 00000000000000ff 3\n/p.md", &out,
                                 &copy), 0);
    assert_int_equal(out.reader, 1);
    assert_int_equal(out.sections, 3);
    assert_string_equal(out.path, "/p.md");
    free(copy);

    static const char *const bad[] = {
        "10 1 2 ff 3 2 x\n/p.md", "10 1 2 ff 3 x\n/p.md", "10 1 2 ff\n/p.md",
        "10 1 2 ff 3 2", "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(decode_copy(bad[i], &out, &copy), -1);
        free(copy);
    }
}

/* A note's key is a hash of its full path: the same note in two vaults
 * gets two keys, the same path always the same one. */
static void
test_order_key(void **state)
{
    (void)state;
    char a[JK_ORDER_KEY_LEN], b[JK_ORDER_KEY_LEN], c[JK_ORDER_KEY_LEN];
    unsigned long long va = jk_order_seed("/home/u/vault"),
                       vb = jk_order_seed("/home/u/vault2");
    jk_order_key(va, "notes/a.md", a);
    jk_order_key(vb, "notes/a.md", b);
    assert_memory_not_equal(a, b, sizeof a);
    jk_order_key(jk_order_seed("/home/u/vault"), "notes/a.md", c);
    assert_memory_equal(a, c, sizeof a);
    /* The folder and the path joined by '/', whichever part holds what. */
    jk_order_key(jk_order_seed("/home/u"), "vault/notes/a.md", c);
    assert_memory_equal(a, c, sizeof a);
    unsigned long long h = jk_hash64("/home/u/vault/notes/a.md", 24);
    for (int i = 0; i < JK_ORDER_KEY_LEN; i++)
        assert_int_equal((unsigned char)a[i], (unsigned char)(h >> (56 - 8 * i)));
    jk_order_key(va, "notes/b.md", c);
    assert_memory_not_equal(a, c, sizeof a);
}

/* The fold of BM25's length normalization into wdfs (schema 8). */
static void
test_fold(void **state)
{
    (void)state;
    /* K: 1 at the reference length, min_normlen below half of it, held
     * at the scale for huge sections. */
    assert_true(fabs(jk_fold_norm((uint64_t)JK_FOLD_REF_LEN) - 1) < 1e-12);
    double kmin = JK_BM25_B * JK_BM25_MIN_NORMLEN + 1 - JK_BM25_B;
    assert_true(fabs(jk_fold_norm(0) - kmin) < 1e-12);
    assert_true(fabs(jk_fold_norm(10) - kmin) < 1e-12);
    assert_true(jk_fold_norm(1000) > jk_fold_norm(300));
    assert_true(jk_fold_norm(UINT64_MAX) == JK_FOLD_SCALE);
    /* A wdf: scaled by S / K and rounded; 0 stays 0; never below wdf. */
    assert_int_equal(jk_fold_wdf(0, 1), 0);
    assert_int_equal(jk_fold_wdf(1, 1), JK_FOLD_SCALE);
    assert_int_equal(jk_fold_wdf(3, 1), 3 * JK_FOLD_SCALE);
    assert_int_equal(jk_fold_wdf(1, 2), JK_FOLD_SCALE / 2);
    assert_int_equal(jk_fold_wdf(1, 0.95), lround(JK_FOLD_SCALE / 0.95));
    assert_int_equal(jk_fold_wdf(1, 1.1), lround(JK_FOLD_SCALE / 1.1));
    assert_true(jk_fold_wdf(1, 0.95) > JK_FOLD_SCALE);
    assert_true(jk_fold_wdf(1, 1.1) < JK_FOLD_SCALE);
    assert_int_equal(jk_fold_wdf(2, JK_FOLD_SCALE), 2);
    assert_int_equal(jk_fold_wdf(UINT32_MAX, 0.5), UINT32_MAX);
    assert_int_equal(jk_fold_wdf(5, 0), 5); /* no K: left as it is */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_records),
        cmocka_unit_test(test_filestate),
        cmocka_unit_test(test_order_key),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
