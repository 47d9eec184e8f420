/* synonyms.h - tables of equivalent terms (loanwords written in Hangul and
 * Latin, spelling variants), read from YAML files with libyaml.
 *
 * The file is a sequence of groups, each a sequence of scalars that mean
 * the same thing:
 *
 *     # comments are fine
 *     - [kafka, 카프카]
 *     - [retry, 리트라이, 재시도]
 *     - - spring batch
 *       - 스프링 배치
 *
 * Every form is normalized at load time with jk_synonyms_norm()
 * (jikji_normalize(): NFC, case folding, full-width Latin to ASCII; then
 * white space runs collapsed to one space and trimmed), so `Kafka`,
 * `KAFKA` and `Ｋａｆｋａ` are one key.  Groups that share a form are
 * one group (equivalence is transitive), within a file and across merged
 * tables; a form repeated inside a group counts once.  Each group keeps
 * its forms in the order they were first seen.
 *
 *     jk_synonyms *syn = NULL, *user = NULL;
 *     char *err = NULL;
 *     if (jk_synonyms_load(builtin_path, &syn, &err) != JIKJI_OK) ...
 *     if (jk_synonyms_load(user_path, &user, &err) == JIKJI_OK)
 *         jk_synonyms_merge(syn, user);
 *     jk_synonyms_free(user);
 *     const char *const *forms;
 *     size_t n = jk_synonyms_lookup(syn, "카프카", &forms);
 *     ... forms[0..n) is {"kafka", "카프카"} ...
 *     jk_synonyms_free(syn);
 *     jikji_free(err);
 *
 * Ownership: a table owns every string in it.  Arrays and strings handed
 * out by jk_synonyms_lookup() and jk_synonyms_group() belong to the table
 * and stay valid until it is freed or changed by jk_synonyms_merge().
 * Error messages are malloc'd, to release with jikji_free().  There is no
 * global state: tables are independent and may be read from several
 * threads at once (but not while one is being merged into).
 */
#ifndef JIKJI_SYNONYMS_H
#define JIKJI_SYNONYMS_H

#include <stddef.h>

#include "jikji.h"

typedef struct jk_synonyms jk_synonyms;

/* Largest synonyms file read, in bytes. */
#define JK_SYNONYMS_MAX_FILE (16u << 20)
/* Longest form kept, in bytes after normalization. */
#define JK_SYNONYMS_MAX_TERM 256

/*
 * Create an empty table in *out (for when there is no file to load).
 * Return value: JIKJI_OK, JIKJI_EINVAL (out is NULL), JIKJI_ENOMEM.
 */
jikji_status_t jk_synonyms_new(jk_synonyms **out);

/*
 * Read the synonyms file at `path` into a new table in *out, to free with
 * jk_synonyms_free().  On failure *out is NULL and, when `errmsg` is not
 * NULL, *errmsg receives a message (release with jikji_free()): for a
 * malformed file it reads "PATH:LINE: what is wrong", LINE 1-based.
 * An empty file (or one holding only comments) gives an empty table.
 * Alias nodes (`*ref`) are refused, never expanded.
 *
 * Return value:
 *   JIKJI_OK
 *   JIKJI_EINVAL  NULL path or out; or the file is not valid YAML, or not
 *                 a sequence of sequences of scalars, or has an empty or
 *                 over-long form, or is larger than JK_SYNONYMS_MAX_FILE
 *   JIKJI_EIO     the file cannot be opened or read ("PATH: strerror")
 *   JIKJI_ENOMEM
 */
jikji_status_t jk_synonyms_load(const char *path, jk_synonyms **out,
                                char **errmsg);

/*
 * As jk_synonyms_load(), from `len` bytes of YAML in memory; `name` (may
 * be NULL: "<string>") stands for the file in error messages.
 * Return value: as jk_synonyms_load(), without JIKJI_EIO.
 */
jikji_status_t jk_synonyms_parse(const char *text, size_t len,
                                 const char *name, jk_synonyms **out,
                                 char **errmsg);

/*
 * Add the groups of `src` (a user's file) to `dst` (the built-in table).
 * Additive: a user group that shares a form with a built-in group joins
 * it (`- [kafka, 캎카]` adds 캎카 to the kafka group); nothing is removed.
 * `src` is not changed and may be freed afterwards.  On failure `dst` is
 * left as it was.  Lookup results from `dst` obtained before the call are
 * invalid after it.
 *
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL argument), JIKJI_ENOMEM.
 */
jikji_status_t jk_synonyms_merge(jk_synonyms *dst, const jk_synonyms *src);

/* Free a table and everything it owns.  NULL-safe. */
void jk_synonyms_free(jk_synonyms *syn);

/*
 * The group of the normalized form `norm_term` (NUL-terminated; see
 * jk_synonyms_norm()): returns the number of forms in it (the form itself
 * included) and, when group_out is not NULL, points *group_out at the
 * forms, normalized, in first-seen order.  Returns 0 (and sets *group_out
 * to NULL) when the form is in no group, or syn or norm_term is NULL.
 */
size_t jk_synonyms_lookup(const jk_synonyms *syn, const char *norm_term,
                          const char *const **group_out);

/* Number of groups in the table (0 for NULL). */
size_t jk_synonyms_count(const jk_synonyms *syn);

/* Number of distinct forms in the table (0 for NULL). */
size_t jk_synonyms_forms(const jk_synonyms *syn);

/* Group i (0-based, i < jk_synonyms_count()): its size, and its forms in
 * *group_out as jk_synonyms_lookup() gives them; 0 when out of range. */
size_t jk_synonyms_group(const jk_synonyms *syn, size_t i,
                         const char *const **group_out);

/*
 * Normalize a form the way the tables do: jikji_normalize(), then runs of
 * white space collapsed to one space, leading and trailing space removed.
 * On success *out is a NUL-terminated string (possibly "") to release
 * with jikji_free().
 * Return value: JIKJI_OK, JIKJI_EINVAL (NULL argument), JIKJI_ENOMEM.
 */
jikji_status_t jk_synonyms_norm(const char *text, size_t len, char **out);

/*
 * Are two normalized forms spellings of one word (메시지/메세지, 캐시/캐쉬,
 * 타임 아웃/타임아웃) rather than two words of one meaning (재시도/리트라이,
 * dead letter queue/dlq)?  True when, spaces ignored, they are one code
 * point edit (insert, delete or replace) apart and the shorter has at least
 * two code points.  Invalid UTF-8 compares as bytes.  NULL gives 0.
 */
int jk_synonyms_is_variant(const char *a, const char *b);

#endif /* JIKJI_SYNONYMS_H */
