/* query.c - turn query text into a Xapian query and highlight patterns
 * (see query.h for the rules). */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "db.h"
#include "norm.h"
#include "qparse.h"
#include "phonetic.h"
#include "qtoks.h"
#include "schema.h"
#include "stopwords.h"
#include "synonyms.h"
#include "tokenize.h"
#include "verb.h"

/* Korean particles and copula endings that may trail a word in a query.
 * They are made optional, never required: `카프카를` must find `카프카`. */
static const char *const particles[] = {
    /* Not 도: too many nouns end in it (속도, 정도, 시도, 재시도). */
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "로",
    "만", "랑", "께", "에서", "으로", "에게", "까지", "부터", "처럼", "보다",
    "하고", "이랑", "한테", "에는", "에도", "으로는", "이나", "이다", "라는",
    "이라는", "에서는", "에서의", "이란", "란",
    "라고", "이라고", "마다", "으로서", "에게서",
    /* verb and adjective endings after a noun: 도입한 -> 도입 */
    "한", "할", "된", "될", "하는", "되는", "했던", "하던", "하기", "해서",
    "하게", "했다", "하다", "적인", "적으로", "들", "들을", "들이", "들의",
    /* connective endings of answers told as a story: 개선하면서,
     * 설계했는데, 해결하려고, 도입했으며, 처리되도록, 재시도하면 */
    "하면", "하며", "하여", "해야", "했고", "했을", "했지만", "하지만",
    "하면서", "하는데", "했는데", "하려고", "했으며", "하도록", "되도록",
    "되어", "됐다", "되었다", "시킨", "시켜", "시켰다",
    /* a question or its answer, as asked and told: 도입했나요,
     * 설계하셨나요, 경험했습니까, 해결했어요, 적용됐는데 */
    "하나요", "했나요", "했어요", "했죠", "합니다", "합니까", "했습니다",
    "했습니까", "할까요", "하세요", "하셨죠", "하셨나요", "하셨어요",
    "하셨는데", "했을까요", "해봤나요", "해봤어요", "해봤는데", "되나요",
    "됐나요", "됐는데", "됐어요", "됐고", "됐던", "되는데", "됩니다",
    "되었나요",
    /* the copula after a noun: 장애였는데, 원인인데, 병목이라서 */
    "였다", "였던", "였고", "였는데", "였어요", "였죠", "였나요", "였습니다",
    "인데", "인가요", "이라서", "라서", "이었다", "이었던", "이었는데",
    "입니다", "이에요", "예요",
};

static int
is_particle(const char *s, size_t len)
{
    return jk_in_list(particles, sizeof particles / sizeof *particles, s, len);
}

/* More particles, taken only after two syllables or more: after one they
 * would cut a name to its first syllable.  Not 라도 or 이든 at all (전라도,
 * 콜로라도, 제이든, 바이든). */
static const char *const particles_after_two[] = {
    "에선", "에겐", "조차", "밖에", "만큼", "마저", "이라도",
    "로서", "로써", "으로써", "이든지",
};

/* The bytes of the shortest particle of one to three syllables that
 * w[0, len) ends in after at least one character, or 0. */
static size_t
particle_suffix(const char *w, size_t len)
{
    for (size_t m = 3; m <= 9 && m < len; m += 3) /* Hangul: 3 bytes each */
        if (is_particle(w + len - m, m))
            return m;
    return 0;
}

/* Whether run[0, len) ends in 도 after at least one character. */
static int
ends_in_do(const char *run, size_t len)
{
    return len > 3 && !memcmp(run + len - 3, "도", 3);
}

size_t
jk_strip_particle(const char *run, size_t len)
{
    size_t ends[5] = {0}, n = 0;   /* where the last 5 characters start */
    for (size_t i = 0; i < len; i += jk_u8len(run + i), n++)
        ends[n % 5] = i;
    for (size_t m = 4; m >= 1; m--) {
        if (n < m + 2)
            continue;
        size_t at = ends[(n - m) % 5];
        if (is_particle(run + at, len - at) ||
            jk_in_list(particles_after_two, sizeof particles_after_two /
                       sizeof *particles_after_two, run + at, len - at))
            return at;
    }
    /* 도 (too, even) stacked on a particle: 면접에서도, 자바로도,
     * 동료에게도.  도 alone is no particle here (속도, 재시도; see
     * particle_bigrams()). */
    for (size_t m = 9; ends_in_do(run, len) && m >= 3; m -= 3)
        if (n >= 2 + (m + 3) / 3 && is_particle(run + len - 3 - m, m))
            return len - 3 - m; /* the longest: 으로도, not 로도 */
    return len;
}

/* --- patterns ------------------------------------------------------------- */

static jk_pattern *
new_pattern(jk_query *q, size_t n, size_t word)
{
    if (q->npats == q->cappats) {
        size_t cap = q->cappats ? q->cappats * 2 : 8;
        jk_pattern *p = realloc(q->pats, cap * sizeof *p);
        if (!p)
            return NULL;
        q->pats = p;
        q->cappats = cap;
    }
    jk_pattern *p = &q->pats[q->npats];
    if (!(p->e = calloc(n, sizeof *p->e)))
        return NULL;
    p->n = n;
    p->word = word;
    p->other_form = 0;
    q->npats++;
    return p;
}

static int
set_elem(jk_pelem *e, const char *term, size_t len, const char *stem,
         size_t slen, int prefix)
{
    e->prefix = prefix;
    e->word_start = prefix;
    e->len = len;
    if (!(e->term = jk_strndup(term, len)))
        return -1;
    if (stem && slen && !(e->stem = jk_strndup(stem, slen)))
        return -1;
    return 0;
}

int
jk_pelem_match(const jk_pelem *e, const char *term, size_t len,
               const char *stem, int run_start)
{
    size_t el = e->len;
    if (e->word_start && !run_start)
        return 0;
    if (e->prefix)
        return len >= el && memcmp(term, e->term, el) == 0;
    if (len == el && memcmp(term, e->term, el) == 0)
        return 1;
    return e->stem && stem && strcmp(e->stem, stem) == 0;
}

/* --- building ------------------------------------------------------------ */

typedef struct builder {
    jikji_db_t *db;
    int old_positions;    /* notes read before JK_READER_POSITIONS left */
    jk_query *q;
    jk_qtoks *t;
    jk_xq *boost[128];    /* optional terms that raise the rank */
    size_t nboost;
    jk_xq *relaxed[32];   /* more, for the tiers that miss a word */
    size_t nrelaxed;
    int oom;
    int whole;            /* a glued word is searched as it is
                             (glued_apart() is not tried) */
} builder;

/* Is there room for another boost?  Boosts past the cap are dropped. */
static int
boost_room(const builder *b)
{
    return b->nboost < sizeof b->boost / sizeof *b->boost;
}

/* Take q as a boost (NULL: out of memory). */
static void
push_boost(builder *b, jk_xq *q)
{
    if (!q)
        b->oom = 1;
    else if (boost_room(b))
        b->boost[b->nboost++] = q;
    else
        jk_xq_free(q);
}

/* Append prefix+term, its weight times factor, to the boosts v[*n] (room
 * for cap); nothing past the cap. */
static void
add_scaled_to(builder *b, jk_xq **v, size_t *n, size_t cap,
              const char *prefix, const char *term, size_t len, double factor)
{
    char buf[256];
    size_t pl = strlen(prefix);
    if (*n >= cap || pl + len >= sizeof buf)
        return;
    memcpy(buf, prefix, pl);
    memcpy(buf + pl, term, len);
    jk_xq *q = jk_xq_term(buf, pl + len, 1, 0);
    if (q && factor != 1.0) {
        jk_xq *s = jk_xq_scale(q, factor);
        jk_xq_free(q);
        q = s;
    }
    if (q)
        v[(*n)++] = q;
    else
        b->oom = 1;
}

/* Add prefix+term as an optional, rank-raising term, its weight times
 * factor. */
static void
add_boost_scaled(builder *b, const char *prefix, const char *term, size_t len,
                 double factor)
{
    add_scaled_to(b, b->boost, &b->nboost, sizeof b->boost / sizeof *b->boost,
                  prefix, term, len, factor);
}

static void
add_boost(builder *b, const char *prefix, const char *term, size_t len)
{
    add_boost_scaled(b, prefix, term, len, 1.0);
}

/* A Latin word counts this much more in the tiers that miss a word.  A
 * Hangul word earns up to twice its weight again from the word-start
 * boost (JK_WORDSTART_BOOST), and a word with synonyms from the typed
 * form's (JK_TYPED_FORM_BOOST); a Latin word always starts a word but
 * earns neither when it has no synonym.  Where every section lacks a word
 * (`TTL 설정`: the notes say `TTL 설계`) that left the sections with 설정
 * alone above those about TTL.  In the tier of every word the words'
 * balance was tuned as it is: the same boost there cost `on failure
 * callback` and `메시지 key` with distractors (nDCG@10 0.818 -> 0.591,
 * 0.917 -> 0.579).  On tests/quality, here: 0.948 -> 0.953, with
 * distractors 0.916 -> 0.921 (`TTL 설정` 0.380 -> 0.645 and 0 -> 0.449,
 * `Debezium 커넥터 멈춤` 0.699 -> 0.940). */
#define JK_LATIN_RELAXED_BOOST 2.0

/* Add term as a boost of the relaxed tiers only (query `most`, `any`). */
static void
add_relaxed_boost(builder *b, const char *term, size_t len, double factor)
{
    add_scaled_to(b, b->relaxed, &b->nrelaxed,
                  sizeof b->relaxed / sizeof *b->relaxed, "", term, len,
                  factor);
}

/* Free an array of query nodes. */
static void
free_qs(jk_xq **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        jk_xq_free(v[i]);
}

/* Combine n queries with op, freeing them; NULL on out of memory. */
static jk_xq *
combine_take(enum jk_xq_op op, jk_xq **v, size_t n)
{
    if (n == 0)
        return NULL;
    jk_xq *r = n == 1 ? v[0] : jk_xq_combine(op, v, n, 0);
    if (n > 1)
        free_qs(v, n);
    return r;
}

/* Is the stem s (Z + stem, sl bytes) also the stem of the word s itself?
 * Then the index holds that word as a plain term, without Z<stem>. */
static int
stem_is_own_stem(builder *b, const char *s, size_t sl)
{
    char again[256];
    size_t al = jk_db_stem_term(b->db, s + 1, sl - 1, again, sizeof again);
    return al == sl && memcmp(again, s, sl) == 0;
}

/* SYNONYM(term, Zstem, stem) for a Latin word: the index writes Z<stem>
 * only for words that differ from their stem, so the words that are their
 * own stem are matched by their plain term.  Records the stem in *stem. */
static jk_xq *
word_query(builder *b, const jk_qtok *k, char *stem, size_t stemsz,
           size_t *slen)
{
    *slen = jk_db_stem_term(b->db, k->term, k->len, stem, stemsz);
    jk_xq *subs[3] = {jk_xq_term(k->term, k->len, 1, 0), NULL, NULL};
    if (!*slen || !subs[0])
        return subs[0];
    size_t n = 2;
    subs[1] = jk_xq_term(stem, *slen, 1, 0);
    int same = *slen - 1 == k->len && memcmp(stem + 1, k->term, k->len) == 0;
    if (!same && stem_is_own_stem(b, stem, *slen))
        subs[n++] = jk_xq_term(stem + 1, *slen - 1, 1, 0);
    jk_xq *q = subs[1] && (n == 2 || subs[2])
                   ? jk_xq_combine(JK_XQ_SYNONYM, subs, n, 0) : NULL;
    free_qs(subs, n);
    return q;
}

/* --- synonyms -------------------------------------------------------------- */

/* At most this many forms of a group join a query word (the largest
 * groups of the dictionary have 7; the rest of a larger group of the
 * user's is left out, and --explain says so). */
#define JK_MAX_ALTERNATIVES 24

/* Whether token k is an English function word, which the index holds
 * without positions (stopwords.h): all of them while the index may hold
 * sections of an older reader (JK_META_POSITIONED). */
static int
is_stop(const builder *b, const jk_qtok *k)
{
    return k->kind == JIKJI_TOKEN_WORD &&
           (b->old_positions ? jk_is_stopword(k->term, k->len)
                             : jk_stopword_unpositioned(k->term, k->len));
}

/* The phrase of terms[0, n) (n >= 1), in order; stop[i] says whether
 * terms[i] is a function word.  Those have no positions in the index, so
 * the others form a PHRASE whose window spans the gaps they leave, and
 * the function words are ANDed with it: "state of the art" is state then
 * art within 4 positions, with of and the.  The terms are not taken.
 * NULL when out of memory. */
static jk_xq *
phrase_of(jk_xq **terms, const int *stop, size_t n)
{
    size_t np = 0, first = n, last = 0;
    for (size_t i = 0; i < n; i++)
        if (!stop[i]) {
            np++;
            if (first == n)
                first = i;
            last = i;
        }
    if (n == 1)
        return jk_xq_combine(JK_XQ_OR, terms, 1, 0);
    if (np == n)
        return jk_xq_combine(JK_XQ_PHRASE, terms, n, 0);
    jk_xq **pos = calloc(n + 1, sizeof *pos), **all = calloc(n + 1, sizeof *all);
    jk_xq *ph = NULL, *res = NULL;
    size_t k = 0, na = 0;
    if (!pos || !all)
        goto out;
    for (size_t i = 0; i < n; i++) {
        if (stop[i])
            all[na++] = terms[i];
        else
            pos[k++] = terms[i];
    }
    if (np)
        ph = jk_xq_combine(np == 1 ? JK_XQ_OR : JK_XQ_PHRASE, pos, np,
                           np == 1 ? 0 : (unsigned)(last - first + 1));
    if (np && !ph)
        goto out;
    if (ph)
        all[na++] = ph;
    res = jk_xq_combine(JK_XQ_AND, all, na, 0);
out:
    jk_xq_free(ph);
    free(pos);
    free(all);
    return res;
}

/* Are the tokens the bigrams of one Hangul/Han/Kana run (2 or more)?
 * Those of one run overlap by a character; the next run's do not. */
static int
one_run(const jk_qtoks *t)
{
    if (t->n < 2)
        return 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].kind != JIKJI_TOKEN_BIGRAM ||
            (i > 0 && (t->v[i].start >= t->v[i - 1].end ||
                       t->v[i].pos != t->v[i - 1].pos + 1)))
            return 0;
    return 1;
}

/* Most terms of the index taken for a syllable that ends a form
 * (syllable_words()): the most frequent ones. */
#define JK_SYLLABLE_WORDS_MAX 32

typedef struct syllable_ctx {
    char *v[JK_SYLLABLE_WORDS_MAX];
    size_t len[JK_SYLLABLE_WORDS_MAX];
    uint64_t freq[JK_SYLLABLE_WORDS_MAX];
    size_t n;
    int oom;
} syllable_ctx;

/* Keep a term among the most frequent ones seen. */
static int
on_syllable_term(void *ud, const char *term, size_t len, uint64_t freq)
{
    syllable_ctx *c = ud;
    size_t at = c->n;
    if (c->n == JK_SYLLABLE_WORDS_MAX) {
        at = 0;
        for (size_t i = 1; i < c->n; i++)
            if (c->freq[i] < c->freq[at])
                at = i;
        if (c->freq[at] >= freq)
            return 0;
        free(c->v[at]);
    } else {
        c->n++;
    }
    if (!(c->v[at] = jk_strndup(term, len))) {
        c->oom = 1;
        return 1;
    }
    c->len[at] = len;
    c->freq[at] = freq;
    return 0;
}

/* The syllable term[0, len) as the last word of a phrase: itself or a
 * term of the index that starts with it (풀, 풀이, 풀은), as an OR of
 * terms, which a Xapian phrase may hold (a wildcard it may not).  NULL
 * when out of memory. */
static jk_xq *
syllable_words(builder *b, const char *term, size_t len)
{
    syllable_ctx c = {.n = 0};
    char *prefix = jk_strndup(term, len);
    if (!prefix)
        return NULL;
    /* A failed walk leaves the syllable alone: fewer matches, no error. */
    jk_xdb_terms_each(b->db->x, prefix, on_syllable_term, &c);
    free(prefix);
    jk_xq *subs[JK_SYLLABLE_WORDS_MAX + 1];
    size_t n = 0;
    int ok = !c.oom && (subs[n++] = jk_xq_term(term, len, 1, 0)) != NULL;
    for (size_t i = 0; i < c.n && ok; i++)
        if (c.len[i] != len || memcmp(c.v[i], term, len) != 0)
            ok = (subs[n++] = jk_xq_term(c.v[i], c.len[i], 1, 0)) != NULL;
    jk_xq *res = ok ? jk_xq_combine(JK_XQ_OR, subs, n, 0) : NULL;
    free_qs(subs, n);
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i]);
    return res;
}

/* Query (and highlight pattern) for one dictionary form, normalized: its
 * tokens in order and adjacent; an identifier by its parts. */
static jk_xq *
form_query(builder *b, const char *form, size_t word)
{
    jk_qtoks t = {0};
    jk_xq *res = NULL, **subs = NULL;
    int *stop = NULL;
    size_t n = 0;
    if (jikji_tokenize(form, strlen(form), jk_qtoks_collect, &t) != JIKJI_OK ||
        t.oom)
        goto out;
    subs = calloc(t.n + 1, sizeof *subs);
    stop = calloc(t.n + 1, sizeof *stop);
    jk_pattern *p = NULL;
    size_t np = 0;
    for (size_t i = 0; i < t.n; i++)
        np += !(t.v[i].kind == JIKJI_TOKEN_WORD && i + 1 < t.n &&
                t.v[i + 1].kind == JIKJI_TOKEN_PART);
    if (!subs || !stop || !np || !(p = new_pattern(b->q, np, word)))
        goto out;
    for (size_t i = 0, k = 0; i < t.n; i++) {
        if (t.v[i].kind == JIKJI_TOKEN_WORD && i + 1 < t.n &&
            t.v[i + 1].kind == JIKJI_TOKEN_PART)
            continue;
        /* A form that ends in a word of one syllable (커넥션 풀, 분산 락)
         * ends in any word that starts with it: notes write it with a
         * particle (커넥션 풀이, 분산 락을), as a bigram of its own. */
        int tail = i > 0 && i + 1 == t.n &&
                   t.v[i].kind == JIKJI_TOKEN_UNIGRAM;
        if (!(subs[n] = tail ? syllable_words(b, t.v[i].term, t.v[i].len)
                             : jk_xq_term(t.v[i].term, t.v[i].len, 1, 0)))
            goto out;
        stop[n++] = is_stop(b, &t.v[i]);
        if (set_elem(&p->e[k++], t.v[i].term, t.v[i].len, NULL, 0, tail) < 0)
            goto out;
        /* The other form in a question or title raises the section (깃허브
         * -> a heading "GitHub Actions"), by its first token only: a
         * Hangul form has several bigrams and would outweigh the typed
         * word's own heading match. */
        if (k == 1) {
            add_boost(b, JK_P_HEADING, t.v[i].term, t.v[i].len);
            add_boost(b, JK_P_TITLE, t.v[i].term, t.v[i].len);
        }
    }
    res = one_run(&t) ? jk_xq_bigram_phrase(subs, n) : phrase_of(subs, stop, n);
out:
    if (subs)
        free_qs(subs, n);
    free(subs);
    free(stop);
    jk_qtoks_clear(&t);
    return res;
}

/* Collects the forms of Xapian's synonym table for a key. */
typedef struct alt_list {
    char *v[JK_MAX_ALTERNATIVES];
    size_t n;
    const char *skip;   /* a form not to add (the word itself), or NULL */
    size_t cap;         /* at most this many (0: JK_MAX_ALTERNATIVES) */
    size_t cut;         /* forms left out: the list was full */
} alt_list;

/* At most this many Latin words sound like a Hangul word (the phonetic
 * bridge, tuned when it was the cap of every list). */
#define JK_MAX_BRIDGED 12

static int
alt_add(alt_list *l, const char *s, size_t len)
{
    if (l->skip && strlen(l->skip) == len && memcmp(l->skip, s, len) == 0)
        return 0;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
            return 0;
    if (l->n == (l->cap ? l->cap : JK_MAX_ALTERNATIVES)) {
        l->cut++;
        return 1;
    }
    l->v[l->n] = jk_strndup(s, len);
    return l->v[l->n] ? (l->n++, 0) : 1;
}

static int
on_synonym(void *ud, const char *term, size_t len, uint64_t unused)
{
    (void)unused;
    return alt_add(ud, term, len);
}

/* Latin words of the vault that sound like a Hangul loanword. */
typedef struct bridge_ctx {
    const char *key;    /* the Hangul word's sound key */
    const unsigned char *vowels; /* its vowel letters (jk_phon_match_vowels) */
    alt_list *alts;     /* words whose whole key is the same */
    alt_list *near;     /* words with the same consonants only */
    jk_xdb *x;
} bridge_ctx;

/* A key N:<skeleton>:<word> of the metadata: the word joins when it
 * sounds like the query word and some section still has it. */
static int
on_bridge(void *ud, const char *mkey, size_t klen, const char *val,
          size_t vlen)
{
    (void)val;
    (void)vlen;
    bridge_ctx *c = ud;
    char word[64], key[JK_PHON_MAX + 1];
    unsigned char lv[JK_PHON_MAX + 1], lv2[JK_PHON_MAX + 1];
    const char *colon = memchr(mkey + strlen(JK_META_PHONETIC), ':',
                               klen - strlen(JK_META_PHONETIC));
    if (!colon)
        return 0;
    size_t len = klen - (size_t)(colon + 1 - mkey);
    if (len >= sizeof word)
        return 0;
    memcpy(word, colon + 1, len);
    word[len] = '\0';
    uint64_t tf = 0;
    char key2[JK_PHON_MAX + 1];
    int k1 = jk_phon_latin_vowels(word, key, lv)
                 ? jk_phon_match_vowels(c->key, c->vowels, key, lv) : 0;
    int k2 = jk_phon_latin_singular_vowels(word, key2, lv2)
                 ? jk_phon_match_vowels(c->key, c->vowels, key2, lv2) : 0;
    if (!k1 && !k2)
        return 0;
    if (jk_xdb_termfreq(c->x, word, len, &tf) != JIKJI_OK || tf == 0)
        return 0; /* the word left the vault */
    int exact = k1 == 2 || k2 == 2;
    if (exact)
        return alt_add(c->alts, word, len);
    /* A full list of near words must not end the scan: a word with the
     * whole key may come later (blank, blink, ... before hyperlink). */
    alt_add(c->near, word, len);
    return 0;
}

/* Whether the word under the particles stacked on word (its key, one
 * particle already off: 중간에 of 중간에이, 해상도를 of 해상도를에서,
 * 위에서도, 수익은도) may not bridge: it is Sino-Korean or native, and
 * only its particles made it sound like a Latin word (중간에 like
 * changing, 위에서도 like harshitha).  *base gets the word to bridge: the
 * word under `도` and the particle before it (젠킨스에서도: 젠킨스). */
static int
stacked_native(const char *word, char *base, size_t cap)
{
    size_t len = strlen(word);
    if (len >= cap)
        return 1;   /* longer than any sound key */
    memcpy(base, word, len + 1);
    /* 도 (too) after a particle: 도 alone is no particle (속도, 재시도) */
    size_t m = ends_in_do(word, len) ? particle_suffix(word, len - 3) : 0;
    if (m) {
        len -= 3 + m;
        base[len] = '\0';
        char key[JK_PHON_MAX + 1];
        return !jk_phon_hangul(base, key); /* len > 0: m < len - 3 */
    }
    size_t cut = jk_strip_particle(word, len);
    if (cut == len)
        return 0;
    char under[JK_PHON_MAX * 3 + 1], key[JK_PHON_MAX + 1];
    memcpy(under, word, cut);   /* cut < len < cap = sizeof under */
    under[cut] = '\0';
    return !jk_phon_hangul(under, key);
}

/* Whether some section matches q: unweighed, the first match ends it.
 * When the index cannot say, yes (the query goes on as it would). */
static int
matches_any(builder *b, const jk_xq *q)
{
    jk_xmset *ms = NULL;
    int yes = 1;
    if (q && jk_xdb_search(b->db->x, q,
                           &(jk_xsearch_opts){.limit = 1, .any = 1},
                           &ms) == JIKJI_OK)
        yes = jk_xmset_size(ms) > 0;
    jk_xmset_free(ms);
    return yes;
}

/* The phonetic bridge for a Hangul word with no synonyms: Latin words of
 * the vault with the same sound (젠킨스 -> jenkins).  Short words need a
 * long sound: a two-consonant key only for 4+ syllables (에어플로우), so
 * native words such as 장애 never bridge.  as_typed: the query of the
 * word as typed. */
static void
bridge(builder *b, const char *typed, const jk_xq *as_typed, alt_list *alts)
{
    char key[JK_PHON_MAX + 1], skel[JK_PHON_MAX + 1], term[JK_PHON_MAX + 8];
    char word[JK_PHON_MAX * 3 + 1];
    unsigned char vowels[JK_PHON_MAX + 1];
    if (stacked_native(typed, word, sizeof word))
        return;
    size_t syllables = strlen(word) / 3; /* Hangul syllables are 3 bytes */
    if (!jk_phon_hangul_vowels(word, key, vowels))
        return;
    size_t n = jk_phon_skeleton(key, skel);
    if (n < 2 || (n == 2 && syllables < 4))
        return;
    snprintf(term, sizeof term, "%s%s:", JK_META_PHONETIC, skel);
    alt_list near = {.cap = JK_MAX_BRIDGED};
    alts->cap = JK_MAX_BRIDGED;
    bridge_ctx c = {key, vowels, alts, &near, b->db->x};
    jk_xdb_meta_each(b->db->x, term, on_bridge, &c);
    /* The vowels decide between words of the same consonants: 솔팅 is
     * salting, not sliding.  Only when no word has them all alike do the
     * consonants alone bridge (스프레드시트 -> spreadsheets), and only for
     * a word the notes do not have as typed (as_typed finds nothing):
     * else it is a word of the vault, and names of the same consonants
     * are noise (QA: 번아웃 found Benoit and Bernhard in changelogs). */
    int none_exact = alts->n == 0 && near.n > 0 && !matches_any(b, as_typed);
    for (size_t i = 0; i < near.n; i++) {
        if (none_exact)
            alt_add(alts, near.v[i], strlen(near.v[i]));
        free(near.v[i]);
    }
    alts->cut = 0; /* more words that sound alike are not a group cut */
}

/* The words as typed weigh more than their other forms: OP_SYNONYM makes
 * 큐 and queue one term, and a vault full of English docs saying queue
 * would push the note that says 큐 down.  Tuned on tests/quality (1, 2, 3,
 * 5: distractor nDCG@10 0.837, 0.851, 0.852, 0.854).  Retuned when the
 * typed particle stopped weighing: 1, 1.5, 2, 3 gave 0.899, 0.909, 0.912,
 * 0.910 with distractors (0.939-0.940 without), and on a QA set of 142
 * queries over another vault MRR 0.905, 0.905, 0.901, 0.899: at 3 a Hangul
 * spelling typed (카프카) lifted every section of a note titled with it
 * above the answer that writes Kafka. */
#define JK_TYPED_FORM_BOOST 2.0

/* An optional term for the typed word's first token, so sections that use
 * the typed form rank above those that only use another form. */
static void
boost_typed_form(builder *b, const char *key)
{
    jk_qtoks t = {0};
    if (jikji_tokenize(key, strlen(key), jk_qtoks_collect, &t) == JIKJI_OK &&
        t.n)
        add_boost_scaled(b, "", t.v[0].term, t.v[0].len, JK_TYPED_FORM_BOOST);
    if (t.oom)
        b->oom = 1;
    jk_qtoks_clear(&t);
}

/* The other forms of key's synonym group into alts: from the index's
 * synonym table (written by jikji index) and from any table loaded into
 * the handle; none when the handle's expansion is off. */
static void
synonym_forms(jikji_db_t *db, const char *key, alt_list *alts)
{
    if (db->no_expand)
        return;
    const char *skip = alts->skip;
    alts->skip = key;
    jk_xdb_synonyms_each(db->x, key, on_synonym, alts);
    size_t stored = alts->n;
    const char *const *forms;
    size_t n = db->syn ? jk_synonyms_lookup(db->syn, key, &forms) : 0;
    for (size_t i = 0; i < n; i++)
        alt_add(alts, forms[i], strlen(forms[i]));
    /* A group loaded into the handle (search --synonyms FILE) joins the
     * index's group that shares a form with it, as jikji index merges
     * them: with [kafka, 코끼리], 코끼리 finds 카프카 and 카프카 finds
     * 코끼리.  Each table holds whole groups: one step each way is all. */
    for (size_t i = 0; i < n; i++)
        if (strcmp(forms[i], key) != 0)
            jk_xdb_synonyms_each(db->x, forms[i], on_synonym, alts);
    for (size_t i = 0; db->syn && i < stored; i++) {
        size_t m = jk_synonyms_lookup(db->syn, alts->v[i], &forms);
        for (size_t j = 0; j < m; j++)
            alt_add(alts, forms[j], strlen(forms[j]));
    }
    alts->skip = skip;
}

static void
alt_list_fini(alt_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

int
jk_query_has_forms(jikji_db_t *db, const char *key)
{
    alt_list alts = {.n = 0};
    synonym_forms(db, key, &alts);
    int has = alts.n > 0;
    alt_list_fini(&alts);
    return has;
}

/* SYNONYM(q, the other forms of key's group): a note that writes the word
 * in the other script (카프카/Kafka) or spelling (메세지) matches as if it
 * wrote this one (synonym_forms()); a Hangul word (hangul set) in no group
 * tries the phonetic bridge.  Takes q; returns it unchanged when nothing is
 * found. */
static jk_xq *
expand_word(builder *b, jk_xq *q, const char *key, size_t word, int hangul)
{
    if (!q)
        return q;
    alt_list alts = {.n = 0};
    synonym_forms(b->db, key, &alts);
    const char *how = "synonyms";
    if (alts.n == 0 && hangul && !b->db->no_expand) {
        bridge(b, key, q, &alts);
        how = "sounds like";
    }
    if (alts.n == 0)
        return q;
    boost_typed_form(b, key);
    jk_xq *subs[JK_MAX_ALTERNATIVES + 1];
    size_t k = 0;
    subs[k++] = q;
    jk_buf_printf(&b->q->explain, "  %s: %s ->", how, key);
    for (size_t i = 0; i < alts.n; i++) {
        size_t first_pat = b->q->npats;
        jk_xq *alt = form_query(b, alts.v[i], word);
        /* A spelling variant (메세지 for 메시지) is the word as typed. */
        if (jk_synonyms_is_variant(alts.v[i], key))
            boost_typed_form(b, alts.v[i]);
        else
            for (size_t p = first_pat; p < b->q->npats; p++)
                b->q->pats[p].other_form = 1;
        if (alt) {
            subs[k++] = alt;
            jk_buf_printf(&b->q->explain, " %s", alts.v[i]);
        }
        free(alts.v[i]);
    }
    if (alts.cut)
        jk_buf_printf(&b->q->explain, " (and %zu more, left out: a word "
                      "takes at most %d other forms of its group)", alts.cut,
                      JK_MAX_ALTERNATIVES);
    jk_buf_putc(&b->q->explain, '\n');
    jk_xq *r = jk_xq_combine(JK_XQ_SYNONYM, subs, k, 0);
    free_qs(subs, k);
    if (!r)
        b->oom = 1;
    return r;
}

static jk_xq *
expand(builder *b, jk_xq *q, const char *key, size_t word)
{
    return expand_word(b, q, key, word, 0);
}

/* The text of a CJK run from its bigrams v[a, e), minus `drop` trailing
 * characters, into out (cleared). */
static int
run_text(const jk_qtok *v, size_t a, size_t e, size_t drop, jk_buf *out)
{
    jk_buf_clear(out);
    if (jk_buf_append(out, v[a].term, jk_u8len(v[a].term)) < 0)
        return -1;
    for (size_t i = a; i + drop < e; i++) {
        const char *second = v[i].term + jk_u8len(v[i].term);
        if (jk_buf_append(out, second, v[i].len - jk_u8len(v[i].term)) < 0)
            return -1;
    }
    return 0;
}

/* Where a word of letters then digits or digits then letters (java17,
 * 200ms, 10gb, http2) changes from one to the other, or 0 for any other
 * word: at most 12 letters and 6 digits, one change. */
static size_t
unit_cut(const char *w, size_t len)
{
    size_t i = 0;
    int digits = w[0] >= '0' && w[0] <= '9';
    while (i < len && (digits ? w[i] >= '0' && w[i] <= '9'
                              : w[i] >= 'a' && w[i] <= 'z'))
        i++;
    size_t cut = i;
    while (i < len && (digits ? w[i] >= 'a' && w[i] <= 'z'
                              : w[i] >= '0' && w[i] <= '9'))
        i++;
    size_t nd = digits ? cut : len - cut, nl = digits ? len - cut : cut;
    return i == len && cut > 0 && cut < len && nl <= 12 && nd <= 6 ? cut : 0;
}

/* Query and pattern for a Latin run: tokens [a, b) = WORD [+ PARTs]. */
static jk_xq *
latin_run(builder *b, size_t a, size_t e, size_t word)
{
    jk_qtok *v = b->t->v;
    char stem[256];
    size_t slen;
    jk_xq *whole = word_query(b, &v[a], stem, sizeof stem, &slen);
    /* The pattern is filled before expand(), whose synonyms add patterns
     * and may move the array p points into. */
    jk_pattern *p = new_pattern(b->q, 1, word);
    if (!whole || !p || set_elem(&p->e[0], v[a].term, v[a].len, stem, slen, 0) < 0) {
        jk_xq_free(whole);
        return NULL;
    }
    add_boost(b, JK_P_HEADING, v[a].term, v[a].len);
    add_boost(b, JK_P_TITLE, v[a].term, v[a].len);
    add_relaxed_boost(b, v[a].term, v[a].len, JK_LATIN_RELAXED_BOOST);
    whole = expand(b, whole, v[a].term, word);
    if (!whole)
        return NULL;
    size_t nparts = e - a - 1;
    size_t cut = nparts ? 0 : unit_cut(v[a].term, v[a].len);
    if (cut) {
        /* 200ms is also 200 ms, java17 java 17, and the other way round
         * (glued_pair_len()): a number and its unit or name are written
         * either way (QA: 200 ms and 10GB did not find each other). */
        jk_pattern *cp = new_pattern(b->q, 2, word);
        jk_xq *two[2] = {jk_xq_term(v[a].term, cut, 1, 0),
                         jk_xq_term(v[a].term + cut, v[a].len - cut, 1, 0)};
        jk_xq *ph = cp && two[0] && two[1] &&
                    set_elem(&cp->e[0], v[a].term, cut, NULL, 0, 0) == 0 &&
                    set_elem(&cp->e[1], v[a].term + cut, v[a].len - cut, NULL,
                             0, 0) == 0
                        ? jk_xq_combine(JK_XQ_PHRASE, two, 2, 0) : NULL;
        free_qs(two, 2);
        jk_xq *alts[2] = {whole, ph};
        jk_xq *res = ph ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
        jk_xq_free(ph);
        jk_xq_free(whole);
        return res;
    }
    if (nparts == 0)
        return whole;
    /* An identifier: also its parts as a phrase (retry count). */
    jk_xq **parts = calloc(nparts, sizeof *parts);
    jk_pattern *pp = new_pattern(b->q, nparts, word);
    jk_xq *res = NULL;
    if (!parts || !pp)
        goto out;
    for (size_t i = 0; i < nparts; i++) {
        jk_qtok *k = &v[a + 1 + i];
        size_t pl = jk_db_stem_term(b->db, k->term, k->len, stem, sizeof stem);
        if (!(parts[i] = jk_xq_term(k->term, k->len, 1, 0)) ||
            set_elem(&pp->e[i], k->term, k->len, stem, pl, 0) < 0)
            goto out;
    }
    jk_xq *phrase = jk_xq_combine(JK_XQ_PHRASE, parts, nparts, 0);
    jk_xq *alts[2] = {whole, phrase};
    res = phrase ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
    jk_xq_free(phrase);
out:
    if (parts)
        free_qs(parts, nparts);
    free(parts);
    jk_xq_free(whole);
    return res;
}

/* PHRASE of the exact terms v[a, e) at consecutive positions (a term when
 * there is one), with its pattern: a Korean word's bigrams, or the parts
 * of an identifier too long to index whole. */
static jk_xq *
token_phrase(builder *b, size_t a, size_t e, size_t word)
{
    jk_qtok *v = b->t->v;
    size_t n = e - a;
    jk_pattern *p = new_pattern(b->q, n, word);
    jk_xq **subs = calloc(n, sizeof *subs);
    jk_xq *res = NULL;
    if (!p || !subs)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (!(subs[i] = jk_xq_term(v[a + i].term, v[a + i].len, 1, 0)) ||
            set_elem(&p->e[i], v[a + i].term, v[a + i].len, NULL, 0, 0) < 0)
            goto out;
    res = n == 1 ? jk_xq_combine(JK_XQ_OR, subs, 1, 0)
          : v[a].kind == JIKJI_TOKEN_BIGRAM ? jk_xq_bigram_phrase(subs, n)
                                            : jk_xq_combine(JK_XQ_PHRASE, subs, n, 0);
out:
    if (subs)
        free_qs(subs, n);
    free(subs);
    return res;
}

/* A Korean word of this many syllables or more is also found written
 * with a space inside it, and of at most JK_SPLIT_MAX_SYLLABLES. */
#define JK_SPLIT_MIN_SYLLABLES 4
#define JK_SPLIT_MAX_SYLLABLES 8

/* The word of bigrams v[a, e) with a space inside it: `정산누락` is also
 * `정산 누락`, whose note has no bigram 산누.  For each place that leaves
 * two syllables or more on either side, the phrase of the bigrams without
 * the one across it (the note's words are at consecutive positions), with
 * its pattern, when the index may hold the word so written: the bigram
 * across the place is in at least 10% fewer sections than the rarest of
 * the others.  Where it is about as common, nearly every section with the
 * others has it too, as the word is written whole (데이터베이스 on the
 * bench vault: 터베 in 4,008 sections, 베이 in 4,016), and the phrase
 * would double the search's time for nothing, unless no section has the
 * word as written (q): a bigram across the place that other words have
 * too (도로 of 정도로 in `재시도로직`, 직사 of 직사각형 in `이직사유`) says
 * nothing of how the word is written, and a word glued in the query that
 * the notes write apart found nothing at all (QA).  Takes q; returns
 * SYNONYM(q, those phrases), q itself when there are none, NULL on out of
 * memory. */
static jk_xq *
with_space_inside(builder *b, jk_xq *q, size_t a, size_t e, size_t word)
{
    size_t syl = e - a + 1;
    if (!q || syl < JK_SPLIT_MIN_SYLLABLES || syl > JK_SPLIT_MAX_SYLLABLES)
        return q;
    jk_qtok *v = b->t->v;
    jk_xq *alts[JK_SPLIT_MAX_SYLLABLES], *terms[JK_SPLIT_MAX_SYLLABLES];
    uint64_t tf[JK_SPLIT_MAX_SYLLABLES];
    for (size_t i = a; i < e; i++)
        if (jk_xdb_termfreq(b->db->x, v[i].term, v[i].len, &tf[i - a]) !=
            JIKJI_OK)
            return q; /* no statistics: the word as written only */
    size_t na = 0;
    int whole = -1; /* whether a section has q: asked once, if needed */
    alts[na++] = q;
    for (size_t cut = a + 1; cut + 1 < e; cut++) { /* drop bigram v[cut] */
        uint64_t rest = UINT64_MAX;
        for (size_t i = a; i < e; i++)
            if (i != cut && tf[i - a] < rest)
                rest = tf[i - a];
        if (rest == 0)
            continue;
        if (tf[cut - a] * 10 >= rest * 9 &&
            (whole >= 0 ? whole : (whole = matches_any(b, q))))
            continue;
        jk_pattern *p = new_pattern(b->q, e - a - 1, word);
        size_t nt = 0;
        int ok = p != NULL;
        for (size_t i = a; i < e && ok; i++) {
            if (i == cut)
                continue;
            ok = (terms[nt] = jk_xq_term(v[i].term, v[i].len, 1, 0)) != NULL;
            nt += ok;
            ok = ok && set_elem(&p->e[nt - 1], v[i].term, v[i].len, NULL, 0,
                                0) == 0;
        }
        jk_xq *ph = ok ? jk_xq_combine(JK_XQ_PHRASE, terms, nt, 0) : NULL;
        free_qs(terms, nt);
        if (!ph) {
            free_qs(alts, na);
            return NULL;
        }
        alts[na++] = ph;
    }
    if (na == 1)
        return q;
    jk_xq *res = jk_xq_combine(JK_XQ_SYNONYM, alts, na, 0);
    free_qs(alts, na);
    return res;
}

/* Where the particle of a one-syllable word starts in run[0, len) (큐를,
 * 락을, 뷰에서), else len.  Only particles that two-syllable nouns do not
 * end in count: not 가 (평가, 추가), 과 (결과), 로 (경로), 의 (회의),
 * 이 (나이) and the like, which would turn such a noun into a syllable
 * that starts a hundred other words. */
static size_t
one_syllable_particle(const char *run, size_t len)
{
    static const char *const safe[] = {"을", "를", "은", "는", "에"};
    size_t first = jk_u8len(run);
    if (first >= len)
        return len;
    const char *p = run + first;
    size_t n = len - first, chars = 0;
    for (size_t i = 0; i < n; i += jk_u8len(p + i))
        chars++;
    if (chars > 3 || !is_particle(p, n) ||
        (chars == 1 && !jk_in_list(safe, sizeof safe / sizeof *safe, p, n)))
        return len;
    return first;
}

/* Number of trailing bigrams to drop if the run v[a, e) ends with a
 * particle or ending (particles[], up to four syllables, the longest
 * first) and at least two syllables remain, or one syllable with one of
 * the particles one_syllable_particle() takes; 0 otherwise.  All of the
 * run's bigrams are dropped when one syllable remains. */
static size_t
particle_bigrams(builder *b, size_t a, size_t e)
{
    jk_buf s = JK_BUF_INIT;
    size_t m = 0;
    if (run_text(b->t->v, a, e, 0, &s) == 0) {
        size_t at = jk_strip_particle(s.data, s.len);
        if (at == s.len)
            at = one_syllable_particle(s.data, s.len);
        for (size_t i = at; i < s.len; i += jk_u8len(s.data + i))
            m++; /* a character of the particle: one bigram less */
    } else {
        b->oom = 1;
    }
    jk_buf_fini(&s);
    return m;
}

/* A section where the word starts a word (단점 in `단점은`) outweighs one
 * where it is inside another (중단점): the XW boost counts this much.  On
 * tests/quality with distractors: 1: nDCG@10 0.880, 1.5 and 2: 0.887,
 * 4: 0.881, 8: 0.874 (samples alone: 0.931, 0.928 at 2). */
#define JK_WORDSTART_BOOST 2.0

static jk_xq *unigram_query(builder *b, const char *term, size_t len,
                            size_t word);

/* --- verbs: the forms of a verb typed in another form (verb.h) ----------- */

/* The most forms one word is searched as, and their weight beside the
 * form as typed. */
#define JK_VERB_FORMS_MAX 64
#define JK_VERB_FORMS_WEIGHT 0.5

/* Whether the index has the term prefix + t[0, len); when it cannot
 * say, no. */
static int
has_term(builder *b, const char *prefix, const char *t, size_t len)
{
    char buf[64];
    size_t pl = strlen(prefix);
    uint64_t tf = 0;
    if (pl + len > sizeof buf)
        return 0;
    memcpy(buf, prefix, pl);
    memcpy(buf + pl, t, len);
    return jk_xdb_termfreq(b->db->x, buf, pl + len, &tf) == JIKJI_OK && tf;
}

/* Whether a note's word may start with s: its first bigram (its syllable
 * for a word of one) where a word starts, and its other bigrams. */
static int
start_in_index(builder *b, const jk_verb_start *s)
{
    size_t first = s->nsyl == 1 ? 3 : 6;
    if (!has_term(b, JK_P_WORDSTART, s->text, first))
        return 0;
    for (size_t i = 1; i + 1 < s->nsyl; i++)
        if (!has_term(b, "", s->text + 3 * i, 6))
            return 0;
    return 1;
}

/* The query and pattern of a start: the word of its one syllable, a word
 * starting with its bigram, or with the phrase of its bigrams. */
static jk_xq *
start_query(builder *b, const jk_verb_start *s, size_t word)
{
    size_t nb = s->nsyl == 1 ? 1 : s->nsyl - 1, bl = s->nsyl == 1 ? 3 : 6;
    jk_pattern *p = new_pattern(b->q, nb, word);
    jk_xq *subs[JK_VERB_START_MAX], *res = NULL;
    char t[16];
    size_t pl = strlen(JK_P_WORDSTART), n = 0;
    if (!p)
        return NULL;
    for (size_t i = 0; i < nb; i++, n++)
        if (set_elem(&p->e[i], s->text + 3 * i, bl, NULL, 0, 0) < 0 ||
            !(subs[n] = jk_xq_term(s->text + 3 * i, bl, 1, 0)))
            goto out;
    p->e[0].word_start = 1;
    memcpy(t, JK_P_WORDSTART, pl);
    memcpy(t + pl, s->text, bl);
    jk_xq *start = jk_xq_term(t, pl + bl, 1, 0);
    if (nb == 1 || !start) {
        res = start;
    } else {
        jk_xq *pair[2] = {start, jk_xq_bigram_phrase(subs, nb)};
        res = pair[1] ? jk_xq_combine(JK_XQ_AND, pair, 2, 0) : NULL;
        jk_xq_free(pair[0]);
        jk_xq_free(pair[1]);
    }
out:
    free_qs(subs, n);
    return res;
}

/* The forms of the verbs the Korean word `text` may be a form of, those
 * the index has: a stem read only by an ending a noun takes too, or by
 * none, only when the index has one of its verbal forms other than the
 * word as typed: its past (QA: without, 이미지 also found 이미, the
 * contracted 이러한 stood for 이름).  Into *forms and *nforms the starts
 * kept. */
static void
verb_starts_found(builder *b, const char *text, jk_verb_start *forms,
                  size_t *nforms)
{
    jk_verb_stem stems[JK_VERB_STEMS_MAX];
    size_t ns = jk_verb_stems(text, strlen(text), stems, JK_VERB_STEMS_MAX);
    *nforms = 0;
    for (size_t i = 0; i < ns; i++) {
        jk_verb_start s[128];
        unsigned char has[128];
        size_t m = jk_verb_starts(&stems[i], s, 128);
        int evidence = !stems[i].unsure;
        for (size_t k = 0; k < m; k++) {
            has[k] = (unsigned char)start_in_index(b, &s[k]);
            if (has[k] && s[k].verbal &&
                strncmp(text, s[k].text, strlen(s[k].text)) != 0)
                evidence = 1;
        }
        for (size_t k = 0; k < m && evidence; k++) {
            size_t j = 0; /* once, though two stems give it */
            while (j < *nforms && strcmp(forms[j].text, s[k].text))
                j++;
            if (has[k] && j == *nforms && *nforms < JK_VERB_FORMS_MAX)
                forms[(*nforms)++] = s[k];
        }
    }
}

/* OR of the queries of forms[0, n) (start_query()); NULL when n is 0 or
 * on out of memory (then b->oom).  For a verb's forms (typed: the word
 * as typed) said in --explain, and the patterns of those that do not
 * start the word typed are its other forms: a snippet shows the form
 * typed where a section has it (QA: 만들었다 showed the section's 만들어).
 * typed NULL: the word's own forms (noun_closed()). */
static jk_xq *
verb_query(builder *b, const jk_verb_start *forms, size_t n, size_t word,
           const char *typed)
{
    if (n == 0)
        return NULL;
    jk_xq *subs[JK_VERB_FORMS_MAX];
    size_t k = 0;
    if (typed)
        jk_buf_puts(&b->q->explain, "  a verb's other forms: a word starting");
    for (; k < n; k++) {
        if (!(subs[k] = start_query(b, &forms[k], word))) {
            free_qs(subs, k);
            b->oom = 1;
            return NULL;
        }
        if (!typed)
            continue;
        /* the form typed: one that starts the word typed, less its
         * last syllable at most (막았 of 막았던, not 만들 of 만들었다) */
        size_t fl = strlen(forms[k].text);
        b->q->pats[b->q->npats - 1].other_form =
            strncmp(typed, forms[k].text, fl) != 0 || fl + 3 < strlen(typed);
        jk_buf_printf(&b->q->explain, "%s %s%s", k ? "," : "",
                      forms[k].text, forms[k].whole ? " (alone)" : "");
    }
    if (typed)
        jk_buf_putc(&b->q->explain, '\n');
    jk_xq *res = combine_take(JK_XQ_OR, subs, n);
    if (!res)
        b->oom = 1;
    return res;
}

/* OR(q, v at JK_VERB_FORMS_WEIGHT): the form as typed, where a note has
 * it, is the better match (QA: `뷰를 만든 이유` ranked a section that says
 * 만들어 and 이유 above the one that says 뷰를 만든).  Takes both; q when
 * v is NULL. */
static jk_xq *
or_half(builder *b, jk_xq *q, jk_xq *v)
{
    jk_xq *half = v ? jk_xq_scale(v, JK_VERB_FORMS_WEIGHT) : NULL;
    jk_xq_free(v);
    if (!half)
        return q;
    jk_xq *alts[2] = {q, half};
    jk_xq *res = jk_xq_combine(JK_XQ_OR, alts, 2, 0);
    free_qs(alts, 2);
    if (!res)
        b->oom = 1;
    return res;
}

/* OR(q, the forms of the verb the word `text` may be); q itself when it
 * is none.  Takes q. */
static jk_xq *
or_verb_forms(builder *b, jk_xq *q, const char *text, size_t word)
{
    jk_verb_start forms[JK_VERB_FORMS_MAX];
    size_t n = 0;
    if (q)
        verb_starts_found(b, text, forms, &n);
    if (n == 0)
        return q;
    return or_half(b, q, verb_query(b, forms, n, word, text));
}

/* A one-syllable noun syl[0, len) (of 락은, 책을) as a word of its own or
 * under a particle (락, 락을, 락에서: the particles' first syllables), not
 * any word it starts (막 of 막대): the other reading of a word that may
 * also be a verb's form.  With patterns; NULL on out of memory or when
 * the index has none of them. */
static jk_xq *
noun_closed(builder *b, const char *syl, size_t len, size_t word)
{
    jk_verb_start forms[JK_VERB_FORMS_MAX];
    size_t n = 0;
    if (len != 3)
        return NULL;
    jk_verb_start alone = {.nsyl = 1, .whole = 1};
    memcpy(alone.text, syl, 3);
    if (start_in_index(b, &alone))
        forms[n++] = alone;
    /* The particles' first syllables that start few nouns' second (not
     * 이 of 아이콘, 의 of 정의, 로 of 도로, 보 of 정보). */
    static const char after[] = "은는을를에와과만도랑으";
    for (const char *pa = after; *pa; pa += 3) {
        jk_verb_start f = {.nsyl = 2};
        memcpy(f.text, syl, 3);
        memcpy(f.text + 3, pa, 3);
        if (start_in_index(b, &f))
            forms[n++] = f;
    }
    return verb_query(b, forms, n, word, NULL);
}

/* Whether the ending e (UTF-8) makes its noun a verb of 하다 or 되다
 * (한, 했던, 되도록, 시켰다). */
static int
hada_ending(const char *e)
{
    static const char first[] = "하한할했해합함되된될됐돼됩시";
    for (const char *p = first; *p; p += 3)
        if (!memcmp(e, p, 3))
            return 1;
    return 0;
}

/* Query for a Hangul/Han/Kana run of bigrams [a, e). */
static jk_xq *
cjk_run(builder *b, size_t a, size_t e, size_t word)
{
    jk_qtok *v = b->t->v;
    add_boost_scaled(b, JK_P_WORDSTART, v[a].term, v[a].len,
                     JK_WORDSTART_BOOST);
    jk_buf text = JK_BUF_INIT;
    jk_xq *full = token_phrase(b, a, e, word);
    size_t drop = full ? particle_bigrams(b, a, e) : 0;
    if (!drop)
        full = with_space_inside(b, full, a, e, word);
    /* The phonetic bridge works on the word without its particle; a word
     * the dictionary knows as it is keeps its last syllable. */
    if (full && run_text(v, a, e, 0, &text) == 0) {
        jk_xq *plain = full;
        full = expand_word(b, full, text.data, word, !drop);
        if (full != plain)
            drop = 0;
    }
    /* The heading and title boosts are the word's without its ending: the
     * bigrams of `재시도하도록` raised a heading `서버가 죽지 않도록` above
     * the section that says it.  A word left with one syllable has the
     * heading boost of unigram_query(). */
    for (size_t i = a; i < e - drop && drop < e - a; i++) {
        add_boost(b, JK_P_HEADING, v[i].term, v[i].len);
        add_boost(b, JK_P_TITLE, v[i].term, v[i].len);
    }
    if (!drop) {
        /* 막았던, 늘린, 나누셨어요: also the verb's other forms */
        if (text.data)
            full = or_verb_forms(b, full, text.data, word);
        jk_buf_fini(&text);
        return full;
    }
    /* The word without its particle: every section with the particle has
     * it too.  The form as typed adds no weight (it was OR-ed in): a
     * passing `재시도를` in another note outranked the answer to
     * `Kafka 재시도를`.  Its pattern still marks it in snippets.  On
     * tests/quality nDCG@10 0.939 -> 0.940 (particle 0.915 -> 0.922), with
     * distractors 0.910 either way. */
    jk_xq *bare;
    jk_verb_start forms[JK_VERB_FORMS_MAX];
    size_t nforms = 0;
    /* 막은, 찾은, 아는: one syllable and 은, 는 or 을, a verb's ending as
     * well as a particle */
    int either = drop == e - a && text.data && text.len == 6 &&
                 (!memcmp(text.data + 3, "은", 3) ||
                  !memcmp(text.data + 3, "는", 3) ||
                  !memcmp(text.data + 3, "을", 3));
    if (either)
        verb_starts_found(b, text.data, forms, &nforms);
    if (nforms) {
        /* A verb's forms, or a noun of one syllable and its particle; not
         * every word the syllable starts (QA: 막은 found 막대, 아는
         * 아끼기, 찾은 길찾기). */
        jk_buf_printf(&b->q->explain, "  %s: a verb's form, or a noun of "
                      "one syllable and its particle\n", text.data);
        jk_xq *alts[2] = {
            noun_closed(b, v[a].term, jk_u8len(v[a].term), word),
            verb_query(b, forms, nforms, word, text.data)};
        bare = !alts[0] ? alts[1] : !alts[1] ? alts[0]
                                  : jk_xq_combine(JK_XQ_OR, alts, 2, 0);
        if (alts[0] && alts[1])
            free_qs(alts, 2);
        char syl[4] = {0};
        memcpy(syl, text.data, 3);
        if (!bare) /* nothing in the index: the word as typed */
            bare = unigram_query(b, syl, 3, word);
        else /* the noun's synonyms (락을: lock, 잠금) */
            bare = expand(b, bare, syl, word);
        add_boost(b, JK_P_HEADING, syl, 3);
    } else if (drop == e - a) { /* 큐를: the first syllable, as if typed alone */
        bare = unigram_query(b, v[a].term, jk_u8len(v[a].term), word);
    } else {
        /* 몰렸을 (its 을 a particle's too): also the verb's forms; not
         * after a noun that 하다 or 되다 makes a verb (구현한: 구현 finds
         * them all, and its forms raised a help page's 구현해 alone) */
        jk_buf whole = JK_BUF_INIT;
        bare = with_space_inside(b, token_phrase(b, a, e - drop, word), a,
                                 e - drop, word);
        if (bare && run_text(v, a, e, 0, &whole) == 0 &&
            !hada_ending(whole.data + whole.len - 3 * drop))
            bare = or_verb_forms(b, bare, whole.data, word);
        jk_buf_fini(&whole);
        if (bare && run_text(v, a, e, drop, &text) == 0)
            bare = expand_word(b, bare, text.data, word, 1);
    }
    jk_buf_fini(&text);
    jk_xq_free(full);
    return bare;
}

/* One character (term[0, len)): itself, or a word that starts with it. */
static jk_xq *
unigram_query(builder *b, const char *term, size_t len, size_t word)
{
    jk_pattern *p = new_pattern(b->q, 1, word);
    char buf[64], *t;
    size_t pl = strlen(JK_P_WORDSTART);
    if (!p || set_elem(&p->e[0], term, len, NULL, 0, 1) < 0 ||
        pl + len >= sizeof buf || !(t = jk_strndup(term, len)))
        return NULL;
    add_boost(b, JK_P_HEADING, t, len);
    memcpy(buf, JK_P_WORDSTART, pl);
    memcpy(buf + pl, t, len);
    jk_xq *alts[2] = {jk_xq_term(t, len, 1, 0),
                      jk_xq_wildcard(buf, pl + len)};
    jk_xq *res = alts[0] && alts[1] ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
    free_qs(alts, 2);
    res = expand(b, res, t, word);
    free(t);
    return res;
}

/* A one-character run; a verb's modifier (쓴, 준, 본) also finds its
 * past and contracted forms (QA: `Redis 쓴 이유` did not find 썼습니다),
 * at half weight. */
static jk_xq *
unigram_run(builder *b, size_t a, size_t word)
{
    const jk_qtok *k = &b->t->v[a];
    jk_xq *q = unigram_query(b, k->term, k->len, word);
    jk_verb_start s[JK_VERB_FORMS_MAX], forms[JK_VERB_FORMS_MAX];
    size_t m = q ? jk_verb_modifier_starts(k->term, k->len, s,
                                           JK_VERB_FORMS_MAX) : 0, n = 0;
    for (size_t i = 0; i < m; i++)
        if (start_in_index(b, &s[i]))
            forms[n++] = s[i];
    return n ? or_half(b, q, verb_query(b, forms, n, word, k->term)) : q;
}

/* End of the run starting at token a within chunk tokens [a, ce). */
static size_t
run_end(const jk_qtok *v, size_t a, size_t ce)
{
    size_t e = a + 1;
    if (v[a].kind == JIKJI_TOKEN_WORD || v[a].kind == JIKJI_TOKEN_PART) {
        /* A PART first: the whole identifier was too long to keep. */
        while (e < ce && v[e].kind == JIKJI_TOKEN_PART)
            e++;
    } else if (v[a].kind == JIKJI_TOKEN_BIGRAM) {
        /* Bigrams of one run overlap in the original text. */
        while (e < ce && v[e].kind == JIKJI_TOKEN_BIGRAM &&
               v[e].start < v[e - 1].end)
            e++;
    }
    return e;
}

/* Describe a run for --explain: its terms and how they are searched. */
static void
explain_run(builder *b, const jk_qtok *v, size_t i, size_t e, int dropped)
{
    jk_buf *x = &b->q->explain;
    if (dropped) {
        jk_buf_printf(x, "  %s: particle, optional\n", v[i].term);
        return;
    }
    switch (v[i].kind) {
    case JIKJI_TOKEN_PART:
        jk_buf_puts(x, "  identifier too long to keep whole; its parts as a phrase:");
        for (size_t k = i; k < e; k++)
            jk_buf_printf(x, " %s", v[k].term);
        break;
    case JIKJI_TOKEN_WORD:
        jk_buf_printf(x, "  %s: word (and its English stem)", v[i].term);
        if (e - i > 1) {
            jk_buf_puts(x, ", or its parts as a phrase:");
            for (size_t k = i + 1; k < e; k++)
                jk_buf_printf(x, " %s", v[k].term);
        }
        break;
    case JIKJI_TOKEN_BIGRAM:
        jk_buf_puts(x, "  ");
        for (size_t k = i; k < e; k++)
            jk_buf_printf(x, "%s%s", k > i ? " " : "", v[k].term);
        jk_buf_puts(x, e - i > 1 ? ": bigrams, as a phrase" : ": bigram");
        size_t drop = particle_bigrams(b, i, e);
        if (drop == e - i)
            jk_buf_printf(x, " (searched as %.*s, itself or a word starting"
                          " with it: the particle or ending after it is"
                          " optional, unless the dictionary knows the whole"
                          " word)", (int)jk_u8len(v[i].term), v[i].term);
        else if (drop)
            jk_buf_puts(x, " (searched without its trailing particle or"
                        " ending, which is optional, unless the dictionary"
                        " knows the whole word)");
        break;
    default:
        jk_buf_printf(x, "  %s: one syllable: itself or a word starting with it",
                      v[i].term);
    }
    jk_buf_putc(x, '\n');
}

/* Whether the bigram run [a, e) is, as a whole, a particle or ending. */
static int
run_is_particle(builder *b, size_t a, size_t e)
{
    jk_buf s = JK_BUF_INIT;
    int yes = 0;
    if (run_text(b->t->v, a, e, 0, &s) == 0)
        yes = is_particle(s.data, s.len);
    else
        b->oom = 1;
    jk_buf_fini(&s);
    return yes;
}

/* The query of one chunk [a, ce): AND of its runs. */
static jk_xq *
chunk_query(builder *b, size_t a, size_t ce, size_t word)
{
    jk_qtok *v = b->t->v;
    jk_xq *subs[64];
    size_t n = 0;
    int prev_latin = 0;
    for (size_t i = a; i < ce && n < 64;) {
        size_t e = run_end(v, i, ce);
        jk_xq *q;
        /* A particle or ending glued to a Latin word (Kafka를, DB가,
         * Kafka였는데) is dropped. */
        int glued = prev_latin && v[i].kind != JIKJI_TOKEN_WORD &&
                    ((v[i].kind == JIKJI_TOKEN_UNIGRAM &&
                      is_particle(v[i].term, v[i].len)) ||
                     (v[i].kind == JIKJI_TOKEN_BIGRAM &&
                      run_is_particle(b, i, e)));
        explain_run(b, v, i, e, glued);
        if (!glued) {
            q = v[i].kind == JIKJI_TOKEN_WORD ? latin_run(b, i, e, word)
              : v[i].kind == JIKJI_TOKEN_PART ? token_phrase(b, i, e, word)
              : v[i].kind == JIKJI_TOKEN_BIGRAM ? cjk_run(b, i, e, word)
              : unigram_run(b, i, word);
            if (!q) {
                free_qs(subs, n);
                b->oom = 1;
                return NULL;
            }
            subs[n++] = q;
        }
        prev_latin = v[i].kind == JIKJI_TOKEN_WORD;
        i = e;
    }
    if (n == 0)
        return NULL;
    jk_xq *res = n == 1 ? subs[0] : jk_xq_combine(JK_XQ_AND, subs, n, 0);
    if (n > 1)
        free_qs(subs, n);
    if (!res)
        b->oom = 1;
    return res;
}

/* AND_MAYBE(q, boost): the same matches, ranked up by the boost terms.
 * Takes q (frees it); NULL if q is NULL or on out of memory. */
static jk_xq *
boosted(jk_xq *q, const jk_xq *boost)
{
    if (!q || !boost)
        return q;
    jk_xq *subs[2] = {q, (jk_xq *)boost};
    jk_xq *r = jk_xq_combine(JK_XQ_AND_MAYBE, subs, 2, 0);
    jk_xq_free(q);
    return r;
}

/* --- the query language ---------------------------------------------------- */

/* The "all words but one" tier is built for at most this many plain
 * words; past it only "all" and "any" remain (a pasted paragraph must not
 * make a query of n^2 terms). */
#define JK_MOST_MAX_WORDS 8

/* What a node of the query tree evaluates to. */
enum role {
    ROLE_NONE,      /* nothing searchable (a word of punctuation) */
    ROLE_SOFT,      /* plain words: may be dropped in the partial fallback */
    ROLE_HARD,      /* phrases, title:, heading:, groups holding any */
    ROLE_FILTER,    /* tag:, category:, path:, dates: match, no weight */
    ROLE_NEG        /* -x: q is what to exclude */
};

typedef struct qval {
    jk_xq *all;     /* every word required */
    jk_xq *most;    /* all soft words but one (NULL: fewer than 3) */
    jk_xq *any;     /* relaxed: soft words OR-ed (NULL: same as all) */
    enum role role;
} qval;

static void
qval_fini(qval *v)
{
    jk_xq_free(v->all);
    jk_xq_free(v->most);
    jk_xq_free(v->any);
    v->all = v->most = v->any = NULL;
}

/* x with the filters (FILTER) and exclusions (AND_NOT) applied; takes x,
 * borrows f and neg (either may be NULL). */
static jk_xq *
restrict_q(jk_xq *x, const jk_xq *f, const jk_xq *neg)
{
    if (x && f) {
        jk_xq *v[2] = {x, (jk_xq *)f};
        jk_xq *r = jk_xq_combine(JK_XQ_FILTER, v, 2, 0);
        jk_xq_free(x);
        x = r;
    }
    if (x && neg) {
        jk_xq *v[2] = {x, (jk_xq *)neg};
        jk_xq *r = jk_xq_combine(JK_XQ_AND_NOT, v, 2, 0);
        jk_xq_free(x);
        x = r;
    }
    return x;
}

/* Two-operand combine that frees both operands. */
static jk_xq *
pair_take(enum jk_xq_op op, jk_xq *a, jk_xq *b)
{
    if (!a || !b) {
        jk_xq_free(a);
        jk_xq_free(b);
        return NULL;
    }
    jk_xq *v[2] = {a, b};
    return combine_take(op, v, 2);
}

/* Tokenize text into b->t (cleared first). */
static jikji_status_t
tokenize_into(builder *b, const char *text)
{
    for (size_t i = 0; i < b->t->n; i++)
        free(b->t->v[i].term);
    b->t->n = 0;
    jikji_status_t st =
        jikji_tokenize(text, strlen(text), jk_qtoks_collect, b->t);
    if (st == JIKJI_OK && b->t->oom)
        st = JIKJI_ENOMEM;
    return st;
}

/* Words typed next to each other that the note also has next to each
 * other (`on failure callback` -> on_failure_callback, `at least once`,
 * `분산 락`) raise the section: an optional PHRASE of the first word's
 * last token and the next word's first.  Takes l and r (terms, or ORs of
 * terms).  On tests/quality with distractors: nDCG@10 0.852 -> 0.864
 * (identifier 0.890 -> 0.943, english 0.939 -> 0.967). */
static void
boost_pair_q(builder *b, jk_xq *l, jk_xq *r)
{
    jk_xq *pair[2] = {l, r};
    jk_xq *ph = l && r && boost_room(b)
                    ? jk_xq_combine(JK_XQ_PHRASE, pair, 2, 0) : NULL;
    if (l && r && boost_room(b) && !ph)
        b->oom = 1;
    free_qs(pair, 2);
    if (ph)
        push_boost(b, ph);
}

/* The first (or last, when last is set) token of a query word as typed
 * (t, its tokens) and of every form in its synonym group, as an OR of
 * terms: `메시지 크기` is then also adjacent in a note that writes 메세지
 * 크기.  NULL when out of memory. */
static jk_xq *
edge_query(builder *b, const char *text, const jk_qtoks *t, int last)
{
    alt_list edges = {.n = 0}, forms = {.n = 0};
    const jk_qtok *own = &t->v[last ? t->n - 1 : 0];
    alt_add(&edges, own->term, own->len);
    char *key = NULL;
    if (jikji_normalize(text, strlen(text), &key) == JIKJI_OK)
        synonym_forms(b->db, key, &forms);
    jikji_free(key);
    for (size_t i = 0; i < forms.n; i++) {
        jk_qtoks ft = {0};
        if (jikji_tokenize(forms.v[i], strlen(forms.v[i]), jk_qtoks_collect,
                           &ft) ==
                JIKJI_OK && ft.n) {
            /* an identifier form (retry_count) by its parts, as form_query */
            const jk_qtok *e = &ft.v[last ? ft.n - 1 : 0];
            if (!last && ft.n > 1 && e->kind == JIKJI_TOKEN_WORD &&
                ft.v[1].kind == JIKJI_TOKEN_PART)
                e = &ft.v[1];
            alt_add(&edges, e->term, e->len);
        }
        jk_qtoks_clear(&ft);
    }
    alt_list_fini(&forms);
    jk_xq *subs[JK_MAX_ALTERNATIVES];
    size_t n = 0;
    for (size_t i = 0; i < edges.n; i++)
        if ((subs[n] = jk_xq_term(edges.v[i], strlen(edges.v[i]), 1, 0)))
            n++;
    jk_xq *q = n == edges.n ? jk_xq_combine(JK_XQ_OR, subs, n, 0) : NULL;
    free_qs(subs, n);
    alt_list_fini(&edges);
    return q;
}

/* edge_query() of the chunk of tokens [a, e) of t, the tokens of text. */
static jk_xq *
chunk_edge(builder *b, const char *text, const jk_qtoks *t, size_t a,
           size_t e, int last)
{
    char *s = jk_strndup(text + t->v[a].start, t->v[e - 1].end - t->v[a].start);
    jk_qtoks view = {t->v + a, e - a, e - a, 0};
    jk_xq *q = s ? edge_query(b, s, &view, last) : NULL;
    free(s);
    return q;
}

/* boost_pair_q() for each two adjacent plain words of a sequence, in any
 * of their forms; a word with no searchable characters (only punctuation
 * or invalid bytes) stands between none. */
static void
boost_adjacent(builder *b, const jk_qnode *n)
{
    jk_xq *prev_last = NULL; /* the word before's last tokens */
    for (size_t i = 0; i < n->nkids && !b->oom; i++) {
        const jk_qnode *w = n->kids[i];
        jk_xq *first = NULL, *last = NULL;
        jk_qtoks cur = {0};
        if (w->kind == JK_QN_WORD) {
            if (jikji_tokenize(w->text, strlen(w->text), jk_qtoks_collect,
                               &cur) !=
                    JIKJI_OK || cur.oom) {
                b->oom = 1;
            } else if (cur.n == 1 && is_stop(b, &cur.v[0])) {
                /* A function word has no position: it is adjacent to
                 * nothing, and its neighbours are not adjacent. */
                jk_qtoks_clear(&cur);
                jk_xq_free(prev_last);
                prev_last = NULL;
                continue;
            } else if (cur.n) {
                first = prev_last ? edge_query(b, w->text, &cur, 0) : NULL;
                last = edge_query(b, w->text, &cur, 1);
                if ((prev_last && !first) || !last)
                    b->oom = 1;
            }
        }
        jk_qtoks_clear(&cur);
        if (w->kind == JK_QN_WORD && !first && !last && !b->oom)
            continue; /* nothing searchable: the neighbours stay neighbours */
        if (prev_last && first) {
            boost_pair_q(b, prev_last, first);
        } else {
            jk_xq_free(prev_last);
            jk_xq_free(first);
        }
        prev_last = last;
    }
    jk_xq_free(prev_last);
}

/* Whether the query of text alone finds a section, as eval_word() would
 * search it (particles, synonyms, sound-alikes): built by a builder of its
 * own, whose patterns, boosts and explanation are thrown away.  When the
 * index cannot say: yes. */
static int
text_found(builder *b, const char *text)
{
    jk_query tq;
    memset(&tq, 0, sizeof tq);
    jk_qtoks toks = {0};
    builder tb = {.db = b->db, .old_positions = b->old_positions, .q = &tq,
                  .t = &toks, .whole = 1};
    int found = 1;
    if (tokenize_into(&tb, text) == JIKJI_OK && toks.n) {
        jk_xq *x = chunk_query(&tb, 0, toks.n, 0);
        if (x && !tb.oom)
            found = matches_any(b, x);
        jk_xq_free(x);
    }
    free_qs(tb.boost, tb.nboost);
    free_qs(tb.relaxed, tb.nrelaxed);
    jk_qtoks_clear(&toks);
    jk_query_fini(&tq);
    return found;
}

/* Whether some section has the bigram run v[a, e) as written, without a
 * trailing particle that leaves two syllables or more, where a word
 * starts: a half of a glued word must be a word of the notes, not a piece
 * of a loanword found by its sound (`레지스` of 레지스트리 sounds like
 * reaches).  When the index cannot say: no. */
static int
written_found(builder *b, size_t a, size_t e)
{
    jk_qtok *v = b->t->v;
    jk_buf w = JK_BUF_INIT;
    if (run_text(v, a, e, 0, &w) == 0) {
        size_t at = jk_strip_particle(w.data, w.len);
        for (size_t i = at; i < w.len; i += jk_u8len(w.data + i))
            e--; /* a character of the particle: one bigram less */
    }
    jk_buf_fini(&w);
    jk_xq *subs[JK_SPLIT_MAX_SYLLABLES + 1];
    size_t n = 0;
    char t[64];
    size_t pl = strlen(JK_P_WORDSTART);
    if (pl + v[a].len > sizeof t)
        return 0;
    memcpy(t, JK_P_WORDSTART, pl);
    memcpy(t + pl, v[a].term, v[a].len);
    int ok = (subs[n++] = jk_xq_term(t, pl + v[a].len, 1, 0)) != NULL;
    for (size_t i = a; i < e && ok && n <= JK_SPLIT_MAX_SYLLABLES; i++)
        ok = (subs[n++] = jk_xq_term(v[i].term, v[i].len, 1, 0)) != NULL;
    jk_xq *phrase = ok && n > 2 ? jk_xq_bigram_phrase(subs + 1, n - 1) : NULL;
    jk_xq *pair[2] = {subs[0], phrase ? phrase : subs[1]};
    jk_xq *q = ok && (phrase || n == 2) ? jk_xq_combine(JK_XQ_AND, pair, 2, 0)
                                        : NULL;
    int found = q && matches_any(b, q);
    jk_xq_free(q);
    jk_xq_free(phrase);
    free_qs(subs, n);
    return found;
}

/* Whether the bigrams b->t->v[s, e) may be a word of a glued compound:
 * some section has it as written where a word starts (written_found()),
 * and, when it looks like a piece of a loanword (a consonant and ㅡ
 * alone: 크로 of 마이크로), the dictionary knows it (카프카, 인덱스).
 * -1 on out of memory. */
static int
compound_part(builder *b, size_t s, size_t e)
{
    jk_buf w = JK_BUF_INIT;
    if (run_text(b->t->v, s, e, 0, &w) < 0)
        return -1;
    int ok = 0;
    if (written_found(b, s, e)) {
        ok = 1;
        if (jk_phon_loan_syllable(w.data)) {
            w.len = jk_strip_particle(w.data, w.len);
            w.data[w.len] = '\0';
            ok = jk_query_has_forms(b->db, w.data);
        }
    }
    jk_buf_fini(&w);
    return ok;
}

/* A Korean word of JK_SPLIT_MIN_SYLLABLES to JK_SPLIT_MAX_SYLLABLES (the
 * bigrams b->t) that nothing finds as it is searched, with a space inside
 * it too (with_space_inside()), is a compound the query glued and the
 * notes write as words apart, not side by side: `처우협의` (whose 의 is no
 * particle) where a note says 처우 협의, `장애경험정리` where it says 장애
 * 경험 정리, `카프카재시도`.  Into *out, the words to search instead, as if
 * typed apart, so that the tiers and the adjacency boost apply: two
 * words, else three, else four, of two syllables or more each, each one a
 * word of the notes (compound_part()), all of them in one section (QA:
 * without that, `기술부채` found the 부채꼴 of a drawing program's help).
 * The first such split, from the left, is taken.  Returns 1 when there is
 * one, 0 when not, -1 on out of memory. */
static int
glued_apart(builder *b, const char *text, jk_buf *out)
{
    jk_qtoks *t = b->t;
    size_t n = t->n, syl = n + 1;
    if (b->whole || syl < JK_SPLIT_MIN_SYLLABLES ||
        syl > JK_SPLIT_MAX_SYLLABLES || run_end(t->v, 0, n) != n ||
        t->v[0].kind != JIKJI_TOKEN_BIGRAM ||
        t->v[n - 1].chunk != t->v[0].chunk || text_found(b, text))
        return 0;
    /* part[s][e]: compound_part() of bigrams [s, e), -2 not asked yet */
    signed char part[JK_SPLIT_MAX_SYLLABLES][JK_SPLIT_MAX_SYLLABLES + 1];
    memset(part, -2, sizeof part);
    jk_buf words = JK_BUF_INIT, w = JK_BUF_INIT;
    int found = 0, oom = 0;
    /* cuts: the bigrams across the spaces, k of them for k + 1 words */
    for (size_t k = 1; k <= 3 && !found && !oom; k++) {
        size_t cut[3];
        for (size_t i = 0; i < k; i++)
            cut[i] = 1 + 2 * i; /* the first split: parts of one bigram */
        while (!found && !oom && cut[k - 1] + 1 < n) {
            int ok = 1;
            for (size_t i = 0; i <= k && ok; i++) {
                size_t s = i ? cut[i - 1] + 1 : 0, e = i < k ? cut[i] : n;
                if (part[s][e] == -2)
                    part[s][e] = (signed char)compound_part(b, s, e);
                oom = part[s][e] < 0;
                ok = part[s][e] > 0;
            }
            if (ok) {
                jk_buf_clear(&words);
                for (size_t i = 0; i <= k && !oom; i++) {
                    size_t s = i ? cut[i - 1] + 1 : 0, e = i < k ? cut[i] : n;
                    oom = run_text(t->v, s, e, 0, &w) < 0 ||
                          jk_buf_printf(&words, "%s%s", i ? " " : "",
                                        w.data) < 0;
                }
                found = !oom && text_found(b, words.data);
            }
            /* the next split: move the last cut that can move right, and
             * put the ones after it right behind it */
            size_t i = k;
            while (!found && i > 0 &&
                   cut[i - 1] + 1 + 2 * (k - i) + 1 >= n)
                i--;
            if (found || i == 0)
                break;
            cut[i - 1]++;
            for (size_t j = i; j < k; j++)
                cut[j] = cut[j - 1] + 2;
        }
    }
    if (found && !oom) {
        jk_buf_clear(out);
        oom = jk_buf_puts(out, words.data) < 0;
    }
    jk_buf_fini(&words);
    jk_buf_fini(&w);
    return oom ? -1 : found;
}

/* Whether the chunk of b->t->v[i] is one word of digits alone. */
static int
digits_chunk(const jk_qtoks *t, size_t i)
{
    return i < t->n && t->v[i].kind == JIKJI_TOKEN_WORD &&
           (i + 1 == t->n || t->v[i + 1].chunk != t->v[i].chunk) &&
           strspn(t->v[i].term, "0123456789") == t->v[i].len;
}

/* Where the numbers written together from chunk v[i] on end: chunks of
 * digits alone with one '.', ',' or ':' between each two (`1.3`, `3.11`,
 * `10.0.0.1`, `1,000`, `10:30`); i + 1 when v[i] starts none. */
static size_t
number_run_end(const jk_qtoks *t, const char *text, size_t i)
{
    size_t e = i + 1;
    if (!digits_chunk(t, i))
        return e;
    while (digits_chunk(t, e) && t->v[e].start == t->v[e - 1].end + 1 &&
           strchr(".,:", text[t->v[e - 1].end]))
        e++;
    return e;
}

/* A bare word as typed: each chunk a word of its own (Kafka,재시도). */
static jikji_status_t
eval_word(builder *b, const char *text, qval *out)
{
    jikji_status_t st = tokenize_into(b, text);
    if (st != JIKJI_OK)
        return st;
    jk_buf apart = JK_BUF_INIT;
    int glued = glued_apart(b, text, &apart);
    if (glued < 0) {
        jk_buf_fini(&apart);
        return JIKJI_ENOMEM;
    }
    if (glued) {
        jk_buf_printf(&b->q->explain, "word \"%s\": no note has it, as it "
                      "is or with a space inside; searched as words apart, "
                      "\"%s\"\n", text, apart.data);
        b->whole = 1;
        st = eval_word(b, apart.data, out);
        b->whole = 0;
        jk_buf_fini(&apart);
        return st;
    }
    jk_buf_fini(&apart);
    jk_buf_printf(&b->q->explain, "word \"%s\"%s\n", text,
                  b->t->n ? "" : ": no searchable characters, ignored");
    jk_xq *chunks[64];
    size_t n = 0;
    jk_qtoks *t = b->t;
    size_t prev = 0; /* the chunk before: its first token */
    for (size_t i = 0; i < t->n && n < 64;) {
        size_t ce = i + 1;
        while (ce < t->n && t->v[ce].chunk == t->v[i].chunk)
            ce++;
        size_t ne = number_run_end(t, text, i);
        jk_xq *cq;
        if (ne - i >= 2) {
            /* A version or a dotted number is its numbers side by side,
             * not each one anywhere (QA: `TLS 1.3` found and marked any
             * 1 and 3 of a section). */
            jk_buf_puts(&b->q->explain, " ");
            for (size_t k = i; k < ne; k++)
                jk_buf_printf(&b->q->explain, " %s", t->v[k].term);
            jk_buf_puts(&b->q->explain, ": numbers written together, as a "
                        "phrase\n");
            ce = ne;
            if (!(cq = token_phrase(b, i, ne, b->q->nwords)))
                b->oom = 1;
        } else {
            cq = chunk_query(b, i, ce, b->q->nwords);
        }
        if (i > 0) { /* chunks of one word (Kafka,재시도) are words too */
            jk_xq *l = chunk_edge(b, text, t, prev, i, 1);
            jk_xq *r = chunk_edge(b, text, t, i, ce, 0);
            if (!l || !r)
                b->oom = 1;
            boost_pair_q(b, l, r);
        }
        prev = i;
        if (b->oom) {
            free_qs(chunks, n);
            return JIKJI_ENOMEM;
        }
        if (cq) {
            chunks[n++] = cq;
            b->q->nwords++;
        }
        i = ce;
    }
    if (n == 0)
        return JIKJI_OK; /* ROLE_NONE */
    out->role = ROLE_SOFT;
    if (n > 1 && !(out->any = jk_xq_combine(JK_XQ_OR, chunks, n, 0))) {
        free_qs(chunks, n);
        return JIKJI_ENOMEM;
    }
    out->all = combine_take(JK_XQ_AND, chunks, n);
    return out->all ? JIKJI_OK : JIKJI_ENOMEM;
}

/* "exact phrase": every token in order, adjacent; identifiers by parts. */
static jikji_status_t
eval_phrase(builder *b, const char *text, qval *out)
{
    jikji_status_t st = tokenize_into(b, text);
    if (st != JIKJI_OK)
        return st;
    /* "처우협의" where the notes say 처우 협의: the phrase of its words
     * apart, as a bare word would be searched (QA). */
    jk_buf apart = JK_BUF_INIT;
    int glued = glued_apart(b, text, &apart);
    if (glued > 0) {
        jk_buf_printf(&b->q->explain, "phrase \"%s\": no note has it, as "
                      "it is or with a space inside; searched as \"%s\"\n",
                      text, apart.data);
        b->whole = 1;
        st = eval_phrase(b, apart.data, out);
        b->whole = 0;
    }
    jk_buf_fini(&apart);
    if (glued)
        return glued < 0 ? JIKJI_ENOMEM : st;
    jk_buf_printf(&b->q->explain, "phrase \"%s\": its terms in order, adjacent\n",
                  text);
    jk_qtoks *t = b->t;
    jk_xq **terms = calloc(t->n + 1, sizeof *terms);
    size_t *sel = calloc(t->n + 1, sizeof *sel);
    int *stop = calloc(t->n + 1, sizeof *stop);
    size_t n = 0, nq = 0;
    st = JIKJI_ENOMEM;
    if (!terms || !sel || !stop)
        goto out;
    /* One term per position: an identifier's parts, not its whole. */
    for (size_t i = 0; i < t->n; i++)
        if (!(t->v[i].kind == JIKJI_TOKEN_WORD && i + 1 < t->n &&
              t->v[i + 1].kind == JIKJI_TOKEN_PART))
            sel[n++] = i;
    jk_pattern *p = n ? new_pattern(b->q, n, b->q->nwords++) : NULL;
    if (n && !p)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const jk_qtok *k = &t->v[sel[i]];
        if (!(terms[nq] = jk_xq_term(k->term, k->len, 1, 0)))
            goto out;
        stop[nq++] = is_stop(b, k);
        if (set_elem(&p->e[i], k->term, k->len, NULL, 0, 0) < 0)
            goto out;
        add_boost(b, JK_P_HEADING, k->term, k->len);
    }
    st = JIKJI_OK;
    if (n) {
        out->all = phrase_of(terms, stop, n);
        out->role = ROLE_HARD;
        if (!out->all)
            st = JIKJI_ENOMEM;
    }
out:
    if (terms)
        free_qs(terms, nq);
    free(terms);
    free(sel);
    free(stop);
    return st;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" ('/' and '.' also separate) into
 * out as YYYY[-MM[-DD]]; 0 or -1 if malformed. */
static int
parse_date(const char *s, size_t len, char out[11])
{
    if (len != 4 && len != 7 && len != 10)
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int sep = i == 4 || i == 7;
        if (sep ? (c != '-' && c != '/' && c != '.') : (c < '0' || c > '9'))
            return -1;
        out[i] = sep ? '-' : c;
    }
    out[len] = '\0';
    if (len >= 7) {
        int m = (out[5] - '0') * 10 + (out[6] - '0');
        if (m < 1 || m > 12)
            return -1;
    }
    if (len == 10) {
        static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int y = atoi(out), m = (out[5] - '0') * 10 + (out[6] - '0');
        int d = (out[8] - '0') * 10 + (out[9] - '0');
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
            return -1;
    }
    return 0;
}

/* date:A..B, date:A, after:A, before:B: a range on the date value, both
 * ends inclusive, a month or year covering all of its days. */
static jikji_status_t
eval_date(builder *b, const char *field, const char *v, size_t at, qval *out)
{
    char lo[12] = "", hi[13] = "";
    const char *dots = strstr(v, "..");
    const char *a = v, *z = v;
    size_t alen = strlen(v), zlen = alen;
    if (!strcmp(field, "after")) {
        zlen = 0;
    } else if (!strcmp(field, "before")) {
        alen = 0;
    } else if (dots) {
        alen = (size_t)(dots - v);
        z = dots + 2;
        zlen = strlen(z);
    }
    if ((alen && parse_date(a, alen, lo) < 0) ||
        (zlen && parse_date(z, zlen, hi) < 0) || (!alen && !zlen))
        return jk_db_fail(b->db, JIKJI_EQUERY,
                          "bad date in '%s:%s' at byte %zu: use YYYY, YYYY-MM "
                          "or YYYY-MM-DD (a real day), and A..B, A.. or ..B "
                          "for a range", field, v, at + 1);
    /* lo and hi are YYYY[-MM[-DD]]: a range whose end comes before its
     * start (2025..2024) is a typo, not a search for nothing. */
    if (alen && zlen && strncmp(lo, hi, strlen(hi) < strlen(lo) ? strlen(hi)
                                                                 : strlen(lo)) > 0)
        return jk_db_fail(b->db, JIKJI_EQUERY,
                          "date range in '%s:%s' at byte %zu ends before it "
                          "starts", field, v, at + 1);
    if (zlen)
        strcat(hi, "\xff"); /* 2025-06 covers 2025-06-30 */
    out->all = jk_xq_value_range(JK_SLOT_DATE, alen ? lo : NULL,
                                 zlen ? hi : NULL);
    out->role = ROLE_FILTER;
    return out->all ? JIKJI_OK : JIKJI_ENOMEM;
}

/* The filter of every term starting with t[0, len) (a field's prefix):
 * with covers, a term that ends in '/' stands for the terms under it
 * (a folder's for its notes, a parent tag's for the nested ones;
 * jk_xdb_prefix_query()), else each term is read.  Statuses: OK, ENOMEM,
 * EIO. */
static jikji_status_t
prefix_filter(builder *b, const char *t, size_t len, int covers, jk_xq **out)
{
    if (!covers || !b->db || !b->db->x) {
        *out = jk_xq_prefix_all(t, len);
        return *out ? JIKJI_OK : JIKJI_ENOMEM;
    }
    jikji_status_t st = jk_xdb_prefix_query(b->db->x, t, len, '/', out);
    return st == JIKJI_OK || st == JIKJI_ENOMEM ? st : jk_db_xfail(b->db, st);
}

/* title:, heading: the value's tokens as prefixed terms, all required. */
static jikji_status_t
eval_prefixed_words(builder *b, const jk_qnode *node, const char *prefix,
                    qval *out)
{
    const char *v = node->text;
    jikji_status_t st = tokenize_into(b, v);
    if (st != JIKJI_OK)
        return st;
    jk_qtoks *t = b->t;
    jk_xq **subs = calloc(t->n + 1, sizeof *subs);
    size_t n = 0, pl = strlen(prefix);
    if (!subs)
        return JIKJI_ENOMEM;
    for (size_t i = 0; i < t->n;) {
        /* A Korean word's trailing particle is optional, as in plain
         * words (title:쿠팡의 is title:쿠팡); of 뷰를 only 뷰 is left,
         * a word start (a wildcard, as a one-syllable value). */
        size_t e = i + 1, keep = 1, one = 0;
        if (t->v[i].kind == JIKJI_TOKEN_BIGRAM) {
            e = run_end(t->v, i, t->n);
            size_t drop = particle_bigrams(b, i, e);
            keep = e - i - drop;
            one = keep == 0;
        }
        for (size_t k = i; k < i + (one ? 1 : keep); k++) {
            char buf[256];
            size_t len = one ? jk_u8len(t->v[k].term) : t->v[k].len;
            if (pl + len >= sizeof buf)
                continue;
            memcpy(buf, prefix, pl);
            memcpy(buf + pl, t->v[k].term, len);
            /* A bigram inside the word that no heading or title has spans
             * a space the query left out: heading:이직사유 finds `이직
             * 사유` (QA).  The first and the last must be there. */
            uint64_t tf = 1;
            if (!one && keep > 2 && k > i && k + 1 < i + keep &&
                t->v[k].kind == JIKJI_TOKEN_BIGRAM && b->db && b->db->x &&
                jk_xdb_termfreq(b->db->x, buf, pl + len, &tf) == JIKJI_OK &&
                tf == 0)
                continue;
            jk_xq *q = one || t->v[k].kind == JIKJI_TOKEN_UNIGRAM
                           ? jk_xq_wildcard(buf, pl + len)
                           : jk_xq_term(buf, pl + len, 1, 0);
            if (!q) {
                free_qs(subs, n);
                free(subs);
                return JIKJI_ENOMEM;
            }
            subs[n++] = q;
        }
        i = e;
    }
    if (n == 0) {
        free(subs);
        return jk_db_fail(b->db, JIKJI_EQUERY,
                          "'%s:%s' at byte %zu has no searchable word after "
                          "the colon", node->field, v, node->at + 1);
    }
    out->all = combine_take(JK_XQ_AND, subs, n);
    free(subs);
    out->role = ROLE_HARD;
    return out->all ? JIKJI_OK : JIKJI_ENOMEM;
}

/* The filter of one tag or category value, the prefixed term (K or C,
 * normalized) in *term: the value, and the nested values under it, as in
 * Obsidian: tag:backend finds backend/kafka, and tag:backend/ only the
 * nested ones.  Every nested value's section has its parents' terms
 * (backend/, reader 13), one term for all the values under it; until
 * every note was read so (current 0), each nested value's term is read.
 * term may be changed. */
static jikji_status_t
tag_form(builder *b, jk_buf *term, int current, jk_xq **out)
{
    *out = NULL;
    int slash = term->data[term->len - 1] == '/';
    if (!slash && jk_buf_putc(term, '/') < 0)
        return JIKJI_ENOMEM;
    jk_xq *nested = NULL;
    jikji_status_t st = prefix_filter(b, term->data, term->len, current,
                                      &nested);
    if (st != JIKJI_OK)
        return st;
    if (slash) {
        *out = nested;
    } else {
        jk_xq *alts[2] = {jk_xq_term(term->data, term->len - 1, 1, 0), nested};
        *out = alts[0] && alts[1] ? jk_xq_combine(JK_XQ_OR, alts, 2, 0) : NULL;
        free_qs(alts, 2);
    }
    return *out ? JIKJI_OK : JIKJI_ENOMEM;
}

static jikji_status_t
eval_field(builder *b, const jk_qnode *n, qval *out)
{
    const char *f = n->field, *v = n->text;
    jk_buf_printf(&b->q->explain, "field %s:%s (%s)\n", f, v,
                  !strcmp(f, "title") || !strcmp(f, "heading")
                      ? "required words" : "filter");
    if (!strcmp(f, "date") || !strcmp(f, "after") || !strcmp(f, "before"))
        return eval_date(b, f, v, n->at, out);
    if (!strcmp(f, "title"))
        return eval_prefixed_words(b, n, JK_P_TITLE, out);
    if (!strcmp(f, "heading"))
        return eval_prefixed_words(b, n, JK_P_HEADING, out);
    jk_buf term = JK_BUF_INIT;
    jikji_status_t st = JIKJI_ENOMEM;
    if (!strcmp(f, "path")) {
        /* Vault-relative path prefix: folders and notes. */
        while (v[0] == '.' && v[1] == '/')
            v += 2;
        while (*v == '/')
            v++;
        char *nfc = jk_norm_path(v); /* the index holds paths in NFC */
        int bad = jk_buf_puts(&term, JK_P_DIR) < 0 ||
                  jk_buf_puts(&term, nfc ? nfc : v) < 0;
        free(nfc);
        if (bad)
            goto out;
        /* A path term longer than the index keeps is held cut.  Every
         * note of a vault for path:/ (its folder's terms are its notes'
         * paths, too many to expand). */
        size_t tl = jk_term_cut(term.data, term.len);
        if (!*v)
            out->all = jk_xq_match_all();
        else if ((st = prefix_filter(b, term.data, tl, 1, &out->all)) !=
                 JIKJI_OK)
            goto out;
    } else {
        char *norm = NULL;
        if (*v == '#')
            v++;
        st = jikji_normalize(v, strlen(v), &norm);
        if (st != JIKJI_OK)
            goto out;
        if (!norm[strspn(norm, " \t")]) { /* blanks or invisible
                                               characters: no value */
            jikji_free(norm);
            st = jk_db_fail(b->db, JIKJI_EQUERY,
                            "'%s:%s' at byte %zu has no searchable word "
                            "after the colon", n->field, n->text, n->at + 1);
            goto out;
        }
        /* A value's words may be joined otherwise in the notes: `tag:"spring
         * batch"` finds spring-batch and spring_batch (QA: the README's
         * own example found nothing), each form as written too. */
        int current = 0;
        if (b->db && b->db->x &&
            (st = jikji_db_notes_current(b->db, &current)) != JIKJI_OK) {
            jikji_free(norm);
            goto out;
        }
        const char *prefix = !strcmp(f, "tag") ? JK_P_TAG : JK_P_CATEGORY;
        jk_xq *forms[4 + JK_MAX_ALTERNATIVES] = {NULL};
        size_t nf = 0;
        static const char seps[] = " -_";
        int joined = strpbrk(norm, seps) != NULL;
        for (size_t k = 0; k < (joined ? 4u : 1u) && st == JIKJI_OK; k++) {
            jk_buf_clear(&term);
            if (jk_buf_puts(&term, prefix) < 0 || jk_buf_puts(&term, norm) < 0) {
                st = JIKJI_ENOMEM;
                break;
            }
            /* k 0: as written; k > 0: every separator as seps[k - 1] */
            int changed = 0;
            for (size_t i = strlen(prefix); k > 0 && i < term.len; i++)
                if (strchr(seps, term.data[i]) && term.data[i] != seps[k - 1]) {
                    term.data[i] = seps[k - 1];
                    changed = 1;
                }
            if (k > 0 && !changed)
                continue;
            st = tag_form(b, &term, current, &forms[nf]);
            nf += st == JIKJI_OK;
        }
        /* The value's synonyms: tag:카프카 finds the notes tagged kafka
         * (QA), as the word 카프카 finds Kafka. */
        alt_list alts = {.n = 0};
        if (st == JIKJI_OK)
            synonym_forms(b->db, norm, &alts);
        for (size_t i = 0; i < alts.n; i++) {
            jk_buf_clear(&term);
            if (st == JIKJI_OK && (jk_buf_puts(&term, prefix) < 0 ||
                                   jk_buf_puts(&term, alts.v[i]) < 0))
                st = JIKJI_ENOMEM;
            if (st == JIKJI_OK) {
                st = tag_form(b, &term, current, &forms[nf]);
                nf += st == JIKJI_OK;
            }
            free(alts.v[i]);
        }
        if (alts.n)
            jk_buf_printf(&b->q->explain, "  %s: the value's synonyms too\n",
                          f);
        jikji_free(norm);
        if (st == JIKJI_OK)
            out->all = nf == 1 ? forms[0] : jk_xq_combine(JK_XQ_OR, forms, nf, 0);
        if (nf > 1 || st != JIKJI_OK)
            free_qs(forms, nf);
        if (st != JIKJI_OK)
            goto out;
    }
    out->role = ROLE_FILTER;
    st = out->all ? JIKJI_OK : JIKJI_ENOMEM;
out:
    jk_buf_fini(&term);
    return st;
}

static jikji_status_t eval(builder *b, const jk_qnode *n, qval *out);

static int
stop_at_first(void *ud, const char *term, size_t len, uint64_t unused)
{
    (void)term, (void)len, (void)unused;
    *(int *)ud = 1;
    return 1;
}

/* Is key in a synonym group (the index's table or the handle's)? */
static int
has_synonyms(builder *b, const char *key)
{
    int found = 0;
    if (b->db->syn && jk_synonyms_lookup(b->db->syn, key, NULL) > 1)
        return 1;
    jk_xdb_synonyms_each(b->db->x, key, stop_at_first, &found);
    return found;
}

/* The words kids[i..i+k) one by one, as any other words: *all the AND of
 * them, *any their OR (NULL for words with no query, stop words). */
static int
separate_words(builder *b, const jk_qnode *n, size_t i, size_t k,
               jk_xq **all, jk_xq **any)
{
    jk_xq *alls[3] = {0}, *anys[3] = {0};
    size_t na = 0;
    int ok = 1;
    for (size_t j = i; j < i + k && ok; j++) {
        qval v = {0};
        ok = eval(b, n->kids[j], &v) == JIKJI_OK;
        jk_xq_free(v.most);
        if (ok && v.role == ROLE_SOFT && v.all) {
            alls[na] = v.all;
            anys[na++] = v.any ? v.any : jk_xq_combine(JK_XQ_OR, &v.all, 1, 0);
        } else {
            jk_xq_free(v.all);
            jk_xq_free(v.any);
        }
    }
    *all = ok && na ? jk_xq_combine(JK_XQ_AND, alls, na, 0) : NULL;
    *any = ok && na ? jk_xq_combine(JK_XQ_OR, anys, na, 0) : NULL;
    for (size_t j = 0; j < na; j++) {
        jk_xq_free(alls[j]);
        jk_xq_free(anys[j]);
    }
    return ok;
}

/* If plain words kids[i..i+k) (k = 3, then 2) together are a form in the
 * synonym table (`spring batch`, `스프링 배치`), return k and set *key to
 * that form (normalized; the caller frees it); else 0.  Not with
 * --no-expand: words only as typed. */
static size_t
entry_len(builder *b, const jk_qnode *n, size_t i, char **key)
{
    *key = NULL;
    if (b->db->no_expand)
        return 0;
    for (size_t k = 3; k >= 2; k--) {
        if (i + k > n->nkids)
            continue;
        jk_buf joined = JK_BUF_INIT;
        int ok = 1;
        for (size_t j = i; j < i + k && ok; j++)
            ok = n->kids[j]->kind == JK_QN_WORD &&
                 (j == i || jk_buf_putc(&joined, ' ') == 0) &&
                 jk_buf_puts(&joined, n->kids[j]->text) == 0;
        ok = ok && jk_synonyms_norm(joined.data, joined.len, key) == JIKJI_OK;
        jk_buf_fini(&joined);
        if (ok && has_synonyms(b, *key))
            return k;
        jikji_free(*key);
        *key = NULL;
    }
    return 0;
}

/* If plain words kids[i], kids[i + 1] are a number and its unit or a name
 * and its number (`200 ms`, `Java 17`, `10 GB`), which notes also write
 * as one word (unit_cut()), return 2 and set *key to that word
 * (normalized; the caller frees it); else 0. */
static size_t
glued_pair_len(const jk_qnode *n, size_t i, char **key)
{
    *key = NULL;
    if (i + 2 > n->nkids || n->kids[i]->kind != JK_QN_WORD ||
        n->kids[i + 1]->kind != JK_QN_WORD)
        return 0;
    jk_buf joined = JK_BUF_INIT;
    char *norm = NULL;
    size_t k = 0;
    if (jk_buf_puts(&joined, n->kids[i]->text) == 0 &&
        jk_buf_puts(&joined, n->kids[i + 1]->text) == 0 &&
        jikji_normalize(joined.data, joined.len, &norm) == JIKJI_OK &&
        unit_cut(norm, strlen(norm)) == strlen(n->kids[i]->text)) {
        *key = norm;
        norm = NULL;
        k = 2;
    }
    jikji_free(norm);
    jk_buf_fini(&joined);
    return k;
}

/* The dictionary entry kids[i..i+k), whose form is key, as one word: its
 * phrase or any other form of the group, or else the words apart, as if
 * they were no entry (`재시도 토픽` also finds `재시도는 별도 토픽에서`; the
 * entry's sections weigh more, matching both).  Sets *all and *any;
 * 0, or -1 (out of memory). */
static int
entry_query(builder *b, const jk_qnode *n, size_t i, size_t k,
            const char *key, jk_xq **all, jk_xq **any)
{
    *all = *any = NULL;
    size_t word = b->q->nwords++;
    if (k == 2 && !strchr(key, ' ') && unit_cut(key, strlen(key)))
        jk_buf_printf(&b->q->explain, "words \"%s %s\": also as one word, "
                      "%s\n", n->kids[i]->text, n->kids[i + 1]->text, key);
    else
        jk_buf_printf(&b->q->explain, "words \"%s\": one dictionary entry, "
                      "as a phrase, or the words apart\n", key);
    jk_xq *q = expand(b, form_query(b, key, word), key, word);
    jk_xq *apart = NULL, *apart_any = NULL;
    if (q && separate_words(b, n, i, k, &apart, &apart_any) && !b->oom) {
        jk_xq *alls[2] = {q, apart}, *anys[2] = {q, apart_any};
        *all = jk_xq_combine(JK_XQ_OR, alls, apart ? 2 : 1, 0);
        *any = jk_xq_combine(JK_XQ_OR, anys, apart_any ? 2 : 1, 0);
    }
    jk_xq_free(q);
    jk_xq_free(apart);
    jk_xq_free(apart_any);
    if (*all && *any)
        return 0;
    jk_xq_free(*all);
    jk_xq_free(*any);
    *all = *any = NULL;
    return -1;
}

/* a AND b, either of which may be NULL (nothing searchable); takes both. */
static jk_xq *
and_take(jk_xq *a, jk_xq *b)
{
    if (!a || !b)
        return a ? a : b;
    return pair_take(JK_XQ_AND, a, b);
}

/* Plain words from kids[i] that are a dictionary entry, as one word
 * (entry_query()).  When the entry's last word starts another entry
 * (`cache hit ratio`: `cache hit` and `hit ratio`, whose group holds
 * 적중률), the words are read both ways, either one matching: the first
 * entry and the rest of the second, or the start of the first and the
 * second entry.  Returns the number of words taken, or 0. */
static size_t
eval_multiword(builder *b, const jk_qnode *n, size_t i, qval *out)
{
    char *key = NULL, *key2 = NULL;
    size_t k = entry_len(b, n, i, &key);
    if (!k && (k = glued_pair_len(n, i, &key)) != 0) {
        jk_xq *all = NULL, *any = NULL;
        int ok = entry_query(b, n, i, k, key, &all, &any) == 0;
        jikji_free(key);
        if (!ok) {
            b->oom = 1;
            return 0;
        }
        out->all = all;
        out->any = any;
        out->role = ROLE_SOFT;
        return k;
    }
    if (!k)
        return 0;
    size_t j = i + k - 1; /* the second entry's first word, if any */
    size_t k2 = entry_len(b, n, j, &key2);
    jk_xq *all = NULL, *any = NULL;
    int ok = entry_query(b, n, i, k, key, &all, &any) == 0;
    if (ok && k2) {
        jk_xq *all2 = NULL, *any2 = NULL, *rest = NULL, *rest_any = NULL,
              *lead = NULL, *lead_any = NULL;
        ok = entry_query(b, n, j, k2, key2, &all2, &any2) == 0 &&
             separate_words(b, n, i + k, j + k2 - (i + k), &rest, &rest_any) &&
             separate_words(b, n, i, j - i, &lead, &lead_any) && !b->oom;
        jk_xq_free(rest_any);
        jk_xq_free(lead_any);
        if (ok) {
            all = pair_take(JK_XQ_OR, and_take(all, rest), and_take(lead, all2));
            any = pair_take(JK_XQ_OR, any, any2);
        } else {
            jk_xq_free(all2);
            jk_xq_free(any2);
            jk_xq_free(rest);
            jk_xq_free(lead);
        }
        ok = ok && all && any;
    }
    jikji_free(key);
    jikji_free(key2);
    if (!ok) {
        jk_xq_free(all);
        jk_xq_free(any);
        b->oom = 1;
        return 0;
    }
    out->all = all;
    out->any = any;
    out->role = ROLE_SOFT;
    return k2 ? j + k2 - i : k;
}

/* Implicit AND of a sequence: soft words, required items, filters and
 * exclusions. */
static jikji_status_t eval_and_once(builder *b, const jk_qnode *n, qval *out);

/* A word typed again in a sequence adds nothing to what it matches, but
 * would add its terms, boosts and phrases again (a pasted question that
 * repeats its words took seconds): each is searched once, at its first
 * place. */
static jikji_status_t
eval_and(builder *b, const jk_qnode *n, qval *out)
{
    if (n->nkids == 1)
        return eval(b, n->kids[0], out);
    jk_qnode once = *n;
    once.kids = malloc(n->nkids * sizeof *once.kids);
    if (!once.kids)
        return JIKJI_ENOMEM;
    once.nkids = 0;
    for (size_t i = 0; i < n->nkids; i++) {
        const jk_qnode *w = n->kids[i];
        size_t j = 0;
        if (w->kind == JK_QN_WORD)
            while (j < once.nkids && (once.kids[j]->kind != JK_QN_WORD ||
                                      strcmp(once.kids[j]->text, w->text)))
                j++;
        if (w->kind != JK_QN_WORD || j == once.nkids)
            once.kids[once.nkids++] = n->kids[i];
    }
    jikji_status_t st = once.nkids == 1 ? eval(b, once.kids[0], out)
                                        : eval_and_once(b, &once, out);
    free(once.kids);
    return st;
}

/* Question words: a question pasted from a JD or an interview asks
 * "어떻게 정했나요", and the answer rarely says 어떻게 while the question
 * headings of other answers do.  Beside other words they are optional:
 * they only raise the sections that have them. */
static const char *const question_words[] = {
    "왜", "어떻게", "어떤", "어떠한", "무슨", "무엇", "무엇을", "무엇이",
    "뭐", "뭘", "뭐가", "뭔가요", "무엇인가요", "언제", "어디", "어디서",
    "어디에", "얼마나", "어느", "누가", "누구", "어땠나요", "어땠는지",
    "how", "why", "what", "when", "where", "who",
};

/* The fillers of a JD's sentence ("Kafka 운영 경험이 있는 분", "대용량
 * 처리를 위한"): a verb of being or doing, a bound noun.  Searched, one
 * syllable found and marked every word it starts (분산, 있습니다); beside
 * other words they are not searched at all. */
static const char *const filler_words[] = {
    "있는", "있는지", "있나요", "있었던", "있다", "없는", "하는", "되는",
    "분", "때", "것", "거", "등", "및", "위한", "위해", "통해", "대한",
    "대해",
    /* an interviewer's request around the question (QA: "... 구체적으로
     * 설명해 주세요" ranked first a heading "격리 수준을 설명해 주세요") */
    "설명해", "설명해주세요", "설명해주시겠어요", "설명하세요", "주세요",
    "말해", "말해주세요", "말해보세요", "말씀해", "말씀해주세요",
    "말씀해주시겠어요", "말씀해보세요", "알려주세요", "해주세요",
    "구체적으로", "간단히", "간단하게", "자세히",
    /* a question's helping verb after the verb it asks of: 써 보셨어요,
     * 도입해 보셨나요, 달랐던 적 있으세요 (QA: 보셨어요 found every form
     * of 보다, 봤지 and 봅니다 of notes about anything) */
    "보셨어요", "보셨나요", "보셨죠", "보셨습니까", "보셨는지", "보셨는데",
    "보셨을까요", "보신", "봤나요", "봤어요", "봤죠", "봤습니까", "보세요",
    "주셨어요", "주셨나요", "주시겠어요", "있으세요", "있으신가요",
    "있으셨나요", "있으신지", "있었나요", "있었어요", "있나", "적",
};

/* 1: a question word, 2: a filler, 0: neither. */
static int
optional_kind(const jk_qnode *k)
{
    if (k->kind != JK_QN_WORD)
        return 0;
    char *t = NULL;
    int kind = 0;
    if (jikji_normalize(k->text, strlen(k->text), &t) == JIKJI_OK) {
        size_t n = strlen(t);
        kind = jk_in_list(question_words, sizeof question_words /
                          sizeof *question_words, t, n) ? 1
             : jk_in_list(filler_words, sizeof filler_words /
                          sizeof *filler_words, t, n) ? 2 : 0;
    }
    jikji_free(t);
    return kind;
}

/* Whether item o, of optional_kind() 0, is something to search for: a
 * word, a phrase, a group, title: or heading:.  A question word or a
 * filler is optional only beside such an item. */
static int
searched_item(const jk_qnode *o)
{
    return o->kind == JK_QN_WORD || o->kind == JK_QN_PHRASE ||
           o->kind == JK_QN_AND || o->kind == JK_QN_OR ||
           (o->kind == JK_QN_FIELD && o->field &&
            (!strcmp(o->field, "title") || !strcmp(o->field, "heading")));
}

static jikji_status_t
eval_and_once(builder *b, const jk_qnode *n, qval *out)
{
    size_t cap = n->nkids;
    jk_xq **req = calloc(cap, sizeof *req), **soft_all = calloc(cap, sizeof *req),
          **soft_any = calloc(cap, sizeof *req), **filt = calloc(cap, sizeof *req),
          **neg = calloc(cap, sizeof *req);
    size_t nreq = 0, nsoft = 0, nfilt = 0, nneg = 0;
    int own_any = 0; /* a soft item has words of its own to relax to */
    jikji_status_t st = JIKJI_ENOMEM;
    /* Each item's optional_kind(), and whether any other item is searched
     * for (each normalized once: a pasted paragraph has 256 items). */
    unsigned char *kinds = calloc(cap ? cap : 1, 1);
    int beside = 0;
    if (!req || !soft_all || !soft_any || !filt || !neg || !kinds)
        goto out;
    for (size_t i = 0; i < n->nkids; i++) {
        kinds[i] = (unsigned char)optional_kind(n->kids[i]);
        beside |= !kinds[i] && searched_item(n->kids[i]);
    }
    boost_adjacent(b, n);
    for (size_t i = 0; i < n->nkids; i++) {
        qval v = {0};
        if (kinds[i] == 2 && beside) {
            jk_buf_printf(&b->q->explain, "word \"%s\": a filler beside "
                          "other words, not searched\n", n->kids[i]->text);
            continue;
        }
        size_t joined = eval_multiword(b, n, i, &v);
        if (b->oom) {
            st = JIKJI_ENOMEM;
            goto out;
        }
        if (joined)
            i += joined - 1;
        else if ((st = eval(b, n->kids[i], &v)) != JIKJI_OK)
            goto out;
        /* A nested group's own "all but one" tier is not used here. */
        jk_xq_free(v.most);
        v.most = NULL;
        if (!joined && v.role == ROLE_SOFT && kinds[i] == 1 && beside) {
            jk_buf_puts(&b->q->explain, "  a question word beside other "
                        "words: optional, it only raises the sections that "
                        "have it\n");
            push_boost(b, v.all);
            jk_xq_free(v.any);
            continue;
        }
        switch (v.role) {
        case ROLE_NONE: break;
        case ROLE_SOFT:
            soft_all[nsoft] = v.all;
            own_any += v.any != NULL;
            soft_any[nsoft++] = v.any ? v.any : jk_xq_combine(JK_XQ_OR, &v.all, 1, 0);
            break;
        case ROLE_HARD:
            req[nreq++] = v.all;
            jk_xq_free(v.any);
            break;
        case ROLE_FILTER:
            filt[nfilt++] = v.all;
            jk_xq_free(v.any);
            break;
        case ROLE_NEG:
            neg[nneg++] = v.all;
            jk_xq_free(v.any);
            break;
        }
    }
    st = JIKJI_ENOMEM;
    jk_xq *all = NULL, *most = NULL, *any = NULL, *f = NULL, *x = NULL;
    jk_xq **v = calloc(nsoft + nreq + 1, sizeof *v);
    if (!v)
        goto out;
    if (nsoft + nreq) {
        /* all: every soft word and every required item. */
        size_t k = 0;
        for (size_t i = 0; i < nsoft; i++)
            v[k++] = soft_all[i];
        for (size_t i = 0; i < nreq; i++)
            v[k++] = req[i];
        all = jk_xq_combine(JK_XQ_AND, v, k, 0);
        if (nsoft >= 3 && nsoft <= JK_MOST_MAX_WORDS) {
            /* most: the required items and all soft words but one (n ANDs
             * of n-1 words: quadratic, hence the cap). */
            jk_xq **alt = calloc(nsoft, sizeof *alt);
            size_t na = 0;
            for (size_t skip = 0; alt && skip < nsoft; skip++) {
                k = 0;
                for (size_t i = 0; i < nsoft; i++)
                    if (i != skip)
                        v[k++] = soft_all[i];
                if (!(alt[na] = jk_xq_combine(JK_XQ_AND, v, k, 0)))
                    break;
                na++;
            }
            jk_xq *some = alt && na == nsoft ? jk_xq_combine(JK_XQ_OR, alt, na, 0) : NULL;
            if (alt)
                free_qs(alt, na);
            free(alt);
            k = 0;
            for (size_t i = 0; i < nreq; i++)
                v[k++] = req[i];
            v[k++] = some;
            most = some ? jk_xq_combine(JK_XQ_AND, v, k, 0) : NULL;
            jk_xq_free(some);
            if (!most)
                goto fail;
        }
        if (nsoft >= 2 || own_any) {
            /* any: the required items and at least one soft word (of an
             * item of several words, `retry 3` as retry3 or retry and 3,
             * one of its words: a query never comes back empty for one
             * word missing). */
            jk_xq *one = jk_xq_combine(JK_XQ_OR, soft_any, nsoft, 0);
            k = 0;
            for (size_t i = 0; i < nreq; i++)
                v[k++] = req[i];
            v[k++] = one;
            any = one ? jk_xq_combine(JK_XQ_AND, v, k, 0) : NULL;
            jk_xq_free(one);
            if (!any)
                goto fail;
        }
    } else if (nfilt + nneg) {
        all = jk_xq_match_all();
    } else {
        free(v);
        st = JIKJI_OK; /* nothing searchable here */
        goto out;
    }
    if (!all)
        goto fail;
    if ((nfilt && !(f = jk_xq_combine(JK_XQ_AND, filt, nfilt, 0))) ||
        (nneg && !(x = jk_xq_combine(JK_XQ_OR, neg, nneg, 0))))
        goto fail;
    all = restrict_q(all, f, x);
    most = restrict_q(most, f, x);
    any = restrict_q(any, f, x);
    if (!all)
        goto fail;
    jk_xq_free(f);
    jk_xq_free(x);
    free(v);
    out->all = all;
    out->most = most;
    out->any = any;
    out->role = (nsoft && !nreq && !nfilt && !nneg) ? ROLE_SOFT : ROLE_HARD;
    if (nsoft + nreq == 0)
        out->role = ROLE_FILTER; /* only filters/exclusions: no weight */
    st = JIKJI_OK;
    goto out;
fail:
    jk_xq_free(all);
    jk_xq_free(most);
    jk_xq_free(any);
    jk_xq_free(f);
    jk_xq_free(x);
    free(v);
    st = JIKJI_ENOMEM;
out:
    free_qs(req, nreq);
    free_qs(soft_all, nsoft);
    free_qs(soft_any, nsoft);
    free_qs(filt, nfilt);
    free_qs(neg, nneg);
    free(req);
    free(soft_all);
    free(soft_any);
    free(filt);
    free(neg);
    free(kinds);
    return st;
}

/* a OR b OR c: any of them; an exclusion alone inside OR means
 * "everything but".  A group of plain words only, `(Redis OR 레디스)`, is
 * a plain word itself: the partial fallback may drop it like one. */
static jikji_status_t
eval_or(builder *b, const jk_qnode *n, qval *out)
{
    jk_xq **all = calloc(n->nkids, sizeof *all), **any = calloc(n->nkids, sizeof *any);
    size_t k = 0;
    int relaxed = 0, soft = 1;
    jikji_status_t st = JIKJI_ENOMEM;
    if (!all || !any)
        goto out;
    for (size_t i = 0; i < n->nkids; i++) {
        qval v = {0};
        if ((st = eval(b, n->kids[i], &v)) != JIKJI_OK)
            goto out;
        st = JIKJI_ENOMEM;
        if (v.role == ROLE_NONE)
            continue;
        if (v.role == ROLE_NEG) {
            v.all = pair_take(JK_XQ_AND_NOT, jk_xq_match_all(), v.all);
            if (!v.all)
                goto out;
        }
        jk_xq_free(v.most);
        soft &= v.role == ROLE_SOFT;
        relaxed |= v.any != NULL;
        any[k] = v.any ? v.any : jk_xq_combine(JK_XQ_OR, &v.all, 1, 0);
        all[k++] = v.all;
        if (!any[k - 1])
            goto out;
    }
    st = JIKJI_OK;
    if (k == 0)
        goto out;
    st = JIKJI_ENOMEM;
    out->all = jk_xq_combine(JK_XQ_OR, all, k, 0);
    if (relaxed)
        out->any = jk_xq_combine(JK_XQ_OR, any, k, 0);
    out->role = soft ? ROLE_SOFT : ROLE_HARD;
    if (out->all && (!relaxed || out->any))
        st = JIKJI_OK;
out:
    if (all)
        free_qs(all, k);
    if (any)
        free_qs(any, k);
    free(all);
    free(any);
    return st;
}

static jikji_status_t
eval(builder *b, const jk_qnode *n, qval *out)
{
    memset(out, 0, sizeof *out);
    jikji_status_t st;
    switch (n->kind) {
    case JK_QN_WORD: return eval_word(b, n->text, out);
    case JK_QN_PHRASE: return eval_phrase(b, n->text, out);
    case JK_QN_FIELD: return eval_field(b, n, out);
    case JK_QN_AND: return eval_and(b, n, out);
    case JK_QN_OR: return eval_or(b, n, out);
    case JK_QN_NOT:
        /* Words under a negation are not highlighted: keep patterns of
         * what is searched for only. */
        {
            size_t npats = b->q->npats;
            st = eval(b, n->kids[0], out);
            while (b->q->npats > npats) {
                jk_pattern *p = &b->q->pats[--b->q->npats];
                for (size_t k = 0; k < p->n; k++) {
                    free(p->e[k].term);
                    free(p->e[k].stem);
                }
                free(p->e);
            }
            jk_xq_free(out->any);
            jk_xq_free(out->most);
            out->any = out->most = NULL;
            if (st == JIKJI_OK && out->role != ROLE_NONE)
                out->role = ROLE_NEG;
            return st;
        }
    }
    return JIKJI_EINTERNAL;
}

/* The first code point of UTF-8 s into q->first. */
static void
add_first_cp(jk_query *q, const char *s)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) > 0)
        jk_first_cp_add(q->first, (uint32_t)cp);
    else /* not valid UTF-8 (it is: the query was normalized) */
        q->first_any = 1;
}

/* Set q->first and q->first_any from q's patterns (jk_query). */
static void
set_first_cps(jk_query *q)
{
    memset(q->first, 0, sizeof q->first);
    q->first_any = 0;
    for (size_t p = 0; p < q->npats && !q->first_any; p++)
        for (size_t k = 0; k < q->pats[p].n && !q->first_any; k++) {
            const jk_pelem *e = &q->pats[p].e[k];
            if (e->prefix && !e->term[0])
                q->first_any = 1; /* any token: the set is not used */
            else
                add_first_cp(q, e->term);
            if (e->stem && e->stem[0] && e->stem[1])
                add_first_cp(q, e->stem + 1);
        }
}

jikji_status_t
jk_query_build(jikji_db_t *db, const char *text, jk_query *q)
{
    memset(q, 0, sizeof *q);
    jk_qtoks toks = {0};
    builder b = {.db = db, .q = q, .t = &toks};
    jk_qnode *tree = NULL;
    qval v = {0};
    char err[256];
    char *pos = NULL;
    size_t plen = 0;
    if (db && db->x && jk_xdb_get_meta(db->x, JK_META_POSITIONED, &pos, &plen) ==
                           JIKJI_OK)
        b.old_positions = !pos || atoi(pos) < JK_READER_POSITIONS;
    free(pos);
    jikji_status_t st = jk_qparse(text, &tree, err, sizeof err);
    if (st == JIKJI_EQUERY)
        st = jk_db_fail(db, st, "%s", err);
    if (st != JIKJI_OK)
        goto out;
    if (!tree) {
        st = jk_db_fail(db, JIKJI_EQUERY, "empty query");
        goto out;
    }
    if ((st = eval(&b, tree, &v)) != JIKJI_OK)
        goto out;
    if (v.role == ROLE_NONE) {
        /* Only letters and digits are searched; the query is quoted as
         * typed, the first 80 bytes of a long one. */
        size_t show = strlen(text), cut = show > 80 ? 80 : show;
        while (cut < show && cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        st = jk_db_fail(db, JIKJI_EQUERY,
                        "the query has no searchable word (letters or digits, "
                        "words of at most %d bytes): '%.*s'%s", JK_TERM_MAX,
                        (int)cut, text, cut < show ? "..." : "");
        goto out;
    }
    if (v.role == ROLE_NEG) {
        v.all = pair_take(JK_XQ_AND_NOT, jk_xq_match_all(), v.all);
        if (!v.all) {
            st = JIKJI_ENOMEM;
            goto out;
        }
    }
    jk_xq *boost = b.nboost ? jk_xq_combine(JK_XQ_OR, b.boost, b.nboost, 0) : NULL;
    /* The relaxed tiers: the same boosts and their own, in one flat OR,
     * as jk_xq_combine() takes the phrases out of an AND_MAYBE's OR one
     * subquery at a time (a nested OR holding one would leave the plain
     * terms beside it to Xapian's AND_MAYBE, whose weights then varied
     * with the order of the sections in the index). */
    jk_xq *relaxed = NULL;
    if (b.nrelaxed && (v.most || v.any)) {
        jk_xq *subs[sizeof b.boost / sizeof *b.boost +
                    sizeof b.relaxed / sizeof *b.relaxed];
        memcpy(subs, b.boost, b.nboost * sizeof *subs);
        memcpy(subs + b.nboost, b.relaxed, b.nrelaxed * sizeof *subs);
        relaxed = jk_xq_combine(JK_XQ_OR, subs, b.nboost + b.nrelaxed, 0);
        if (!relaxed) {
            jk_xq_free(boost);
            st = JIKJI_ENOMEM;
            goto out;
        }
    }
    if (b.nboost && !boost) {
        jk_xq_free(relaxed);
        st = JIKJI_ENOMEM;
        goto out;
    }
    q->all = boosted(v.all, boost);
    q->most = v.most ? boosted(v.most, relaxed ? relaxed : boost) : NULL;
    q->any = v.any ? boosted(v.any, relaxed ? relaxed : boost) : NULL;
    v.all = v.most = v.any = NULL;
    jk_xq_free(boost);
    jk_xq_free(relaxed);
    if (!q->all)
        st = JIKJI_ENOMEM;
    set_first_cps(q);
out:
    qval_fini(&v);
    jk_qnode_free(tree);
    free_qs(b.boost, b.nboost);
    free_qs(b.relaxed, b.nrelaxed);
    for (size_t i = 0; i < toks.n; i++)
        free(toks.v[i].term);
    free(toks.v);
    if (st != JIKJI_OK)
        jk_query_fini(q);
    return st;
}

void
jk_query_fini(jk_query *q)
{
    jk_xq_free(q->all);
    jk_xq_free(q->most);
    jk_xq_free(q->any);
    for (size_t i = 0; i < q->npats; i++) {
        for (size_t k = 0; k < q->pats[i].n; k++) {
            free(q->pats[i].e[k].term);
            free(q->pats[i].e[k].stem);
        }
        free(q->pats[i].e);
    }
    free(q->pats);
    jk_buf_fini(&q->explain);
    memset(q, 0, sizeof *q);
}
