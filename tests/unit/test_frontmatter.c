/* test_frontmatter.c - unit tests for src/frontmatter.c: the fields read
 * from Jekyll and Obsidian front matter, tags as a list or a string, date
 * normalization, errors reported as file lines with libyaml's text,
 * documents that are not mappings, aliases that must not be expanded
 * ("billion laughs"), invalid UTF-8 and NUL bytes, and display cleaning;
 * then Hugo's TOML front matter (src/frontmatter_toml.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "frontmatter.h"
#include "jikji.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Parse a NUL-terminated YAML string that starts on file line 2 (the line
 * after the opening `---`). */
static jikji_status_t
parse(const char *yaml, jk_frontmatter *fm, unsigned *line, char **msg)
{
    return jk_frontmatter_parse(yaml, strlen(yaml), 2, fm, line, msg);
}

/* Assert that a list holds exactly the n strings of exp. */
static void
check_list(const jk_strv *sv, const char *const *exp, size_t n,
           const char *file, int line)
{
    int ok = sv->n == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = strcmp(sv->v[i], exp[i]) == 0;
    if (!ok) {
        print_message("%s:%d: expected %zu items:", file, line, n);
        for (size_t i = 0; i < n; i++)
            print_message(" [%s]", exp[i]);
        print_message("\n  got %zu:", sv->n);
        for (size_t i = 0; i < sv->n; i++)
            print_message(" [%s]", sv->v[i]);
        print_message("\n");
        fail();
    }
    if (sv->n > 0)
        assert_null(sv->v[sv->n]);
}

#define CHECK_LIST(sv, ...)                                                 \
    do {                                                                    \
        static const char *const exp_[] = {__VA_ARGS__};                    \
        check_list((sv), exp_, ARRAY_LEN(exp_), __FILE__, __LINE__);        \
    } while (0)

/* Parse YAML that must be valid. */
static void
parse_ok(const char *yaml, jk_frontmatter *fm)
{
    unsigned line = 99;
    char *msg = (char *)"unset";
    jikji_status_t st = parse(yaml, fm, &line, &msg);
    if (st != JIKJI_OK)
        print_message("unexpected error at line %u: %s\n", line,
                      msg ? msg : "(null)");
    assert_int_equal(st, JIKJI_OK);
    assert_int_equal(line, 0);
    assert_null(msg);
}

static void
test_empty(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "\n\n", "# only a comment\n",
                                         "~\n", "   \n"};
    for (size_t i = 0; i < ARRAY_LEN(inputs); i++) {
        jk_frontmatter fm;
        parse_ok(inputs[i], &fm);
        assert_null(fm.title);
        assert_string_equal(fm.date, "");
        assert_int_equal(fm.tags.n, 0);
        assert_int_equal(fm.categories.n, 0);
        assert_int_equal(fm.aliases.n, 0);
        jk_frontmatter_fini(&fm);
    }
    /* NULL with length 0 is an empty document too. */
    jk_frontmatter fm;
    assert_int_equal(jk_frontmatter_parse(NULL, 0, 2, &fm, NULL, NULL),
                     JIKJI_OK);
    jk_frontmatter_fini(&fm);
}

static void
test_jekyll(void **state)
{
    (void)state;
    jk_frontmatter fm;
    parse_ok("layout: post\n"
             "title: \"쿠팡 백엔드 엔지니어 2차 기술면접 후기\"\n"
             "date: \"2024-07-20 17:47\"\n"
             "categories: [면접후기]\n"
             "tags: [kafka, spring, redis, interview, coupang]\n"
             "comments: true\n",
             &fm);
    assert_string_equal(fm.title, "쿠팡 백엔드 엔지니어 2차 기술면접 후기");
    assert_string_equal(fm.date, "2024-07-20");
    CHECK_LIST(&fm.categories, "면접후기");
    CHECK_LIST(&fm.tags, "kafka", "spring", "redis", "interview", "coupang");
    assert_int_equal(fm.aliases.n, 0);
    jk_frontmatter_fini(&fm);

    /* Block sequences, a single-quoted date, categories as a string. */
    parse_ok("title: 토스 데이터 엔지니어 1차 면접 복기\n"
             "date: '2025-11-30'\n"
             "categories: 면접후기\n"
             "tags:\n"
             "  - airflow\n"
             "  - clickhouse\n"
             "  - data-engineering\n"
             "layout: post\n",
             &fm);
    assert_string_equal(fm.title, "토스 데이터 엔지니어 1차 면접 복기");
    assert_string_equal(fm.date, "2025-11-30");
    CHECK_LIST(&fm.categories, "면접후기");
    CHECK_LIST(&fm.tags, "airflow", "clickhouse", "data-engineering");
    jk_frontmatter_fini(&fm);
}

static void
test_obsidian(void **state)
{
    (void)state;
    jk_frontmatter fm;
    parse_ok("tags:\n"
             "  - \"#interview\"\n"
             "  - kafka\n"
             "  - 2024\n"
             "  - {nested: map}\n"
             "  - [nested, list]\n"
             "  -\n"
             "  - kafka\n"
             "aliases:\n"
             "  - 토스 2차\n"
             "  - Toss round 2\n"
             "created: 2024-11-02 21:13\n"
             "updated: 2024-11-03\n"
             "status: done\n",
             &fm);
    assert_null(fm.title);
    /* No `date`: `created` is used; `updated` is not a date field. */
    assert_string_equal(fm.date, "2024-11-02");
    /* '#' dropped, the number kept as written, maps and nested lists and
     * nulls skipped, the duplicate removed. */
    CHECK_LIST(&fm.tags, "interview", "kafka", "2024");
    CHECK_LIST(&fm.aliases, "토스 2차", "Toss round 2");
    jk_frontmatter_fini(&fm);

    /* An alias given as one string is one alias, not split. */
    parse_ok("aliases: Kafka 재시도, 리트라이\nalias: [ignored]\n", &fm);
    CHECK_LIST(&fm.aliases, "ignored");
    jk_frontmatter_fini(&fm);
    parse_ok("aliases: Kafka 재시도, 리트라이\n", &fm);
    CHECK_LIST(&fm.aliases, "Kafka 재시도, 리트라이");
    jk_frontmatter_fini(&fm);
}

static void
test_tags_string(void **state)
{
    (void)state;
    static const struct {
        const char *yaml;
        const char *exp[4];
        size_t n;
    } cases[] = {
        {"tags: kafka\n", {"kafka"}, 1},
        {"tags: kafka, retry\n", {"kafka", "retry"}, 2},
        {"tags: kafka retry\n", {"kafka", "retry"}, 2},
        {"tags: \"#kafka #retry\"\n", {"kafka", "retry"}, 2},
        {"tags: \" kafka ,, retry ,\"\n", {"kafka", "retry"}, 2},
        /* Full-width comma and ideographic space separate Korean tags. */
        {"tags: 카프카，재시도\u3000면접\n", {"카프카", "재시도", "면접"}, 3},
        {"tags: kafka kafka\n", {"kafka"}, 1},
        {"tags: 2024\n", {"2024"}, 1},
        {"tags: true\n", {"true"}, 1},
        {"tags:\n", {NULL}, 0},
        {"tags: ~\n", {NULL}, 0},
        {"tags: []\n", {NULL}, 0},
        {"tags: {a: b}\n", {NULL}, 0},
        {"tags: '#'\n", {NULL}, 0},
        {"tag: 단수형\n", {"단수형"}, 1},
        {"Tags: [Kafka]\n", {"Kafka"}, 1},
        /* Items of a list are not split (categories may have spaces). */
        {"tags: [\"kafka retry\", ' #면접 ']\n", {"kafka retry", "면접"}, 2},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        jk_frontmatter fm;
        parse_ok(cases[i].yaml, &fm);
        check_list(&fm.tags, cases[i].exp, cases[i].n, __FILE__,
                   (int)(1000 + i));
        jk_frontmatter_fini(&fm);
    }
}

static void
test_categories_and_duplicates(void **state)
{
    (void)state;
    jk_frontmatter fm;
    parse_ok("category: 면접후기, 백엔드\n", &fm);
    CHECK_LIST(&fm.categories, "면접후기", "백엔드");
    jk_frontmatter_fini(&fm);

    /* A repeated key replaces the earlier value; `category` and
     * `categories` are one field. */
    parse_ok("title: first\n"
             "tags: [a, b]\n"
             "category: x\n"
             "title: second\n"
             "tags: c\n"
             "categories: [y, z]\n",
             &fm);
    assert_string_equal(fm.title, "second");
    CHECK_LIST(&fm.tags, "c");
    CHECK_LIST(&fm.categories, "y", "z");
    jk_frontmatter_fini(&fm);

    /* A later non-scalar title is ignored; a null title clears it. */
    parse_ok("title: kept\ntitle: [not, a, title]\n", &fm);
    assert_string_equal(fm.title, "kept");
    jk_frontmatter_fini(&fm);
    parse_ok("title: gone\ntitle:\n", &fm);
    assert_null(fm.title);
    jk_frontmatter_fini(&fm);
}

static void
test_title(void **state)
{
    (void)state;
    jk_frontmatter fm;

    parse_ok("title: ~\n", &fm);
    assert_null(fm.title);
    jk_frontmatter_fini(&fm);
    parse_ok("title: null\n", &fm);
    assert_null(fm.title);
    jk_frontmatter_fini(&fm);
    parse_ok("title: \"null\"\n", &fm);   /* quoted: a string */
    assert_string_equal(fm.title, "null");
    jk_frontmatter_fini(&fm);
    parse_ok("title: \"\"\n", &fm);
    assert_null(fm.title);
    jk_frontmatter_fini(&fm);
    parse_ok("title: 2024\n", &fm);
    assert_string_equal(fm.title, "2024");
    jk_frontmatter_fini(&fm);
    parse_ok("TITLE: 대문자 키\n", &fm);
    assert_string_equal(fm.title, "대문자 키");
    jk_frontmatter_fini(&fm);

    /* Line breaks, tabs and escaped control characters become single
     * spaces; emoji stay. */
    parse_ok("title: |\n  첫 줄\n  둘째\t줄\n", &fm);
    assert_string_equal(fm.title, "첫 줄 둘째 줄");
    jk_frontmatter_fini(&fm);
    parse_ok("title: \"🎯 a\\x01b\\u0085c\\0d  \"\n", &fm);
    assert_string_equal(fm.title, "🎯 a b c d");
    jk_frontmatter_fini(&fm);

    /* A huge title is cut at a character boundary, with an ellipsis. */
    jk_buf y = JK_BUF_INIT;
    jk_buf_puts(&y, "title: ");
    for (int i = 0; i < 5000; i++)
        jk_buf_puts(&y, "가");
    jk_buf_puts(&y, "\n");
    parse_ok(y.data, &fm);
    size_t n = strlen(fm.title);
    assert_true(n <= JK_FRONTMATTER_MAX_TITLE + 3);
    assert_true(n > JK_FRONTMATTER_MAX_TITLE - 6);
    assert_string_equal(fm.title + n - 3, "\u2026");
    assert_int_equal((n - 3) % 3, 0);   /* whole 3-byte syllables */
    jk_frontmatter_fini(&fm);
    jk_buf_fini(&y);
}

static void
test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2024-07-20", "2024-07-20"},
        {"2024-07-20 17:47", "2024-07-20"},
        {"2025-03-02T10:00:00+09:00", "2025-03-02"},
        {"2025-03-02t10:00:00Z", "2025-03-02"},
        {"2024/07/20", "2024-07-20"},
        {"2024.07.20", "2024-07-20"},
        {"2024.7.5.", "2024-07-05"},
        {"2024-7-5", "2024-07-05"},
        {"  2024-07-20  ", "2024-07-20"},
        {"2024-02-29", "2024-02-29"},
        {"2000-02-29", "2000-02-29"},
        {"2023-02-29", ""},
        {"1900-02-29", ""},
        {"2024-13-01", ""},
        {"2024-00-10", ""},
        {"2024-04-31", ""},
        {"2024-07-32", ""},
        {"2024-07", ""},
        {"2024-07-20x", ""},
        {"2024-07/20", ""},
        {"2024-007-20", ""},
        {"20240720", ""},
        {"24-07-20", ""},
        {"0000-01-01", ""},
        {"July 20, 2024", ""},
        {"2024년 7월 20일", ""},
        {"", ""},
        {"yesterday", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char out[11] = "garbage";
        int ok = jk_frontmatter_date(cases[i].in, strlen(cases[i].in), out);
        if (strcmp(out, cases[i].out) != 0)
            print_message("date \"%s\": expected \"%s\", got \"%s\"\n",
                          cases[i].in, cases[i].out, out);
        assert_string_equal(out, cases[i].out);
        assert_int_equal(ok, cases[i].out[0] != '\0');
    }

    /* Through YAML: plain, double-quoted, single-quoted. */
    jk_frontmatter fm;
    parse_ok("date: 2024-07-20\n", &fm);
    assert_string_equal(fm.date, "2024-07-20");
    jk_frontmatter_fini(&fm);
    parse_ok("date: \"2024-07-20 17:47\"\n", &fm);
    assert_string_equal(fm.date, "2024-07-20");
    jk_frontmatter_fini(&fm);
    parse_ok("date: '2025-11-30'\n", &fm);
    assert_string_equal(fm.date, "2025-11-30");
    jk_frontmatter_fini(&fm);
    parse_ok("date: 2025-03-02T10:00:00+09:00\n", &fm);
    assert_string_equal(fm.date, "2025-03-02");
    jk_frontmatter_fini(&fm);
    /* `date` wins over `created` in any order... */
    parse_ok("created: 2020-01-01\ndate: 2024-07-20\n", &fm);
    assert_string_equal(fm.date, "2024-07-20");
    jk_frontmatter_fini(&fm);
    /* ...unless it cannot be read. */
    parse_ok("date: 언젠가\ncreated: 2020-01-01\n", &fm);
    assert_string_equal(fm.date, "2020-01-01");
    jk_frontmatter_fini(&fm);
    parse_ok("date: [2024-07-20]\n", &fm);
    assert_string_equal(fm.date, "");
    /* a list or mapping is reported as no date too */
    assert_int_equal(fm.bad_date_line, 2);
    assert_string_equal(fm.bad_date, "[…]");
    jk_frontmatter_fini(&fm);
    parse_ok("title: x\ndate: {y: 2024}\ncreated: 2024-01-02\n", &fm);
    assert_string_equal(fm.date, "2024-01-02");
    assert_int_equal(fm.bad_date_line, 3);
    assert_string_equal(fm.bad_date, "{…}");
    jk_frontmatter_fini(&fm);

    /* A value that is not a date is kept, with its line, for a warning
     * (the YAML starts on line 2 of the file)... */
    parse_ok("title: x\ndate: 2024-02-30\n", &fm);
    assert_string_equal(fm.date, "");
    assert_int_equal(fm.bad_date_line, 3);
    assert_string_equal(fm.bad_date, "2024-02-30");
    jk_frontmatter_fini(&fm);
    /* ...also when created gives the date instead (the warning says
     * which)... */
    parse_ok("date: March 3, 2024\ncreated: 2024-03-05\n", &fm);
    assert_string_equal(fm.date, "2024-03-05");
    assert_int_equal(fm.bad_date_line, 2);
    assert_string_equal(fm.bad_date, "March 3, 2024");
    jk_frontmatter_fini(&fm);
    /* ...but not when date gave one, or when none was written. */
    parse_ok("date: 2024-03-05\ncreated: March 3, 2024\n", &fm);
    assert_string_equal(fm.date, "2024-03-05");
    assert_int_equal(fm.bad_date_line, 0);
    jk_frontmatter_fini(&fm);
    parse_ok("date:\ntitle: x\n", &fm);
    assert_int_equal(fm.bad_date_line, 0);
    jk_frontmatter_fini(&fm);
    /* A long value is cut at a character boundary. */
    parse_ok("date: 이천이십사년 칠월 이십일 오후 다섯시 사십칠분\n", &fm);
    assert_int_equal(fm.bad_date_line, 2);
    assert_true(strlen(fm.bad_date) < sizeof fm.bad_date);
    assert_int_equal(strncmp(fm.bad_date, "이천이십사년", strlen("이천이십사년")), 0);
    size_t at = 0, len = strlen(fm.bad_date);
    while (at < len) { /* whole UTF-8 characters only */
        unsigned char b = (unsigned char)fm.bad_date[at];
        at += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    }
    assert_int_equal(at, len);
    jk_frontmatter_fini(&fm);
}

/* Parse YAML that must fail with EFRONTMATTER at file line `exp_line`
 * (the YAML starting on line `first`), with a message containing
 * `exp_msg`; every field must then be empty. */
static void
check_error(const char *yaml, size_t len, unsigned first, unsigned exp_line,
            const char *exp_msg)
{
    jk_frontmatter fm;
    unsigned line = 0;
    char *msg = NULL;
    jikji_status_t st = jk_frontmatter_parse(yaml, len, first, &fm, &line,
                                             &msg);
    assert_int_equal(st, JIKJI_EFRONTMATTER);
    assert_non_null(msg);
    if (line != exp_line || !strstr(msg, exp_msg))
        print_message("expected line %u \"%s\", got line %u \"%s\"\n",
                      exp_line, exp_msg, line, msg);
    assert_int_equal(line, exp_line);
    assert_non_null(strstr(msg, exp_msg));
    assert_null(fm.title);
    assert_string_equal(fm.date, "");
    assert_int_equal(fm.tags.n, 0);
    /* Only a document that is no mapping is no front matter (note.c reads
     * it as text); a syntax error is broken front matter. */
    assert_int_equal(fm.not_mapping, strstr(exp_msg, "not a mapping") != NULL);
    jk_frontmatter_fini(&fm);
    free(msg);
}

static void
test_syntax_errors(void **state)
{
    (void)state;
    /* `title: a: b` - the classic.  libyaml reports it on that line; the
     * YAML starts on file line 2, so its third line is file line 4. */
    const char *y1 = "date: 2025-05-02\n"
                     "tags: [search, java]\n"
                     "title: 네이버 2차 면접: 검색 플랫폼\n";
    check_error(y1, strlen(y1), 2, 4, "mapping values are not allowed");
    /* The same text further down a file: only first_line changes. */
    check_error(y1, strlen(y1), 10, 12, "mapping values are not allowed");

    /* A tab used for indentation. */
    const char *y2 = "title: x\ntags:\n\t- kafka\n";
    check_error(y2, strlen(y2), 2, 4, "found character that cannot start");

    /* An unterminated quoted scalar: libyaml names the context too. */
    const char *y3 = "title: \"열린 따옴표\ndate: 2024-07-20\n";
    check_error(y3, strlen(y3), 2, 4, "found unexpected end of stream");

    /* Bad indentation inside a block sequence. */
    const char *y4 = "tags:\n  - a\n - b\n";
    check_error(y4, strlen(y4), 2, 4, "did not find expected");

    /* CRLF and lone CR line ends count like LF. */
    const char *y5 = "date: 2024-07-20\r\ntitle: a: b\r\n";
    check_error(y5, strlen(y5), 2, 3, "mapping values are not allowed");
    const char *y6 = "date: 2024-07-20\rtags: x\rtitle: a: b\r";
    check_error(y6, strlen(y6), 2, 4, "mapping values are not allowed");
}

static void
test_invalid_bytes(void **state)
{
    (void)state;
    /* Invalid UTF-8 is a reader error: reported at its line. */
    const char y1[] = "title: ok\ntags: [a]\nstatus: \xff\xfe broken\n";
    check_error(y1, sizeof y1 - 1, 2, 4, "invalid leading UTF-8 octet");
    /* Truncated sequence at the very end, lone CR before it. */
    const char y2[] = "title: ok\rstatus: \xea\xb0";
    check_error(y2, sizeof y2 - 1, 2, 3, "UTF-8");
    /* A NUL byte inside the YAML (explicit length). */
    const char y3[] = "title: a\0b\ndate: 2024-07-20\n";
    check_error(y3, sizeof y3 - 1, 2, 2, "control characters are not allowed");
    /* A C1 control is named as the character it is, not as a byte. */
    const char y3b[] = "title: a\xC2\x9B" "b\n";
    check_error(y3b, sizeof y3b - 1, 2, 2, "control characters are not allowed: U+009B");
    /* UTF-16 is not sniffed: the encoding is fixed to UTF-8. */
    const char y4[] = "\xff\xfet\0i\0t\0l\0e\0:\0 \0x\0";
    check_error(y4, sizeof y4 - 1, 2, 2, "UTF-8");
    /* A UTF-8 BOM inside the YAML is allowed by libyaml. */
    jk_frontmatter fm;
    parse_ok("\xEF\xBB\xBFtitle: bom\n", &fm);
    assert_string_equal(fm.title, "bom");
    jk_frontmatter_fini(&fm);
}

/* A tag that YAML reads as a comment is reported with its file line (the
 * YAML starts on line 2); quoted, bracketed and mid-word '#'s are not. */
static void
test_tag_comment(void **state)
{
    (void)state;
    static const struct {
        const char *yaml;
        unsigned line;
    } cases[] = {
        {"tags: #kafka #회고\n", 2},
        {"title: x\ntags: kafka #회고\n", 3},
        {"Tags:\n  - kafka\n  - #회고\n", 4},
        {"categories:\n- #면접\n", 3},
        {"tags: [\"#kafka\", c#]\ntitle: C# #1\n", 0},
        {"tags: '#kafka'\n# a comment line\n", 0},
        {"tags: [kafka] # 메모\n", 0},
        {"tags: kafka # 메모\n", 0},
        {"tags: kafka #\n", 0},
        {"title: a #b\naliases:\n  - #x\n", 0},
        {"tags:\n  - kafka\ntitle: x\n  - #y\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jk_frontmatter fm;
        parse_ok(cases[i].yaml, &fm);
        if (fm.tag_comment_line != cases[i].line)
            print_message("case %zu: [%s] line %u, expected %u\n", i,
                          cases[i].yaml, fm.tag_comment_line, cases[i].line);
        assert_int_equal(fm.tag_comment_line, cases[i].line);
        jk_frontmatter_fini(&fm);
    }
}

static void
test_not_a_mapping(void **state)
{
    (void)state;
    const char *y1 = "- kafka\n- retry\n";
    check_error(y1, strlen(y1), 2, 2, "front matter is a list, not a mapping");
    const char *y2 = "\n\n그냥 문장 하나\n";
    check_error(y2, strlen(y2), 2, 4, "not a mapping");
    const char *y3 = "&a [x]\n";
    check_error(y3, strlen(y3), 2, 2, "not a mapping");
    const char *y4 = "*alias\n";
    jk_frontmatter fm;
    unsigned line;
    char *msg;
    /* An undefined alias at the root: libyaml's event parser does not
     * resolve aliases, so this is "not a mapping" rather than a crash. */
    jikji_status_t st = parse(y4, &fm, &line, &msg);
    assert_int_equal(st, JIKJI_EFRONTMATTER);
    assert_int_equal(line, 2);
    jk_frontmatter_fini(&fm);
    free(msg);
}

static void
test_multiple_documents(void **state)
{
    (void)state;
    /* Only the first document is read; later ones are checked for syntax
     * errors. */
    jk_frontmatter fm;
    parse_ok("title: one\n--- \ntitle: two\n", &fm);
    assert_string_equal(fm.title, "one");
    jk_frontmatter_fini(&fm);
    const char *y = "title: one\n--- \ntitle: a: b\n";
    check_error(y, strlen(y), 2, 4, "mapping values are not allowed");
}

static void
test_complex_keys_and_anchors(void **state)
{
    (void)state;
    jk_frontmatter fm;
    parse_ok("? [complex, key]\n"
             ": value\n"
             "? {a: b}\n"
             ": {c: d}\n"
             "base: &base\n"
             "  tags: [x]\n"
             "title: &t 제목\n"
             "aliases: *t\n"
             "tags: [&k kafka, *k, retry]\n"
             "<<: *base\n",
             &fm);
    assert_string_equal(fm.title, "제목");
    /* An alias of a scalar reads as the scalar (`*k` is kafka again, a
     * duplicate); `<<: *base` is no field read, so nothing to report. */
    CHECK_LIST(&fm.aliases, "제목");
    CHECK_LIST(&fm.tags, "kafka", "retry");
    assert_int_equal(fm.alias_line, 0);
    jk_frontmatter_fini(&fm);

    /* An alias of a list is not read, and its line is reported; a later
     * anchor of the same name is the one an alias after it means; an
     * alias of no anchor (libyaml's parser lets it pass) is reported. */
    parse_ok("base: &b kafkaanchor\n"
             "title: *b\n"
             "lst: &l [x, y]\n"
             "categories: *l\n"
             "date: &d 2024-07-01\n"
             "created: *d\n"
             "b2: &b retry\n"
             "tags: [*b, other, *d]\n",
             &fm);
    assert_string_equal(fm.title, "kafkaanchor");
    assert_int_equal(fm.categories.n, 0);
    assert_int_equal(fm.alias_line, 5); /* file line: the YAML starts on 2 */
    assert_string_equal(fm.date, "2024-07-01");
    CHECK_LIST(&fm.tags, "retry", "other", "2024-07-01");
    jk_frontmatter_fini(&fm);
    parse_ok("title: *nothing\n", &fm);
    assert_null(fm.title);
    assert_int_equal(fm.alias_line, 2);
    jk_frontmatter_fini(&fm);
}

static void
test_billion_laughs(void **state)
{
    (void)state;
    /* Nine levels of ten aliases each: 10^9 "lol"s if expanded. */
    jk_buf y = JK_BUF_INIT;
    jk_buf_puts(&y, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
        jk_buf_printf(&y, "a%d: &a%d [", i, i);
        for (int j = 0; j < 10; j++)
            jk_buf_printf(&y, "%s*a%d", j ? ", " : "", i - 1);
        jk_buf_puts(&y, "]\n");
    }
    jk_buf_puts(&y, "tags: [*a9, *a9, real]\ntitle: *a9\naliases: *a9\n");

    clock_t t0 = clock();
    jk_frontmatter fm;
    for (int i = 0; i < 100; i++) {
        parse_ok(y.data, &fm);
        CHECK_LIST(&fm.tags, "real");
        assert_null(fm.title);
        assert_int_equal(fm.aliases.n, 0);
        assert_int_equal(fm.alias_line, 12); /* tags: [*a9, ...] */
        jk_frontmatter_fini(&fm);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("100 billion-laughs parses: %.3f s\n", secs);
    assert_true(secs < 5.0);
    jk_buf_fini(&y);
}

static void
test_deep_nesting(void **state)
{
    (void)state;
    /* Nesting up to the cap (64, the root mapping included) is skipped
     * with a counter, not recursion. */
    enum { DEPTH = 62 };
    jk_buf y = JK_BUF_INIT;
    jk_buf_puts(&y, "other: [");
    for (int i = 0; i < DEPTH; i++)
        jk_buf_putc(&y, '[');
    for (int i = 0; i <= DEPTH; i++)
        jk_buf_putc(&y, ']');
    jk_buf_puts(&y, "\ntags: [");
    for (int i = 0; i < DEPTH; i++)
        jk_buf_putc(&y, '[');
    jk_buf_puts(&y, "deep");
    for (int i = 0; i < DEPTH; i++)
        jk_buf_putc(&y, ']');
    jk_buf_puts(&y, ", shallow]\ntitle: 깊은 중첩\n");
    jk_frontmatter fm;
    parse_ok(y.data, &fm);
    assert_string_equal(fm.title, "깊은 중첩");
    CHECK_LIST(&fm.tags, "shallow");
    jk_frontmatter_fini(&fm);
    jk_buf_fini(&y);
}

/* Deeper than the cap is an error, found at once: libyaml spends time in
 * the depth on every token of a flow collection, and 200,000 nested `[`
 * took minutes.  Lists and mappings, in flow and block style. */
static void
test_too_deep(void **state)
{
    (void)state;
    static const char *const open[] = {"[", "{a: ", "- "};
    for (size_t k = 0; k < ARRAY_LEN(open); k++) {
        jk_buf y = JK_BUF_INIT;
        jk_buf_puts(&y, "title: t\nx: ");
        for (int i = 0; i < 200000; i++) {
            if (k == 2) /* block style: one level a line, indented */
                jk_buf_printf(&y, "\n%*s- ", i % 2000, "");
            else
                jk_buf_puts(&y, open[k]);
            if (k == 2 && i == 100)
                break; /* deep enough; indentation grows per level */
        }
        jk_frontmatter fm;
        unsigned line = 0;
        char *msg = NULL;
        assert_int_equal(parse(y.data, &fm, &line, &msg), JIKJI_EFRONTMATTER);
        assert_non_null(msg);
        assert_string_equal(msg, "front matter nested more than 64 levels deep");
        assert_true(line >= 3);
        free(msg);
        jk_buf_fini(&y);
    }
    /* the cap counts open levels, not levels seen: many shallow lists */
    jk_buf y = JK_BUF_INIT;
    jk_buf_puts(&y, "title: t\nx: [");
    for (int i = 0; i < 1000; i++)
        jk_buf_puts(&y, "[[a]], ");
    jk_buf_puts(&y, "b]\n");
    jk_frontmatter fm;
    parse_ok(y.data, &fm);
    assert_string_equal(fm.title, "t");
    jk_frontmatter_fini(&fm);
    jk_buf_fini(&y);
}

static void
test_many_items(void **state)
{
    (void)state;
    /* Lists keep at most 256 distinct items. */
    jk_buf y = JK_BUF_INIT;
    jk_buf_puts(&y, "tags: [");
    for (int i = 0; i < 20000; i++)
        jk_buf_printf(&y, "%st%d", i ? ", " : "", i % 300);
    jk_buf_puts(&y, "]\n");
    jk_frontmatter fm;
    parse_ok(y.data, &fm);
    assert_int_equal(fm.tags.n, 256);
    assert_string_equal(fm.tags.v[0], "t0");
    assert_string_equal(fm.tags.v[255], "t255");
    assert_string_equal(fm.over_key, "tags"); /* the reader warns */
    assert_int_equal(fm.over_line, 2);
    jk_frontmatter_fini(&fm);

    /* 256 fit; the 257th item of a block list is on its own line. */
    jk_buf_clear(&y);
    jk_buf_puts(&y, "title: x\nCategories:\n");
    for (int i = 0; i < 256; i++)
        jk_buf_printf(&y, "  - c%d\n", i);
    parse_ok(y.data, &fm);
    assert_int_equal(fm.categories.n, 256);
    assert_null(fm.over_key);
    assert_int_equal(fm.over_line, 0);
    jk_frontmatter_fini(&fm);
    jk_buf_puts(&y, "  - c0\n  - c999\n");
    parse_ok(y.data, &fm);
    assert_int_equal(fm.categories.n, 256);
    assert_string_equal(fm.over_key, "categories");
    assert_int_equal(fm.over_line, 2 + 2 + 256);
    jk_frontmatter_fini(&fm);

    /* A later key replaces the long list: nothing is lost any more. */
    jk_buf_puts(&y, "categories: [a]\naliases: [x]\n");
    parse_ok(y.data, &fm);
    assert_int_equal(fm.categories.n, 1);
    assert_null(fm.over_key);
    jk_frontmatter_fini(&fm);
    jk_buf_fini(&y);
}

static void
test_einval_and_fini(void **state)
{
    (void)state;
    jk_frontmatter fm;
    unsigned line = 7;
    char *msg = (char *)"x";
    assert_int_equal(jk_frontmatter_parse("a: b", 4, 2, NULL, &line, &msg),
                     JIKJI_EINVAL);
    assert_int_equal(line, 0);
    assert_null(msg);
    assert_int_equal(jk_frontmatter_parse(NULL, 4, 2, &fm, NULL, NULL),
                     JIKJI_EINVAL);
    jk_frontmatter_fini(&fm);
    jk_frontmatter_fini(NULL);
    /* fini twice is harmless: it resets the struct. */
    parse_ok("title: t\ntags: [a]\n", &fm);
    jk_frontmatter_fini(&fm);
    jk_frontmatter_fini(&fm);
    assert_null(fm.title);
}

/* Run jk_display_clean() and compare. */
static void
check_clean(const char *in, size_t len, size_t max, const char *exp)
{
    jk_buf b = JK_BUF_INIT;
    assert_int_equal(jk_display_clean(&b, in, len, max), 0);
    assert_non_null(b.data);
    assert_string_equal(b.data, exp);
    assert_int_equal(strlen(b.data), b.len);
    jk_buf_fini(&b);
}

static void
test_display_clean(void **state)
{
    (void)state;
    check_clean("", 0, 0, "");
    check_clean("  \t\n ", 5, 0, "");
    check_clean("  a  b\t\tc \r\n", 12, 0, "a b c");
    check_clean("a\0b", 3, 0, "a b");
    check_clean("a\x01\x7f" "b", 4, 0, "a b");
    check_clean("\xff" "a\xc0\xaf" "b", 5, 0, "\uFFFDa\uFFFD\uFFFDb");
    check_clean("\xed\xa0\x80", 3, 0, "\uFFFD\uFFFD\uFFFD");  /* surrogate */
    check_clean("\xea\xb0", 2, 0, "\uFFFD");                 /* truncated */
    check_clean("a\u00a0\u3000b\u2028c", strlen("a\u00a0\u3000b\u2028c"), 0,
                "a b c");
    /* Emoji with ZWJ and variation selectors are kept whole. */
    const char *fam = "\U0001F468\u200D\U0001F469\u200D\U0001F467 🎯";
    check_clean(fam, strlen(fam), 0, fam);
    /* Cut at a character boundary, with an ellipsis. */
    check_clean("가나다라", strlen("가나다라"), 7, "가나\u2026");
    check_clean("가나다라", strlen("가나다라"), 12, "가나다라");
    check_clean("ab cd", 5, 3, "ab\u2026");
    /* Appends to what is there. */
    jk_buf b = JK_BUF_INIT;
    jk_buf_puts(&b, "x:");
    assert_int_equal(jk_display_clean(&b, " y ", 3, 0), 0);
    assert_string_equal(b.data, "x:y");
    jk_buf_fini(&b);
}

/* --- Hugo's TOML front matter ------------------------------------------- */

static jikji_status_t
parse_toml(const char *toml, jk_frontmatter *fm, unsigned *line, char **msg)
{
    return jk_frontmatter_parse_toml(toml, strlen(toml), 2, fm, line, msg);
}

/* Logseq's page properties, as note.c hands them over. */
static void
test_logseq_properties(void **state)
{
    (void)state;
    const char *t = "title:: 카프카 \"재시도\" \\ 설계\n"
                    "tags:: kafka, [[Spring, Batch]], #면접, #[[정산 시스템]], , \n"
                    "alias:: 카프카 노트\n"
                    "collapsed:: true\n"
                    "date:: 2024-03-01\n"
                    "- not a property\n";
    size_t pl = jk_logseq_props_len(t, strlen(t));
    assert_int_equal(pl, strstr(t, "- not") - t);
    jk_frontmatter fm;
    unsigned line = 99;
    char *msg = NULL;
    assert_int_equal(jk_frontmatter_parse_logseq(t, pl, 1, &fm, &line, &msg),
                     JIKJI_OK);
    assert_null(msg);
    assert_string_equal(fm.title, "카프카 \"재시도\" \\ 설계");
    assert_string_equal(fm.date, "2024-03-01");
    CHECK_LIST(&fm.tags, "kafka", "Spring, Batch", "면접", "정산 시스템");
    CHECK_LIST(&fm.aliases, "카프카 노트");
    jk_frontmatter_fini(&fm);
    /* Not properties: a blank key, a single colon, no blank after `::`,
     * an indented line. */
    assert_int_equal(jk_logseq_props_len(":: x\n", 5), 0);
    assert_int_equal(jk_logseq_props_len("tags: x\n", 8), 0);
    assert_int_equal(jk_logseq_props_len("a::b\n", 5), 0);
    assert_int_equal(jk_logseq_props_len("  tags:: x\n", 11), 0);
    assert_int_equal(jk_logseq_props_len("tags::\nx\n", 9), 7);
    /* Only a block with a key Logseq or jikji knows (QA: a first line
     * `std:: vector` hid its `std::`). */
    assert_int_equal(jk_logseq_props_len("std:: vector\n", 13), 0);
    assert_int_equal(jk_logseq_props_len("status:: x\nicon:: y\nz\n", 22),
                     20);
    /* Links without commas between them, a quoted item (QA). */
    const char *u = "tags:: [[alpha]] [[beta gamma]], \"quoted tag\"\n";
    assert_int_equal(jk_frontmatter_parse_logseq(u, strlen(u), 1, &fm, NULL,
                                                 NULL), JIKJI_OK);
    CHECK_LIST(&fm.tags, "alpha", "beta gamma", "quoted tag");
    jk_frontmatter_fini(&fm);
}

/* A Hugo post: strings, a date with a time and zone, arrays, other keys
 * (booleans, numbers, an inline table) passed over. */
static void
test_toml_hugo(void **state)
{
    (void)state;
    jk_frontmatter fm;
    unsigned line = 99;
    char *msg = NULL;
    assert_int_equal(
        parse_toml("title = \"카프카 재시도 설계\"\n"
                   "date = 2024-03-01T10:00:00+09:00\n"
                   "draft = false\n"
                   "weight = 10\n"
                   "author = { name = \"kim\", url = \"https://x.dev\" }\n"
                   "tags = [\"kafka\", \"retry\"]\n"
                   "categories = ['backend']\n"
                   "aliases = [\"/old/retry/\"]\n",
                   &fm, &line, &msg),
        JIKJI_OK);
    assert_int_equal(line, 0);
    assert_null(msg);
    assert_string_equal(fm.title, "카프카 재시도 설계");
    assert_string_equal(fm.date, "2024-03-01");
    CHECK_LIST(&fm.tags, "kafka", "retry");
    CHECK_LIST(&fm.categories, "backend");
    CHECK_LIST(&fm.aliases, "/old/retry/");
    assert_int_equal(fm.not_mapping, 0);
    jk_frontmatter_fini(&fm);
}

/* Arrays over several lines (a trailing comma, comments), escapes in
 * basic strings, a literal string's backslash, quoted keys, CRLF. */
static void
test_toml_forms(void **state)
{
    (void)state;
    jk_frontmatter fm;
    assert_int_equal(
        parse_toml("# a comment\r\n"
                   "\"title\" = \"Kafka \\\"retry\\\" \\u00e9\"  # why\r\n"
                   "tags = [\r\n"
                   "  \"kafka\",  # the broker\r\n"
                   "  'C:\\dlq',\r\n"
                   "]\r\n"
                   "Date = \"2023-11-02\"\r\n",
                   &fm, NULL, NULL),
        JIKJI_OK);
    assert_string_equal(fm.title, "Kafka \"retry\" é");
    CHECK_LIST(&fm.tags, "kafka", "C:\\dlq");
    assert_string_equal(fm.date, "2023-11-02");
    jk_frontmatter_fini(&fm);

    /* Old Mac line ends (a lone CR), as the note reader splits lines. */
    assert_int_equal(parse_toml("title = \"Mac\"\rtags = [\"a\",\r\"b\"]\r",
                                &fm, NULL, NULL),
                     JIKJI_OK);
    assert_string_equal(fm.title, "Mac");
    CHECK_LIST(&fm.tags, "a", "b");
    jk_frontmatter_fini(&fm);
}

/* Left out: multi-line strings, dotted keys, arrays of tables, and the
 * keys of tables other than Zola's [taxonomies]. */
static void
test_toml_left_out(void **state)
{
    (void)state;
    jk_frontmatter fm;
    assert_int_equal(
        parse_toml("description = \"\"\"\n"
                   "title = \"not the title\"\n"
                   "\"\"\"\n"
                   "summary = '''one line'''\n"
                   "params.title = \"a param\"\n"
                   "tags = [{ name = \"x\" }]\n"
                   "title = \"The title\"\n"
                   "[params]\n"
                   "tags = [\"param-tag\"]\n"
                   "[[menu.main]]\n"
                   "title = \"menu\"\n",
                   &fm, NULL, NULL),
        JIKJI_OK);
    assert_string_equal(fm.title, "The title");
    assert_int_equal(fm.tags.n, 0);
    jk_frontmatter_fini(&fm);

    /* Zola: the tags and categories of [taxonomies], not its other keys;
     * a later table's keys are not read. */
    assert_int_equal(
        parse_toml("title = \"Zola post\"\n"
                   "date = 2024-05-06\n"
                   "[taxonomies]\n"
                   "tags = [\"rust\", \"zola\"]\n"
                   "categories = [\n  \"blog\",\n]\n"
                   "title = \"not the title\"\n"
                   "[extra]\n"
                   "tags = [\"extra-tag\"]\n",
                   &fm, NULL, NULL),
        JIKJI_OK);
    assert_string_equal(fm.title, "Zola post");
    assert_string_equal(fm.date, "2024-05-06");
    CHECK_LIST(&fm.tags, "rust", "zola");
    CHECK_LIST(&fm.categories, "blog");
    jk_frontmatter_fini(&fm);

    /* Nothing read is still front matter (not_mapping is never set). */
    assert_int_equal(parse_toml("draft = true\n", &fm, NULL, NULL), JIKJI_OK);
    assert_null(fm.title);
    assert_int_equal(fm.not_mapping, 0);
    jk_frontmatter_fini(&fm);
    assert_int_equal(parse_toml("", &fm, NULL, NULL), JIKJI_OK);
    jk_frontmatter_fini(&fm);
    assert_int_equal(jk_frontmatter_parse_toml(NULL, 1, 2, &fm, NULL, NULL),
                     JIKJI_EINVAL);
    jk_frontmatter_fini(&fm);
}

/* A value that does not read is reported at its file line (the block
 * starts at line 2), and nothing of the block is kept. */
static void
test_toml_errors(void **state)
{
    (void)state;
    jk_frontmatter fm;
    unsigned line = 0;
    char *msg = NULL;
    assert_int_equal(parse_toml("title = \"ok\"\n"
                                "draft = false\n"
                                "tags = [\"a\" \"b\"]\n",
                                &fm, &line, &msg),
                     JIKJI_EFRONTMATTER);
    assert_int_equal(line, 4);
    assert_non_null(msg);
    assert_null(fm.title);
    free(msg);
    jk_frontmatter_fini(&fm);
    /* An unclosed string or array ends with its line: the next key is
     * read. */
    assert_int_equal(parse_toml("summary = \"no end\n"
                                "title = \"Next\"\n",
                                &fm, NULL, NULL),
                     JIKJI_OK);
    assert_string_equal(fm.title, "Next");
    jk_frontmatter_fini(&fm);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_jekyll),
        cmocka_unit_test(test_obsidian),
        cmocka_unit_test(test_tags_string),
        cmocka_unit_test(test_categories_and_duplicates),
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_not_a_mapping),
        cmocka_unit_test(test_tag_comment),
        cmocka_unit_test(test_multiple_documents),
        cmocka_unit_test(test_complex_keys_and_anchors),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_too_deep),
        cmocka_unit_test(test_many_items),
        cmocka_unit_test(test_einval_and_fini),
        cmocka_unit_test(test_display_clean),
        cmocka_unit_test(test_toml_hugo),
        cmocka_unit_test(test_toml_forms),
        cmocka_unit_test(test_logseq_properties),
        cmocka_unit_test(test_toml_left_out),
        cmocka_unit_test(test_toml_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
