/* test_verb.c - Korean verb forms (src/verb.h): the stems a typed word is
 * read as, and the word starts of a stem's forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "verb.h"

/* The stems of w as text ("막", "고르?" when unsure), space-separated. */
static void
stems_of(const char *w, char *out, size_t cap)
{
    jk_verb_stem st[JK_VERB_STEMS_MAX];
    size_t n = jk_verb_stems(w, strlen(w), st, JK_VERB_STEMS_MAX), o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && o + 32 < cap; i++) {
        if (i)
            out[o++] = ' ';
        for (size_t k = 0; k < st[i].n; k++)
            o += jk_hangul_join(&st[i].s[k], out + o);
        if (st[i].unsure)
            out[o++] = '?';
        out[o] = '\0';
    }
}

/* Whether the stem list of w has `stem` (as stems_of() writes it). */
static int
has_stem(const char *w, const char *stem)
{
    char s[1024], *p = s;
    stems_of(w, s, sizeof s);
    size_t n = strlen(stem);
    while ((p = strstr(p, stem)) != NULL) {
        if ((p == s || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

/* Whether the stem `stem` that w is read as has the start `start`; into
 * *whole and *verbal its flags. */
static int
start_of(const char *w, const char *stem, const char *start, int *whole,
         int *verbal)
{
    jk_verb_stem st[JK_VERB_STEMS_MAX];
    size_t n = jk_verb_stems(w, strlen(w), st, JK_VERB_STEMS_MAX);
    for (size_t i = 0; i < n; i++) {
        char t[32];
        size_t o = 0;
        for (size_t k = 0; k < st[i].n; k++)
            o += jk_hangul_join(&st[i].s[k], t + o);
        t[o] = '\0';
        if (strcmp(t, stem))
            continue;
        jk_verb_start s[128];
        size_t m = jk_verb_starts(&st[i], s, 128);
        for (size_t k = 0; k < m; k++)
            if (!strcmp(s[k].text, start)) {
                *whole = s[k].whole;
                *verbal = s[k].verbal;
                return 1;
            }
    }
    return 0;
}

static int
starts_with(const char *w, const char *stem, const char *start)
{
    int whole, verbal;
    return start_of(w, stem, start, &whole, &verbal);
}

/* Regular and irregular conjugations read back to their stems. */
static void
test_stems(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"막았던", "막"},        {"막으셨어요", "막"},  {"썼던", "쓰"},
        {"늘렸습니다", "늘리"},  {"줄였고", "줄이"},    {"나누셨어요", "나누"},
        {"도왔던", "돕"},        {"골랐던", "고르"},    {"들었던", "듣"},
        {"나았다", "낫"},        {"만드셨어요", "만들"}, {"봤던", "보"},
        {"줬습니다", "주"},      {"빨랐다", "빠르"},
        {"뒀던", "두"},          {"껐습니다", "끄"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char s[1024];
        stems_of(pairs[i][0], s, sizeof s);
        if (!has_stem(pairs[i][0], pairs[i][1]))
            fail_msg("%s: want the sure stem %s, got [%s]", pairs[i][0],
                     pairs[i][1], s);
    }
    /* Read by an ending a noun takes too, or by none: unsure. */
    static const char *const unsure[][2] = {
        {"늘린", "늘리?"}, {"도운", "돕?"}, {"고른", "고르?"},
        {"막은", "막?"},   {"아는", "알?"}, {"막다", "막?"},
    };
    for (size_t i = 0; i < sizeof unsure / sizeof *unsure; i++) {
        char s[1024];
        stems_of(unsure[i][0], s, sizeof s);
        if (!has_stem(unsure[i][0], unsure[i][1]))
            fail_msg("%s: want %s, got [%s]", unsure[i][0], unsure[i][1], s);
    }
}

/* Nouns and nouns under a particle are no sure verb, and one-syllable
 * stems that every sentence has are left out. */
static void
test_not_verbs(void **state)
{
    (void)state;
    static const char *const nouns[] = {
        "재시도", "학습", "캐시를", "서버도", "파티션", "데이터", "크기",
        "습관", "서버나", "하는", "있었던", "되었다",
    };
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++) {
        jk_verb_stem st[JK_VERB_STEMS_MAX];
        size_t n = jk_verb_stems(nouns[i], strlen(nouns[i]), st,
                                 JK_VERB_STEMS_MAX);
        for (size_t k = 0; k < n; k++)
            if (!st[k].unsure && st[k].n == 1) {
                char t[4] = {0};
                jk_hangul_join(&st[k].s[0], t);
                fail_msg("%s: a sure one-syllable stem %s", nouns[i], t);
            }
    }
    assert_false(has_stem("재시도", "재"));   /* 시 alone is no honorific */
    assert_false(has_stem("학습", "학"));     /* 습 without 니 */
    assert_false(has_stem("크기", "크?"));    /* a one-syllable -기 noun */
    assert_false(has_stem("하는", "하?"));    /* a stem every note has */
    assert_false(has_stem("가게", "가?"));    /* 가 + 게: a noun's shape */
    assert_false(has_stem("보고", "보?"));
    assert_false(has_stem("나라", "나?"));
    assert_false(has_stem("나는", "나?"));    /* I, not 나다 */
    assert_true(has_stem("났던", "나"));      /* 나다's past */
    assert_true(has_stem("막다", "막?"));     /* a verb typed alone */
    char s[64];
    stems_of("막", s, sizeof s);              /* one syllable: nothing */
    assert_string_equal(s, "");
    stems_of("Kafka", s, sizeof s);
    assert_string_equal(s, "");
}

/* A stem's forms: a closed list after a one-syllable stem (never 막대),
 * the changed syllable after a longer one. */
static void
test_starts(void **state)
{
    (void)state;
    int whole, verbal;
    assert_true(start_of("막았던", "막", "막았", &whole, &verbal));
    assert_true(verbal && !whole);
    assert_true(start_of("막았던", "막", "막는", &whole, &verbal));
    assert_true(verbal);                      /* no noun takes 는 so */
    assert_true(starts_with("막았던", "막", "막고"));
    assert_false(starts_with("막았던", "막", "막대"));
    assert_false(starts_with("막았던", "막", "막은")); /* 책은: a noun's */
    assert_false(starts_with("막았던", "막", "막자")); /* 일자 */
    assert_true(start_of("썼던", "쓰", "썼다", &whole, &verbal));
    assert_true(verbal);
    assert_false(starts_with("썼던", "쓰", "쓰레"));
    assert_false(starts_with("썼던", "쓰", "쓰기"));
    assert_false(starts_with("썼던", "쓰", "쓴"));   /* 본, 산: nouns */
    assert_false(starts_with("썼던", "쓰", "쓰고")); /* 보고, 사고 */
    /* a one-syllable stem's contracted form is no evidence (커서) */
    assert_true(start_of("썼던", "쓰", "써서", &whole, &verbal));
    assert_false(verbal);
    assert_true(start_of("늘린", "늘리", "늘렸", &whole, &verbal));
    assert_true(verbal);
    /* a two-syllable contracted form closed (키워드 is no 키우 form) */
    assert_true(start_of("늘린", "늘리", "늘려서", &whole, &verbal));
    assert_true(verbal);
    assert_true(start_of("늘린", "늘리", "늘려도", &whole, &verbal));
    assert_false(verbal);                     /* 리더도: a noun's too */
    assert_true(starts_with("빠른", "빠르", "빨라서"));
    assert_false(starts_with("늘린", "늘리", "늘려"));
    assert_false(starts_with("키운", "키우", "키워"));
    assert_true(starts_with("늘린", "늘리", "늘리고"));
    assert_false(starts_with("늘린", "늘리", "늘리"));  /* 밀리초, 높이 */
    assert_false(starts_with("줄인", "줄이", "줄임"));  /* 줄임표 */
    assert_true(starts_with("도운", "돕", "도왔"));
    assert_true(starts_with("도운", "돕", "도운"));
    assert_false(starts_with("도운", "돕", "도우")); /* 도우미 */
    assert_false(starts_with("도운", "돕", "도움")); /* 도움말 */
    assert_false(has_stem("지웠다", "집"));  /* 집 is regular: no 지워 */
    assert_false(starts_with("받았다", "받", "발음")); /* 받 is regular */
    assert_false(starts_with("받았다", "받", "발은"));
    assert_true(has_stem("지었다", "짓"));   /* ㅅ dropped... */
    assert_false(has_stem("지었다", "지"));  /* ...its only reading */
    assert_false(has_stem("이었다", "잇"));  /* the copula's past */
    assert_true(has_stem("이은", "잇?"));
    assert_true(has_stem("켰다", "켜"));
    assert_false(has_stem("켰다", "키"));
    assert_false(has_stem("있으세요", "있으")); /* 으 is the ending's */
    assert_false(has_stem("섞은", "섞으?"));
    assert_false(has_stem("가는", "가느?"));    /* 는 is the ending */
    assert_false(has_stem("오는", "오늘?"));
    assert_true(starts_with("고른", "고르", "골랐"));
    assert_true(starts_with("들었던", "듣", "들었"));
    assert_true(starts_with("나았다", "낫", "나은"));
    assert_true(starts_with("아는", "알", "아는"));
    assert_true(starts_with("아는", "알", "알았"));
    assert_false(starts_with("아는", "알", "아니"));
    assert_false(starts_with("줄었다", "줄", "주는")); /* 주다's */
    assert_false(starts_with("줄었다", "줄", "주세")); /* 설명해 주세요 */
    assert_true(starts_with("만든", "만들", "만든"));
    assert_true(starts_with("만든", "만들", "만들었"));
    assert_true(starts_with("만든", "만들", "만드"));
    assert_true(starts_with("어려웠던", "어렵", "어려운"));
    assert_true(starts_with("나누셨어요", "나누", "나눴"));
    assert_true(starts_with("봤던", "보", "봐서"));
    assert_false(has_stem("됐던", "되"));     /* a stem every note has */
    assert_false(has_stem("했던", "해"));
}

/* A one-syllable modifier: its stem's past and contracted forms only. */
static void
test_modifier(void **state)
{
    (void)state;
    jk_verb_start s[64];
    size_t n = jk_verb_modifier_starts("쓴", 3, s, 64);
    int past = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        past += !strcmp(s[i].text, "썼고");
        other += !!strncmp(s[i].text, "썼", 3); /* 쓰레드, 써서, 커서: no */
        assert_true(s[i].verbal);
    }
    assert_int_equal(past, 1);
    assert_int_equal(other, 0);
    assert_int_equal(jk_verb_modifier_starts("한", 3, s, 64), 0);
    assert_int_equal(jk_verb_modifier_starts("막", 3, s, 64), 0);
    assert_int_equal(jk_verb_modifier_starts("쓴다", 6, s, 64), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_not_verbs),
        cmocka_unit_test(test_starts),
        cmocka_unit_test(test_modifier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
