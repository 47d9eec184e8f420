/* test_note.c - unit tests for src/note.c through the public API
 * (jikji_note_*, jikji_section_text): front matter, sections at ATX
 * headings and <summary> lines, heading paths and title rules, exact line
 * and byte ranges, blanking of markup, line ends (LF, CRLF, lone CR), BOM,
 * invalid UTF-8 and NUL bytes, and inputs large enough to expose anything
 * worse than linear time.
 *
 * Realistic inputs are files in tests/corpus/ ($JIKJI_TEST_CORPUS); every
 * file there is also run through the invariant checks.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "jikji.h"
#include "../section_text_check.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* Warnings collected from jikji_note_parse(). */
typedef struct warnings {
    int n;
    unsigned line;
    jikji_status_t status;
    char msg[512];
    char path[512];
} warnings;

static void
on_warning(void *ud, const char *path, unsigned line, jikji_status_t status,
           const char *msg)
{
    warnings *w = ud;
    w->n++;
    w->line = line;
    w->status = status;
    snprintf(w->msg, sizeof w->msg, "%s", msg ? msg : "(null)");
    snprintf(w->path, sizeof w->path, "%s", path ? path : "(null)");
}

/* The corpus directory: $JIKJI_TEST_CORPUS (set by ctest), else found
 * next to this source file. */
static const char *
corpus_dir(void)
{
    static char dir[4096];
    const char *d = getenv("JIKJI_TEST_CORPUS");
    if (d && *d)
        return d;
    const char *slash = strrchr(__FILE__, '/');
    size_t n = slash ? (size_t)(slash - __FILE__) : 0;
    if (n + sizeof "/../corpus" > sizeof dir)
        return "tests/corpus";
    memcpy(dir, __FILE__, n);
    memcpy(dir + n, "/../corpus", sizeof "/../corpus");
    return slash ? dir : "../corpus";
}

/* Read a whole file (NUL-terminated); *len gets its size.  Fails the
 * test if unreadable. */
static char *
read_path(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        print_message("cannot open %s\n", path);
    assert_non_null(f);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
        assert_non_null(buf);
    }
    fclose(f);
    buf[n] = '\0';   /* n < cap; for strstr() only, the parser gets len */
    *len = n;
    return buf;
}

/* Read tests/corpus/<name>. */
static char *
read_corpus(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), name);
    return read_path(path, len);
}

/* Parse text that must parse; warnings go to *w (may be NULL). */
static jikji_note_t *
parse(const char *text, size_t len, const char *path, warnings *w)
{
    jikji_note_t *note = NULL;
    if (w)
        memset(w, 0, sizeof *w);
    jikji_status_t st = jikji_note_parse(text, len, path,
                                         w ? on_warning : NULL, w, &note);
    assert_int_equal(st, JIKJI_OK);
    assert_non_null(note);
    return note;
}

/* Parse a NUL-terminated string. */
static jikji_note_t *
parse_str(const char *text, const char *path, warnings *w)
{
    return parse(text, strlen(text), path, w);
}

/* Byte offset where 1-based line `line` starts (LF, CRLF and lone CR end
 * lines), or len when the text has fewer lines.  Written independently
 * of note.c on purpose. */
static size_t
line_offset(const char *t, size_t len, unsigned line)
{
    size_t i = 0;
    for (unsigned l = 1; l < line; l++) {
        i += jikji_line_len(t + i, len - i);
        if (i >= len)
            return len;
        if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
            i++;
        i++;
    }
    return i;
}

/* Number of lines in the text. */
static unsigned
count_lines(const char *t, size_t len)
{
    unsigned n = 0;
    size_t i = 0;
    while (i < len) {
        n++;
        i += jikji_line_len(t + i, len - i);
        if (i < len && t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
            i++;
        if (i < len)
            i++;
    }
    return n;
}

/* Whether s is valid UTF-8 without control characters and without
 * leading, trailing or doubled spaces: fit for display. */
static int
display_clean(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    if (n > 0 && (u[0] == ' ' || u[n - 1] == ' '))
        return 0;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t k;
        if (c < 0x20 || c == 0x7F)
            return 0;
        if (c == ' ' && i + 1 < n && u[i + 1] == ' ')
            return 0;
        if (c < 0x80)
            k = 1;
        else if (c >= 0xC2 && c < 0xE0)
            k = 2;
        else if (c >= 0xE0 && c < 0xF0)
            k = 3;
        else if (c >= 0xF0 && c < 0xF5)
            k = 4;
        else
            return 0;
        if (i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((u[i + j] & 0xC0) != 0x80)
                return 0;
        if (c == 0xC2 && u[i + 1] < 0xA0)
            return 0;   /* C1 control */
        i += k;
    }
    return 1;
}

/* Check everything that must hold for any note parsed from any text:
 * ordered, non-overlapping sections whose byte ranges cover exactly their
 * lines, heading paths that start with the title, clean display strings,
 * section_at() and section_text() agreeing with the ranges. */
static void
check_invariants(const jikji_note_t *note, const char *t, size_t len)
{
    const char *title = jikji_note_title(note);
    unsigned nlines = count_lines(t, len);
    int bom = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3);
    size_t nsec = jikji_note_section_count(note);

    assert_non_null(title);
    assert_true(title[0] != '\0');
    assert_true(display_clean(title));
    const char *date = jikji_note_date(note);
    assert_true(date[0] == '\0' || strlen(date) == 10);
    const char *const *v;
    size_t k = jikji_note_tags(note, &v);
    for (size_t i = 0; i < k; i++)
        assert_true(v[i][0] && display_clean(v[i]));
    assert_null(v[k]);

    for (size_t i = 0; i < nsec; i++) {
        const jikji_section_t *s = jikji_note_section(note, i);
        assert_non_null(s);
        assert_true(s->line >= 1);
        assert_true(s->line <= s->end_line);
        assert_true(s->end_line <= nlines);
        assert_true(s->end <= len);
        if (s->start == s->end) {
            /* A note of front matter alone: one empty section on the
             * closing delimiter's line. */
            assert_int_equal(nsec, 1);
            assert_int_equal(s->level, 0);
            assert_int_equal(s->line, s->end_line);
            assert_true(!strncmp(t + (bom ? 3 : 0), "---", 3));
            assert_int_equal(s->start, line_offset(t, len, s->line + 1));
            continue;
        }
        assert_true(s->start < s->end);
        size_t want = line_offset(t, len, s->line);
        if (bom && s->line == 1)
            want = 3;
        assert_int_equal(s->start, want);
        assert_int_equal(s->end, line_offset(t, len, s->end_line + 1));
        if (i > 0) {
            const jikji_section_t *p = jikji_note_section(note, i - 1);
            assert_true(p->end_line < s->line);
            assert_true(p->end <= s->start);
        }
        assert_true(s->level <= 7);
        assert_true(s->nheadings >= 1);
        assert_ptr_equal(s->headings[0], title);
        for (size_t j = 0; j < s->nheadings; j++)
            assert_true(display_clean(s->headings[j]));
        assert_true(display_clean(s->heading));
        if (s->level == 0) {
            assert_string_equal(s->heading, "");
            assert_int_equal(s->nheadings, 1);
        } else {
            assert_string_equal(s->headings[s->nheadings - 1], s->heading);
        }
        assert_ptr_equal(jikji_note_section_at(note, s->line), s);
        assert_ptr_equal(jikji_note_section_at(note, s->end_line), s);

        char *out = NULL;
        assert_int_equal(jikji_section_text(s, t, len, &out), JIKJI_OK);
        assert_non_null(out);
        assert_int_equal(out[s->end - s->start], '\0');
        size_t n = s->end - s->start;
        assert_int_equal(section_text_violation(t + s->start, out, n), n);
        jikji_free(out);
    }
    assert_null(jikji_note_section(note, nsec));
    assert_null(jikji_note_section_at(note, 0));
    assert_null(jikji_note_section_at(note, nlines + 1));
}

/* Assert section i: lines, level, own heading and the heading path
 * (NULL-terminated list of strings, title first). */
static void
check_section(const jikji_note_t *note, size_t i, unsigned line,
              unsigned end_line, unsigned level, const char *heading, ...)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    if (!s)
        print_message("section %zu missing (count %zu)\n", i,
                      jikji_note_section_count(note));
    assert_non_null(s);
    if (s->line != line || s->end_line != end_line || s->level != level ||
        strcmp(s->heading, heading) != 0)
        print_message("section %zu: expected L%u-%u lv%u \"%s\", got "
                      "L%u-%u lv%u \"%s\"\n", i, line, end_line, level,
                      heading, s->line, s->end_line, s->level, s->heading);
    assert_int_equal(s->line, line);
    assert_int_equal(s->end_line, end_line);
    assert_int_equal(s->level, level);
    assert_string_equal(s->heading, heading);

    va_list ap;
    size_t n = 0;
    va_start(ap, heading);
    for (const char *h; (h = va_arg(ap, const char *)) != NULL; n++) {
        if (n >= s->nheadings || strcmp(s->headings[n], h) != 0) {
            print_message("section %zu: path element %zu: expected \"%s\", "
                          "got \"%s\"\n", i, n, h,
                          n < s->nheadings ? s->headings[n] : "(none)");
            fail();
        }
    }
    va_end(ap);
    if (n != s->nheadings)
        print_message("section %zu: expected %zu path elements, got %zu\n", i,
                      n, s->nheadings);
    assert_int_equal(s->nheadings, n);
}

/* Assert that the byte range of section i starts with `prefix`. */
static void
check_starts_with(const jikji_note_t *note, size_t i, const char *t,
                  const char *prefix)
{
    const jikji_section_t *s = jikji_note_section(note, i);
    assert_non_null(s);
    assert_true(s->end - s->start >= strlen(prefix));
    if (memcmp(t + s->start, prefix, strlen(prefix)) != 0) {
        print_message("section %zu starts with \"%.*s\", expected \"%s\"\n",
                      i, (int)strlen(prefix), t + s->start, prefix);
        fail();
    }
}

/* Assert the list returned by a getter. */
static void
check_strings(size_t n, const char *const *got, const char *const *exp,
              size_t nexp)
{
    assert_non_null(got);
    if (n != nexp)
        print_message("expected %zu strings, got %zu\n", nexp, n);
    assert_int_equal(n, nexp);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(got[i], exp[i]);
    assert_null(got[n]);
}

/* Check a list getter's result against the expected strings. */
#define CHECK_LIST(getter, note, ...)                                       \
    do {                                                                    \
        const char *const exp_[] = {__VA_ARGS__};                           \
        const char *const *got_;                                            \
        size_t n_ = getter((note), &got_);                                  \
        check_strings(n_, got_, exp_, ARRAY_LEN(exp_));                     \
    } while (0)
#define CHECK_TAGS(note, ...) CHECK_LIST(jikji_note_tags, note, __VA_ARGS__)
#define CHECK_INLINE_TAGS(note, ...)                                        \
    CHECK_LIST(jikji_note_inline_tags, note, __VA_ARGS__)
#define CHECK_CATEGORIES(note, ...)                                         \
    CHECK_LIST(jikji_note_categories, note, __VA_ARGS__)
#define CHECK_ALIASES(note, ...)                                            \
    CHECK_LIST(jikji_note_aliases, note, __VA_ARGS__)

/* The section text of section i; free with jikji_free(). */
static char *
section_text(const jikji_note_t *note, size_t i, const char *t, size_t len)
{
    char *out = NULL;
    const jikji_section_t *s = jikji_note_section(note, i);
    assert_non_null(s);
    assert_int_equal(jikji_section_text(s, t, len, &out), JIKJI_OK);
    return out;
}

/* Assert that the section text `out` of section `s` shows the original
 * line `orig` (found in the file text t) as `blanked`. */
static void
check_blanked(const jikji_section_t *s, const char *t, const char *out,
              const char *orig, const char *blanked)
{
    size_t n = strlen(orig);
    assert_int_equal(strlen(blanked), n);
    const char *hit = NULL;
    for (size_t i = s->start; i + n <= s->end; i++)
        if (!memcmp(t + i, orig, n)) {
            hit = t + i;
            break;
        }
    if (!hit)
        print_message("\"%s\" not in the section\n", orig);
    assert_non_null(hit);
    const char *got = out + (hit - (t + s->start));
    if (memcmp(got, blanked, n) != 0) {
        print_message("blanking \"%s\"\n  expected \"%s\"\n"
                      "  got      \"%.*s\"\n", orig, blanked, (int)n, got);
        fail();
    }
}

/* Seconds of CPU time since t0. */
static double
since(clock_t t0)
{
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* ------------------------------------------------------------------ */
/* Corpus notes                                                        */

static void
test_no_frontmatter(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("no-frontmatter.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "notes/no-frontmatter.md", &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);

    const char *T = "카카오 서버 개발자 1차 면접";
    assert_string_equal(jikji_note_title(note), T);
    assert_string_equal(jikji_note_date(note), "");
    const char *const *v = NULL;
    assert_int_equal(jikji_note_tags(note, &v), 0);
    assert_non_null(v);
    assert_null(v[0]);
    assert_int_equal(jikji_note_section_count(note), 6);
    /* The h1 equals the title: not repeated in the path. */
    check_section(note, 0, 1, 3, 1, T, T, NULL);
    check_section(note, 1, 5, 7, 2, "자기소개", T, "자기소개", NULL);
    check_section(note, 2, 9, 9, 2, "기술 질문", T, "기술 질문", NULL);
    check_section(note, 3, 11, 14, 3, "Q1. 트랜잭션 격리 수준을 설명해 주세요",
                  T, "기술 질문", "Q1. 트랜잭션 격리 수준을 설명해 주세요",
                  NULL);
    check_section(note, 4, 16, 23, 3, "Q2. 인덱스가 안 타는 경우는?", T,
                  "기술 질문", "Q2. 인덱스가 안 타는 경우는?", NULL);
    check_section(note, 5, 25, 27, 2, "마무리", T, "마무리", NULL);
    check_starts_with(note, 0, t, "# 카카오 서버 개발자 1차 면접\n");
    check_starts_with(note, 3, t, "### Q1. 트랜잭션");
    check_starts_with(note, 5, t, "## 마무리 ##\n");
    /* Exact byte ranges: section 2 is the single line "## 기술 질문\n". */
    const jikji_section_t *s = jikji_note_section(note, 2);
    assert_int_equal(s->end - s->start, strlen("## 기술 질문\n"));
    assert_int_equal(s->start, line_offset(t, len, 9));
    assert_int_equal(jikji_note_section(note, 5)->end, len);

    /* The section text blanks markup in place. */
    char *out = section_text(note, 1, t, len);
    check_blanked(jikji_note_section(note, 1), t, out, "## 자기소개",
                  "   자기소개");
    check_blanked(jikji_note_section(note, 1), t, out,
                  "**Spring Boot**와 `Kotlin`으로",
                  "  Spring Boot와    Kotlin으로 ");
    jikji_free(out);
    s = jikji_note_section(note, 3);
    out = section_text(note, 3, t, len);
    check_blanked(s, t, out, "> READ COMMITTED", "  READ COMMITTED");
    /* The particle after the link joins its text (reader 3). */
    check_blanked(s, t, out,
                  "[MySQL 문서](https://dev.mysql.com/doc/refman/8.0/en/"
                  "innodb-transaction-isolation-levels.html)를",
                  " MySQL 문서를"
                  "                                        "
                  "                                        "
                  "   ");
    check_blanked(s, t, out, "> > 면접관", "    면접관");
    assert_null(strstr(out, "https"));
    jikji_free(out);
    s = jikji_note_section(note, 4);
    out = section_text(note, 4, t, len);
    check_blanked(s, t, out, "1. 함수로", "   함수로");
    check_blanked(s, t, out, "2. 앞에 `%`가", "   앞에  %가 ");
    check_blanked(s, t, out, "- [ ] 복합", "      복합");
    check_blanked(s, t, out, "<!-- 면접 끝나고 추가한 메모 -->",
                  "                                          ");
    check_blanked(s, t, out,
                  "[[mysql-index|MySQL 인덱스 정리]] #면접 #mysql",
                  "              MySQL 인덱스 정리    면접  mysql");
    jikji_free(out);
    s = jikji_note_section(note, 5);
    out = section_text(note, 5, t, len);
    check_blanked(s, t, out, "## 마무리 ##", "   마무리   ");
    check_blanked(s, t, out, "![화이트보드 사진](board.png)",
                  "  화이트보드 사진            ");
    jikji_free(out);

    jikji_note_free(note);
    free(t);
}

static void
test_jekyll(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("jekyll.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "jekyll.md", &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);

    const char *T = "쿠팡 백엔드 2차 면접 후기";
    assert_string_equal(jikji_note_title(note), T);
    assert_string_equal(jikji_note_date(note), "2024-07-20");
    CHECK_TAGS(note, "kafka", "retry");
    CHECK_CATEGORIES(note, "면접후기", "백엔드");
    const char *const *v;
    assert_int_equal(jikji_note_aliases(note, &v), 0);

    assert_int_equal(jikji_note_section_count(note), 4);
    /* Text before the first heading: level 0, heading "". */
    check_section(note, 0, 9, 9, 0, "", T, NULL);
    check_starts_with(note, 0, t, "쿠팡 풀필먼트");
    check_section(note, 1, 11, 11, 2, "기술 질문", T, "기술 질문", NULL);
    check_section(note, 2, 13, 15, 3, "1번 질문", T, "기술 질문", "1번 질문",
                  NULL);
    check_section(note, 3, 17, 19, 4, "🎯 1차 꼬리 질문", T, "기술 질문",
                  "1번 질문", "🎯 1차 꼬리 질문", NULL);
    /* Front matter lines belong to no section. */
    for (unsigned l = 1; l <= 8; l++)
        assert_null(jikji_note_section_at(note, l));
    jikji_note_free(note);
    free(t);
}

static void
test_obsidian(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("obsidian.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "vault/obsidian.md", &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);

    const char *T = "토스 2차 면접 (서버)";
    assert_string_equal(jikji_note_title(note), T);
    assert_string_equal(jikji_note_date(note), "2024-11-02");   /* created */
    CHECK_TAGS(note, "interview", "kafka", "2024");
    CHECK_ALIASES(note, "토스 2차", "Toss round 2");
    const char *const *v;
    assert_int_equal(jikji_note_categories(note, &v), 0);
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 15, 17, 1, T, T, NULL);
    check_section(note, 1, 19, 21, 2, "🎯 1차 꼬리 질문", T,
                  "🎯 1차 꼬리 질문", NULL);
    char *out = section_text(note, 0, t, len);
    check_blanked(jikji_note_section(note, 0), t, out,
                  "관련: [[toss-1st|토스 1차]], [[kafka-retry]] #면접 #toss",
                  "관련:            토스 1차  ,   kafka-retry    면접  toss");
    jikji_free(out);
    jikji_note_free(note);
    free(t);
}

static void
test_broken_yaml(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("broken-yaml.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "corpus/broken-yaml.md", &w);
    /* One warning, on the file line of `title: a: b`, with libyaml's text
     * and the path as given. */
    assert_int_equal(w.n, 1);
    assert_int_equal(w.status, JIKJI_EFRONTMATTER);
    assert_int_equal(w.line, 3);
    assert_non_null(strstr(w.msg, "mapping values are not allowed"));
    assert_string_equal(w.path, "corpus/broken-yaml.md");
    check_invariants(note, t, len);

    /* No field is trusted from broken YAML: the title falls back to the
     * file name, and the body after the closing `---` is sectioned. */
    assert_string_equal(jikji_note_title(note), "broken-yaml");
    assert_string_equal(jikji_note_date(note), "");
    const char *const *v;
    assert_int_equal(jikji_note_tags(note, &v), 0);
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 0, 7, 7, 0, "", "broken-yaml", NULL);
    check_section(note, 1, 9, 11, 2, "역색인은 어떻게 동작하나요?",
                  "broken-yaml", "역색인은 어떻게 동작하나요?", NULL);
    check_section(note, 2, 13, 15, 2, "n-gram과 형태소 분석의 차이",
                  "broken-yaml", "n-gram과 형태소 분석의 차이", NULL);
    for (unsigned l = 1; l <= 6; l++)
        assert_null(jikji_note_section_at(note, l));
    jikji_note_free(note);

    /* Without a callback the parse still succeeds. */
    note = parse(t, len, NULL, NULL);
    assert_string_equal(jikji_note_title(note), "untitled");
    assert_int_equal(jikji_note_section_count(note), 3);
    jikji_note_free(note);
    free(t);
}

static void
test_not_mapping(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("not-mapping.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "not-mapping.md", &w);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.status, JIKJI_EFRONTMATTER);
    assert_int_equal(w.line, 2);
    assert_non_null(strstr(w.msg, "not a mapping"));
    assert_non_null(strstr(w.msg, "read as text"));
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note), "not-mapping");
    /* No keys: not front matter but the note's text (a list between two
     * rules), its own section. */
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 1, 4, 0, "", "not-mapping", NULL);
    check_section(note, 1, 6, 8, 2, "리트라이 토픽을 왜 나눴나요?",
                  "not-mapping", "리트라이 토픽을 왜 나눴나요?", NULL);
    jikji_note_free(note);
    free(t);
}

static void
test_unterminated(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("unterminated.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "unterminated.md", &w);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.status, JIKJI_EFRONTMATTER);
    assert_int_equal(w.line, 1);
    check_invariants(note, t, len);
    /* The whole file is body text: the `---` line starts section 0. */
    assert_string_equal(jikji_note_title(note), "unterminated");
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 1, 3, 0, "", "unterminated", NULL);
    check_starts_with(note, 0, t, "---\ntitle:");
    check_section(note, 1, 5, 7, 2, "그래도 검색되어야 하는 질문",
                  "unterminated", "그래도 검색되어야 하는 질문", NULL);
    jikji_note_free(note);

    /* `---` alone, and `---` then EOF. */
    note = parse_str("---", "x.md", &w);
    assert_int_equal(w.n, 1);
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 1, 1, 0, "", "x", NULL);
    jikji_note_free(note);
    free(t);
}

static void
test_frontmatter_delimiters(void **state)
{
    (void)state;
    warnings w;
    /* `...` closes too; trailing blanks on the delimiters are allowed. */
    jikji_note_t *note = parse_str("---  \ntitle: 점 세 개\n...\t\n본문\n",
                                   NULL, &w);
    assert_int_equal(w.n, 0);
    assert_string_equal(jikji_note_title(note), "점 세 개");
    check_section(note, 0, 4, 4, 0, "", "점 세 개", NULL);
    jikji_note_free(note);

    /* Empty front matter. */
    note = parse_str("---\n---\n## 질문\n", NULL, &w);
    assert_int_equal(w.n, 0);
    check_section(note, 0, 3, 3, 2, "질문", "untitled", "질문", NULL);
    jikji_note_free(note);

    /* Front matter only: one empty section on the closing line, so that
     * the title and tags can be found. */
    const char *fm_only = "---\ntitle: 제목만\ntags: [a]\n---\n\n  \n";
    note = parse_str(fm_only, NULL, &w);
    assert_int_equal(w.n, 0);
    assert_string_equal(jikji_note_title(note), "제목만");
    CHECK_TAGS(note, "a");
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 4, 4, 0, "", "제목만", NULL);
    assert_int_equal(jikji_note_section(note, 0)->start, strlen(fm_only) - 4);
    assert_int_equal(jikji_note_section(note, 0)->end, strlen(fm_only) - 4);
    check_invariants(note, fm_only, strlen(fm_only));
    char *text = section_text(note, 0, fm_only, strlen(fm_only));
    assert_string_equal(text, "");
    jikji_free(text);
    assert_null(jikji_note_section_at(note, 1));
    assert_ptr_equal(jikji_note_section_at(note, 4), jikji_note_section(note, 0));
    assert_null(jikji_note_section_at(note, 7));
    jikji_note_free(note);
    /* ... also at the very end of the file. */
    note = parse_str("---\ntags: [a]\n---", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 3, 3, 0, "", "untitled", NULL);
    jikji_note_free(note);
    /* An empty file, or blank lines, has none. */
    note = parse_str("\n \n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 0);
    jikji_note_free(note);

    /* Not front matter: `---` not on the first line, `----`, `--- x`. */
    static const char *const not_fm[] = {
        "\n---\ntitle: x\n---\n", "----\ntitle: x\n----\n",
        "--- x\ntitle: x\n---\n", " ---\ntitle: x\n---\n"};
    for (size_t i = 0; i < ARRAY_LEN(not_fm); i++) {
        note = parse_str(not_fm[i], "plain.md", &w);
        assert_int_equal(w.n, 0);
        assert_string_equal(jikji_note_title(note), "plain");
        assert_true(jikji_note_section_count(note) >= 1);
        check_invariants(note, not_fm[i], strlen(not_fm[i]));
        jikji_note_free(note);
    }
}

static void
test_bom(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("bom.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "bom.md", &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note), "BOM이 붙은 노트");
    assert_string_equal(jikji_note_date(note), "2024-07-20");
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 5, 7, 1, "BOM이 붙은 노트", "BOM이 붙은 노트", NULL);
    jikji_note_free(note);
    free(t);

    /* A BOM before a heading on line 1: the section starts after it. */
    const char *b = "\xEF\xBB\xBF# 첫 줄 제목\n본문\n";
    note = parse_str(b, NULL, &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, b, strlen(b));
    assert_string_equal(jikji_note_title(note), "첫 줄 제목");
    const jikji_section_t *s = jikji_note_section(note, 0);
    assert_int_equal(s->line, 1);
    assert_int_equal(s->start, 3);
    assert_int_equal(s->end, strlen(b));
    jikji_note_free(note);

    /* A BOM alone. */
    note = parse_str("\xEF\xBB\xBF", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 0);
    jikji_note_free(note);
}

/* The crlf.md/lone-cr.md layout, with `nl` the line break. */
static void
check_line_ends(const char *name, const char *nl, const char *title,
                const char *tag2)
{
    size_t len;
    char *t = read_corpus(name, &len);
    warnings w;
    jikji_note_t *note = parse(t, len, name, &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note), title);
    assert_string_equal(jikji_note_date(note), "2024-07-20");
    CHECK_TAGS(note, "windows", tag2);
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 7, 9, 2, "첫 질문: 왜 이직하나요?", title,
                  "첫 질문: 왜 이직하나요?", NULL);
    check_section(note, 1, 11, 13, 2, "두 번째 질문", title, "두 번째 질문",
                  NULL);

    /* Exact ranges: from the heading line to the end of the last
     * non-blank line, line break included. */
    size_t nll = strlen(nl);
    const jikji_section_t *s = jikji_note_section(note, 0);
    const char *h = strstr(t, "## 첫 질문");
    assert_non_null(h);
    assert_int_equal(s->start, (size_t)(h - t));
    const char *last = strstr(t, "> 윈도우 메모장에서 저장한 파일입니다.");
    assert_non_null(last);
    assert_int_equal(s->end, (size_t)(last - t) +
                                 strlen("> 윈도우 메모장에서 저장한 파일입니다.") +
                                 nll);
    assert_memory_equal(t + s->end - nll, nl, nll);
    s = jikji_note_section(note, 1);
    assert_int_equal(s->end, len);

    /* Line breaks survive in the section text; markup is blanked. */
    char *out = section_text(note, 0, t, len);
    size_t n = strlen("## 첫 질문: 왜 이직하나요?");
    assert_memory_equal(out, "   첫 질문: 왜 이직하나요?", n);
    assert_memory_equal(out + n, nl, nll);
    assert_memory_equal(out + n + nll, nl, nll);   /* the blank line */
    assert_memory_equal(out + n + 2 * nll, "  윈도우", strlen("  윈도우"));
    jikji_free(out);
    jikji_note_free(note);
    free(t);
}

static void
test_crlf(void **state)
{
    (void)state;
    check_line_ends("crlf.md", "\r\n", "CRLF로 저장된 노트", "crlf");
}

static void
test_lone_cr(void **state)
{
    (void)state;
    check_line_ends("lone-cr.md", "\r", "CR로 저장된 노트", "classic-mac");
}

static void
test_mixed_line_ends(void **state)
{
    (void)state;
    /* LF, CRLF and CR in one file; a CR LF pair is one line end, LF CR
     * is two in an old Mac note (no LF after the CR)... */
    const char *t = "# 섞인 줄바꿈\r\n\r\n## 둘\r본문\r\r## 셋\r\r끝";
    warnings w;
    jikji_note_t *note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 0, 1, 1, 1, "섞인 줄바꿈", "섞인 줄바꿈", NULL);
    check_section(note, 1, 3, 4, 2, "둘", "섞인 줄바꿈", "둘", NULL);
    check_section(note, 2, 6, 8, 2, "셋", "섞인 줄바꿈", "셋", NULL);
    jikji_note_free(note);
    /* ...and a CR pasted among LF lines is text, as vim counts lines
     * (QA: it moved every later line number one down). */
    t = "# 붙여넣기\n\n## 하나\n\npasted\rtext\n\n## 둘\n\n끝\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 1, 3, 5, 2, "하나", "붙여넣기", "하나", NULL);
    check_section(note, 2, 7, 9, 2, "둘", "붙여넣기", "둘", NULL);
    jikji_note_free(note);
}

/* ------------------------------------------------------------------ */
/* Sectioning                                                          */

static void
test_code_fences(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("code-fence.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "code-fence.md", &w);
    check_invariants(note, t, len);
    const char *T = "셸 스크립트 면접 메모";
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 0, 1, 3, 1, T, T, NULL);
    check_section(note, 1, 5, 18, 2, "로그 로테이션은 어떻게 하나요?", T,
                  "로그 로테이션은 어떻게 하나요?", NULL);
    check_section(note, 2, 20, 32, 2, "다음 질문", T, "다음 질문", NULL);

    /* Fence lines are blanked; code is kept as written. */
    const jikji_section_t *s = jikji_note_section(note, 1);
    char *out = section_text(note, 1, t, len);
    check_blanked(s, t, out, "```bash\n", "       \n");
    check_blanked(s, t, out, "# logrotate 설정 확인", "# logrotate 설정 확인");
    check_blanked(s, t, out, "## 주석도 헤딩이 아니다", "## 주석도 헤딩이 아니다");
    check_blanked(s, t, out, "~~~~python\n", "          \n");
    check_blanked(s, t, out, "```\n# still code", "```\n# still code");
    jikji_free(out);
    s = jikji_note_section(note, 2);
    out = section_text(note, 2, t, len);
    check_blanked(s, t, out, "> ```\n> # 인용 안의 코드\n> ```\n",
                  "     \n  # 인용 안의 코드\n     \n");
    check_blanked(s, t, out, "```\n# nested example\n```\n````\n",
                  "```\n# nested example\n```\n    \n");
    jikji_free(out);
    jikji_note_free(note);
    free(t);
}

static void
test_fence_edge_cases(void **state)
{
    (void)state;
    warnings w;
    jikji_note_t *note;

    /* An unclosed fence runs to the end of the file (CommonMark). */
    note = parse_str("## 앞\n```\n## 코드 안\n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 1, 3, 2, "앞", "untitled", "앞", NULL);
    jikji_note_free(note);

    /* A fence inside a blockquote ends with the blockquote. */
    note = parse_str("## 앞\n> ```\n> code\n\n## 뒤\n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 1, 5, 5, 2, "뒤", "untitled", "뒤", NULL);
    jikji_note_free(note);

    /* Four spaces of indentation: not a fence. */
    note = parse_str("## 앞\n    ```\n## 뒤\n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 2);
    jikji_note_free(note);

    /* A backtick fence's info string cannot contain a backtick. */
    note = parse_str("## 앞\n``` a`b\n## 뒤\n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 2);
    jikji_note_free(note);

    /* A shorter or different closing run does not close; a longer one
     * with trailing blanks does; up to 3 spaces of indentation. */
    note = parse_str("````\n```\n~~~~\n## 안\n   `````  \n## 밖\n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 1, 5, 0, "", "untitled", NULL);
    check_section(note, 1, 6, 6, 2, "밖", "untitled", "밖", NULL);
    jikji_note_free(note);

    /* A multi-line HTML comment at the start of a line hides headings. */
    note = parse_str("## 앞\n<!--\n## 숨김\n-->\n## 뒤\n", NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 1, 4, 2, "앞", "untitled", "앞", NULL);
    jikji_note_free(note);
}

static void
test_details(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("details.md", &len);
    warnings w;
    jikji_note_t *note = parse(t, len, "details.md", &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);
    const char *T = "라인 백엔드 면접 Q&A 모음";
    const char *Q1 = "1번 질문: HTTP keep-alive를 왜 쓰나요?";
    const char *Q2 = "2번 질문: Redis 캐시 스탬피드";
    const char *PREP = "면접준비 메모";
    assert_string_equal(jikji_note_title(note), T);
    assert_int_equal(jikji_note_section_count(note), 9);
    check_section(note, 0, 6, 8, 1, T, T, NULL);
    check_section(note, 1, 10, 12, 2, Q1, T, Q1, NULL);
    /* A <summary> is a level-7 child of the current heading; its section
     * runs to the </details> line. */
    check_section(note, 2, 13, 17, 7, "모범 답안", T, Q1, "모범 답안", NULL);
    check_starts_with(note, 2, t, "<summary>모범 답안</summary>\n");
    /* Text after </details> continues under the parent's path. */
    check_section(note, 3, 19, 19, 2, Q1, T, Q1, NULL);
    check_starts_with(note, 3, t, "면접관 반응");
    check_section(note, 4, 21, 21, 2, Q2, T, Q2, NULL);
    check_section(note, 5, 23, 28, 7, PREP, T, Q2, PREP, NULL);
    /* Nested <details>: the inner summary is a child of the outer one. */
    check_section(note, 6, 29, 33, 7, "더 깊게: PER 알고리즘", T, Q2, PREP,
                  "더 깊게: PER 알고리즘", NULL);
    check_section(note, 7, 35, 37, 7, PREP, T, Q2, PREP, NULL);
    check_section(note, 8, 40, 43, 7, "3번 질문: 왜 SCAN을 쓰나요?", T, Q2,
                  "3번 질문: 왜 SCAN을 쓰나요?", NULL);
    /* Blank lines and the tag-only line between sections: in no section
     * of their own, so section_at() gives the one before. */
    assert_ptr_equal(jikji_note_section_at(note, 39),
                     jikji_note_section(note, 7));

    /* Tags are blanked; the summary text stays searchable. */
    const jikji_section_t *s = jikji_note_section(note, 5);
    char *out = section_text(note, 5, t, len);
    check_blanked(s, t, out, "<details><summary><b>면접준비</b> 메모</summary>",
                  "                     면접준비     메모          ");
    jikji_free(out);
    jikji_note_free(note);
    free(t);
}

static void
test_details_edge_cases(void **state)
{
    (void)state;
    warnings w;
    jikji_note_t *note;
    const char *t;

    /* All on one line, then text: a summary section of one line and a
     * continuation. */
    t = "## 질문\n<details><summary>답</summary>짧은 답</details>\n뒤 문단\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 1, 2, 2, 7, "답", "untitled", "질문", "답", NULL);
    check_section(note, 2, 3, 3, 2, "질문", "untitled", "질문", NULL);
    jikji_note_free(note);

    /* </details> and the next <details><summary> on one line: the line
     * starts the next summary section, with no continuation between. */
    t = "# T\n<details><summary>Q1</summary>\n답1\n</details><details>"
        "<summary>Q2</summary>\n답2\n</details>\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 1, 2, 3, 7, "Q1", "T", "Q1", NULL);
    check_section(note, 2, 4, 6, 7, "Q2", "T", "Q2", NULL);
    jikji_note_free(note);

    /* Only blank or tag-only lines after </details>: no continuation. */
    t = "## 질문\n<details>\n<summary>답</summary>\n내용\n</details>\n\n"
        "<br>\n<div align=\"center\"></div>\n## 다음\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 1, 3, 5, 7, "답", "untitled", "질문", "답", NULL);
    check_section(note, 2, 9, 9, 2, "다음", "untitled", "다음", NULL);
    jikji_note_free(note);

    /* A heading inside <details> ends the summary; </details> then has no
     * summary to close, so no continuation. */
    t = "## 질문\n<details><summary>답</summary>\n\n### 세부\n내용\n</details>\n"
        "뒤\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 3);
    check_section(note, 2, 4, 7, 3, "세부", "untitled", "질문", "세부", NULL);
    jikji_note_free(note);

    /* Not summaries: in a code span, in a comment, in a fence, without a
     * closing tag on the line, a different tag name. */
    t = "## 질문\n`<summary>코드</summary>` 예시\n"
        "<!-- <summary>주석</summary> -->\n"
        "```\n<summary>펜스</summary>\n```\n"
        "<summary>닫는 태그 없음\n</summary>\n"
        "<summaryx>아님</summaryx>\n<SUMMARY>대문자</SUMMARY>\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 1, 9, 2, "질문", "untitled", "질문", NULL);
    check_section(note, 1, 10, 10, 7, "대문자", "untitled", "질문", "대문자",
                  NULL);
    jikji_note_free(note);

    /* A summary before any heading, and deep nesting beyond the tracked
     * depth: paths stay bounded. */
    jikji_note_t *deep;
    char buf[8192];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n,
                              "<details><summary>S%d</summary>\n본문\n", i);
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "</details>\n뒤%d\n", i);
    deep = parse(buf, n, NULL, &w);
    check_invariants(deep, buf, n);
    for (size_t i = 0; i < jikji_note_section_count(deep); i++)
        assert_true(jikji_note_section(deep, i)->nheadings <= 1 + 6 + 8);
    check_section(deep, 0, 1, 2, 7, "S0", "untitled", "S0", NULL);
    jikji_note_free(deep);
}

static void
test_title_rules(void **state)
{
    (void)state;
    warnings w;
    jikji_note_t *note;

    /* Front matter title different from the h1: the h1 stays in paths. */
    note = parse_str("---\ntitle: 메모\n---\n# 다른 제목\n## 질문\n", NULL, &w);
    check_section(note, 0, 4, 4, 1, "다른 제목", "메모", "다른 제목", NULL);
    check_section(note, 1, 5, 5, 2, "질문", "메모", "다른 제목", "질문", NULL);
    jikji_note_free(note);

    /* Equal (after cleaning the heading): not repeated. */
    note = parse_str("---\ntitle: 쿠팡 면접\n---\n# **쿠팡** 면접\n## 질문\n",
                     NULL, &w);
    check_section(note, 0, 4, 4, 1, "쿠팡 면접", "쿠팡 면접", NULL);
    check_section(note, 1, 5, 5, 2, "질문", "쿠팡 면접", "질문", NULL);
    jikji_note_free(note);

    /* The first level-1 heading is the title, even after other headings;
     * then it is not the first heading, so it is repeated. */
    note = parse_str("## 먼저\n# 나중 제목\n## 질문\n# 두 번째 h1\n", NULL, &w);
    assert_string_equal(jikji_note_title(note), "나중 제목");
    check_section(note, 0, 1, 1, 2, "먼저", "나중 제목", "먼저", NULL);
    check_section(note, 1, 2, 2, 1, "나중 제목", "나중 제목", "나중 제목",
                  NULL);
    check_section(note, 2, 3, 3, 2, "질문", "나중 제목", "나중 제목", "질문",
                  NULL);
    check_section(note, 3, 4, 4, 1, "두 번째 h1", "나중 제목", "두 번째 h1",
                  NULL);
    jikji_note_free(note);

    /* An empty h1 is skipped for the title. */
    note = parse_str("#\n# 실제 제목 #\n", "x.md", &w);
    assert_string_equal(jikji_note_title(note), "실제 제목");
    check_section(note, 0, 1, 1, 1, "", "실제 제목", "", NULL);
    jikji_note_free(note);

    /* File name fallbacks. */
    static const struct {
        const char *path, *title;
    } names[] = {
        {"notes/2024/coupang-2nd.md", "coupang-2nd"},
        {"/abs/path/2025-naver-final.txt", "2025-naver-final"},
        {"a.b.md", "a.b"},
        {"README", "README"},
        {".hidden", ".hidden"},
        {"dir/", "untitled"},
        {"", "untitled"},
        {NULL, "untitled"},
        {"bad\xff name.md", "bad\uFFFD name"},
    };
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        note = parse_str("본문만 있다.\n", names[i].path, &w);
        assert_string_equal(jikji_note_title(note), names[i].title);
        check_section(note, 0, 1, 1, 0, "", names[i].title, NULL);
        jikji_note_free(note);
    }
}

/* Setext headings: a one-line paragraph underlined with `===` (level 1)
 * or `---` (level 2); not a list item, quote, table row or longer
 * paragraph, and `---` after a blank line is a rule. */
static void
test_setext_headings(void **state)
{
    (void)state;
    const char *t = "---\ntitle: T\n---\n"   /* 1-3 */
                    "질문 하나\n"                 /* 4 */
                    "=========\n"                 /* 5 */
                    "답변.\n"                     /* 6 */
                    "\n"                          /* 7 */
                    "  꼬리 **질문**  \n"         /* 8 */
                    "---\n"                       /* 9 */
                    "꼬리 답변.\n"                /* 10 */
                    "\n---\n\n"                 /* 11-13: a rule */
                    "두 줄\n문단\n---\n"        /* 14-16 */
                    "- 목록\n---\n"              /* 17-18 */
                    "> 인용\n---\n"              /* 19-20 */
                    "| a | b |\n|---|---|\n"     /* 21-22 */
                    "```\n코드\n---\n```\n"    /* 23-26 */
                    "# ATX\n"                     /* 27 */
                    "바로 아래\n"                 /* 28 */
                    "== \n"                       /* 29 */
                    "끝\n=\n"                    /* 30-31: one '=' */
                    "목록 쓰는 중\n-\n";        /* 32-33: one '-' */
    warnings w;
    jikji_note_t *note = parse_str(t, NULL, &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 5);
    check_section(note, 0, 4, 6, 1, "질문 하나", "T", "질문 하나", NULL);
    check_section(note, 1, 8, 26, 2, "꼬리 질문", "T", "질문 하나",
                  "꼬리 질문", NULL);
    check_section(note, 2, 27, 27, 1, "ATX", "T", "ATX", NULL);
    check_section(note, 3, 28, 29, 1, "바로 아래", "T", "바로 아래", NULL);
    check_section(note, 4, 30, 33, 1, "끝", "T", "끝", NULL);
    char *text = section_text(note, 1, t, strlen(t));
    check_blanked(jikji_note_section(note, 1), t, text, "---\n꼬리",
                  "   \n꼬리");
    jikji_free(text);
    jikji_note_free(note);

    /* The first `===` heading is the title when front matter has none. */
    t = "제목\n===\n\n본문\n";
    note = parse_str(t, "x.md", &w);
    assert_string_equal(jikji_note_title(note), "제목");
    check_section(note, 0, 1, 4, 1, "제목", "제목", NULL);
    jikji_note_free(note);
}

/* Check section i's text (section_text()): each pair of arguments after
 * t, up to a NULL, is a line range of the file as written and as it must
 * read (check_blanked()). */
static void
check_section_text(const jikji_note_t *note, size_t i, const char *t, ...)
{
    char *text = section_text(note, i, t, strlen(t));
    const jikji_section_t *s = jikji_note_section(note, i);
    va_list ap;
    va_start(ap, t);
    for (const char *orig; (orig = va_arg(ap, const char *)) != NULL;) {
        const char *blanked = va_arg(ap, const char *);
        check_blanked(s, t, text, orig, blanked);
    }
    va_end(ap);
    jikji_free(text);
}

/* Parse t, check the invariants and that it has nsec sections. */
static jikji_note_t *
parse_checked(const char *t, size_t nsec)
{
    warnings w;
    jikji_note_t *note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), nsec);
    return note;
}

/* Obsidian `%%` comments pair up across lines wherever they open; one
 * that never closes is text (the rest of the note is not lost).  Liquid
 * highlight and raw blocks are code: kept as written, no headings, tags
 * or markup inside. */
static void
test_comments_and_liquid_blocks(void **state)
{
    (void)state;
    const char *t = "# T\n"            /* 1 */
                    "\n"               /* 2 */
                    "a %%\n"           /* 3 */
                    "b\n"              /* 4 */
                    "# 숨김 #hidetag\n" /* 5 */
                    "%% c\n"           /* 6 */
                    "\n"               /* 7 */
                    "## H\n"           /* 8 */
                    "\n"               /* 9 */
                    "d 50% 와 %% 하나\n" /* 10: never closed: text */
                    "{% highlight ruby %}\n" /* 11 */
                    "# 주석 #notatag ==x== [[t|a]]\n" /* 12 */
                    "{% endhighlight %}\n"   /* 13 */
                    "{% raw %}\n"            /* 14 */
                    "{% for p in site.posts %}\n" /* 15 */
                    "{% endraw %}\n"         /* 16 */
                    "끝 {% raw %}{{ x }}{% endraw %}\n"; /* 17 */
    jikji_note_t *note = parse_checked(t, 2);
    check_section(note, 0, 1, 6, 1, "T", "T", NULL);
    check_section(note, 1, 8, 17, 2, "H", "T", "H", NULL);
    const char *const *v;
    assert_int_equal(jikji_note_inline_tags(note, &v), 0);
    check_section_text(note, 0, t,
                       "a %%\nb\n# 숨김 #hidetag\n%% c",
                       "a   \n \n                 \n   c",
                       NULL);
    check_section_text(note, 1, t,
                       "d 50% 와 %% 하나", "d 50% 와 %% 하나",
                       "{% highlight ruby %}", "                    ",
                       "# 주석 #notatag ==x== [[t|a]]",
                       "# 주석 #notatag ==x== [[t|a]]",
                       "{% for p in site.posts %}",
                       "{% for p in site.posts %}",
                       "{% endraw %}\n끝", "            \n끝",
                       "끝 {% raw %}{{ x }}{% endraw %}",
                       "끝          {{ x }}            ",
                       NULL);
    jikji_note_free(note);
}

/* A `%%` in code (a code span, a fence, indented code) closes no
 * comment: a stray `%%` whose only later `%%` is in code is text, and
 * the headings after it are sections. */
static void
test_pct_closer_in_code(void **state)
{
    (void)state;
    const char *t = "# T\n"                    /* 1 */
                    "\n"                       /* 2 */
                    "SQL LIKE 에서 %% 패턴\n"  /* 3 */
                    "\n"                       /* 4 */
                    "## H\n"                   /* 5 */
                    "\n"                       /* 6 */
                    "서식은 `%%d` 로 #h\n"     /* 7 */
                    "```c\n"                   /* 8 */
                    "printf(\"%%d\");\n"       /* 9 */
                    "```\n"                    /* 10 */
                    "\n"                       /* 11 */
                    "    x %% y\n";            /* 12 */
    jikji_note_t *note = parse_checked(t, 2);
    check_section(note, 0, 1, 3, 1, "T", "T", NULL);
    check_section(note, 1, 5, 12, 2, "H", "T", "H", NULL);
    CHECK_INLINE_TAGS(note, "h");
    check_section_text(note, 0, t,
                       "SQL LIKE 에서 %% 패턴", "SQL LIKE 에서 %% 패턴",
                       NULL);
    check_section_text(note, 1, t,
                       "서식은 `%%d` 로 #h", "서식은  %%d  로  h",
                       "printf(\"%%d\");", "printf(\"%%d\");",
                       "    x %% y", "    x %% y",
                       NULL);
    jikji_note_free(note);
}

/* An HTML comment left open at the end of a line goes on only to a
 * `-->` that closes it: a comment block (at the start of a line) to the
 * next one anywhere, blank lines included; one opened inside a paragraph
 * to one before the paragraph ends.  A `<!--` that nothing closes is text,
 * so writing about HTML (`HTML 주석은 <!-- 로 시작합니다`) loses neither
 * the rest of its section nor, at the start of a line, the rest of the
 * note; tags after it count. */
static void
test_unclosed_html_comments(void **state)
{
    (void)state;
    const char *t = "# T\n"                        /* 1 */
                    "\n"                           /* 2 */
                    "<!--\n"                       /* 3 */
                    "초안\n"                       /* 4 */
                    "\n"                           /* 5 */
                    "## 숨김 #hidetag\n"           /* 6 */
                    "-->\n"                        /* 7 */
                    "a <!-- b\n"                   /* 8 */
                    "c --> d\n"                    /* 9 */
                    "\n"                           /* 10 */
                    "e <!-- f #after1\n"           /* 11: closed past the paragraph: text */
                    "g\n"                          /* 12 */
                    "\n"                           /* 13 */
                    "h -->\n"                      /* 14 */
                    "## H <!-- i\n"                /* 15 */
                    "j\n"                          /* 16 */
                    "<!-- k #after2\n"             /* 17: never closed: text */
                    "\n"                           /* 18 */
                    "## L\n";                      /* 19: a heading, not hidden */
    jikji_note_t *note = parse_checked(t, 3);
    check_section(note, 0, 1, 14, 1, "T", "T", NULL);
    check_section(note, 1, 15, 17, 2, "H <!-- i", "T", "H <!-- i", NULL);
    check_section(note, 2, 19, 19, 2, "L", "T", "L", NULL);
    CHECK_INLINE_TAGS(note, "after1", "after2");
    check_section_text(note, 0, t,
                       "<!--\n초안\n\n## 숨김 #hidetag\n-->",
                       "    \n      \n\n                  \n   ",
                       "a <!-- b\nc --> d", "a       \n      d",
                       "e <!-- f #after1\ng", "e <!-- f  after1\ng",
                       "h -->", "h -->",
                       NULL);
    check_section_text(note, 1, t,
                       "## H <!-- i\nj", "   H <!-- i\nj",
                       "<!-- k #after2", "<!-- k  after2",
                       NULL);
    jikji_note_free(note);
}

/* Indented code (four columns or more after a blank line, outside a
 * list) is kept as written and holds no tags; in a list, or right after
 * a paragraph's line, an indented line is text. */
static void
test_indented_code(void **state)
{
    (void)state;
    const char *t = "# T\n"                          /* 1 */
                    "\n"                             /* 2 */
                    "    #include <x.h> **b** #c1\n" /* 3: code */
                    "\n"                             /* 4 */
                    "\tint *p; // #c2\n"            /* 5: code (a tab) */
                    "para #t1\n"                     /* 6: ends the code */
                    "    **lazy** #t2\n"             /* 7: after text: text */
                    "\n"                             /* 8 */
                    "- item #t3\n"                   /* 9 */
                    "\n"                             /* 10 */
                    "    **more** #t4\n"             /* 11: in the list: text */
                    "\n"                             /* 12 */
                    "after list\n"                   /* 13: ends the list */
                    "\n"                             /* 14 */
                    "    # not a heading #c3\n"      /* 15: code */
                    "## H\n";                        /* 16 */
    jikji_note_t *note = parse_checked(t, 2);
    check_section(note, 0, 1, 15, 1, "T", "T", NULL);
    check_section(note, 1, 16, 16, 2, "H", "T", "H", NULL);
    CHECK_INLINE_TAGS(note, "t1", "t2", "t3", "t4");
    check_section_text(note, 0, t,
                       "    #include <x.h> **b** #c1",
                       "    #include <x.h> **b** #c1",
                       "\tint *p; // #c2\npara #t1\n    **lazy** #t2",
                       "\tint *p; // #c2\npara  t1\n      lazy    t2",
                       "    **more** #t4", "      more    t4",
                       "    # not a heading #c3", "    # not a heading #c3",
                       NULL);
    jikji_note_free(note);
}

/* In a list item a fence may be indented any depth, tabs included (as
 * Obsidian indents a list's code): its lines are code, without tags or
 * headings. */
static void
test_fence_in_list_item(void **state)
{
    (void)state;
    const char *t = "# T\n"                           /* 1 */
                    "\n"                              /* 2 */
                    "- 카프카\n"                      /* 3 */
                    "\t```java\n"                     /* 4 */
                    "\tList<Rec> r; **x** #notag1\n"  /* 5 */
                    "\t```\n"                         /* 6 */
                    "- 다음 #yes\n"                   /* 7 */
                    "      ~~~\n"                     /* 8 */
                    "      # 코드 #notag2\n"          /* 9 */
                    "      ~~~\n"                     /* 10 */
                    "- 끝 **굵게**\n";                /* 11 */
    jikji_note_t *note = parse_checked(t, 1);
    check_section(note, 0, 1, 11, 1, "T", "T", NULL);
    CHECK_INLINE_TAGS(note, "yes");
    check_section_text(note, 0, t,
                       "\tList<Rec> r; **x** #notag1",
                       "\tList<Rec> r; **x** #notag1",
                       "      # 코드 #notag2", "      # 코드 #notag2",
                       "- 끝 **굵게**", "  끝   굵게  ",
                       NULL);
    jikji_note_free(note);
}

/* <pre>, <textarea>, <script> and <style> blocks are raw up to their end
 * tag: no headings or tags inside; <pre> and <textarea> keep their text,
 * <script> and <style> hide it. */
static void
test_raw_html_blocks(void **state)
{
    (void)state;
    const char *t = "# T\n"                          /* 1 */
                    "\n"                             /* 2 */
                    "<pre class=\"x\">\n"            /* 3 */
                    "# 서버에서 실행 #notag1\n"      /* 4 */
                    "$ ./deploy.sh\n"                /* 5 */
                    "</pre>\n"                       /* 6 */
                    "<STYLE>\n"                      /* 7 */
                    "#toc { display: none; }\n"      /* 8 */
                    "</style> 뒤 #yes\n"             /* 9 */
                    "<pre>한 줄</pre>\n"             /* 10 */
                    "## H\n"                         /* 11 */
                    "<script>var a = \"#x\";</script>\n"; /* 12 */
    jikji_note_t *note = parse_checked(t, 2);
    check_section(note, 0, 1, 10, 1, "T", "T", NULL);
    check_section(note, 1, 11, 12, 2, "H", "T", "H", NULL);
    CHECK_INLINE_TAGS(note, "yes");
    check_section_text(note, 0, t,
                       "<pre class=\"x\">\n# 서버에서 실행 #notag1",
                       "               \n# 서버에서 실행 #notag1",
                       "$ ./deploy.sh\n</pre>", "$ ./deploy.sh\n      ",
                       "<STYLE>\n#toc { display: none; }\n</style> 뒤 #yes",
                       "       \n                       \n         뒤  yes",
                       "<pre>한 줄</pre>", "     한 줄      ",
                       NULL);
    check_section_text(note, 1, t,
                       "<script>var a = \"#x\";</script>",
                       "                              ",
                       NULL);
    jikji_note_free(note);
}

/* A note without a front matter date takes the one its file name starts
 * with (Jekyll's _posts, daily notes). */
static void
test_date_from_file_name(void **state)
{
    (void)state;
    static const struct {
        const char *text, *path, *date;
    } cases[] = {
        {"본문\n", "blog/_posts/2023-07-14-kafka-retry.md", "2023-07-14"},
        {"본문\n", "daily/2024-02-29.md", "2024-02-29"},
        {"본문\n", "2024-03-01 회고.md", "2024-03-01"},
        {"본문\n", "2024-03-01_x.md", "2024-03-01"},
        {"본문\n", "2024-07-20회고.md", "2024-07-20"},
        {"---\ndate: null\n---\n본문\n", "2024-07-20-x.md", "2024-07-20"},
        {"---\ncreated: ~\n---\n본문\n", "2024-07-20-x.md", "2024-07-20"},
        {"본문\n", "daily/2023-02-29.md", ""},      /* no such day */
        {"본문\n", "2024-03-015.md", ""},
        {"본문\n", "x2024-03-01.md", ""},
        {"본문\n", "2024-3-01.md", ""},
        {"본문\n", "2024-03/01.md", ""},
        {"본문\n", NULL, ""},
        {"---\ndate: 2020-01-02\n---\n본문\n", "2023-07-14-x.md",
         "2020-01-02"},
        /* A date that is not one falls back, as a missing one does (and
         * is reported: test_frontmatter, T110). */
        {"---\ndate: 2020-02-30\n---\n본문\n", "2023-07-14-x.md",
         "2023-07-14"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        warnings w;
        jikji_note_t *note = parse_str(cases[i].text, cases[i].path, &w);
        if (strcmp(jikji_note_date(note), cases[i].date) != 0)
            print_message("%s: expected \"%s\", got \"%s\"\n",
                          cases[i].path ? cases[i].path : "(null)",
                          cases[i].date, jikji_note_date(note));
        assert_string_equal(jikji_note_date(note), cases[i].date);
        jikji_note_free(note);
    }
}

static void
test_heading_levels(void **state)
{
    (void)state;
    const char *t = "---\ntitle: T\n---\n## A\n### B\n#### C\n### D\n# E\n"
                    "###### F\n##### G\n## H\n";
    warnings w;
    jikji_note_t *note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 8);
    check_section(note, 0, 4, 4, 2, "A", "T", "A", NULL);
    check_section(note, 1, 5, 5, 3, "B", "T", "A", "B", NULL);
    check_section(note, 2, 6, 6, 4, "C", "T", "A", "B", "C", NULL);
    check_section(note, 3, 7, 7, 3, "D", "T", "A", "D", NULL);
    check_section(note, 4, 8, 8, 1, "E", "T", "E", NULL);
    check_section(note, 5, 9, 9, 6, "F", "T", "E", "F", NULL);
    check_section(note, 6, 10, 10, 5, "G", "T", "E", "G", NULL);
    check_section(note, 7, 11, 11, 2, "H", "T", "E", "H", NULL);
    jikji_note_free(note);
}

static void
test_heading_syntax_and_cleanup(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        const char *heading;   /* NULL: not a heading */
        unsigned level;
    } cases[] = {
        {"## **굵게** `code` [링크](http://x.y/z) [[wiki|별칭]] [[그냥 위키]] "
         "<span style=\"color:red\">태그</span> 🎯 끝 ##",
         "굵게 code 링크 별칭 그냥 위키 태그 🎯 끝", 2},
        {"### \x01제어\x7f문자\t탭\x1b", "제어 문자 탭", 3},
        {"#### __밑줄__ 강조와 snake__case 와 __init__",
         "밑줄 강조와 snake__case 와 init", 4},
        {"## `retryCount`를 헤더에 둔 이유", "retryCount를 헤더에 둔 이유", 2},
        {"## 끝에 해시가 붙은 C#", "끝에 해시가 붙은 C#", 2},
        {"## a #", "a", 2},
        {"## ###", "", 2},
        {"##", "", 2},
        {"##\t탭 뒤", "탭 뒤", 2},
        {"   ### 세 칸 들여쓰기", "세 칸 들여쓰기", 3},
        {"## 이미지 ![그림](a.png) 와 <br/> 줄바꿈", "이미지 그림 와 줄바꿈", 2},
        {"## 🎯 9차 꼬리 질문 👨‍👩‍👧", "🎯 9차 꼬리 질문 👨‍👩‍👧", 2},
        {"## <!-- 주석 --> 보이는 부분", "보이는 부분", 2},
        {"###### 여섯", "여섯", 6},
        {"#not heading", NULL, 0},
        {"#면접후기 #kafka #쿠팡", NULL, 0},
        {"####### seven", NULL, 0},
        {"    ## four spaces", NULL, 0},
        {"\t## tab indent", NULL, 0},
        {"> ## in a quote", NULL, 0},
        /* a list item's heading, as Logseq writes them (reader 14) */
        {"- ## in a list", "in a list", 2},
        {"\t- ### nested item", "nested item", 3},
        {"12. # numbered", "numbered", 1},
        {"- #tag not a heading", NULL, 0},
        {"-## no blank after the marker", NULL, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char t[1024];
        /* A heading line after a paragraph, then text. */
        snprintf(t, sizeof t, "앞 문단\n%s\n뒤 문단\n", cases[i].line);
        warnings w;
        jikji_note_t *note = parse_str(t, NULL, &w);
        check_invariants(note, t, strlen(t));
        size_t n = jikji_note_section_count(note);
        if (!cases[i].heading) {
            if (n != 1)
                print_message("\"%s\" became a heading\n", cases[i].line);
            assert_int_equal(n, 1);
        } else {
            if (n != 2)
                print_message("\"%s\" is not a heading\n", cases[i].line);
            assert_int_equal(n, 2);
            const jikji_section_t *s = jikji_note_section(note, 1);
            if (strcmp(s->heading, cases[i].heading) != 0)
                print_message("\"%s\": heading \"%s\"\n", cases[i].line,
                              s->heading);
            assert_string_equal(s->heading, cases[i].heading);
            assert_int_equal(s->level, cases[i].level);
            assert_int_equal(s->line, 2);
            assert_int_equal(s->end_line, 3);
        }
        jikji_note_free(note);
    }
}

static void
test_preamble(void **state)
{
    (void)state;
    warnings w;
    jikji_note_t *note;
    const char *t;

    /* Leading blank lines: the section starts at its first text line. */
    t = "\n\n  \n첫 문단\n\n\n## H\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 4, 4, 0, "", "untitled", NULL);
    assert_null(jikji_note_section_at(note, 2));
    assert_ptr_equal(jikji_note_section_at(note, 5),
                     jikji_note_section(note, 0));
    jikji_note_free(note);

    /* HTML-only lines before the first heading make no section. */
    t = "<div align=\"center\">\n<img src=\"logo.png\" alt=\"로고\">\n</div>\n"
        "<!-- 메모 -->\n\n## H\n";
    note = parse_str(t, NULL, &w);
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 6, 6, 2, "H", "untitled", "H", NULL);
    jikji_note_free(note);

    /* A body of nothing but markup still gets one level-0 section. */
    t = "\n<div align=\"center\">\n<img src=\"logo.png\">\n</div>\n\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    assert_int_equal(jikji_note_section_count(note), 1);
    check_section(note, 0, 2, 4, 0, "", "untitled", NULL);
    jikji_note_free(note);
    t = "<!--\n## 숨긴 초안\n-->\n";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    check_section(note, 0, 1, 3, 0, "", "untitled", NULL);
    jikji_note_free(note);

    /* A heading with nothing after it is still a section. */
    t = "## 빈 섹션\n\n\n\n## 다음\n";
    note = parse_str(t, NULL, &w);
    check_section(note, 0, 1, 1, 2, "빈 섹션", "untitled", "빈 섹션", NULL);
    assert_int_equal(jikji_note_section(note, 0)->end,
                     strlen("## 빈 섹션\n"));
    assert_ptr_equal(jikji_note_section_at(note, 3),
                     jikji_note_section(note, 0));
    jikji_note_free(note);

    /* Empty and blank bodies have no sections. */
    static const char *const empty[] = {"", "\n", " \t\n\r\n\r", "\f\v"};
    for (size_t i = 0; i < ARRAY_LEN(empty); i++) {
        note = parse_str(empty[i], NULL, &w);
        assert_int_equal(jikji_note_section_count(note), 0);
        assert_null(jikji_note_section(note, 0));
        assert_null(jikji_note_section_at(note, 1));
        jikji_note_free(note);
    }
    note = NULL;
    assert_int_equal(jikji_note_parse(NULL, 0, "empty.md", NULL, NULL, &note),
                     JIKJI_OK);
    assert_string_equal(jikji_note_title(note), "empty");
    assert_int_equal(jikji_note_section_count(note), 0);
    jikji_note_free(note);

    /* No final line break. */
    t = "## 끝에 줄바꿈 없음\n본문";
    note = parse_str(t, NULL, &w);
    check_invariants(note, t, strlen(t));
    check_section(note, 0, 1, 2, 2, "끝에 줄바꿈 없음", "untitled",
                  "끝에 줄바꿈 없음", NULL);
    assert_int_equal(jikji_note_section(note, 0)->end, strlen(t));
    jikji_note_free(note);
}

static void
test_section_at(void **state)
{
    (void)state;
    size_t len;
    char *t = read_corpus("no-frontmatter.md", &len);
    jikji_note_t *note = parse(t, len, NULL, NULL);
    static const struct {
        unsigned line;
        int sec;   /* -1: NULL */
    } cases[] = {
        {0, -1}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 1}, {8, 1}, {9, 2},
        {10, 2}, {11, 3}, {15, 3}, {16, 4}, {24, 4}, {25, 5}, {27, 5},
        {28, -1}, {1000, -1}, {(unsigned)-1, -1},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const jikji_section_t *s = jikji_note_section_at(note, cases[i].line);
        if (cases[i].sec < 0)
            assert_null(s);
        else
            assert_ptr_equal(s,
                             jikji_note_section(note, (size_t)cases[i].sec));
    }
    jikji_note_free(note);
    free(t);
}

/* ------------------------------------------------------------------ */
/* Section text                                                        */


/* Hangul right after closing markup joins the word before it, as the note
 * shows it (reader 3): "재시도 토픽을" must match `**재시도 토픽**을`. */
static void
test_section_text_joins_hangul(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"**재시도 토픽**을 만들었다", "  재시도 토픽을   만들었다"},
        {"==장애==가 났다", "  장애가   났다"},
        {"[[kafka-retry|리트라이 큐]]로 보냈다",
         "              리트라이 큐로   보냈다"},
        {"`retryCount`를 올렸다", " retryCount를  올렸다"},
        {"__밑줄__은 ~~취소~~를", "  밑줄은     취소를  "},
        {"재시도**토픽**을", "재시도토픽을    "},
        {"*재시도 토픽*을 도입", " 재시도 토픽을  도입"},
        {"<mark>재시도 토픽</mark>을 도입", "      재시도 토픽을        도입"},
        /* NFD (macOS): the particle's jamo join too, "**토픽**을" */
        {"**\u1110\u1169\u1111\u1175\u11A8**\u110B\u1173\u11AF \u1106\u1161\u11AB\u1103\u1173\u11AF\u110B\u1165\u11BB\u1103\u1161", "  \u1110\u1169\u1111\u1175\u11A8\u110B\u1173\u11AF   \u1106\u1161\u11AB\u1103\u1173\u11AF\u110B\u1165\u11BB\u1103\u1161"},
        /* `<br>` is no inline element: a break, not a join */
        {"가<br>나", "가    나"},
        {"개요 {#overview}", "개요            "},
        {"{: #overview .notice--info}", "                           "},
        /* Not after a word, not before Hangul: blanked in place. */
        {"** 굵게** 다음", "   굵게   다음"},
        {"**Kafka** 를", "  Kafka   를"},
        {"**굵게**, 쉼표", "  굵게  , 쉼표"},
        /* Latin inside a word joins it too (reader 11), as it renders:
         * one word, `un<b>believ</b>able`, `<code>Item</code>s`. */
        {"un**believ**able fact", "unbelievable     fact"},
        {"`Item`s and [[note]]s", " Items  and   notes  "},
        {"2**3**4", "234    "},
        /* ... only after a letter or digit: `(**x**)`, `**Note:**Text` */
        {"(**x**)", "(  x  )"},
        {"**Note:**Text", "  Note:  Text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        snprintf(text, sizeof text, "# 제목\n\n%s\n", cases[i][0]);
        jikji_note_t *note = parse_str(text, "join.md", NULL);
        char *out = section_text(note, 0, text, strlen(text));
        const jikji_section_t *sec = jikji_note_section(note, 0);
        check_blanked(sec, text, out, cases[i][0], cases[i][1]);
        jikji_free(out);
        jikji_note_free(note);
    }
}
/* A line to blank, as segments: "K..." is kept, "B..." is blanked. */
typedef struct blank_case {
    const char *seg[24];
} blank_case;

static void
test_section_text_blanking(void **state)
{
    (void)state;
    static const blank_case lines[] = {
        {{"B## ", "K제목 ", "B`", "K코드", "B`", "B ##"}},
        {{"B> ", "K인용 ", "B**", "K굵게", "B**", "K ", "B__", "K밑줄", "B__",
          "K ", "B~~", "K취소", "B~~"}},
        {{"B> > ", "K중첩 인용"}},
        {{"B>", "K붙은 인용"}},
        {{"B- ", "K목록 ", "B*", "K기울임", "B*", "K 한 개도, a * b 와 *안 닫힘"}},
        {{"B* ", "K별표 목록"}},
        {{"B+ ", "K더하기 목록"}},
        {{"B12. ", "K번호 목록"}},
        {{"B3) ", "K괄호 번호"}},
        {{"K2024. 연도는 목록이 아님"}},
        {{"K1.5초 걸림"}},
        {{"B  - [x] ", "K완료한 일"}},
        {{"B**", "K굵게 시작", "B**", "K 과 a*b*c 와 2*3"}},
        {{"B***"}},
        {{"K누락 0건", "B^[", "K출처는 ", "B[", "K위키", "B](http://w/x)",
          "K 참고", "B]", "K 달성, x^[] 와 2^[n"}},
        {{"B---"}},
        {{"K셋엑스트 제목"}},
        {{"B==="}},
        {{"B<details>", "B<summary>", "K요약", "B</summary>"}},
        {{"B<div style=\"text-align:center\">",
          "B<img src=\"x.png\" width=\"480\" alt=\"설명\">", "B</div>",
          "B<br/>", "B<BR>"}},
        {{"K<Real MySQL 8.0>을 읽고 <Spring 5.0 입문>, ",
          "B<a href='x' title=\"t > u\" data-x=1 disabled>", "K링크",
          "B</a >", "K 와 <a =x> 와 <b c=> 와 <p/ >"}},
        {{"Ka < b 이고 c <= d, List", "B<String>",
          "K 은 태그, <중요> 와 <3 와 <a-b 는 아님, x", "B<y>", "Kz"}},
        {{"B`", "KList<String>", "B`", "K 과 ", "B``", "K<b> ` x", "B``",
          "K 는 코드"}},
        {{"B`", "K닫히지 않은 ", "B```", "K 백틱"}},
        {{"B<!-- 주석 -->", "K 보이는 글 ", "B<!-- 여러"}},
        {{"B줄 주석 -->", "K 다시 보임 ", "B<b>", "K굵게", "B</b>"}},
        {{"B[", "K링크 글", "B](https://example.com/a_(b) \"제목\")",
          "K 과 ", "B![", "K그림 설명", "B](img.png)", "K 과 [괄호만] 과 "
          "[미완성](링크"}},
        {{"B[[위키|", "K별칭", "B]]", "K ", "B![[embed.png]]",
          "K [[닫히지 않은 위키"}},
        {{"B[[target#절|", "K별칭", "B]]", "K 과 ", "B![[", "K노트 이름", "B]]",
          "K 과 ", "B![[그림 1.PNG|300]]", "K 과 ", "B![[", "K노트.md", "B]]",
          "K 과 ", "B![[", "K버전 v1.2", "B]]"}},
        {{"B==", "K형광펜", "B==", "K 과 a == b 와 3 == 4, x =="}},
        {{"K보임 ", "B%% 한 줄 주석 %%", "K 보임 100% 과 50%"}},
        {{"B%% 여러 줄 주석"}},
        {{"B# 제목 아님 <b>"}},
        {{"B%%", "K 다시 보임"}},
        {{"B{% highlight ruby %}"}},
        {{"K리퀴드 안 {{ x }} 와 {%닫히지 않음"}},
        {{"B{% endhighlight %}"}},
        {{"B> [!tip]- ", "K콜아웃 제목"}},
        {{"B> ", "K[!아님] 괄호 [!note] 줄 가운데"}},
        {{"B- > [!note]+ ", "K목록 속 콜아웃"}},
        {{"B> ", "K바깥 인용"}},
        {{"B> > [!warning]- ", "K안쪽 콜아웃"}},
        {{"K면접 재밌었어요~~다음엔 2**3 과 a~b"}},
        {{"B[", "K카프카 문서", "B][kdoc]", "K 참고, 각주", "B[^1]",
          "K 와 [괄호] 와 [^ x]"}},
        {{"B[kdoc]: https://kafka.apache.org \"공식 문서\""}},
        {{"K값", "B&nbsp;", "K과 ", "B&lt;", "K 와 ", "B&#123;", "K 와 & 와 &x 와 ",
          "B<", "Khttps://kafka.apache.org/a_(b)", "B>", "K 와 ", "B<", "Kme@x.io",
          "B>", "K 와 <a:b c> 와 ", "B<x>"}},
        {{"B#", "K태그 C# 이슈#12 ", "B#", "Kkafka ## 과 # 하나"}},
        {{"Kretry_count 와 snake__case 는 그대로, ", "B__", "Kinit", "B__"}},
        {{"K이건 ", "B_", "K정말 중요한", "B_", "K 교훈, ", "B_", "Kretry", "B_",
          "K, ", "B_", "Ka_b 와 x", "B_", "K 과 _id 와 _토픽_을 와 _ 와 _x"}},
        {{"Ka_b_ 와 _a_b 는 그대로"}},
        {{"K앞 ", "B*[", "K링크 글", "B](http://example.com)*", "K 과 ", "B*",
          "B`", "Kcode_x", "B`", "B*", "K 과 ", "B_", "K밑줄 ", "B**", "K굵게",
          "B**", "B_", "K 끝"}},
        {{"B[[", "K노트", "B#", "K제목", "B]]", "K 과 ", "B[[", "K노트", "B#^",
          "K블록1", "B]]", "K 과 ", "B[[#", "K같은 노트", "B]]"}},
        {{"B|", "K 항목 | 내용 ", "B|"}},
        {{"B|---|:---:|"}},
        {{"B|", "K 재시도 | a", "B\\", "K|b ", "B|", "K  "}},
        {{"B--- | ---"}},
        {{"K글 | 끝은 그대로 |"}},
        {{"B```python"}},
        {{"K# 코드 안 **그대로** <b>그대로</b> [a](b) > - 1. #tag"}},
        {{"B```"}},
        {{"B> ```js"}},
        {{"B> ", "K// 인용 속 코드 <b>"}},
        {{"B> ```"}},
        {{"B~~~"}},
        {{"K~~~ 안쪽은 그대로"}},
        {{"B~~~~~"}},
        {{"B`", "K%%", "B`", "K 코드 안, 그리고 닫히지 않은 %% 는 글자 그대로"}},
        /* Backslash escapes: the backslash is markup, what follows text. */
        {{"KList", "B\\", "K<String", "B\\", "K> 와 ", "B\\", "K*별표", "B\\",
          "K* 와 C:\\Users 와 a", "B\\", "K|b 와 ", "B\\", "K\\ 끝"}},
        /* A link's text and an HTML tag may go on to the paragraph's
         * next line. */
        {{"K읽기 ", "B[", "K카프카 컨슈머"}},
        {{"K문서", "B](https://kafka.apache.org/docs)", "K 먼저"}},
        {{"K그림: ", "B<img src=\"arch.png\""}},
        {{"B     alt=\"구조\" width=\"600\">", "K 아래"}},
        {{"B<iframe"}},
        {{"B  src=\"https://youtube.com/embed/x\""}},
        {{"B  allowfullscreen>", "B</iframe>"}},
        {{"K[빈 줄 앞 괄호"}},
        {{"K"}},
        {{"K다음 문단](http://leak.io) 과 a <b"}},
        {{"K태그 아님 와 > c"}},
        /* Another list item is another paragraph: no link across. */
        {{"B- ", "K항목 [열린 괄호"}},
        {{"B- ", "K다음](http://leak.io) 항목"}},
        {{"K끝 "}},
    };
    static const char *const nls[] = {"\n", "\r\n", "\r"};

    for (size_t k = 0; k < ARRAY_LEN(nls); k++) {
        char in[8192], exp[8192];
        size_t n = 0;
        for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
            for (size_t j = 0; j < ARRAY_LEN(lines[i].seg) && lines[i].seg[j];
                 j++) {
                const char *seg = lines[i].seg[j];
                size_t sl = strlen(seg + 1);
                assert_true(n + sl + 2 < sizeof in);
                memcpy(in + n, seg + 1, sl);
                memset(exp + n, ' ', sl);
                if (seg[0] == 'K')
                    memcpy(exp + n, seg + 1, sl);
                n += sl;
            }
            memcpy(in + n, nls[k], strlen(nls[k]));
            memcpy(exp + n, nls[k], strlen(nls[k]));
            n += strlen(nls[k]);
        }
        in[n] = exp[n] = '\0';

        /* The whole text as one byte range. */
        jikji_section_t s;
        memset(&s, 0, sizeof s);
        s.start = 0;
        s.end = n;
        char *out = NULL;
        assert_int_equal(jikji_section_text(&s, in, n, &out), JIKJI_OK);
        if (memcmp(out, exp, n) != 0) {
            /* Show the first line that differs. */
            size_t a = 0;
            for (size_t i = 0; i < n; i++) {
                if (in[i] == '\n' || in[i] == '\r')
                    a = i + 1;
                if (out[i] != exp[i]) {
                    size_t e = i;
                    while (e < n && in[e] != '\n' && in[e] != '\r')
                        e++;
                    print_message("line break %zu, at byte %zu:\n"
                                  "  input    \"%.*s\"\n  expected \"%.*s\"\n"
                                  "  got      \"%.*s\"\n", k, i, (int)(e - a),
                                  in + a, (int)(e - a), exp + a, (int)(e - a),
                                  out + a);
                    break;
                }
            }
            fail();
        }
        assert_int_equal(out[n], '\0');
        jikji_free(out);

        /* A sub-range: only those bytes, same blanking. */
        s.start = strlen("## 제목 `코드` ##") + strlen(nls[k]);
        s.end = n;
        assert_int_equal(jikji_section_text(&s, in, n, &out), JIKJI_OK);
        assert_memory_equal(out, exp + s.start, n - s.start);
        jikji_free(out);
    }
}

static void
test_section_text_errors(void **state)
{
    (void)state;
    const char *t = "## 질문\n본문\n";
    jikji_note_t *note = parse_str(t, NULL, NULL);
    const jikji_section_t *s = jikji_note_section(note, 0);
    char *out = (char *)"unset";

    assert_int_equal(jikji_section_text(NULL, t, strlen(t), &out),
                     JIKJI_EINVAL);
    assert_null(out);
    assert_int_equal(jikji_section_text(s, t, strlen(t), NULL), JIKJI_EINVAL);
    out = (char *)"unset";
    assert_int_equal(jikji_section_text(s, NULL, strlen(t), &out),
                     JIKJI_EINVAL);
    assert_null(out);
    /* A buffer shorter than the section. */
    assert_int_equal(jikji_section_text(s, t, 3, &out), JIKJI_EINVAL);
    jikji_section_t bad = *s;
    bad.start = bad.end + 1;
    assert_int_equal(jikji_section_text(&bad, t, strlen(t), &out),
                     JIKJI_EINVAL);
    /* An empty range gives "". */
    bad.start = bad.end = 2;
    assert_int_equal(jikji_section_text(&bad, t, strlen(t), &out), JIKJI_OK);
    assert_string_equal(out, "");
    jikji_free(out);
    bad.start = bad.end = 0;
    assert_int_equal(jikji_section_text(&bad, NULL, 0, &out), JIKJI_OK);
    assert_string_equal(out, "");
    jikji_free(out);
    jikji_note_free(note);
}

/* ------------------------------------------------------------------ */
/* Errors, getters, hostile input                                       */

static void
test_einval_and_getters(void **state)
{
    (void)state;
    jikji_note_t *note = (jikji_note_t *)&note;
    assert_int_equal(jikji_note_parse("x", 1, NULL, NULL, NULL, NULL),
                     JIKJI_EINVAL);
    assert_int_equal(jikji_note_parse(NULL, 1, NULL, NULL, NULL, &note),
                     JIKJI_EINVAL);
    assert_null(note);
    jikji_note_free(NULL);

    /* Getters on NULL are harmless. */
    const char *const *v = NULL;
    assert_string_equal(jikji_note_title(NULL), "");
    assert_string_equal(jikji_note_date(NULL), "");
    assert_int_equal(jikji_note_tags(NULL, &v), 0);
    assert_non_null(v);
    assert_null(v[0]);
    assert_int_equal(jikji_note_categories(NULL, NULL), 0);
    assert_int_equal(jikji_note_aliases(NULL, &v), 0);
    assert_int_equal(jikji_note_section_count(NULL), 0);
    assert_null(jikji_note_section(NULL, 0));
    assert_null(jikji_note_section_at(NULL, 1));

    /* The note owns copies: the text may go away after parsing. */
    char *t = strdup("---\ntitle: 복사본\ntags: [a]\n---\n## 질문\n");
    note = parse_str(t, NULL, NULL);
    memset(t, 'x', strlen(t));
    free(t);
    assert_string_equal(jikji_note_title(note), "복사본");
    CHECK_TAGS(note, "a");
    check_section(note, 0, 5, 5, 2, "질문", "복사본", "질문", NULL);
    jikji_note_free(note);
}

static void
test_invalid_utf8_and_nul(void **state)
{
    (void)state;
    const char t[] = "# 제목\xff\xfe\0끝\n"
                     "본문 \0\0 \xc3\x28 NUL\n"
                     "## \xed\xa0\x80\x01 둘째 \xf4\x90\x80\x80\n"
                     "\xff\n"
                     "\0## 아님\n"
                     "<\0b>\xc0\xaf `\0` [\0](\0) **\0**\n";
    size_t len = sizeof t - 1;
    warnings w;
    jikji_note_t *note = parse(t, len, NULL, &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note), "제목\uFFFD\uFFFD 끝");
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 0, 1, 2, 1, "제목\uFFFD\uFFFD 끝",
                  "제목\uFFFD\uFFFD 끝", NULL);
    check_section(note, 1, 3, 6, 2,
                  "\uFFFD\uFFFD\uFFFD 둘째 \uFFFD\uFFFD\uFFFD\uFFFD",
                  "제목\uFFFD\uFFFD 끝",
                  "\uFFFD\uFFFD\uFFFD 둘째 \uFFFD\uFFFD\uFFFD\uFFFD", NULL);
    /* NUL bytes survive in the section text; its length is the range's. */
    const jikji_section_t *s = jikji_note_section(note, 0);
    char *out = section_text(note, 0, t, len);
    assert_memory_equal(out + 2, t + 2, s->end - s->start - 2);
    jikji_free(out);
    jikji_note_free(note);

    /* Invalid UTF-8 in front matter: a warning, and the body is read. */
    const char fm[] = "---\ntitle: \xff\xfe\n---\n## 질문\n";
    note = parse(fm, sizeof fm - 1, "x.md", &w);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.line, 2);
    assert_int_equal(w.status, JIKJI_EFRONTMATTER);
    assert_string_equal(jikji_note_title(note), "x");
    check_section(note, 0, 4, 4, 2, "질문", "x", "질문", NULL);
    jikji_note_free(note);
}

/* xorshift PRNG for the fuzz test (deterministic). */
static uint32_t
rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void
test_random_markup(void **state)
{
    (void)state;
    /* Random mixes of the bytes that drive the parser: every invariant
     * must hold and nothing may crash (run this under ASan/UBSan). */
    static const char *const atoms[] = {
        "\n", "\r\n", "\r", "#", "## ", "# ", "`", "```", "~~~", "<", ">",
        "> ", "<details>", "</details>", "<summary>", "</summary>", "<!--",
        "-->", "[", "]", "](", ")", "[[", "]]", "|", "!", "*", "**", "_", "__",
        "- ", "1. ", " ", "   ", "\t", "---", "...", "가", "\xff", "\xe3\x80",
        "\0", "a", "<b>", "<img src=x>", "\xEF\xBB\xBF", "title: ", ":",
    };
    uint32_t seed = 0x9E3779B9u;
    char buf[600];
    for (int iter = 0; iter < 4000; iter++) {
        size_t n = 0;
        size_t target = rnd(&seed) % 400;
        if (rnd(&seed) % 4 == 0) {
            memcpy(buf, "---\n", 4);
            n = 4;
        }
        while (n < target) {
            const char *a = atoms[rnd(&seed) % ARRAY_LEN(atoms)];
            size_t al = a[0] ? strlen(a) : 1;
            memcpy(buf + n, a, al);
            n += al;
        }
        jikji_note_t *note = NULL;
        warnings w;
        memset(&w, 0, sizeof w);
        assert_int_equal(jikji_note_parse(buf, n, "fuzz.md", on_warning, &w,
                                          &note), JIKJI_OK);
        check_invariants(note, buf, n);
        jikji_note_free(note);
    }
}

static void
test_huge_heading(void **state)
{
    (void)state;
    /* 10,000 characters of heading: cut for display to at most 1024
     * bytes plus "…", at a character boundary. */
    size_t cap = 10000 * 3 + 64, n = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    memcpy(t, "# ", 2);
    n = 2;
    for (int i = 0; i < 10000; i++) {
        memcpy(t + n, "가", 3);
        n += 3;
    }
    memcpy(t + n, "\n## 다음\n", strlen("\n## 다음\n"));
    n += strlen("\n## 다음\n");
    clock_t t0 = clock();
    jikji_note_t *note = parse(t, n, NULL, NULL);
    check_invariants(note, t, n);
    const char *title = jikji_note_title(note);
    size_t tl = strlen(title);
    assert_true(tl <= 1024 + 3);
    assert_true(tl >= 1024 - 3);
    assert_string_equal(title + tl - 3, "\u2026");
    assert_int_equal((tl - 3) % 3, 0);
    assert_int_equal(jikji_note_section_count(note), 2);
    check_section(note, 1, 2, 2, 2, "다음", title, "다음", NULL);
    /* The section range still covers the whole heading line. */
    assert_int_equal(jikji_note_section(note, 0)->end, 2 + 30000 + 1);
    jikji_note_free(note);
    assert_true(since(t0) < 5.0);
    free(t);
}

static void
test_many_headings(void **state)
{
    (void)state;
    enum { N = 100000 };
    size_t cap = (size_t)N * 48, n = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(t + n, cap - n, "%s 질문 %d\n답 %d\n",
                              i % 3 == 0 ? "##" : "###", i, i);
    clock_t t0 = clock();
    jikji_note_t *note = parse(t, n, "many.md", NULL);
    double secs = since(t0);
    print_message("%d headings: %.3f s\n", N, secs);
    assert_int_equal(jikji_note_section_count(note), N);
    for (int i = 0; i < N; i += 9973) {
        const jikji_section_t *s = jikji_note_section(note, (size_t)i);
        assert_int_equal(s->line, 2 * (unsigned)i + 1);
        assert_int_equal(s->end_line, 2 * (unsigned)i + 2);
        assert_int_equal(s->nheadings, i % 3 == 0 ? 2 : 3);
        assert_ptr_equal(jikji_note_section_at(note, s->end_line), s);
    }
    const jikji_section_t *last = jikji_note_section(note, N - 1);
    assert_int_equal(last->end, n);
    assert_true(secs < 10.0);
    jikji_note_free(note);
    free(t);
}

/* Fill len bytes with a repeated pattern (no line breaks). */
static char *
repeat(const char *pat, size_t len)
{
    char *t = malloc(len + 1);
    assert_non_null(t);
    size_t pl = strlen(pat);
    for (size_t i = 0; i < len; i++)
        t[i] = pat[i % pl];
    t[len] = '\0';
    return t;
}

static void
test_huge_lines(void **state)
{
    (void)state;
    /* Single lines of 50 MB (plain text, a heading) and 8 MB lines of
     * patterns that would be quadratic with naive searching: unclosed
     * tags, code spans of many lengths, `](` without ')', unclosed
     * wikilinks, <summary> without </summary>. */
    static const struct {
        const char *prefix, *pat;
        size_t len;
    } cases[] = {
        {"", "재시도 Kafka retry ", 50u << 20},
        {"# ", "Kafka 재시도 ", 50u << 20},
        {"", "<a ", 8u << 20},
        {"", "<", 8u << 20},
        {"", "` `` ``` ```` ````` `````` ``````` ```````` x ", 8u << 20},
        {"", "](", 8u << 20},
        {"", "[a](b c ", 8u << 20},
        {"", "[[x ", 8u << 20},
        {"", "<summary>x ", 8u << 20},
        {"<details>", "<details><summary>y</summary>", 8u << 20},
        {"텍스트 ", "<!-- ", 8u << 20},
        {"", "<a b=\"", 8u << 20},
        {"", "~~가", 8u << 20},
        {"", "**가", 8u << 20},
        {"", "<p a=1 b='x' c ", 8u << 20},
        {"## ", "**_[`<", 8u << 20},
        {"", " _a_b", 8u << 20},
        {"", " *a", 8u << 20},
        {"", "<a b=\"\n", 8u << 20},
        {"", "x <img b\n c=d\n", 8u << 20},
        {"", "[a\n", 8u << 20},
        /* reader 14: Logseq tags, Hugo shortcodes, properties */
        {"", "#[[ ", 8u << 20},
        {"", "#[[x", 8u << 20},
        {"", "{{< ", 8u << 20},
        {"", "{{% x {{< y ", 8u << 20},
        {"", "((", 8u << 20},
        {"- ", "## - ", 8u << 20},
        {"a:: ", "b:: ", 8u << 20},
        {"", "<img src=\"data:", 8u << 20},
        {"<img src=\"data:", "AAAA", 8u << 20},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        size_t pl = strlen(cases[i].prefix);
        char *body = repeat(cases[i].pat, cases[i].len);
        char *t = malloc(pl + cases[i].len + 1);
        assert_non_null(t);
        memcpy(t, cases[i].prefix, pl);
        memcpy(t + pl, body, cases[i].len + 1);
        free(body);
        size_t n = pl + cases[i].len;

        clock_t t0 = clock();
        jikji_note_t *note = parse(t, n, NULL, NULL);
        assert_int_equal(jikji_note_section_count(note), 1);
        const jikji_section_t *s = jikji_note_section(note, 0);
        assert_int_equal(s->line, 1);
        assert_int_equal(s->end, n);
        assert_true(strlen(s->heading) <= 1024 + 3);
        char *out = section_text(note, 0, t, n);
        jikji_free(out);
        jikji_note_free(note);
        double secs = since(t0);
        print_message("%zu MB of \"%s\": %.3f s\n", cases[i].len >> 20,
                      cases[i].pat, secs);
        assert_true(secs < 30.0);
        free(t);
    }
}

/* ------------------------------------------------------------------ */
/* Korean and full-width corpus notes, and every corpus file           */

static void
test_korean_corpus(void **state)
{
    (void)state;
    size_t len;
    char *t;
    jikji_note_t *note;
    warnings w;

    /* NFD jamo are kept byte for byte (normalizing is the tokenizer's
     * job). */
    t = read_corpus("nfd-hangul.md", &len);
    note = parse(t, len, NULL, &w);
    assert_int_equal(w.n, 0);
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note),
                        "\u1106\u1162\u11a8\u110b\u1166\u1109\u1165 "
                        "\u110c\u1165\u110c\u1161\u11bc\u1112\u1161\u11ab "
                        "\u1106\u1167\u11ab\u110c\u1165\u11b8 "
                        "\u1102\u1169\u1110\u1173");
    assert_int_equal(jikji_note_section_count(note), 1);
    assert_string_equal(jikji_note_section(note, 0)->heading,
                        "\u110c\u1162\u1109\u1175\u1103\u1169 "
                        "\u110c\u1165\u11ab\u1105\u1163\u11a8");
    assert_null(strstr(t, "재시도"));   /* the file really is NFD */
    jikji_note_free(note);
    free(t);

    /* Full-width Latin is kept as written. */
    t = read_corpus("fullwidth.md", &len);
    note = parse(t, len, NULL, &w);
    check_invariants(note, t, len);
    CHECK_TAGS(note, "ｋａｆｋａ");
    check_section(note, 0, 6, 8, 2, "Ｋａｆｋａ 컨슈머 튜닝", "전각 문자 메모",
                  "Ｋａｆｋａ 컨슈머 튜닝", NULL);
    jikji_note_free(note);
    free(t);

    t = read_corpus("kafka-particle.md", &len);
    note = parse(t, len, NULL, &w);
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note), "Kafka 재시도 설계 메모");
    assert_string_equal(jikji_note_date(note), "2025-03-02");
    CHECK_TAGS(note, "kafka", "retry");
    CHECK_ALIASES(note, "카프카 재시도", "Kafka retry");
    check_section(note, 0, 10, 12, 2, "Kafka를 쓰는 이유",
                  "Kafka 재시도 설계 메모", "Kafka를 쓰는 이유", NULL);
    char *out = section_text(note, 0, t, len);
    assert_non_null(strstr(out, " retryCount  헤더"));
    jikji_free(out);
    jikji_note_free(note);
    free(t);

    t = read_corpus("jamo-laugh.md", &len);
    note = parse(t, len, NULL, &w);
    check_invariants(note, t, len);
    assert_string_equal(jikji_note_title(note), "면접 후기 ㅋㅋ");
    jikji_note_free(note);
    free(t);
}

/* Parse every file in a directory and check the invariants. */
static size_t
check_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *t = read_path(path, &len);
        warnings w;
        jikji_note_t *note = parse(t, len, path, &w);
        check_invariants(note, t, len);
        assert_true(jikji_note_section_count(note) >= 1);
        jikji_note_free(note);
        free(t);
        count++;
    }
    closedir(d);
    return count;
}

static void
test_all_corpus_files(void **state)
{
    (void)state;
    assert_true(check_dir(corpus_dir()) >= 15);
    const char *samples = getenv("JIKJI_SAMPLES");
    if (samples && *samples) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/interviews", samples);
        check_dir(dir);
    }
}

/* Inline #tags: where a '#' starts a tag and where it does not. */
static void
test_inline_tags(void **state)
{
    (void)state;
    jikji_note_t *note = parse_str(
        "---\ntags: [fm]\n---\n"
        "#lead 줄 머리의 태그, 중간의 #카프카 그리고 (#paren) 안\n"
        "## 질문 #heading-tag\n"
        "반복 #lead 와 #nested/tag, 숫자만 #123 은 이슈 번호\n"
        "a#b, C#, &#123; url.com/#frag 는 태그가 아니다\n"
        "[링크](#anchor) 와 [참조][ref] 와 `#code` 와 ``x #span2 y``\n"
        "<!-- #comment --> 주석 뒤 #after-comment\n"
        "<span style=\"color: #ff0000\">빨강</span> 과 <Real MySQL 8.0> #book\n"
        "[ref]: #reference-definition\n"
        "[^1]: 각주의 #footnote-tag\n"
        "```c\n#include <stdio.h>\n```\n"
        "  ~~~\n  #indented-fence\n  ~~~\n"
        "> 인용 #quoted\n"
        "{: #ial-id .notice}\n"
        "문단 <!-- 메모\n#in-inline-comment 숨김 -->\n"
        "<!--\n메모 #in-comment\n--> #after-block\n"
        "%%\n메모 #in-pct\n%% #after-pct\n"
        "#toolongtoolongtoolongtoolongtoolongtoolongtoolongtoolongtoolong12\n"
        "끝 #end",
        "t.md", NULL);
    CHECK_TAGS(note, "fm");
    CHECK_INLINE_TAGS(note, "lead", "카프카", "paren", "heading-tag",
                      "nested/tag", "after-comment", "book", "footnote-tag",
                      "quoted", "after-block", "after-pct", "end");
    jikji_note_free(note);

    /* None in front matter only, and none in an unclosed code span's
     * line either side of it. */
    note = parse_str("---\ntitle: '#notatag'\n---\n본문 `열린 #tag1\n", "u.md",
                     NULL);
    CHECK_INLINE_TAGS(note, "tag1");
    jikji_note_free(note);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_frontmatter),
        cmocka_unit_test(test_jekyll),
        cmocka_unit_test(test_setext_headings),
        cmocka_unit_test(test_date_from_file_name),
        cmocka_unit_test(test_comments_and_liquid_blocks),
        cmocka_unit_test(test_pct_closer_in_code),
        cmocka_unit_test(test_unclosed_html_comments),
        cmocka_unit_test(test_indented_code),
        cmocka_unit_test(test_fence_in_list_item),
        cmocka_unit_test(test_raw_html_blocks),
        cmocka_unit_test(test_obsidian),
        cmocka_unit_test(test_broken_yaml),
        cmocka_unit_test(test_not_mapping),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_frontmatter_delimiters),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_lone_cr),
        cmocka_unit_test(test_mixed_line_ends),
        cmocka_unit_test(test_code_fences),
        cmocka_unit_test(test_fence_edge_cases),
        cmocka_unit_test(test_details),
        cmocka_unit_test(test_details_edge_cases),
        cmocka_unit_test(test_title_rules),
        cmocka_unit_test(test_heading_levels),
        cmocka_unit_test(test_heading_syntax_and_cleanup),
        cmocka_unit_test(test_preamble),
        cmocka_unit_test(test_section_at),
        cmocka_unit_test(test_section_text_blanking),
        cmocka_unit_test(test_section_text_joins_hangul),
        cmocka_unit_test(test_section_text_errors),
        cmocka_unit_test(test_einval_and_getters),
        cmocka_unit_test(test_inline_tags),
        cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_random_markup),
        cmocka_unit_test(test_huge_heading),
        cmocka_unit_test(test_many_headings),
        cmocka_unit_test(test_huge_lines),
        cmocka_unit_test(test_korean_corpus),
        cmocka_unit_test(test_all_corpus_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
