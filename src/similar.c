/* similar.c - sections like a given one.
 *
 * The section's words (Latin words and identifiers; Korean and other CJK
 * words without their particle) are weighed by how often the section uses
 * them and how rare they are in the index, twice in its own heading (the
 * question); the best JK_SIMILAR_WORDS, OR-ed, are an ordinary query, so
 * they get what a typed word gets (particles, synonyms, the other script,
 * boosts).  The section itself is left out.
 *
 * Words, not Xapian's expand set of terms: the terms of a Korean text are
 * bigrams, and the rarest of them are fragments of verb endings (잡았,
 * 았다) that say nothing about the topic.  A Korean word's rarity is the
 * mean over its bigrams, so a word whose bigrams include a common ending
 * counts as common.  Predicates, function words, counters after numbers
 * and URLs are no candidates (ko_topic_word(), blank_urls()).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jikji.h"
#include "buf.h"
#include "db.h"
#include "query.h"
#include "synonyms.h"
#include "schema.h"
#include "search.h"
#include "stopwords.h"

/* How many words make the query.  Over the sections judged for the
 * queries of tests/quality with 3+ right answers (40), each one's
 * siblings found in the top 10 (recall) with samples/ and 1 copy of the
 * bench vault: 12 words 0.59, 20 0.67, 30 0.69, where the expand set
 * of 30 terms found 0.54 (tools/eval-similar; 0.70 now, with predicates
 * and function words left out). */
#define JK_SIMILAR_WORDS 30
/* Weight of a word in the section's own heading. */
#define JK_SIMILAR_HEADING 2.0

/* Korean words that say nothing about a topic: function words, adverbs,
 * and what every interview note is made of (질문, 답변). */
static const char *const ko_stopwords[] = {
    "그리고", "하지만", "그래서", "그러면", "그런데", "그러나", "또는", "이것",
    "그것", "저것", "여기", "거기", "우리", "저희", "제가", "내가", "어떻게",
    "어떤", "무엇", "너무", "많이", "같이", "정말", "아주", "다시", "바로",
    "먼저", "계속", "이미", "그냥", "항상", "모두", "전부", "약간", "조금",
    "가장", "매우", "대해", "대한", "위해", "위한", "통해", "때문", "경우",
    "정도", "부분", "이후", "이전", "동안", "질문", "답변", "생각", "얘기",
    "시간",
    "이야기", "내용", "방법", "사용", "어디", "언제", "누가", "이런", "그런",
    "저런", "이렇게", "그렇게", "하나", "둘째", "첫째", "이번", "지금", "당시",
    "말해", "설명해", "알려", "이는", "이를", "이에",
};

/* Endings of a predicate (했다, 좋았습니다, 하나요, 깊게, 막음, 했는데,
 * 있지만): such a word is a verb or an adjective, not a topic.  Nouns
 * that end so (개요, 처음) are rarely one either. */
static const char *const ko_endings[] = {
    "다", "요", "게", "음", "는데", "지만", "면서", "도록", "려고", "어서",
    "아서", "해서", "하고", "한데", "인데", "는지", "은지", "을지", "으며",
    "하며", "거나", "든지", "니까", "으니", "라서",
    /* 하려면, 클릭해도, 선택해야, 드래그하십시오, 나타나지 (않는), 변경할뿐 */
    "려면", "해도", "어도", "아도", "해야", "어야", "아야", "십시오", "하지",
    "되지", "나지", "시키지", "할뿐", "는대신",
};

/* Whether the CJK word w[0, len) (two characters or more) is a topic
 * word: not a stopword, not a predicate. */
static int
ko_topic_word(const char *w, size_t len)
{
    if (jk_in_list(ko_stopwords, sizeof ko_stopwords / sizeof *ko_stopwords,
                   w, len))
        return 0;
    for (size_t i = 0; i < sizeof ko_endings / sizeof *ko_endings; i++) {
        size_t el = strlen(ko_endings[i]);
        if (el < len && !memcmp(w + len - el, ko_endings[i], el))
            return 0;
    }
    return 1;
}

/* Occurrences of a candidate word: its key (a Korean word without its
 * particle) and the form written; one occurrence as read, several once
 * merged (merge_words()). */
typedef struct occ {
    char *word;
    size_t len;
    char *form;       /* as written (run with its particle); NULL: word */
    size_t order;     /* first seen */
    size_t forder;    /* when form was seen */
    size_t tf;        /* occurrences */
    int heading;      /* in the section's heading line */
} occ;

/* Occurrences held before merge_words() folds them: a section of 60 MB of
 * one word held one per occurrence, 1 GB (QA). */
#define JK_SIMILAR_MERGE_AT 65536

typedef struct words_ctx {
    occ *v;
    size_t n, cap;
    size_t seen;      /* occurrences read (their order) */
    size_t hend;      /* end of the heading line in the text */
    jk_buf run;       /* the CJK run being read */
    int run_heading;
    int run_after_digit; /* the run follows a number: 3월에, 200개가 */
    int prev_digits;     /* the last token was a number ... */
    uint32_t prev_chunk; /* ... in this chunk */
    int oom;
} words_ctx;

static int cmp_word(const void *a, const void *b);

/* Fold the occurrences of each word into one: occurrences summed, the
 * first order, in a heading if any was, and the form written bare if any
 * was, else the first form written. */
static void
merge_words(words_ctx *c)
{
    qsort(c->v, c->n, sizeof *c->v, cmp_word);
    size_t k = 0;
    for (size_t i = 0, j; i < c->n; i = j) {
        occ m = c->v[i];
        for (j = i + 1; j < c->n && !cmp_word(&c->v[i], &c->v[j]); j++) {
            occ *o = &c->v[j];
            m.tf += o->tf;
            m.heading |= o->heading;
            if (o->order < m.order)
                m.order = o->order;
            if (m.form && (!o->form || o->forder < m.forder)) {
                free(m.form);
                m.form = o->form;
                m.forder = o->forder;
                o->form = NULL;
            }
            free(o->form);
            free(o->word);
        }
        c->v[k++] = m;
    }
    c->n = k;
}

static void
push_word(words_ctx *c, const char *w, size_t len, const char *form,
          size_t flen, int heading)
{
    if (c->n == c->cap && c->n >= JK_SIMILAR_MERGE_AT)
        merge_words(c);
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        occ *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->oom = 1;
            return;
        }
        c->v = v;
        c->cap = cap;
    }
    char *copy = jk_strndup(w, len);
    char *fcopy = form && flen != len ? jk_strndup(form, flen) : NULL;
    if (!copy || (form && flen != len && !fcopy)) {
        free(copy);
        c->oom = 1;
        return;
    }
    c->v[c->n] = (occ){copy, len, fcopy, c->seen, c->seen, 1, heading};
    c->n++;
    c->seen++;
}

/* The CJK run read so far is a word: without its particle, if two
 * characters or more are left. */
static void
end_run(words_ctx *c)
{
    if (c->run.len == 0)
        return;
    size_t len = jk_strip_particle(c->run.data, c->run.len);
    if (len > jk_u8len(c->run.data) && !c->run_after_digit &&
        ko_topic_word(c->run.data, len))
        push_word(c, c->run.data, len, c->run.data, c->run.len,
                  c->run_heading);
    jk_buf_clear(&c->run);
}

/* A Latin word a query reads back as itself: letters, digits and '_'
 * (and non-ASCII letters), with a letter, not starting with a digit (10m,
 * 0x1f, 3x); not a function word. */
static int
plain_word(const char *t, size_t len)
{
    int letter = 0;
    if (len && t[0] >= '0' && t[0] <= '9')
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch >= 0x80 || (ch >= 'a' && ch <= 'z'))
            letter = 1;
        else if (!(ch >= '0' && ch <= '9') && ch != '_')
            return 0;
    }
    return letter && len >= 2 && !jk_is_stopword(t, len);
}

static int
all_digits(const char *t, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (t[i] < '0' || t[i] > '9')
            return 0;
    return len > 0;
}

static int
on_token(void *ud, const jikji_token_t *t)
{
    words_ctx *c = ud;
    if (t->kind == JIKJI_TOKEN_BIGRAM && !t->run_start && c->run.len) {
        /* The run goes on: add the bigram's second character. */
        size_t first = jk_u8len(t->term);
        if (jk_buf_append(&c->run, t->term + first, t->term_len - first) < 0)
            c->oom = 1;
        return c->oom;
    }
    end_run(c);
    if (t->kind == JIKJI_TOKEN_BIGRAM) {
        if (jk_buf_append(&c->run, t->term, t->term_len) < 0)
            c->oom = 1;
        c->run_heading = t->start < c->hend;
        c->run_after_digit = c->prev_digits && c->prev_chunk == t->chunk;
    } else if (t->kind == JIKJI_TOKEN_WORD && plain_word(t->term, t->term_len)) {
        push_word(c, t->term, t->term_len, NULL, 0, t->start < c->hend);
    }
    c->prev_digits = (t->kind == JIKJI_TOKEN_WORD ||
                      t->kind == JIKJI_TOKEN_PART) &&
                     all_digits(t->term, t->term_len);
    c->prev_chunk = t->chunk;
    return c->oom;
}

/* Blank the URLs of text (scheme://... up to a blank): their parts
 * (https, com, github) are no topic. */
static void
blank_urls(char *text, size_t len)
{
    for (char *p = text; (p = memchr(p, ':', len - (size_t)(p - text)));) {
        if (p + 3 > text + len || p[1] != '/' || p[2] != '/') {
            p++;
            continue;
        }
        char *a = p, *e = p + 3;
        while (a > text && ((*(a - 1) | 0x20) >= 'a' && (*(a - 1) | 0x20) <= 'z'))
            a--;
        while (e < text + len && *e != ' ' && *e != '\n' && *e != '\t' &&
               *e != '\r')
            e++;
        memset(a, ' ', (size_t)(e - a));
        p = e;
    }
}

static int
cmp_word(const void *a, const void *b)
{
    const occ *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->word, y->word, n);
    if (r)
        return r;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* A candidate: a distinct word with its weight, and the form the query
 * gives it. */
typedef struct cand {
    const char *word;
    size_t len;
    size_t order;
    double score;
} cand;

static int
cmp_score(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Rarity of a term found in df of ndocs sections (never negative). */
static double
idf(uint64_t df, double ndocs)
{
    return log(1.0 + (ndocs - (double)df + 0.5) / ((double)df + 0.5));
}

/* How many sections may have the word w: its term's count, or for a CJK
 * word the least of its bigrams' (an upper bound: they need not be
 * adjacent).  *mean gets its rarity: the term's, or the mean of the
 * bigrams', so a bigram of a verb ending makes a word common. */
static uint64_t
word_df(jikji_db_t *db, const char *w, size_t len, double ndocs,
        double *mean, int *fail)
{
    uint64_t df = 0, least = UINT64_MAX;
    if ((unsigned char)w[0] < 0x80) {
        if (jk_xdb_termfreq(db->x, w, len, &df) != JIKJI_OK)
            *fail = 1;
        *mean = idf(df, ndocs);
        return df;
    }
    double sum = 0;
    unsigned n = 0;
    for (size_t i = 0, k; i < len; i += k, n++) {
        k = jk_u8len(w + i);
        if (i + k >= len)
            break;
        size_t b = k + jk_u8len(w + i + k);
        if (jk_xdb_termfreq(db->x, w + i, b, &df) != JIKJI_OK)
            *fail = 1;
        least = df < least ? df : least;
        sum += idf(df, ndocs);
    }
    *mean = n ? sum / n : 0;
    return n ? least : 0;
}

typedef struct syn_ctx {
    jikji_db_t *db;
    double ndocs;
    uint64_t best;   /* the most sections a synonym may be in */
    int *fail;
} syn_ctx;

static int
on_synonym(void *ud, const char *term, size_t len, uint64_t unused)
{
    (void)unused;
    syn_ctx *c = ud;
    double mean;
    uint64_t df = word_df(c->db, term, len, c->ndocs, &mean, c->fail);
    if (df > c->best)
        c->best = df;
    return 0;
}

/* Rarity of the word key[0, klen), written form[0, flen).  0 for a word
 * no other section can have (in at most one section, counting the forms
 * of its dictionary group: 리트라이 finds 재시도): it cannot find
 * anything, however rare (Lucene's MoreLikeThis has a minimum document
 * frequency for the same reason). */
static double
word_idf(jikji_db_t *db, const char *key, size_t klen, const char *form,
         size_t flen, double ndocs, int *fail)
{
    double mean;
    uint64_t df = word_df(db, key, klen, ndocs, &mean, fail);
    if (df >= 2)
        return mean;
    syn_ctx c = {db, ndocs, 0, fail};
    char term[256];
    if (flen < sizeof term) {
        memcpy(term, form, flen);
        term[flen] = '\0';
        if (jk_xdb_synonyms_each(db->x, term, on_synonym, &c) != JIKJI_OK)
            *fail = 1;
        /* and the groups loaded into the handle (--synonyms FILE), as the
         * search of the words expands them (QA: left out in silence) */
        const char *const *forms;
        size_t n = db->syn && !db->no_expand
                       ? jk_synonyms_lookup(db->syn, term, &forms) : 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(forms[i], term) != 0)
                on_synonym(&c, forms[i], strlen(forms[i]), 0);
    }
    return df + c.best >= 2 ? idf(df + c.best, ndocs) : 0;
}

/* The query of the section's best words into q ("w1 OR w2 ..."). */
static jikji_status_t
best_words(jikji_db_t *db, const char *text, size_t len, size_t hend,
           jk_buf *q)
{
    words_ctx c = {.hend = hend, .run = JK_BUF_INIT};
    cand *cands = NULL;
    jikji_status_t st = jikji_tokenize(text, len, on_token, &c);
    if (st == JIKJI_OK && !c.oom)
        end_run(&c);
    if (st == JIKJI_OK && c.oom)
        st = JIKJI_ENOMEM;
    uint64_t ndocs = 0;
    if (st == JIKJI_OK && c.n > 0 &&
        (st = jk_xdb_doccount(db->x, &ndocs)) != JIKJI_OK)
        st = jk_db_xfail(db, st);
    size_t nc = 0;
    if (st == JIKJI_OK && c.n > 0) {
        merge_words(&c);
        if (!(cands = malloc(c.n * sizeof *cands)))
            st = JIKJI_ENOMEM;
    }
    int fail = 0;
    for (size_t i = 0; st == JIKJI_OK && i < c.n; i++) {
        /* One entry a word (merge_words()).  The query gets the word as
         * written bare (재시도), else as first written (리트라이, whose 이
         * is no particle: the query makes a particle optional, and the
         * dictionary knows the whole word). */
        size_t tf = c.v[i].tf, order = c.v[i].order;
        int heading = c.v[i].heading;
        const char *form = c.v[i].form ? c.v[i].form : c.v[i].word;
        size_t flen = c.v[i].form ? strlen(c.v[i].form) : c.v[i].len;
        double rarity = word_idf(db, c.v[i].word, c.v[i].len, form, flen,
                              (double)ndocs, &fail);
        if (fail) {
            st = jk_db_xfail(db, JIKJI_EBACKEND);
            break;
        }
        if (rarity > 0)
            cands[nc++] = (cand){form, flen, order,
                                 (1.0 + log((double)tf)) * rarity *
                                     (heading ? JK_SIMILAR_HEADING : 1.0)};
    }
    if (st == JIKJI_OK) {
        if (nc)
            qsort(cands, nc, sizeof *cands, cmp_score);
        for (size_t i = 0; i < nc && i < JK_SIMILAR_WORDS && st == JIKJI_OK;
             i++)
            if ((i && jk_buf_puts(q, " OR ") < 0) ||
                jk_buf_append(q, cands[i].word, cands[i].len) < 0)
                st = JIKJI_ENOMEM;
    }
    free(cands);
    for (size_t i = 0; i < c.n; i++) {
        free(c.v[i].word);
        free(c.v[i].form);
    }
    free(c.v);
    jk_buf_fini(&c.run);
    return st;
}

/* JIKJI_OK when the indexed section docid is what the note on disk (len
 * bytes, section s) has: the same file size and first line.  Else the
 * note changed since it was indexed, and the section's docid may be
 * another's. */
static jikji_status_t
check_unchanged(jikji_db_t *db, const char *path, unsigned docid,
                const jikji_section_t *s, size_t len)
{
    char *data = NULL;
    size_t dl = 0;
    jk_docdata d;
    jikji_status_t st = docid ? jk_xdb_doc_data(db->x, docid, &data, &dl)
                              : JIKJI_OK;
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    int same = docid && jk_docdata_decode(data, dl, &d) == 0 &&
               d.file_size == len && d.line == s->line;
    free(data);
    if (!same)
        return jk_db_fail(db, JIKJI_EINVAL, "%s changed since it was "
                          "indexed: run 'jikji index' first", path);
    return JIKJI_OK;
}

/* path with its folder resolved and its name as given, into out: the
 * name a walk of the vault indexes a note under when it is a symlink (to
 * a file outside the vault, say).  0, or -1 with errno set. */
static int
named_path(const char *path, char out[PATH_MAX])
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char dir[PATH_MAX];
    if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
        errno = EINVAL;
        return -1;
    }
    size_t dl = slash ? (size_t)(slash - path) : 0;
    if (dl >= sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (!slash)
        strcpy(dir, ".");
    else if (dl == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, dl);
        dir[dl] = '\0';
    }
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return -1;
    int n = snprintf(out, PATH_MAX, "%s/%s", strcmp(real, "/") ? real : "", name);
    if (n < 0 || n >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* The query of the section at path:line into *query ("" when none of its
 * words is in another section), and its docid. */
static jikji_status_t
similar_query(jikji_db_t *db, const char *path, unsigned line, char **query,
              unsigned *docid)
{
    char abs[PATH_MAX];
    jk_buf text = JK_BUF_INIT, q = JK_BUF_INIT;
    jikji_note_t *note = NULL;
    char *body = NULL;
    jikji_status_t st;

    *query = NULL;
    *docid = 0;
    if (!realpath(path, abs) || jk_read_file(abs, (size_t)1 << 30, &text) < 0) {
        st = jk_db_fail(db, JIKJI_EIO, "%s: %s", path,
                        errno == EINVAL ? "not a regular file" /* a folder */
                                        : strerror(errno));
        goto out;
    }
    /* What `jikji index` skips is not in the index: say why, as show does
     * (QA: a CP949 note was said to be in no indexed folder). */
    const char *why = jikji_text_problem(text.data ? text.data : "", text.len);
    if (why) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s: not a note: %s", path, why);
        goto out;
    }
    st = jikji_note_parse(text.data ? text.data : "", text.len, abs, NULL,
                          NULL, &note);
    if (st != JIKJI_OK)
        goto out;
    const jikji_section_t *s = jikji_note_section_at(note, line);
    size_t idx = 0, n = jikji_note_section_count(note);
    while (s && idx < n && jikji_note_section(note, idx) != s)
        idx++;
    if (!s || idx == n) {
        const jikji_section_t *first = jikji_note_section(note, 0);
        if (first && line < first->line)
            st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: no section there: the "
                            "first section starts at line %u", path, line,
                            first->line);
        else
            st = jk_db_fail(db, JIKJI_EINVAL, "%s:%u: no section there%s",
                            path, line, first ? ": past the end of the note"
                                              : ": the note is blank");
        goto out;
    }
    /* A note is indexed under the name the walk found it by: a symlinked
     * note under its link's, one named on its own under its target's. */
    char named[PATH_MAX], fid[17];
    unsigned *docids = NULL;
    size_t ndocs = 0;
    if (named_path(path, named) == 0 && strcmp(named, abs) != 0) {
        jk_file_id(named, fid);
        if ((st = jk_db_file_sections(db, fid, &docids, &ndocs)) != JIKJI_OK)
            goto out;
    }
    if (ndocs == 0) {
        free(docids);
        docids = NULL;
        jk_file_id(abs, fid);
        if ((st = jk_db_file_sections(db, fid, &docids, &ndocs)) != JIKJI_OK)
            goto out;
    }
    if (idx < ndocs)
        *docid = docids[idx];
    free(docids);
    if (ndocs == 0) {
        st = jk_db_fail(db, JIKJI_EINVAL, "%s is not in the index: index "
                        "its folder with 'jikji index DIR'", path);
        goto out;
    }
    if ((st = check_unchanged(db, path, *docid, s, text.len)) != JIKJI_OK)
        goto out;
    if ((st = jikji_section_text(s, text.data ? text.data : "", text.len,
                                 &body)) != JIKJI_OK)
        goto out;
    size_t blen = s->end - s->start;
    size_t hend = s->level > 0 ? jk_line_len(body, blen) : 0;
    blank_urls(body, blen);
    if ((st = best_words(db, body, blen, hend, &q)) != JIKJI_OK)
        goto out;
    if (q.len == 0) {
        /* No word of its own (a note of front matter alone, a code line):
         * the note's title and tags, which the index gave the section. */
        jk_buf ctx = JK_BUF_INIT;
        const char *const *tags;
        size_t nt = jikji_note_tags(note, &tags);
        int bad = jk_buf_puts(&ctx, jikji_note_title(note)) < 0;
        for (size_t i = 0; i < nt && !bad; i++)
            bad = jk_buf_putc(&ctx, '\n') < 0 || jk_buf_puts(&ctx, tags[i]) < 0;
        st = bad ? JIKJI_ENOMEM
                 : best_words(db, ctx.data ? ctx.data : "", ctx.len, ctx.len,
                              &q);
        jk_buf_fini(&ctx);
        if (st != JIKJI_OK)
            goto out;
    }
    if (!(*query = jk_buf_steal(&q)))
        st = JIKJI_ENOMEM;
out:
    jikji_free(body);
    jikji_note_free(note);
    jk_buf_fini(&text);
    jk_buf_fini(&q);
    return st;
}

jikji_status_t
jikji_similar_query(jikji_db_t *db, const char *path, unsigned line,
                    char **query)
{
    if (query)
        *query = NULL;
    if (!db || !path || !query)
        return JIKJI_EINVAL;
    unsigned docid;
    jikji_status_t st = jk_db_refresh(db);
    return st == JIKJI_OK ? similar_query(db, path, line, query, &docid) : st;
}

jikji_status_t
jikji_similar(jikji_db_t *db, const char *path, unsigned line,
              const jikji_search_opts_t *opts, jikji_results_t **out)
{
    if (out)
        *out = NULL;
    if (!db || !path || !out)
        return JIKJI_EINVAL;
    jikji_status_t rs = jk_db_refresh(db);
    if (rs != JIKJI_OK)
        return rs;
    char *text = NULL;
    unsigned docid = 0;
    jikji_status_t st = similar_query(db, path, line, &text, &docid);
    if (st != JIKJI_OK)
        return st;
    jk_query q;
    if (!*text) {
        /* Nothing in common with any other section: no hit. */
        memset(&q, 0, sizeof q);
        jk_xq *both[2] = {jk_xq_match_all(), jk_xq_match_all()};
        q.all = both[0] && both[1] ? jk_xq_combine(JK_XQ_AND_NOT, both, 2, 0)
                                   : NULL;
        jk_xq_free(both[0]);
        jk_xq_free(both[1]);
        st = q.all ? JIKJI_OK : JIKJI_ENOMEM;
    } else {
        st = jk_query_build(db, text, &q);
    }
    if (st == JIKJI_OK) {
        q.exclude = docid; /* not the section itself */
        st = jk_search_query(db, &q, opts, out);
        jk_query_fini(&q);
    }
    free(text);
    return st;
}
