/* test_synonyms.c - unit tests for src/synonyms.c: the built-in dictionary
 * (data/synonyms.yaml, found through $JIKJI_SRC) looked up both ways,
 * case and full-width folding, Korean spelling variants, the tool names
 * left to the phonetic bridge, a user file merged on top, transitive
 * groups, and errors: a YAML syntax error or a wrong shape gives EINVAL
 * with "FILE:LINE: ...", a missing file gives EIO.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "jikji.h"
#include "synonyms.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static char builtin_path[4096];
static jk_synonyms *builtin;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* Write `text` to a new temporary file; its path goes to buf. */
static void
write_tmp(char *buf, size_t size, const char *text)
{
    const char *dir = getenv("TMPDIR");
    snprintf(buf, size, "%s/jikji-syn-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
}

/* Load YAML text through a temporary file. */
static jikji_status_t
load_text(const char *text, char *path, size_t size, jk_synonyms **out,
          char **err)
{
    write_tmp(path, size, text);
    jikji_status_t st = jk_synonyms_load(path, out, err);
    unlink(path);
    return st;
}

/* Whether group g[0..n) holds `form`. */
static int
has_form(const char *const *g, size_t n, const char *form)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(g[i], form) == 0)
            return 1;
    return 0;
}

/* Assert that `a` and `b` (normalized) are in one group of `syn`. */
static void
check_same_group(const jk_synonyms *syn, const char *a, const char *b,
                 const char *file, int line)
{
    const char *const *ga = NULL, *const *gb = NULL;
    size_t na = jk_synonyms_lookup(syn, a, &ga);
    size_t nb = jk_synonyms_lookup(syn, b, &gb);
    if (na == 0 || nb == 0 || ga != gb || !has_form(ga, na, b) ||
        !has_form(gb, nb, a)) {
        print_message("%s:%d: [%s] and [%s] are not one group "
                      "(%zu and %zu forms)\n", file, line, a, b, na, nb);
        fail();
    }
}

#define SAME_GROUP(syn, a, b) check_same_group((syn), (a), (b), __FILE__, __LINE__)

/* Assert the forms of the group of `form`, in order. */
static void
check_group(const jk_synonyms *syn, const char *form,
            const char *const *exp, size_t n, const char *file, int line)
{
    const char *const *g = NULL;
    size_t k = jk_synonyms_lookup(syn, form, &g);
    int ok = k == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = strcmp(g[i], exp[i]) == 0;
    if (!ok) {
        print_message("%s:%d: group of [%s]: expected", file, line, form);
        for (size_t i = 0; i < n; i++)
            print_message(" [%s]", exp[i]);
        print_message("\n  got");
        for (size_t i = 0; i < k; i++)
            print_message(" [%s]", g[i]);
        print_message("\n");
        fail();
    }
}

#define CHECK_GROUP(syn, form, ...)                                          \
    do {                                                                     \
        const char *const exp_[] = {__VA_ARGS__};                            \
        check_group((syn), (form), exp_, ARRAY_LEN(exp_), __FILE__, __LINE__); \
    } while (0)

/* Assert an error: status, no table, and a message that starts with
 * "PATH:LINE: " and contains `what`. */
static void
check_error(jikji_status_t st, jk_synonyms *syn, char *err, const char *path,
            unsigned line, const char *what, const char *file, int at)
{
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "%s:%u: ", path, line);
    if (st != JIKJI_EINVAL || syn != NULL || !err ||
        strncmp(err, prefix, strlen(prefix)) != 0 ||
        (what && !strstr(err, what))) {
        print_message("%s:%d: expected EINVAL with \"%s...%s\", got %s: %s\n",
                      file, at, prefix, what ? what : "",
                      jikji_status_str(st), err ? err : "(no message)");
        fail();
    }
    jikji_free(err);
}

#define CHECK_ERROR(st, syn, err, path, line, what) \
    check_error((st), (syn), (err), (path), (line), (what), __FILE__, __LINE__)

static int
setup_builtin(void **state)
{
    (void)state;
    const char *src = getenv("JIKJI_SRC");
    snprintf(builtin_path, sizeof builtin_path, "%s/data/synonyms.yaml",
             src && *src ? src : ".");
    char *err = NULL;
    jikji_status_t st = jk_synonyms_load(builtin_path, &builtin, &err);
    if (st != JIKJI_OK) {
        fprintf(stderr, "cannot load %s: %s (set JIKJI_SRC)\n", builtin_path,
                err ? err : jikji_status_str(st));
        jikji_free(err);
        return -1;
    }
    return 0;
}

static int
teardown_builtin(void **state)
{
    (void)state;
    jk_synonyms_free(builtin);
    builtin = NULL;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The built-in dictionary                                             */

static void
test_builtin_size(void **state)
{
    (void)state;
    size_t n = jk_synonyms_count(builtin);
    assert_true(n >= 300);
    size_t forms = 0;
    for (size_t i = 0; i < n; i++) {
        const char *const *g;
        size_t k = jk_synonyms_group(builtin, i, &g);
        assert_true(k >= 2);   /* a group of one form is useless */
        for (size_t j = 0; j < k; j++) {
            assert_true(g[j][0] != '\0');
            /* every form is stored normalized */
            char *norm = NULL;
            assert_int_equal(jk_synonyms_norm(g[j], strlen(g[j]), &norm),
                             JIKJI_OK);
            assert_string_equal(norm, g[j]);
            jikji_free(norm);
        }
        forms += k;
    }
    assert_int_equal(forms, jk_synonyms_forms(builtin));
    assert_int_equal(jk_synonyms_group(builtin, n, NULL), 0);
}

/* Every item of the file is its own group: no form appears in two items
 * (which would silently join them).  The file writes one `- [...]` per
 * line. */
static void
test_builtin_groups_disjoint(void **state)
{
    (void)state;
    FILE *f = fopen(builtin_path, "r");
    assert_non_null(f);
    char line[4096];
    size_t items = 0;
    while (fgets(line, sizeof line, f))
        if (line[0] == '-' && line[1] == ' ')
            items++;
    fclose(f);
    assert_int_equal(items, jk_synonyms_count(builtin));
}

static void
test_builtin_both_ways(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"카프카", "kafka"},         {"레디스", "redis"},
        {"클릭하우스", "clickhouse"}, {"파티션", "partition"},
        {"리트라이", "retry"},       {"재시도", "retry"},
        {"리트라이", "재시도"},      {"스프링 배치", "spring batch"},
        {"컨슈머", "consumer"},      {"프로듀서", "producer"},
        {"오프셋", "offset"},        {"토픽", "topic"},
        {"쿼리", "query"},           {"인덱스", "index"},
        {"캐시", "cache"},           {"캐쉬", "cache"},
        {"배치", "batch"},           {"스케줄러", "scheduler"},
        {"트랜잭션", "transaction"}, {"로드밸런서", "load balancer"},
        {"컨테이너", "container"},   {"마이크로서비스", "microservice"},
        {"레이턴시", "latency"},     {"스루풋", "throughput"},
        {"샤딩", "sharding"},        {"레플리카", "replica"},
        {"우대 사항", "preferred qualifications"},
        {"자격 요건", "qualifications"}, {"주요 업무", "responsibilities"},
        {"사유", "이유"},
    };
    for (size_t i = 0; i < ARRAY_LEN(pairs); i++) {
        SAME_GROUP(builtin, pairs[i][0], pairs[i][1]);
        SAME_GROUP(builtin, pairs[i][1], pairs[i][0]);
    }
    const char *const *g = NULL;
    size_t n = jk_synonyms_lookup(builtin, "카프카", &g);
    assert_true(n >= 2);
    assert_true(has_form(g, n, "kafka"));
    assert_true(has_form(g, n, "카프카"));
    assert_false(has_form(g, n, "redis"));
}

/* Spelling variants (one code point apart, spaces ignored) against two
 * words of one meaning. */
static void
test_is_variant(void **state)
{
    (void)state;
    static const char *const yes[][2] = {
        {"메시지", "메세지"},         {"캐시", "캐쉬"},
        {"타임 아웃", "타임아웃"},    {"분산 락", "분산락"},
        {"어플리케이션", "애플리케이션"}, {"컨텐츠", "콘텐츠"},
        {"colour", "color"},          {"메시지", "메시지"},
        {"컬처핏", "컬쳐핏"},         {"ab", "abc"},
    };
    static const char *const no[][2] = {
        {"재시도", "리트라이"}, {"dead letter queue", "dlq"},
        {"락", "록"} /* one syllable: too short to call */,
        {"메시지", "message"},  {"rebalance", "rebalancing"},
        {"컨피그", "컨피규레이션"}, {"", ""}, {"a", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
        if (!jk_synonyms_is_variant(yes[i][0], yes[i][1]) ||
            !jk_synonyms_is_variant(yes[i][1], yes[i][0]))
            fail_msg("expected variants: [%s] [%s]", yes[i][0], yes[i][1]);
    }
    for (size_t i = 0; i < ARRAY_LEN(no); i++) {
        if (jk_synonyms_is_variant(no[i][0], no[i][1]) ||
            jk_synonyms_is_variant(no[i][1], no[i][0]))
            fail_msg("not variants: [%s] [%s]", no[i][0], no[i][1]);
    }
    assert_false(jk_synonyms_is_variant(NULL, "a"));
    assert_false(jk_synonyms_is_variant("ab", NULL));
    /* past the 64 code points compared: never a variant */
    char longa[200], longb[200];
    memset(longa, 'a', 150);
    longa[150] = '\0';
    memcpy(longb, longa, 151);
    assert_false(jk_synonyms_is_variant(longa, longb));
    assert_true(jk_synonyms_is_variant("\xff\xfe" "ab", "\xff\xfe" "ac"));
}

static void
test_builtin_variants(void **state)
{
    (void)state;
    SAME_GROUP(builtin, "메세지", "메시지");
    SAME_GROUP(builtin, "메시지", "message");
    SAME_GROUP(builtin, "컨텐츠", "콘텐츠");
    SAME_GROUP(builtin, "어플리케이션", "애플리케이션");
    SAME_GROUP(builtin, "캐쉬", "캐시");
    SAME_GROUP(builtin, "스케쥴러", "스케줄러");
    SAME_GROUP(builtin, "타임 아웃", "타임아웃");
    SAME_GROUP(builtin, "쓰레드", "스레드");
    SAME_GROUP(builtin, "리더쉽", "리더십");
}

/* Lookups take normalized forms: jk_synonyms_norm() folds case, full-width
 * Latin and white space, so every spelling reaches one key. */
static void
test_builtin_case_and_fullwidth(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "Kafka", "KAFKA", "kafka", "Ｋａｆｋａ", "  Kafka\t",
    };
    const char *const *want = NULL;
    assert_true(jk_synonyms_lookup(builtin, "kafka", &want) >= 2);
    for (size_t i = 0; i < ARRAY_LEN(inputs); i++) {
        char *norm = NULL;
        assert_int_equal(jk_synonyms_norm(inputs[i], strlen(inputs[i]), &norm),
                         JIKJI_OK);
        assert_string_equal(norm, "kafka");
        const char *const *g = NULL;
        assert_true(jk_synonyms_lookup(builtin, norm, &g) >= 2);
        assert_ptr_equal(g, want);
        jikji_free(norm);
    }
    char *norm = NULL;
    /* ideographic space U+3000 and a run of blanks inside a phrase */
    const char *phrase = "Spring\xE3\x80\x80  BATCH";
    assert_int_equal(jk_synonyms_norm(phrase, strlen(phrase), &norm), JIKJI_OK);
    assert_string_equal(norm, "spring batch");
    SAME_GROUP(builtin, norm, "스프링 배치");
    jikji_free(norm);
    /* an unnormalized key is not found: callers normalize first */
    assert_int_equal(jk_synonyms_lookup(builtin, "Kafka", NULL), 0);
}

/* The tool names the phonetic bridge must find are not in the dictionary,
 * in either script, so the bridge is measured on its own (Kubernetes is:
 * no sound finds k8s, as most notes write it). */
static void
test_builtin_leaves_bridge_terms_out(void **state)
{
    (void)state;
    static const char *const out[] = {
        "jenkins", "젠킨스", "terraform", "테라폼", "prometheus", "프로메테우스",
        "airflow", "에어플로우", "github",
        "깃허브", "grafana", "그라파나", "elasticsearch", "엘라스틱서치",
        "mongodb", "몽고디비", "lambda", "람다",
    };
    SAME_GROUP(builtin, "k8s", "kubernetes");
    SAME_GROUP(builtin, "k8s", "쿠버네티스");
    for (size_t i = 0; i < ARRAY_LEN(out); i++) {
        if (jk_synonyms_lookup(builtin, out[i], NULL) != 0) {
            print_message("[%s] must be left to the phonetic bridge\n", out[i]);
            fail();
        }
    }
    /* nor is any of them part of a longer form */
    for (size_t g = 0; g < jk_synonyms_count(builtin); g++) {
        const char *const *forms;
        size_t n = jk_synonyms_group(builtin, g, &forms);
        for (size_t j = 0; j < n; j++)
            for (size_t i = 0; i < ARRAY_LEN(out); i++)
                if (strstr(forms[j], out[i])) {
                    print_message("[%s] contains [%s]\n", forms[j], out[i]);
                    fail();
                }
    }
}

static void
test_unknown_form(void **state)
{
    (void)state;
    const char *const *g = (const char *const *)&g;
    assert_int_equal(jk_synonyms_lookup(builtin, "no-such-term-xyz", &g), 0);
    assert_null(g);
    assert_int_equal(jk_synonyms_lookup(builtin, "", NULL), 0);
    assert_int_equal(jk_synonyms_lookup(builtin, NULL, NULL), 0);
    assert_int_equal(jk_synonyms_lookup(NULL, "kafka", NULL), 0);
}

/* ------------------------------------------------------------------ */
/* Loading and merging                                                 */

static void
test_block_style_and_normalization(void **state)
{
    (void)state;
    char path[4096];
    jk_synonyms *s = NULL;
    char *err = NULL;
    const char *yaml =
        "# a user's file\n"
        "- - Kafka\n"
        "  - \"카프카\"\n"
        "  - KAFKA\n"                          /* the same form again */
        "- [ＲＥＤＩＳ, 레디스]\n"             /* full-width Latin */
        "- ['Spring   Batch', 스프링 배치]\n";
    assert_int_equal(load_text(yaml, path, sizeof path, &s, &err), JIKJI_OK);
    assert_null(err);
    assert_int_equal(jk_synonyms_count(s), 3);
    /* A Hangul phrase also joins its group without its spaces. */
    assert_int_equal(jk_synonyms_forms(s), 7);
    CHECK_GROUP(s, "카프카", "kafka", "카프카");
    CHECK_GROUP(s, "redis", "redis", "레디스");
    CHECK_GROUP(s, "스프링 배치", "spring batch", "스프링 배치", "스프링배치");
    jk_synonyms_free(s);
}

/* Groups sharing a form are one group, in first-seen order. */
static void
test_transitive_groups(void **state)
{
    (void)state;
    char path[4096];
    jk_synonyms *s = NULL;
    const char *yaml = "- [a, b]\n- [c, d]\n- [d, b]\n- [e, f]\n- [solo]\n";
    assert_int_equal(load_text(yaml, path, sizeof path, &s, NULL), JIKJI_OK);
    assert_int_equal(jk_synonyms_count(s), 3);
    CHECK_GROUP(s, "c", "a", "b", "c", "d");
    CHECK_GROUP(s, "f", "e", "f");
    CHECK_GROUP(s, "solo", "solo");
    jk_synonyms_free(s);
}

static void
test_empty_files(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "# nothing yet\n", "---\n",
                                         "[]\n", "- []\n"};
    for (size_t i = 0; i < ARRAY_LEN(inputs); i++) {
        char path[4096];
        jk_synonyms *s = NULL;
        char *err = NULL;
        assert_int_equal(load_text(inputs[i], path, sizeof path, &s, &err),
                         JIKJI_OK);
        assert_null(err);
        assert_non_null(s);
        assert_int_equal(jk_synonyms_count(s), 0);
        assert_int_equal(jk_synonyms_lookup(s, "kafka", NULL), 0);
        jk_synonyms_free(s);
    }
}

/* A user file on top of the built-in table: additive, groups sharing a
 * form join, the user table can be freed afterwards. */
static void
test_merge_user_file(void **state)
{
    (void)state;
    char path[4096];
    jk_synonyms *base = NULL, *user = NULL;
    char *err = NULL;
    assert_int_equal(jk_synonyms_load(builtin_path, &base, &err), JIKJI_OK);
    size_t before = jk_synonyms_count(base);
    const char *yaml = "- [Kafka, 캎카]\n"        /* joins a built-in group */
                       "- [사내 배포툴, deployer]\n"   /* a new group */
                       "- [리디스, 레디스]\n";         /* joins via Hangul */
    assert_int_equal(load_text(yaml, path, sizeof path, &user, &err), JIKJI_OK);
    assert_int_equal(jk_synonyms_merge(base, user), JIKJI_OK);
    jk_synonyms_free(user);

    CHECK_GROUP(base, "캎카", "kafka", "카프카", "캎카");
    SAME_GROUP(base, "카프카", "캎카");
    CHECK_GROUP(base, "deployer", "사내 배포툴", "사내배포툴", "deployer");
    SAME_GROUP(base, "리디스", "redis");
    SAME_GROUP(base, "리디스", "레디스");
    assert_int_equal(jk_synonyms_count(base), before + 1);
    /* the rest of the built-in table is untouched */
    SAME_GROUP(base, "메세지", "메시지");
    assert_int_equal(jk_synonyms_lookup(builtin, "캎카", NULL), 0);

    /* merging an empty table changes nothing; NULLs are refused */
    jk_synonyms *empty = NULL;
    assert_int_equal(jk_synonyms_new(&empty), JIKJI_OK);
    assert_int_equal(jk_synonyms_merge(base, empty), JIKJI_OK);
    assert_int_equal(jk_synonyms_count(base), before + 1);
    /* and merging into an empty table copies */
    assert_int_equal(jk_synonyms_merge(empty, base), JIKJI_OK);
    assert_int_equal(jk_synonyms_count(empty), before + 1);
    jk_synonyms_free(base);
    SAME_GROUP(empty, "카프카", "캎카");
    assert_int_equal(jk_synonyms_merge(empty, NULL), JIKJI_EINVAL);
    assert_int_equal(jk_synonyms_merge(NULL, empty), JIKJI_EINVAL);
    jk_synonyms_free(empty);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void
test_yaml_syntax_error(void **state)
{
    (void)state;
    char path[4096];
    jk_synonyms *s = (jk_synonyms *)&s;
    char *err = NULL;
    /* the flow sequence on line 2 is never closed */
    const char *yaml = "- [kafka, 카프카]\n- [redis, 레디스\n- [a, b]\n";
    jikji_status_t st = load_text(yaml, path, sizeof path, &s, &err);
    assert_non_null(err);
    assert_non_null(strstr(err, "jikji-syn-"));  /* names the file */
    CHECK_ERROR(st, s, err, path, 3, NULL);

    /* a tab for indentation */
    s = NULL;
    err = NULL;
    st = load_text("- [a, b]\n-\t- c\n", path, sizeof path, &s, &err);
    assert_int_equal(st, JIKJI_EINVAL);
    assert_non_null(strstr(err, ":2: "));
    jikji_free(err);

    /* invalid UTF-8 on line 2 (a reader error: a byte offset) */
    s = NULL;
    err = NULL;
    st = load_text("- [a, b]\n- [c, \xff]\n", path, sizeof path, &s, &err);
    CHECK_ERROR(st, s, err, path, 2, "0xFF");
}

static void
test_wrong_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *yaml;
        unsigned line;
        const char *what;
    } cases[] = {
        {"kafka: 카프카\n", 1, "mapping"},
        {"just a string\n", 1, "single term"},
        {"- [kafka, 카프카]\n\n- kafka\n", 3, "single term \"kafka\""},
        {"- [kafka, 카프카]\n- {kafka: 카프카}\n", 2, "mapping"},
        {"- [kafka, 카프카]\n- [a, [b, c]]\n", 2, "list"},
        {"- [a, b]\n- [c, {d: e}]\n", 2, "mapping"},
        {"- [&x a, b]\n- [c, *x]\n", 2, "alias"},
        {"- [a, \"\"]\n", 1, "empty term"},
        {"- [a, \"   \"]\n", 1, "empty term"},
        {"- [a, b]\n- [c, \"!!!\", ~]\n", 2, "no letter or digit ('!!!')"},
        {"- [a, b]\n---\nfoo: bar\n", 3, "mapping"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char path[4096];
        jk_synonyms *s = NULL;
        char *err = NULL;
        jikji_status_t st = load_text(cases[i].yaml, path, sizeof path, &s, &err);
        CHECK_ERROR(st, s, err, path, cases[i].line, cases[i].what);
    }
}

static void
test_term_too_long(void **state)
{
    (void)state;
    char yaml[1024], path[4096];
    memset(yaml, 0, sizeof yaml);
    strcpy(yaml, "- [a, ");
    memset(yaml + 6, 'x', JK_SYNONYMS_MAX_TERM + 1);
    strcat(yaml, "]\n");
    jk_synonyms *s = NULL;
    char *err = NULL;
    jikji_status_t st = load_text(yaml, path, sizeof path, &s, &err);
    CHECK_ERROR(st, s, err, path, 1, "longer than");
}

static void
test_missing_file(void **state)
{
    (void)state;
    jk_synonyms *s = (jk_synonyms *)&s;
    char *err = NULL;
    const char *path = "/nonexistent/jikji/synonyms.yaml";
    assert_int_equal(jk_synonyms_load(path, &s, &err), JIKJI_EIO);
    assert_null(s);
    assert_non_null(err);
    assert_non_null(strstr(err, path));
    jikji_free(err);

    /* a directory is not a file */
    const char *dir = getenv("TMPDIR");
    s = NULL;
    err = NULL;
    assert_int_equal(jk_synonyms_load(dir && *dir ? dir : "/tmp", &s, &err),
                     JIKJI_EIO);
    assert_null(s);
    assert_non_null(err);
    jikji_free(err);

    /* errmsg may be NULL */
    assert_int_equal(jk_synonyms_load(path, &s, NULL), JIKJI_EIO);
}

static void
test_parse_from_memory(void **state)
{
    (void)state;
    jk_synonyms *s = NULL;
    char *err = NULL;
    const char *yaml = "- [a, b]\n- c\n";
    assert_int_equal(jk_synonyms_parse(yaml, strlen(yaml), NULL, &s, &err),
                     JIKJI_EINVAL);
    assert_null(s);
    assert_non_null(err);
    assert_string_equal(err,
                        "<string>:2: expected a group (`- [term, term, ...]`), "
                        "found a single term \"c\"");
    jikji_free(err);
    assert_int_equal(jk_synonyms_parse("- [x, y]", 8, "mine.yaml", &s, NULL),
                     JIKJI_OK);
    CHECK_GROUP(s, "y", "x", "y");
    jk_synonyms_free(s);
}

static void
test_null_arguments(void **state)
{
    (void)state;
    jk_synonyms *s = NULL;
    char *err = NULL;
    assert_int_equal(jk_synonyms_load(NULL, &s, &err), JIKJI_EINVAL);
    assert_null(err);
    assert_int_equal(jk_synonyms_load(builtin_path, NULL, &err), JIKJI_EINVAL);
    assert_int_equal(jk_synonyms_parse(NULL, 3, "x", &s, NULL), JIKJI_EINVAL);
    assert_int_equal(jk_synonyms_new(NULL), JIKJI_EINVAL);
    assert_int_equal(jk_synonyms_norm(NULL, 1, &err), JIKJI_EINVAL);
    assert_int_equal(jk_synonyms_norm("a", 1, NULL), JIKJI_EINVAL);
    assert_int_equal(jk_synonyms_count(NULL), 0);
    assert_int_equal(jk_synonyms_forms(NULL), 0);
    assert_int_equal(jk_synonyms_group(NULL, 0, NULL), 0);
    jk_synonyms_free(NULL);
}

/* Many forms: the hash table grows and every form stays findable. */
static void
test_many_forms(void **state)
{
    (void)state;
    size_t n = 5000;
    char *yaml = malloc(n * 32);
    assert_non_null(yaml);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(yaml + len, "- [t%zu, u%zu]\n", i, i);
    jk_synonyms *s = NULL;
    assert_int_equal(jk_synonyms_parse(yaml, len, "big", &s, NULL), JIKJI_OK);
    free(yaml);
    assert_int_equal(jk_synonyms_count(s), n);
    assert_int_equal(jk_synonyms_forms(s), 2 * n);
    for (size_t i = 0; i < n; i += 97) {
        char a[32], b[32];
        snprintf(a, sizeof a, "t%zu", i);
        snprintf(b, sizeof b, "u%zu", i);
        CHECK_GROUP(s, a, a, b);
    }
    jk_synonyms_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_size),
        cmocka_unit_test(test_builtin_groups_disjoint),
        cmocka_unit_test(test_builtin_both_ways),
        cmocka_unit_test(test_builtin_variants),
        cmocka_unit_test(test_is_variant),
        cmocka_unit_test(test_builtin_case_and_fullwidth),
        cmocka_unit_test(test_builtin_leaves_bridge_terms_out),
        cmocka_unit_test(test_unknown_form),
        cmocka_unit_test(test_block_style_and_normalization),
        cmocka_unit_test(test_transitive_groups),
        cmocka_unit_test(test_empty_files),
        cmocka_unit_test(test_merge_user_file),
        cmocka_unit_test(test_yaml_syntax_error),
        cmocka_unit_test(test_wrong_shapes),
        cmocka_unit_test(test_term_too_long),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_parse_from_memory),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_many_forms),
    };
    return cmocka_run_group_tests(tests, setup_builtin, teardown_builtin);
}
