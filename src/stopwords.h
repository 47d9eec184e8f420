/* stopwords.h - English function words, indexed without positions.
 *
 * "the", "of", "to" and the like are a fifth of the Latin words of an
 * English text and most of its position lists, yet say nothing about
 * where a phrase of content words is.  The index keeps them as terms (a
 * query for "the" still finds them, and they weigh as any term) but
 * without positions; a phrase query spans them with a window instead
 * (query.c): "state of the art" is `state` then `art` within 4 positions,
 * and of, the present.  On the bench vault: 54.9 -> 52.6 MB.  A window
 * cannot span a function word at a phrase's edge ("on call" would be on
 * and call anywhere), so the prepositions and verbs that begin or end
 * technical phrases keep their positions (jk_stopword_unpositioned()).
 *
 * The list is short on purpose: articles, pronouns, forms of be/have/do,
 * modal verbs and the commonest prepositions and conjunctions.  Words
 * that carry meaning in technical phrases (once, not, no, all, up, out,
 * over, before, after, between) keep their positions: "exactly once",
 * "not null", "scale out" stay real phrases.
 */
#ifndef JIKJI_STOPWORDS_H
#define JIKJI_STOPWORDS_H

#include <stddef.h>

/* Whether the normalized (lower case) term t[0, len) is one of them: a
 * word that says nothing about a topic (similar.c). */
int jk_is_stopword(const char *t, size_t len);

/* Whether t[0, len) is a function word the index holds without positions:
 * one of them but for the few that begin or end technical phrases (on,
 * in, to, is, ...: "on call", "is null" must be real phrases). */
int jk_stopword_unpositioned(const char *t, size_t len);

#endif /* JIKJI_STOPWORDS_H */
