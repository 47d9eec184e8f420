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

/* The rule looks at whole words of two or three syllables only: one
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
    assert_true(jk_phon_hangul("고가용성", key) > 0); /* four */
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
        cmocka_unit_test(test_sino_korean_words_give_no_key),
        cmocka_unit_test(test_sino_rule_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
