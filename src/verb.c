/* verb.c - the forms of a Korean verb or adjective typed in a query
 * (verb.h).
 *
 * A word is read as stem + ending at every place, each reading by the
 * rules by which the stem's last syllable meets its ending:
 *   plain        막 + 았던, 쓰 + 는, 나누 + 셨어요
 *   a final      쓰 + ㄴ (쓴), 만들 + ㄴ (만든: ㄹ drops), 돕 + 운 (도운)
 *   contracted   쓰 + 었 (썼), 늘리 + 어 (늘려), 보 + 았 (봤), 하 + 였 (했),
 *                돕 + 았 (도왔), 고르 + 았 (골랐)
 *   irregular    듣 + 었 (들었), 낫 + 았 (나았)
 * and kept when its ending is one of the closed lists below.  Most
 * readings of a word are no verb at all (서버 read as 서브 + 어); their
 * forms are words no note has, and jk_verb_stem.unsure marks those whose
 * ending a noun takes too, for the caller to check in the index.
 */
#include "verb.h"

#include <string.h>

/* Jamo indices (hangul.h) the rules name. */
enum { L_R = 5, L_O = 11, L_H = 18 };                 /* ㄹ ㅇ ㅎ */
enum {
    V_A = 0, V_AE = 1, V_YA = 2, V_EO = 4, V_E = 5, V_YEO = 6, V_O = 8,
    V_WA = 9, V_WAE = 10, V_OE = 11, V_U = 13, V_WO = 14, V_EU = 18, V_I = 20
};
enum { T_N = 4, T_D = 7, T_R = 8, T_M = 16, T_B = 17, T_S = 19, T_SS = 20 };

/* Syllable lists (UTF-8, three bytes each).  The first syllable of an
 * ending after a stem that ends in a consonant (막 + 았던), and after one
 * that ends in a vowel (쓰 + 는, 나누 + 셨어요): not 도, 나, 가, 로 or the
 * other particles a noun takes. */
static const char first_c[] =
    "다고지기게는던겠자네죠습으은을음아어았었니냐거든더잖";
static const char first_v[] =
    "다고지기게는던겠자네죠니냐거든더면며시셨세셔십려러라어아었았잖";
/* ...of which these, 아 or 어 apart, follow only a vowel that does not
 * contract with them (보았, 주어, 되어, 바뀌었; not 가아 or 쓰어). */
static const char vowel_first[] = "어아었았";
/* The second syllables of a one-syllable stem's forms, a closed list
 * (막나요, 쓰느라, 쓰므로 too).  Not those that start the nouns a vault
 * has most (QA): after a consonant not 은, 을 (열을 of 열, a column), 음
 * (맺음말), 자 (일자), 거 (열거), 든, 더, 기 (쓰기, 읽기 and 크기 are
 * nouns of their own: 썼던 ranked 읽기와 쓰기 락 first); after a vowel,
 * whose stems are fewer and whose forms nouns start far more often (가게,
 * 가지, 가려진, 사고, 보고, 나라, 지시, 주기), only the honorific, the
 * past, the retrospective and a few more. */
static const char gen_c[] =
    "다고지게는던겠네죠습으아어았었니냐잖나느";
static const char gen_v[] = "던겠셨세셔십냐나느므잖었았";
/* The third syllable of a longer stem's forms (줄이고, 밀리는): a closed
 * list too, since a stem of two syllables starts nouns as well (밀리초,
 * 높이, 골라내기, 리드). */
static const char gen_long[] =
    "다고지게는던겠자네죠습니냐나거든더면며시셨세셔십려러라잖기어아었았은을으";
/* The syllables an ending goes on with (았던, 셨어요, 습니다, 써봤어요). */
static const char rest[] =
    "다고지기게는던겠자네죠습니까요어아서도야면며시셨세셔십려러라데만나냐"
    "을은음록거든더했해하한할봤본보봐주줬준줘버렸놓있었았였여으오잖구군께"
    "뇨걸래텐";
/* After a final the ending added: ㄴ (쓴다), ㄹ (쓸까), ㅁ (줄임을), ㅂ
 * (씁니다). */
static const char after_n[] = "다데지";
static const char after_l[] = "까게래려지거걸텐";
static const char after_m[] = "을이은으에도과";
static const char after_b[] = "니";
/* After a contracted form (써서, 골라도, 도와주셨어요) and its past (썼던,
 * 골랐습니다). */
static const char next_a[] =
    "서도야요보봤본봐주줬준줘놓놨둔뒀있왔지라졌져진";
static const char next_as[] = "다던고지는으을어습나니죠네기더거음잖었";
/* ...of which these follow no noun as its particle does (리더도, 서버요):
 * a contracted form with one of them is a verb's (늘려서, 골라봤). */
static const char next_a_verbal[] = "서보봤본봐주줬준줘놓놨둔뒀있왔졌져진";
/* The second syllable of the irregular forms of a one-syllable stem: ㅂ
 * (도와, 도운), ㄷ (들어, 들은), ㅅ (나아, 나은), ㄹ dropped (아는, 아세요). */
static const char irr_b[] = "우운울움워웠와왔";
/* ...after a stem of one syllable, not 우 (도우미). */
static const char irr_b1[] = "운울워웠와왔";   /* not 움 (도움말) */
static const char irr_d[] = "어었은을으";     /* not 음 (발음) */
static const char irr_s[] = "아았어었은을으";
/* The irregular stems of one syllable, a closed list (받다, 집다 and
 * 웃다 are regular: 받 gave 발음, 집 집니다 for 지웠다): ㅂ, ㄷ, ㅅ. */
static const char irr_b_stems[] = "돕곱눕줍굽깁춥덥쉽밉";
static const char irr_d_stems[] = "듣묻걷싣긷붇";
static const char irr_s_stems[] = "낫짓잇붓긋젓";
/* One-syllable stems that end in ㅣ: those of 켰 are 켜, not 키. */
static const char i_stems[] = "비치지기끼피띠찌";
static const char irr_l[] = "는세셨십";
/* Stems whose forms a dropped ㄹ would take for another verb's (주는 of 줄다
 * is 주다's, 사는 of 살다 사다's; 설명해 주세요 is everywhere). */
static const char busy_stems[] = "주보가오두하되사이";
/* An ending that starts so is a verb's alone (막던, 하겠다, 쓰셨나요,
 * 습니다); any other but a past (-았/었-) may be a noun's particle or the
 * copula after it.  Not 시 alone (재시도, 제시). */
static const char verbal_first[] = "습던겠셨세셔십";

/* Stems of one syllable that every other sentence has (하다, 되다, the
 * copula, 있다, 없다, 않다, 같다, 싶다, and 해 돼 of 하다 and 되다):
 * their forms would be noise. */
static const char common_stems[] = "하되이있없않같싶해돼";
/* ...and those that are pronouns too, read as a verb's only by a past or
 * another verb's ending (났던 of 나다; 나는 and 저는 are I). */
static const char pronoun_stems[] = "나너저";

static int
in_list(const char *list, const char *syl)
{
    for (const char *p = list; *p; p += 3)
        if (!memcmp(p, syl, 3))
            return 1;
    return 0;
}

/* Whether the syllable x is one of list's. */
static int
syl_in(const char *list, jk_syl x)
{
    char t[3];
    return jk_hangul_join(&x, t) && in_list(list, t);
}

/* Whether a stem that ends in vowel v takes 아/어 apart (보아, 주어). */
static int
takes_a_apart(int v)
{
    return v == V_O || v == V_U || v == V_I || v == V_OE || v == V_AE ||
           v == 16 /* ㅟ */ || v == 19 /* ㅢ */;
}

/* Whether the ending e[0, en) (syllables) starts with a syllable of first
 * and goes on with those of rest. */
static int
ending_ok(const char *first, const char *e, size_t en)
{
    if (en == 0 || en > 6 || !in_list(first, e))
        return 0;
    if (!memcmp(e, "습", 3) && (en < 2 || memcmp(e + 3, "니", 3)))
        return 0; /* 습니다, not 학습 or 습관 */
    for (size_t i = 1; i < en; i++)
        if (!in_list(rest, e + 3 * i))
            return 0;
    return 1;
}

/* Whether the ending e[0, en), its jamo j, is a verb's alone: a past
 * (a final ㅆ) or a syllable of verbal_first first. */
static int
ending_sure(const char *e, const jk_syl *j, size_t en)
{
    if (en && in_list(verbal_first, e))
        return 1;
    for (size_t i = 0; i < en; i++)
        if (j[i].t == T_SS)
            return 1;
    return 0;
}

typedef struct stems {
    jk_verb_stem *v;
    size_t n, cap;
} stems;

/* Add the stem p[0, np) + last (unsure as said), once. */
static void
add_stem(stems *st, const jk_syl *p, size_t np, jk_syl last, int unsure)
{
    if (np + 1 > JK_VERB_STEM_MAX)
        return;
    /* 으 after a final is an ending's (막으셨어요, 있으세요, 섞은), no
     * stem's: stems end in 으 after a vowel only (모으, 따르). */
    if (np && last.l == L_O && last.v == V_EU && !last.t && p[np - 1].t)
        return;
    jk_verb_stem s = {.n = np + 1, .unsure = unsure};
    memcpy(s.s, p, np * sizeof *p);
    s.s[np] = last;
    if (s.n == 1) {
        char t[3];
        if (!jk_hangul_join(&last, t) || in_list(common_stems, t) ||
            (unsure && in_list(pronoun_stems, t)))
            return;
    }
    for (size_t i = 0; i < st->n; i++)
        if (st->v[i].n == s.n && !memcmp(st->v[i].s, s.s, s.n * sizeof *s.s)) {
            st->v[i].unsure &= unsure;
            return;
        }
    if (st->n < st->cap)
        st->v[st->n++] = s;
}

/* The stems that the contracted syllable x (no final, or the past's ㅆ)
 * ending w's first k syllables s[0, k) may come from. */
static void
contracted_stems(stems *st, const jk_syl *s, size_t k, int unsure)
{
    jk_syl x = s[k - 1];
    int base[2], nb = 0;
    switch (x.v) {
    case V_EO:  base[nb++] = V_EU; base[nb++] = V_EO; break;  /* 써 서 */
    case V_A:                                                  /* 바빠 가 */
        if (k >= 2 && (s[k - 2].v == V_A || s[k - 2].v == V_O))
            base[nb++] = V_EU;
        base[nb++] = V_A;
        break;
    case V_YEO: base[nb++] = V_I; base[nb++] = V_YEO; break;  /* 늘려 켜 */
    case V_WA:  base[nb++] = V_O; break;                       /* 봐 */
    case V_WO:  base[nb++] = V_U; break;                       /* 줘 */
    case V_WAE: base[nb++] = V_OE; break;                      /* 돼 */
    case V_AE:  base[nb++] = V_AE; break;                      /* 보내 */
    case V_E:   base[nb++] = V_E; break;
    default: break;
    }
    for (int i = 0; i < nb; i++)
        if (k > 1 || base[i] != V_I || syl_in(i_stems, (jk_syl){x.l, V_I, 0}))
            add_stem(st, s, k - 1, (jk_syl){x.l, base[i], 0}, unsure);
    if (x.l == L_H && x.v == V_AE)                             /* 해 */
        add_stem(st, s, k - 1, (jk_syl){L_H, V_A, 0}, unsure);
    if (k >= 2 && x.l == L_O && (x.v == V_WA || x.v == V_WO) &&
        s[k - 2].t == 0) {                                     /* 도와 */
        jk_syl p = s[k - 2];
        p.t = T_B;
        if (k > 2 || syl_in(irr_b_stems, p))
            add_stem(st, s, k - 2, p, unsure);
    }
    if (k >= 2 && k <= JK_VERB_STEM_MAX && x.l == L_R &&
        (x.v == V_A || x.v == V_EO) && s[k - 2].t == T_R) {   /* 골라 */
        jk_syl p[JK_VERB_STEM_MAX];
        memcpy(p, s, (k - 1) * sizeof *s);
        p[k - 2].t = 0;
        add_stem(st, p, k - 1, (jk_syl){L_R, V_EU, 0}, unsure);
    }
}

size_t
jk_verb_stems(const char *w, size_t len, jk_verb_stem *out, size_t cap)
{
    jk_syl s[JK_VERB_WORD_MAX];
    size_t n = jk_hangul_read(w, len, s, JK_VERB_WORD_MAX);
    stems st = {out, 0, cap};
    if (n < 2)
        return 0;
    for (size_t k = 1; k <= n; k++) {
        const char *e = w + 3 * k;
        size_t en = n - k;
        jk_syl x = s[k - 1];
        int sure = ending_sure(e, s + k, en);
        /* 크기, 쓰기, 보기: a one-syllable stem's -기 is a noun of its own
         * far more often (메시지 크기 found 커서, a cursor). */
        if (k == 1 && en == 1 && !memcmp(e, "기", 3))
            continue;
        /* A one-syllable stem read by an ending a noun takes too only as a
         * verb is typed alone: 막다, 막은, 막는, 막을 (not 가게, 보고, 나라,
         * 가지). */
        int one_ok = k > 1 || sure || (en == 1 && !memcmp(e, "다", 3)) ||
                     (en && in_list("는은을", e));
        if (en && one_ok) {
            /* ㅅ dropped before a vowel: 나 + 았 (낫), 지 + 었 (짓), of the
             * stems that drop it; 이었 is the copula's past, not 잇다's.
             * Such a reading is the only one (지었다 is no 지다). */
            jk_syl y = x;
            y.t = T_S;
            int s_irr = k == 1 && !x.t && s[k].l == L_O &&
                        syl_in(irr_s_stems, y) && ending_ok(first_c, e, en) &&
                        !(syl_in("이", x) && s[k].t == T_SS);
            if (s_irr)
                add_stem(&st, s, k - 1, y, !sure);
            /* plain: 막 + 았던, 나누 + 셨어요 */
            else if (x.t ? ending_ok(first_c, e, en)
                         : ending_ok(first_v, e, en) &&
                               (!in_list(vowel_first, e) ||
                                takes_a_apart(x.v)))
                add_stem(&st, s, k - 1, x, !sure);
            /* ㄹ dropped: 아 + 는 (알), 만드 + 셨어요 (만들) */
            if (!x.t && in_list(irr_l, e) && ending_ok(first_v, e, en)) {
                jk_syl r = x;
                r.t = T_R;
                add_stem(&st, s, k - 1, r, !sure);
            }
            /* ㄷ before a vowel: 들 + 었 (듣) */
            y.t = T_D;
            if (s[k].l == L_O && x.t == T_R && ending_ok(first_c, e, en) &&
                (k > 1 || syl_in(irr_d_stems, y)))
                add_stem(&st, s, k - 1, y, !sure);
        }
        /* 는 is the present's ending (가는, 오는), no stem 느 or 늘 */
        int neun = x.l == 2 && x.v == V_EU && x.t == T_N;
        if (!neun &&
            (x.t == T_N || x.t == T_R || x.t == T_M || x.t == T_B)) {
            /* a final the ending added: 쓴, 쓸까, 줄임, 씁니다 */
            const char *set = x.t == T_N ? after_n : x.t == T_R ? after_l
                            : x.t == T_M ? after_m : after_b;
            if (en ? ending_ok(set, e, en) : x.t != T_B) {
                int unsure = x.t != T_B && !(x.t == T_N && en);
                jk_syl b = x;
                b.t = 0;
                add_stem(&st, s, k - 1, b, unsure);
                if (x.t == T_N || x.t == T_B) { /* 만든, 만듭니다 (ㄹ) */
                    b.t = T_R;
                    add_stem(&st, s, k - 1, b, unsure);
                    b.t = 0;
                }
                if (k >= 2 && b.l == L_O && b.v == V_U && s[k - 2].t == 0) {
                    jk_syl p = s[k - 2];               /* 도운 (돕) */
                    p.t = T_B;
                    if (k > 2 || syl_in(irr_b_stems, p))
                        add_stem(&st, s, k - 2, p, unsure);
                }
            }
        }
        if (x.t == 0 || x.t == T_SS) {
            /* contracted: 줄여서, 골라, 썼던 (its past sure; 나라, 가서
             * and 써도 of one syllable unsure too often) */
            int ok = x.t ? ending_ok(next_as, e, en)
                         : k > 1 && (!en || ending_ok(next_a, e, en));
            if (ok)
                contracted_stems(&st, s, k, x.t ? 0 : !sure);
        }
    }
    return st.n;
}

/* --- the forms of a stem ------------------------------------------------- */

typedef struct starts {
    jk_verb_start *v;
    size_t n, cap;
} starts;

/* Add the start s[0, n) (two syllables or more), once (verbal if any
 * adding says so). */
static void
put(starts *c, const jk_syl *s, size_t n, int verbal)
{
    jk_verb_start t = {.nsyl = n, .verbal = verbal};
    if (n < 2 || n > JK_VERB_START_MAX)
        return;
    for (size_t i = 0; i < n; i++)
        if (!jk_hangul_join(&s[i], t.text + 3 * i))
            return;
    t.text[3 * n] = '\0';
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i].text, t.text)) {
            c->v[i].verbal |= verbal;
            return;
        }
    if (c->n < c->cap)
        c->v[c->n++] = t;
}

/* put() of the stem's first np syllables p, then a and b (b when
 * b_syl is not NULL: one syllable of a list, UTF-8). */
static void
put_syl(starts *c, const jk_syl *p, size_t np, jk_syl a, const char *b_syl,
        int verbal)
{
    jk_syl s[JK_VERB_START_MAX];
    if (np + 2 > JK_VERB_START_MAX)
        return;
    memcpy(s, p, np * sizeof *p);
    s[np] = a;
    size_t n = np + 1;
    if (b_syl) {
        jk_syl b;
        if (jk_hangul_read(b_syl, 3, &b, 1) != 1)
            return;
        s[n++] = b;
    }
    put(c, s, n, verbal);
}

/* put_syl() with each syllable of list after a; verbal when that
 * syllable is in verbal_list. */
static void
put_list(starts *c, const jk_syl *p, size_t np, jk_syl a, const char *list,
         const char *verbal_list)
{
    for (const char *q = list; *q; q += 3)
        put_syl(c, p, np, a, q, verbal_list && in_list(verbal_list, q));
}

/* The vowel that a stem ending in syllable l (no final) takes with 아/어,
 * contracted: 쓰 써, 바쁘 바빠, 늘리 늘려, 보 봐, 주 줘, 되 돼, 하 해;
 * prev is the syllable before, or NULL. */
static jk_syl
contract(jk_syl l, const jk_syl *prev)
{
    switch (l.v) {
    case V_EU:
        l.v = prev && (prev->v == V_A || prev->v == V_O || prev->v == V_YA)
                  ? V_A : V_EO;
        break;
    case V_I:  l.v = V_YEO; break;
    case V_O:  l.v = V_WA; break;
    case V_U:  l.v = V_WO; break;
    case V_OE: l.v = V_WAE; break;
    case V_A:  if (l.l == L_H) l.v = V_AE; break;
    default:   break;
    }
    return l;
}

size_t
jk_verb_starts(const jk_verb_stem *stem, jk_verb_start *out, size_t cap)
{
    starts c = {out, 0, cap};
    if (!stem || stem->n == 0 || stem->n > JK_VERB_STEM_MAX)
        return 0;
    size_t k = stem->n, np = k - 1;
    const jk_syl *S = stem->s;
    jk_syl L = S[np], x = L;
    char base[3];
    if (k == 1) {
        /* A closed list of second syllables: 막았, 막는, 막고, not 막대. */
        if (L.t) {
            put_list(&c, S, 0, L, gen_c, "았었는");
            x.t = 0;
            if (L.t == T_B && syl_in(irr_b_stems, L))
                put_list(&c, S, 0, x, irr_b1, "웠왔");
            else if (L.t == T_S && syl_in(irr_s_stems, L))
                put_list(&c, S, 0, x, irr_s, "았었");
            else if (L.t == T_R && jk_hangul_join(&x, base) &&
                     !in_list(busy_stems, base))
                put_syl(&c, S, 0, x, "는", 0);     /* 아는 (알) */
            x.t = T_R;
            if (L.t == T_D && syl_in(irr_d_stems, L))
                put_list(&c, S, 0, x, irr_d, "었");
        } else {
            for (const char *q = gen_v; *q; q += 3)
                if (!in_list(vowel_first, q) || takes_a_apart(L.v))
                    put_syl(&c, S, 0, L, q, in_list("았었", q));
            x.t = T_N;
            put_syl(&c, S, 0, x, "다", 0);          /* 쓴다 */
            x.t = T_B;
            put_syl(&c, S, 0, x, "니", 0);          /* 씁니다 */
            jk_syl C = contract(L, NULL);
            if (C.v != L.v)
                put_list(&c, S, 0, C, next_a, NULL);  /* 써서 */
            C.t = T_SS;
            put_list(&c, S, 0, C, next_as, next_as);  /* 썼다 */
        }
        return c.n;
    }
    /* Two syllables or more: the stem's syllables with the last one as
     * each form changes it, then a syllable of a closed list where the
     * stem is as it is (줄이고, not 밀리초), a word start. */
    put_list(&c, S, np, L, gen_long, "았었");
    if (L.t) {
        x.t = 0;
        put_syl(&c, S, np, L, "았", 1);             /* 가볍 + 았: 3 */
        put_syl(&c, S, np, L, "었", 1);
        if (L.t == T_B)
            put_list(&c, S, np, x, irr_b, "웠왔");     /* 어려워 */
        else if (L.t == T_S)
            put_list(&c, S, np, x, irr_s, "았었");     /* 이어 */
        else if (L.t == T_R) {
            put_syl(&c, S, np, x, NULL, 0);         /* 만드는 */
            x.t = T_N;
            put_syl(&c, S, np, x, NULL, 0);         /* 만든 */
            x.t = T_B;
            put_syl(&c, S, np, x, NULL, 0);         /* 만듭니다 */
        } else if (L.t == T_D) {
            x.t = T_R;
            put_list(&c, S, np, x, irr_d, "었");       /* 깨달아 */
        }
        return c.n;
    }
    static const int finals[] = {T_N, T_R, T_B}; /* not ㅁ: 줄임표 */
    for (size_t i = 0; i < sizeof finals / sizeof *finals; i++) {
        x.t = finals[i];
        put_syl(&c, S, np, x, NULL, 0);             /* 줄인, 줄일 */
    }
    jk_syl C = contract(L, &S[np - 1]);
    if (C.v != L.v && k == 2)    /* 키워서, not 키워드: a closed list */
        put_list(&c, S, np, C, next_a, next_a_verbal);
    else if (C.v != L.v)
        put_syl(&c, S, np, C, NULL, 0);             /* 기다려 */
    C.t = T_SS;
    put_syl(&c, S, np, C, NULL, 1);                 /* 줄였 */
    if (L.l == L_R && L.v == V_EU && S[np - 1].t == 0) {
        /* 르: 고르 골라 골랐, 부르 불러 불렀 */
        jk_syl p[JK_VERB_STEM_MAX];
        memcpy(p, S, np * sizeof *S);
        p[np - 1].t = T_R;
        jk_syl r = contract(L, &S[np - 1]);
        if (k == 2)
            put_list(&c, p, np, r, next_a, next_a_verbal); /* 빨라서 */
        else
            put_syl(&c, p, np, r, NULL, 0);
        r.t = T_SS;
        put_syl(&c, p, np, r, NULL, 1);
    }
    return c.n;
}

size_t
jk_verb_modifier_starts(const char *w, size_t len, jk_verb_start *out,
                        size_t cap)
{
    jk_syl x;
    char t[3];
    starts c = {out, 0, cap};
    if (jk_hangul_read(w, len, &x, 1) != 1 || x.t != T_N)
        return 0;
    x.t = 0;
    if (!jk_hangul_join(&x, t) || in_list(common_stems, t))
        return 0;
    /* The past alone: 써, 커서, 와 start other words (커서 is a cursor,
     * 와 a particle). */
    jk_syl C = contract(x, NULL);
    C.t = T_SS;
    put_list(&c, &x, 0, C, next_as, next_as);     /* 썼다 */
    return c.n;
}
