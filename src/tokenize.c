/* tokenize.c - text -> terms with positions and original byte offsets.
 *
 * The same code runs over notes and queries.  Text is normalized (norm.c)
 * in pieces of about JK_TOK_PIECE bytes cut at whitespace, so memory stays
 * bounded on a 50 MB one-line note, then cut into runs by script class:
 *
 *   Latin/digit runs   one WORD token; an identifier (`retryCount`,
 *                      `report_date`, `HTTPServer`) also yields PART tokens
 *                      at consecutive positions, the WORD sharing the
 *                      first part's position, so `retry count` as a phrase
 *                      matches `retryCount`.
 *                      C#, C++, F# and J# are one WORD with their sign.
 *   Hangul/Han/Kana    overlapping bigrams at consecutive positions; a run
 *                      of one character is a UNIGRAM.
 *
 * A change of class ends a run (`Kafka를` -> kafka, 를) without ending the
 * chunk; separators (space, punctuation, invalid bytes) end both.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "jikji.h"
#include "buf.h"
#include "norm.h"
#include "tokenize.h"

/* Normalize this many bytes at a time (then up to the next whitespace). */
#define JK_TOK_PIECE (256 * 1024)
/* ...but cut anyway if no whitespace follows within this many. */
#define JK_TOK_PIECE_SLACK (64 * 1024)

typedef struct tokstate {
    jikji_token_fn fn;
    void *ud;
    uint32_t pos;         /* next free position */
    uint32_t chunk;
    int in_sep;           /* a separator was seen since the last token */
    jk_buf term;
    const unsigned char *want; /* first code points delivered, or NULL */
    const jk_normtext *nt;
    uint8_t *cls;         /* enum jk_class of each code point of the piece */
    size_t capcls;
} tokstate;

/* Append code points nt[a, b) to st->term as UTF-8, skipping JOINs when
 * skip_join is set.  The buffer is sized once for the worst case (4 bytes
 * a code point) and written in place: this runs for every token of every
 * note and snippet. */
static int
encode_range(tokstate *st, size_t a, size_t b, int skip_join)
{
    if (jk_buf_reserve(&st->term, 4 * (b - a)) < 0)
        return -1;
    unsigned char *out = (unsigned char *)st->term.data + st->term.len;
    for (size_t k = a; k < b; k++) {
        if (skip_join && st->cls[k] == JK_CLASS_JOIN)
            continue;
        int32_t cp = st->nt->cp[k];
        if (cp < 0x80)
            *out++ = (unsigned char)cp;
        else
            out += utf8proc_encode_char(cp, out);
    }
    st->term.len = (size_t)((char *)out - st->term.data);
    st->term.data[st->term.len] = '\0';
    return 0;
}

/* Deliver one token made of normalized code points [a, b).  Terms longer
 * than JK_TERM_MAX are dropped (Xapian cannot store them) but still use
 * their position.  Returns 0 to go on, 1 if the callback stopped, -1 on
 * out of memory. */
static int
emit(tokstate *st, size_t a, size_t b, uint32_t pos, jikji_token_kind_t kind,
     int skip_join, int run_start)
{
    if (st->want) {
        size_t f = a; /* the first code point encode_range() keeps */
        while (skip_join && f < b && st->cls[f] == JK_CLASS_JOIN)
            f++;
        if (f == b)
            return 0; /* an empty term: not delivered either way */
        if (!jk_first_cp_in(st->want, (uint32_t)st->nt->cp[f]))
            return 0;
    }
    jk_buf_clear(&st->term);
    if (encode_range(st, a, b, skip_join) < 0)
        return -1;
    if (st->term.len == 0 || st->term.len > JK_TERM_MAX)
        return 0;
    jikji_token_t tok = {
        .term = st->term.data,
        .term_len = st->term.len,
        .start = st->nt->ostart[a],
        .end = st->nt->oend[b - 1],
        .pos = pos,
        .chunk = st->chunk,
        .kind = kind,
        .run_start = run_start,
    };
    return st->fn(st->ud, &tok) ? 1 : 0;
}

/* Classify every code point of the piece.  A code point that comes from
 * the same original grapheme as the one before it (an emoji's U+FE0F, a
 * combining mark left uncomposed) takes that one's class, so a grapheme is
 * never split between two tokens. */
static int
classify(tokstate *st)
{
    const jk_normtext *nt = st->nt;
    if (nt->n > st->capcls) {
        uint8_t *c = realloc(st->cls, nt->n);
        if (!c)
            return -1;
        st->cls = c;
        st->capcls = nt->n;
    }
    /* Locals: a store through uint8_t * may alias anything, and would
     * make the compiler load the arrays from nt again at every step. */
    uint8_t *cls = st->cls;
    const int32_t *cp = nt->cp;
    const size_t *os = nt->ostart;
    size_t n = nt->n;
    for (size_t k = 0; k < n; k++)
        cls[k] = (k > 0 && os[k] == os[k - 1]) ? cls[k - 1]
                                               : (uint8_t)jk_class_of(cp[k]);
    return 0;
}

static int
is_upper(const jk_normtext *nt, size_t k)
{
    return (nt->flags[k] & JK_NORM_UPPER) != 0;
}

static int
is_lower_letter(const jk_normtext *nt, size_t k)
{
    if (is_upper(nt, k))
        return 0;
    if (nt->cp[k] < 0x80) /* folded ASCII: a-z are the letters */
        return nt->cp[k] >= 'a' && nt->cp[k] <= 'z';
    utf8proc_category_t c = utf8proc_category(nt->cp[k]);
    return c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LO;
}

/* Does an identifier part start at k (a < k < b)?  At a connector, at a
 * lower->Upper step (retry|Count) and before the last capital of a run of
 * capitals followed by a lower-case letter (HTTP|Server). */
static int
part_starts(const tokstate *st, size_t a, size_t k, size_t b)
{
    const jk_normtext *nt = st->nt;
    if (k <= a || k >= b || nt->ostart[k] == nt->ostart[k - 1])
        return 0; /* never inside one original character (İ -> i + U+0307) */
    if (st->cls[k] == JK_CLASS_JOIN)
        return 0;
    if (st->cls[k - 1] == JK_CLASS_JOIN)
        return 1;
    if (is_upper(nt, k) && is_lower_letter(nt, k - 1))
        return 1;
    if (is_upper(nt, k) && is_upper(nt, k - 1) && k + 1 < b &&
        is_lower_letter(nt, k + 1))
        return 1;
    return 0;
}

/* Can run [a, b) have more than one part?  part_starts() is true only
 * after a connector or at a capital: most words have neither, and this
 * check is cheaper than asking part_starts() at every character. */
static int
may_have_parts(const tokstate *st, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if ((st->nt->flags[k] & JK_NORM_UPPER) || st->cls[k] == JK_CLASS_JOIN)
            return 1;
    return 0;
}

/* A Latin/digit run [a, b), possibly with inner connectors. */
static int
emit_word_run(tokstate *st, size_t a, size_t b)
{
    size_t nparts = 1;
    if (may_have_parts(st, a, b))
        for (size_t k = a + 1; k < b; k++)
            nparts += (size_t)part_starts(st, a, k, b);
    uint32_t pos = st->pos;
    int r = emit(st, a, b, pos, JIKJI_TOKEN_WORD, 0, 0);
    if (r)
        return r;
    if (nparts > 1) {
        size_t s = a;
        uint32_t p = pos;
        for (size_t k = a + 1; k <= b; k++) {
            if (k < b && !part_starts(st, a, k, b))
                continue;
            /* The part is [s, k) minus any connectors at its end. */
            size_t e = k;
            while (e > s && st->cls[e - 1] == JK_CLASS_JOIN)
                e--;
            if (e > s && (r = emit(st, s, e, p++, JIKJI_TOKEN_PART, 1, 0)))
                return r;
            s = k;
        }
        st->pos = p;
    } else {
        st->pos = pos + 1;
    }
    return 0;
}

/* A Hangul/Han/Kana run [a, b): bigrams, or one unigram. */
static int
emit_cjk_run(tokstate *st, size_t a, size_t b)
{
    if (b - a == 1) {
        int r = emit(st, a, b, st->pos++, JIKJI_TOKEN_UNIGRAM, 0, 1);
        return r;
    }
    for (size_t k = a; k + 1 < b; k++) {
        int r = emit(st, k, k + 2, st->pos++, JIKJI_TOKEN_BIGRAM, 0, k == a);
        if (r)
            return r;
    }
    return 0;
}

/* Whether code point k may follow a language's sign: anything but a letter
 * or another sign; digits may (C++17 is C++ and 17, a version). */
static int
sign_may_end(const tokstate *st, size_t k, int32_t sign)
{
    if (k >= st->nt->n)
        return 1;
    int32_t c = st->nt->cp[k];
    return c != sign && (st->cls[k] != JK_CLASS_WORD || (c >= '0' && c <= '9'));
}

/* How many code points of a programming language's sign follow the word
 * [a, b) when it is one of C#, F#, J# or C++ (not followed by a letter or
 * another sign: `c#x`, `c+++` are none; a version may follow, `C++17`):
 * 1 or 2, else 0. */
static size_t
language_sign(const tokstate *st, size_t a, size_t b)
{
    const int32_t *cp = st->nt->cp;
    size_t n = st->nt->n;
    if (b - a != 1 || b >= n)
        return 0;
    int32_t c = cp[a];
    if ((c == 'c' || c == 'f' || c == 'j') && cp[b] == '#' &&
        sign_may_end(st, b + 1, '#'))
        return 1;
    if (c == 'c' && b + 1 < n && cp[b] == '+' && cp[b + 1] == '+' &&
        sign_may_end(st, b + 2, '+'))
        return 2;
    return 0;
}

/* Cut one normalized piece into runs. */
static int
tokenize_piece(tokstate *st)
{
    const jk_normtext *nt = st->nt;
    if (classify(st) < 0)
        return -1;
    const uint8_t *cl = st->cls;
    size_t i = 0;
    while (i < nt->n) {
        enum jk_class cls = cl[i];
        if (cls == JK_CLASS_SEP || cls == JK_CLASS_JOIN) {
            st->in_sep = 1;
            i++;
            continue;
        }
        if (st->in_sep) {
            st->chunk++;
            st->in_sep = 0;
        }
        size_t j = i + 1;
        if (cls == JK_CLASS_WORD) {
            /* Connectors join only between word characters. */
            while (j < nt->n) {
                enum jk_class c = cl[j];
                if (c == JK_CLASS_WORD) {
                    j++;
                    continue;
                }
                if (c == JK_CLASS_JOIN) {
                    size_t k = j;
                    while (k < nt->n && cl[k] == JK_CLASS_JOIN)
                        k++;
                    if (k < nt->n && cl[k] == JK_CLASS_WORD) {
                        j = k;
                        continue;
                    }
                }
                break;
            }
            size_t sign = language_sign(st, i, j);
            if (sign) {
                /* C#, C++, F#: one word with its sign (QA: `C#` searched
                 * the letter c, and found C++ first) */
                int r = emit(st, i, j + sign, st->pos, JIKJI_TOKEN_WORD, 0, 0);
                if (r)
                    return r;
                st->pos++;
                i = j + sign;
                continue;
            }
            int r = emit_word_run(st, i, j);
            if (r)
                return r;
        } else {
            while (j < nt->n && cl[j] == cls)
                j++;
            int r = emit_cjk_run(st, i, j);
            if (r)
                return r;
        }
        i = j;
    }
    return 0;
}

size_t
jk_cut_after_blank(const char *text, size_t len, size_t from, size_t size,
                   size_t slack)
{
    if (len - from <= size + slack)
        return len;
    size_t e = from + size;
    for (size_t k = e; k < e + slack; k++)
        if (text[k] == ' ' || text[k] == '\n' || text[k] == '\t' ||
            text[k] == '\r')
            return k + 1;
    while (e > from && ((unsigned char)text[e] & 0xC0) == 0x80)
        e--;
    return e > from ? e : from + size;
}

jikji_status_t
jikji_tokenize(const char *text, size_t len, jikji_token_fn fn, void *ud)
{
    return jk_tokenize_first(text, len, NULL, fn, ud);
}

jikji_status_t
jk_tokenize_first(const char *text, size_t len, const unsigned char *want,
                  jikji_token_fn fn, void *ud)
{
    if (!fn || (!text && len))
        return JIKJI_EINVAL;
    jk_normtext nt = JK_NORMTEXT_INIT;
    tokstate st = {.fn = fn, .ud = ud, .pos = 1, .want = want, .nt = &nt};
    jikji_status_t rc = JIKJI_OK;
    size_t from = 0;
    while (from < len) {
        size_t to = jk_cut_after_blank(text, len, from, JK_TOK_PIECE,
                                       JK_TOK_PIECE_SLACK);
        if (jk_norm(text + from, to - from, from, &nt) < 0) {
            rc = JIKJI_ENOMEM;
            break;
        }
        /* A piece boundary is a separator: pieces end at whitespace. */
        st.in_sep = 1;
        int r = tokenize_piece(&st);
        if (r < 0)
            rc = JIKJI_ENOMEM;
        if (r)
            break;
        from = to;
    }
    jk_normtext_fini(&nt);
    jk_buf_fini(&st.term);
    free(st.cls);
    return rc;
}
