/* test_phonetic.c - the sound keys of the Hangul-to-Latin bridge
 * (src/phonetic.h): which Hangul words may be loanwords, and which pairs
 * match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "phonetic.h"

/* 2, 1 or 0 as jk_phon_match() gives for the two words, or -1 when the
 * Hangul word gives no key. */
static int
match(const char *hangul, const char *latin)
{
    char hk[JK_PHON_MAX + 1], lk[JK_PHON_MAX + 1];
    if (!jk_phon_hangul(hangul, hk))
        return -1;
    if (!jk_phon_latin(latin, lk))
        return 0;
    return jk_phon_match(hk, lk);
}

/* As match(), with the vowels compared too (jk_phon_match_vowels). */
static int
match_vowels(const char *hangul, const char *latin)
{
    char hk[JK_PHON_MAX + 1], lk[JK_PHON_MAX + 1];
    unsigned char hv[JK_PHON_MAX + 1], lv[JK_PHON_MAX + 1];
    if (!jk_phon_hangul_vowels(hangul, hk, hv))
        return -1;
    if (!jk_phon_latin_vowels(latin, lk, lv))
        return 0;
    return jk_phon_match_vowels(hk, hv, lk, lv);
}

/* Each pair must match, its vowels (and voicing) agreeing. */
static void
expect_alike(const char *const (*pairs)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (match_vowels(pairs[i][0], pairs[i][1]) != 2) {
            print_message("%s should match %s\n", pairs[i][0], pairs[i][1]);
            fail();
        }
}

/* Each pair must match by its keys alone (at least `keys`, as
 * jk_phon_match() gives), yet not once its vowels and voicing count. */
static void
expect_apart(const char *const (*pairs)[2], size_t n, int keys)
{
    for (size_t i = 0; i < n; i++) {
        if (match(pairs[i][0], pairs[i][1]) < keys) {
            print_message("%s and %s: the keys alone no longer match\n",
                          pairs[i][0], pairs[i][1]);
            fail();
        }
        if (match_vowels(pairs[i][0], pairs[i][1]) != 0) {
            print_message("%s should not match %s\n", pairs[i][0], pairs[i][1]);
            fail();
        }
    }
}

/* The same consonants with vowels in the same places is not enough for a
 * short word: its vowels must be ones the Latin letters can stand for.
 * 티켓 sounded like tagged, target and docked, 패턴 like python; each
 * of these was a bridge in the vault of the bench or of samples/. */
static void
test_vowels_decide(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"티켓", "ticket"},   {"패턴", "pattern"},   {"버킷", "bucket"},
        {"젠킨스", "jenkins"}, {"테라폼", "terraform"}, {"람다", "lambda"},
        {"솔팅", "salting"},   {"쿠버네티스", "kubernetes"},
        {"에어플로우", "airflow"}, {"프로메테우스", "prometheus"},
        {"클러스터", "cluster"}, {"센서", "sensor"}, {"레코드", "record"},
    };
    expect_alike(same, sizeof same / sizeof *same);
    static const char *const other[][2] = {
        {"티켓", "tagged"}, {"티켓", "target"}, {"티켓", "docked"},
        {"패턴", "python"},
        {"버킷", "backward"}, {"그림", "gram"},
    };
    expect_apart(other, sizeof other / sizeof *other, 2);
}

/* Loanwords keep ㄱ ㄷ ㅂ (g, d, b v) apart from ㅋ ㅌ ㅍ (k c q, t, p f)
 * at the start of a syllable; a final may be either.  Each pair of the
 * second list was a bridge in the bench vault or samples/. */
static void
test_voicing_decides(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"필드", "field"},   {"센터", "center"}, {"코멘트", "comment"},
        {"서버", "server"},  {"비디오", "video"}, {"스택", "stack"},
        {"웹훅", "webhook"}, {"도커", "docker"}, {"그룹", "group"},
        {"블록", "block"},   {"프로메테우스", "prometheus"}, /* th: either */
    };
    expect_alike(same, sizeof same / sizeof *same);
    static const char *const other[][2] = {
        {"필드", "build"},    {"번아웃", "pinot"},  {"센터", "sender"},
        {"코멘트", "command"}, {"파고드", "parquet"}, {"볼륨", "forum"},
        {"블록", "flag"},     {"코딩", "cutting"},
    };
    expect_apart(other, sizeof other / sizeof *other, 1);
}

/* A verb form or a connective is a native word, whatever it sounds
 * like; a lone 다 still ends loanwords. */
static void
test_native_forms_give_no_key(void **state)
{
    (void)state;
    assert_int_equal(match("그런데", "client"), -1);
    assert_int_equal(match("그래서", "close"), -1);
    assert_int_equal(match("거부합니다", "kubernetes"), -1);
    assert_int_equal(match("되면서", "domains"), -1);
    assert_int_equal(match("풀린다", "poland"), -1);
    assert_int_equal(match("필요하지", "feelychau"), -1);
    assert_int_equal(match("람다", "lambda"), 2);
    assert_int_equal(match("판다스", "pandas"), 2);
}

static void
test_loanwords_match(void **state)
{
    (void)state;
    assert_int_equal(match("젠킨스", "jenkins"), 2);
    assert_int_equal(match("테라폼", "terraform"), 2);
    assert_int_equal(match("액션", "action"), 2);     /* 액 reads Hanja, 션 not */
    /* the ㅣ Korean writes after sh: no vowel of the word */
    assert_int_equal(match("대시보드", "dashboard"), 1);
}

/* Two or three syllables that all read Hanja of the school set give no
 * key: with one, each of these common words sounded like the vault word
 * beside it. */
static void
test_sino_korean_words_give_no_key(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"개선", "question"}, {"기준", "caching"}, {"작성", "jackson"},
        {"상사", "sensor"},   {"상태", "center"},  {"순서", "sensor"},
        {"중간", "jenkins"},  {"시간대", "second"}, {"재작성", "jackson"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char key[JK_PHON_MAX + 1];
        if (jk_phon_hangul(pairs[i][0], key) != 0) {
            print_message("%s gave the key %s\n", pairs[i][0], key);
            fail();
        }
    }
}

/* The rule looks at whole words of two to four syllables only: one
 * syllable that reads no Hanja keeps a word a possible loanword, and
 * longer words keep their key; so does a word that starts with ㄹ. */
static void
test_sino_rule_bounds(void **state)
{
    (void)state;
    char key[JK_PHON_MAX + 1];
    assert_true(jk_phon_hangul("센서", key) > 0);   /* 센 reads no Hanja */
    assert_true(jk_phon_hangul("센터", key) > 0);
    assert_true(jk_phon_hangul("상", key) > 0);     /* one syllable */
    assert_int_equal(jk_phon_hangul("고가용성", key), 0); /* four */
    assert_int_equal(jk_phon_hangul("장애대응", key), 0); /* not jonathan */
    assert_true(jk_phon_hangul("고가용성확보", key) > 0); /* six */
    assert_int_equal(match("센서", "sensor"), 2);
    /* no Sino-Korean word starts with ㄹ (the initial-sound law) */
    assert_true(jk_phon_hangul("람다", key) > 0);
    assert_int_equal(match("람다", "lambda"), 2);
    assert_int_equal(match("루비", "ruby"), 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loanwords_match),
        cmocka_unit_test(test_vowels_decide),
        cmocka_unit_test(test_voicing_decides),
        cmocka_unit_test(test_native_forms_give_no_key),
        cmocka_unit_test(test_sino_korean_words_give_no_key),
        cmocka_unit_test(test_sino_rule_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
