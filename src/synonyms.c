/* synonyms.c - tables of equivalent terms read from YAML (libyaml event
 * API); see synonyms.h for the file format and the ownership rules.
 *
 * A table is a set of distinct normalized forms (first-seen order), an
 * open-addressing hash table over them, and a union-find forest that puts
 * forms of one group together.  After every load or merge, finish()
 * derives the groups as contiguous arrays of form pointers, so a lookup
 * is one hash probe sequence and two array reads.
 *
 * libyaml's "1 on success, 0 on error" convention stays in this file.
 */
#include "synonyms.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <yaml.h>

#include "buf.h"
#include "norm.h"
#include "yamlev.h"

struct jk_synonyms {
    char **forms;           /* distinct normalized forms, owned */
    size_t *parent;         /* union-find; a root is the smallest form
                               index of its group */
    size_t nforms, capforms;
    size_t *slots;          /* form index + 1; 0 = empty */
    size_t nslots;          /* 0 or a power of two, > 2 * nforms */
    /* Derived by finish(): */
    const char **members;   /* forms of group 0, then of group 1, ... */
    size_t *gstart;         /* ngroups + 1 offsets into members */
    size_t *group_of;       /* per form: its group */
    size_t ngroups;
};

/* ------------------------------------------------------------------ */
/* The table                                                           */

jikji_status_t
jk_synonyms_new(jk_synonyms **out)
{
    if (!out)
        return JIKJI_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? JIKJI_OK : JIKJI_ENOMEM;
}

/* Free the arrays derived by finish(). */
static void
drop_groups(jk_synonyms *s)
{
    free(s->members);
    free(s->gstart);
    free(s->group_of);
    s->members = NULL;
    s->gstart = s->group_of = NULL;
    s->ngroups = 0;
}

void
jk_synonyms_free(jk_synonyms *syn)
{
    if (!syn)
        return;
    for (size_t i = 0; i < syn->nforms; i++)
        free(syn->forms[i]);
    free(syn->forms);
    free(syn->parent);
    free(syn->slots);
    drop_groups(syn);
    free(syn);
}

/* Hash of a form. */
static size_t
form_hash(const char *s)
{
    return (size_t)jk_hash64(s, strlen(s));
}

/* The slot holding `s`, or the empty slot where it would go.  The table
 * must have slots (nslots > nforms, so an empty slot exists). */
static size_t
find_slot(const jk_synonyms *s, const char *form)
{
    size_t mask = s->nslots - 1;
    size_t i = form_hash(form) & mask;
    while (s->slots[i] && strcmp(s->forms[s->slots[i] - 1], form) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Make room for one more form in the hash table and the form arrays.
 * Returns 0, or -1 on out of memory (nothing changed). */
static int
reserve_form(jk_synonyms *s)
{
    if (s->nforms == s->capforms) {
        size_t cap = s->capforms ? s->capforms * 2 : 64;
        char **f = realloc(s->forms, cap * sizeof *f);
        if (!f)
            return -1;
        s->forms = f;
        size_t *p = realloc(s->parent, cap * sizeof *p);
        if (!p)
            return -1;
        s->parent = p;
        s->capforms = cap;
    }
    if (2 * (s->nforms + 1) < s->nslots)
        return 0;
    size_t n = s->nslots ? s->nslots * 2 : 128;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(s->slots);
    s->slots = slots;
    s->nslots = n;
    for (size_t k = 0; k < s->nforms; k++)
        s->slots[find_slot(s, s->forms[k])] = k + 1;
    return 0;
}

/* The index of form `norm` (NUL-terminated, normalized), added as a group
 * of its own if new.  Returns 0, or -1 on out of memory. */
static int
intern(jk_synonyms *s, const char *norm, size_t *idx)
{
    if (s->nslots) {
        size_t i = find_slot(s, norm);
        if (s->slots[i]) {
            *idx = s->slots[i] - 1;
            return 0;
        }
    }
    if (reserve_form(s) < 0)
        return -1;
    char *copy = jk_strndup(norm, strlen(norm));
    if (!copy)
        return -1;
    size_t k = s->nforms++;
    s->forms[k] = copy;
    s->parent[k] = k;
    s->slots[find_slot(s, copy)] = k + 1;
    *idx = k;
    return 0;
}

/* Root of form i's group (path halving). */
static size_t
uf_find(jk_synonyms *s, size_t i)
{
    while (s->parent[i] != i) {
        s->parent[i] = s->parent[s->parent[i]];
        i = s->parent[i];
    }
    return i;
}

/* Put forms a and b in one group; the smaller index stays the root. */
static void
uf_union(jk_synonyms *s, size_t a, size_t b)
{
    size_t ra = uf_find(s, a), rb = uf_find(s, b);
    if (ra < rb)
        s->parent[rb] = ra;
    else if (rb < ra)
        s->parent[ra] = rb;
}

/* Derive the group arrays from the forest.  Returns 0, or -1 on out of
 * memory (the old arrays are then kept). */
static int
finish(jk_synonyms *s)
{
    size_t n = s->nforms;
    size_t *group_of = malloc((n ? n : 1) * sizeof *group_of);
    size_t *gstart = malloc((n + 1) * sizeof *gstart);
    const char **members = malloc((n ? n : 1) * sizeof *members);
    if (!group_of || !gstart || !members) {
        free(group_of);
        free(gstart);
        free(members);
        return -1;
    }
    /* Roots are the smallest index of their group, so numbering groups
     * as their roots are met orders them by first appearance. */
    size_t ngroups = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = uf_find(s, i);
        group_of[i] = r == i ? ngroups++ : group_of[r];
    }
    /* Counting sort of the forms by group, stable. */
    memset(gstart, 0, (ngroups + 1) * sizeof *gstart);
    for (size_t i = 0; i < n; i++)
        gstart[group_of[i] + 1]++;
    for (size_t g = 0; g < ngroups; g++)
        gstart[g + 1] += gstart[g];
    size_t *fill = malloc((ngroups ? ngroups : 1) * sizeof *fill);
    if (!fill) {
        free(group_of);
        free(gstart);
        free(members);
        return -1;
    }
    memcpy(fill, gstart, ngroups * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        members[fill[group_of[i]]++] = s->forms[i];
    free(fill);
    drop_groups(s);
    s->group_of = group_of;
    s->gstart = gstart;
    s->members = members;
    s->ngroups = ngroups;
    return 0;
}

size_t
jk_synonyms_lookup(const jk_synonyms *syn, const char *norm_term,
                   const char *const **group_out)
{
    if (group_out)
        *group_out = NULL;
    if (!syn || !norm_term || !syn->nslots || !syn->group_of)
        return 0;
    size_t i = find_slot(syn, norm_term);
    if (!syn->slots[i])
        return 0;
    size_t g = syn->group_of[syn->slots[i] - 1];
    if (group_out)
        *group_out = syn->members + syn->gstart[g];
    return syn->gstart[g + 1] - syn->gstart[g];
}

size_t
jk_synonyms_count(const jk_synonyms *syn)
{
    return syn ? syn->ngroups : 0;
}

size_t
jk_synonyms_forms(const jk_synonyms *syn)
{
    return syn ? syn->nforms : 0;
}

size_t
jk_synonyms_group(const jk_synonyms *syn, size_t i,
                  const char *const **group_out)
{
    if (group_out)
        *group_out = NULL;
    if (!syn || i >= syn->ngroups)
        return 0;
    if (group_out)
        *group_out = syn->members + syn->gstart[i];
    return syn->gstart[i + 1] - syn->gstart[i];
}

/* A copy of the forms and forest of `src` (no derived arrays), or NULL on
 * out of memory. */
static jk_synonyms *
clone(const jk_synonyms *src)
{
    jk_synonyms *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t cap = src->capforms;
    if (cap) {
        c->forms = calloc(cap, sizeof *c->forms);
        c->parent = malloc(cap * sizeof *c->parent);
        if (src->nslots)
            c->slots = malloc(src->nslots * sizeof *c->slots);
        if (!c->forms || !c->parent || (src->nslots && !c->slots))
            goto oom;
        c->capforms = cap;
        c->nslots = src->nslots;
        memcpy(c->parent, src->parent, src->nforms * sizeof *c->parent);
        if (src->nslots)
            memcpy(c->slots, src->slots, src->nslots * sizeof *c->slots);
        for (size_t i = 0; i < src->nforms; i++) {
            c->forms[i] = jk_strndup(src->forms[i], strlen(src->forms[i]));
            if (!c->forms[i])
                goto oom;
            c->nforms = i + 1;
        }
    }
    return c;
oom:
    jk_synonyms_free(c);
    return NULL;
}

jikji_status_t
jk_synonyms_merge(jk_synonyms *dst, const jk_synonyms *src)
{
    if (!dst || !src)
        return JIKJI_EINVAL;
    /* Work on a copy so that a failure leaves dst untouched. */
    jk_synonyms *m = clone(dst);
    if (!m)
        return JIKJI_ENOMEM;
    for (size_t g = 0; g < src->ngroups; g++) {
        size_t first = 0;
        for (size_t k = src->gstart[g]; k < src->gstart[g + 1]; k++) {
            size_t idx;
            if (intern(m, src->members[k], &idx) < 0)
                goto oom;
            if (k == src->gstart[g])
                first = idx;
            else
                uf_union(m, first, idx);
        }
    }
    if (finish(m) < 0)
        goto oom;
    /* Swap the contents: dst takes the merged table, m the old one. */
    jk_synonyms tmp = *dst;
    *dst = *m;
    *m = tmp;
    jk_synonyms_free(m);
    return JIKJI_OK;
oom:
    jk_synonyms_free(m);
    return JIKJI_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Normalization                                                       */

/* ASCII white space or a control byte. */
static int
is_space_or_ctl(unsigned char c)
{
    return c <= 0x20 || c == 0x7F;
}

jikji_status_t
jk_synonyms_norm(const char *text, size_t len, char **out)
{
    if (out)
        *out = NULL;
    if (!out || (!text && len))
        return JIKJI_EINVAL;
    /* Control bytes (a NUL from a "\0" escape included) become spaces
     * first, so the normalized text has no NUL inside it. */
    char *in = jk_strndup(text ? text : "", len);
    if (!in)
        return JIKJI_ENOMEM;
    for (size_t i = 0; i < len; i++)
        if (is_space_or_ctl((unsigned char)in[i]))
            in[i] = ' ';
    char *n = NULL;
    jikji_status_t st = jikji_normalize(in, len, &n);
    free(in);
    if (st != JIKJI_OK)
        return st;
    /* Collapse white space runs (the ideographic space was folded to
     * ASCII by the normalizer) and trim. */
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; n[i]; i++) {
        unsigned char c = (unsigned char)n[i];
        if (is_space_or_ctl(c)) {
            space = 1;
            continue;
        }
        if (space && k > 0)
            n[k++] = ' ';
        space = 0;
        n[k++] = (char)c;
    }
    n[k] = '\0';
    *out = n;
    return JIKJI_OK;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

typedef struct syn_ctx {
    jk_yamlev y;            /* the parser and its current event (y.ev) */
    const char *name;       /* file name for messages */
    jk_synonyms *tab;
    jikji_status_t err;
    char *errmsg;           /* malloc'd "NAME:LINE: ..." */
} syn_ctx;

/* Record an error at 1-based `line` with a printf-style message. */
static void
fail_at(syn_ctx *c, jikji_status_t st, unsigned long line, const char *fmt,
        ...) __attribute__((format(printf, 4, 5)));

static void
fail_at(syn_ctx *c, jikji_status_t st, unsigned long line, const char *fmt,
        ...)
{
    jk_buf b = JK_BUF_INIT;
    char *detail = NULL;
    va_list ap;

    c->err = st;
    if (st == JIKJI_ENOMEM)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && (detail = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(detail, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (!detail || jk_buf_printf(&b, "%s:%lu: %s", c->name, line, detail) < 0) {
        free(detail);
        jk_buf_fini(&b);
        c->err = JIKJI_ENOMEM;
        return;
    }
    free(detail);
    free(c->errmsg);
    c->errmsg = jk_buf_steal(&b);
}

/* Move to the next event.  Returns 1, or 0 with c->err set (and
 * c->errmsg "NAME:LINE: ..." when the YAML is malformed). */
static int
next_event(syn_ctx *c)
{
    jikji_status_t st = jk_yamlev_next(&c->y);
    if (st == JIKJI_OK)
        return 1;
    c->err = st;
    if (st != JIKJI_EINVAL)
        return 0;
    jk_buf msg = JK_BUF_INIT;
    unsigned long line;
    if (jk_yamlev_error(&c->y, 1, &line, &msg) < 0)
        c->err = JIKJI_ENOMEM;
    else
        fail_at(c, JIKJI_EINVAL, line, "%s", msg.data);
    jk_buf_fini(&msg);
    return 0;
}

/* 1-based line where the current event starts. */
static unsigned long
ev_line(const syn_ctx *c)
{
    return (unsigned long)c->y.ev.start_mark.line + 1;
}

/* What the current event is, for messages. */
static const char *
ev_what(const syn_ctx *c)
{
    switch (c->y.ev.type) {
    case YAML_SCALAR_EVENT: return "a single term";
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_MAPPING_START_EVENT: return "a mapping (key: value)";
    case YAML_ALIAS_EVENT: return "an alias (*ref)";
    default: return "something else";
    }
}

/* A phrase of Hangul words written without its spaces (`재시도 토픽` ->
 * `재시도토픽`), which Korean often does: typed so, the query is one word
 * whose bigrams cross the missing space and match no note that writes the
 * space.  The group gets it as a form of its own.  NULL when norm is not
 * such a phrase (or out of memory: the group only lacks the form). */
static char *
hangul_joined(const char *norm)
{
    if (!strchr(norm, ' '))
        return NULL;
    size_t len = strlen(norm), n = 0;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    for (size_t i = 0, k; i < len; i += k) {
        if (norm[i] == ' ') {
            k = 1;
            continue;
        }
        if (!(k = jk_hangul_len(norm + i, len - i))) {
            free(out);
            return NULL;
        }
        memcpy(out + n, norm + i, k);
        n += k;
    }
    out[n] = '\0';
    return out;
}

/* Add the scalar of the current event to the group whose first form is
 * *first (or start it when *have_first is 0).  Returns 1, or 0 with
 * c->err set. */
static int
add_form(syn_ctx *c, size_t *first, int *have_first)
{
    const char *v = (const char *)c->y.ev.data.scalar.value;
    size_t vlen = c->y.ev.data.scalar.length;
    char *norm = NULL;
    jikji_status_t st = jk_synonyms_norm(v ? v : "", v ? vlen : 0, &norm);
    if (st != JIKJI_OK) {
        c->err = st;
        return 0;
    }
    size_t nlen = strlen(norm);
    if (nlen == 0) {
        fail_at(c, JIKJI_EINVAL, ev_line(c), "empty term in a group");
        free(norm);
        return 0;
    }
    /* Only letters and digits are searched: a term of none ("!!!", "~")
     * could never match, as an empty one. */
    int searchable = 0;
    for (size_t i = 0; i < nlen && !searchable;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)norm + i,
                                              (utf8proc_ssize_t)(nlen - i), &cp);
        if (k <= 0)
            break;
        utf8proc_category_t cat = utf8proc_category(cp);
        searchable = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                     (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        i += (size_t)k;
    }
    if (!searchable) {
        fail_at(c, JIKJI_EINVAL, ev_line(c), "a term with no letter or digit "
                "('%s') can match nothing", norm);
        free(norm);
        return 0;
    }
    if (nlen > JK_SYNONYMS_MAX_TERM) {
        fail_at(c, JIKJI_EINVAL, ev_line(c),
                "term longer than %u bytes", (unsigned)JK_SYNONYMS_MAX_TERM);
        free(norm);
        return 0;
    }
    size_t idx, joined_idx;
    char *joined = hangul_joined(norm);
    if (intern(c->tab, norm, &idx) < 0 ||
        (joined && intern(c->tab, joined, &joined_idx) < 0)) {
        free(norm);
        free(joined);
        c->err = JIKJI_ENOMEM;
        return 0;
    }
    free(norm);
    if (*have_first) {
        uf_union(c->tab, *first, idx);
    } else {
        *first = idx;
        *have_first = 1;
    }
    if (joined)
        uf_union(c->tab, *first, joined_idx);
    free(joined);
    return 1;
}

/* Read one group; the current event is its SEQUENCE-START.  Returns 1,
 * or 0 with c->err set. */
static int
read_group(syn_ctx *c)
{
    size_t first = 0;
    int have_first = 0;
    for (;;) {
        if (!next_event(c))
            return 0;
        switch (c->y.ev.type) {
        case YAML_SEQUENCE_END_EVENT:
            return 1;
        case YAML_SCALAR_EVENT:
            if (!add_form(c, &first, &have_first))
                return 0;
            break;
        default:
            fail_at(c, JIKJI_EINVAL, ev_line(c),
                    "a group holds terms only, found %s inside it",
                    ev_what(c));
            return 0;
        }
    }
}

/* Read a document's root node (the current event): a sequence of groups,
 * or nothing at all.  Returns 1, or 0 with c->err set. */
static int
read_root(syn_ctx *c)
{
    if (c->y.ev.type == YAML_SCALAR_EVENT &&
        c->y.ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        c->y.ev.data.scalar.length == 0)
        return 1;   /* an empty document (`---` alone) */
    if (c->y.ev.type != YAML_SEQUENCE_START_EVENT) {
        fail_at(c, JIKJI_EINVAL, ev_line(c),
                "expected a list of groups (`- [term, term, ...]`), "
                "found %s", ev_what(c));
        return 0;
    }
    for (;;) {
        if (!next_event(c))
            return 0;
        switch (c->y.ev.type) {
        case YAML_SEQUENCE_END_EVENT:
            return 1;
        case YAML_SEQUENCE_START_EVENT:
            if (!read_group(c))
                return 0;
            break;
        case YAML_SCALAR_EVENT:
            fail_at(c, JIKJI_EINVAL, ev_line(c),
                    "expected a group (`- [term, term, ...]`), found a "
                    "single term \"%.*s\"",
                    (int)(c->y.ev.data.scalar.length > 60
                              ? 60 : c->y.ev.data.scalar.length),
                    (const char *)c->y.ev.data.scalar.value);
            return 0;
        default:
            fail_at(c, JIKJI_EINVAL, ev_line(c),
                    "expected a group (`- [term, term, ...]`), found %s",
                    ev_what(c));
            return 0;
        }
    }
}

/* Read the whole stream into c->tab.  Returns 1, or 0 with c->err set. */
static int
read_stream(syn_ctx *c)
{
    if (!next_event(c))
        return 0;
    if (c->y.ev.type != YAML_STREAM_START_EVENT) {
        c->err = JIKJI_EINTERNAL;
        return 0;
    }
    for (;;) {
        if (!next_event(c))
            return 0;
        if (c->y.ev.type == YAML_STREAM_END_EVENT)
            return 1;
        if (c->y.ev.type != YAML_DOCUMENT_START_EVENT) {
            c->err = JIKJI_EINTERNAL;
            return 0;
        }
        if (!next_event(c) || !read_root(c) || !next_event(c))
            return 0;
        if (c->y.ev.type != YAML_DOCUMENT_END_EVENT) {
            c->err = JIKJI_EINTERNAL;
            return 0;
        }
    }
}

/* Hand an error message to the caller, or free it. */
static void
give_errmsg(char *msg, char **errmsg)
{
    if (errmsg)
        *errmsg = msg;
    else
        free(msg);
}

jikji_status_t
jk_synonyms_parse(const char *text, size_t len, const char *name,
                  jk_synonyms **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    if (!out || (!text && len))
        return JIKJI_EINVAL;

    syn_ctx c;
    memset(&c, 0, sizeof c);
    c.name = name ? name : "<string>";
    c.err = JIKJI_OK;
    if (len > JK_SYNONYMS_MAX_FILE) {
        c.err = JIKJI_EINVAL;
        jk_buf m = JK_BUF_INIT;
        if (jk_buf_printf(&m, "%s: file is larger than %u MiB", c.name,
                          (unsigned)(JK_SYNONYMS_MAX_FILE >> 20)) < 0)
            jk_buf_fini(&m);
        else
            c.errmsg = jk_buf_steal(&m);
        give_errmsg(c.errmsg, errmsg);
        return c.err;
    }
    if (jk_synonyms_new(&c.tab) != JIKJI_OK)
        return JIKJI_ENOMEM;
    if (jk_yamlev_init(&c.y, text, len) != JIKJI_OK) {
        jk_synonyms_free(c.tab);
        return JIKJI_ENOMEM;
    }

    int ok = read_stream(&c);
    jk_yamlev_fini(&c.y);
    if (ok && finish(c.tab) < 0) {
        ok = 0;
        c.err = JIKJI_ENOMEM;
    }
    if (!ok) {
        if (c.err == JIKJI_OK)
            c.err = JIKJI_EINTERNAL;
        jk_synonyms_free(c.tab);
        if (c.err == JIKJI_ENOMEM) {
            free(c.errmsg);
            c.errmsg = NULL;
        }
        give_errmsg(c.errmsg, errmsg);
        return c.err;
    }
    *out = c.tab;
    return JIKJI_OK;
}

jikji_status_t
jk_synonyms_load(const char *path, jk_synonyms **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    if (!path || !out)
        return JIKJI_EINVAL;

    jk_buf b = JK_BUF_INIT;
    jikji_status_t st = JIKJI_OK;
    FILE *f = fopen(path, "rb");
    int saved = errno;
    if (f) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
            if (b.len + n > JK_SYNONYMS_MAX_FILE) {
                st = JIKJI_EINVAL;
                break;
            }
            if (jk_buf_append(&b, chunk, n) < 0) {
                st = JIKJI_ENOMEM;
                break;
            }
        }
        if (st == JIKJI_OK && ferror(f)) {
            saved = errno;
            st = JIKJI_EIO;
        }
        fclose(f);
    } else {
        st = JIKJI_EIO;
    }
    if (st != JIKJI_OK) {
        jk_buf_fini(&b);
        if (st == JIKJI_ENOMEM || !errmsg)
            return st;
        jk_buf m = JK_BUF_INIT;
        int rc = st == JIKJI_EIO
                     ? jk_buf_printf(&m, "%s: %s", path, strerror(saved))
                     : jk_buf_printf(&m, "%s: file is larger than %u MiB",
                                     path,
                                     (unsigned)(JK_SYNONYMS_MAX_FILE >> 20));
        *errmsg = rc < 0 ? NULL : jk_buf_steal(&m);
        if (rc < 0)
            jk_buf_fini(&m);
        return st;
    }
    st = jk_synonyms_parse(b.data ? b.data : "", b.len, path, out, errmsg);
    jk_buf_fini(&b);
    return st;
}

/* The code points of s, spaces skipped, into v (at most cap); the count, or
 * cap + 1 when s has more. */
static size_t
code_points_nospace(const char *s, utf8proc_int32_t *v, size_t cap)
{
    size_t n = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0) { /* invalid: the byte itself */
            c = *p;
            k = 1;
        }
        p += k;
        if (c == ' ')
            continue;
        if (n == cap)
            return cap + 1;
        v[n++] = c;
    }
    return n;
}

int
jk_synonyms_is_variant(const char *a, const char *b)
{
    enum { CAP = 64 };
    utf8proc_int32_t x[CAP], y[CAP];
    if (!a || !b)
        return 0;
    size_t nx = code_points_nospace(a, x, CAP), ny = code_points_nospace(b, y, CAP);
    if (nx > CAP || ny > CAP)
        return 0;
    /* s, the shorter (n code points); l, the longer (m) */
    const utf8proc_int32_t *s = nx <= ny ? x : y, *l = nx <= ny ? y : x;
    size_t n = nx <= ny ? nx : ny, m = nx <= ny ? ny : nx;
    if (n < 2 || m - n > 1)
        return 0;
    size_t i = 0;
    while (i < n && s[i] == l[i])
        i++;
    if (i == n)
        return 1; /* equal, or l adds one at the end */
    if (n == m) /* one replacement at i */
        return memcmp(s + i + 1, l + i + 1, (n - i - 1) * sizeof *s) == 0;
    /* l inserts one at i */
    return memcmp(s + i, l + i + 1, (n - i) * sizeof *s) == 0;
}
