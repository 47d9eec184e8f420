/* suggest_ko.h - "did you mean" for a Korean word (suggest_ko.c). */
#ifndef JIKJI_SUGGEST_KO_H
#define JIKJI_SUGGEST_KO_H

#include <stddef.h>

#include "jikji.h"
#include "buf.h"

/* The correction of the Hangul run[0, len) of a query (normalized, NFC),
 * when a search of it alone finds nothing: the run with one typo of one
 * syllable of the word mended (a sound-alike vowel, a Shift missed or
 * held; its ending, jk_strip_particle(), kept as typed) such that two
 * sections or more start with the word, into out (cleared first; left
 * empty when the run is found, is not 2 to 12 syllables of Hangul before
 * its ending, or has no such correction).  Statuses: OK, ENOMEM, EIO
 * (reading the index; db's message says why). */
jikji_status_t jk_suggest_hangul(jikji_db_t *db, const char *run, size_t len,
                                 jk_buf *out);

/* Whether a search of text alone finds a section, as the query searches
 * it (particles, synonyms, sound-alikes; an identifier by its parts):
 * sets *found (1 also for text the query cannot search).  Statuses: OK,
 * ENOMEM, EIO. */
jikji_status_t jk_suggest_searched_found(jikji_db_t *db, const char *text,
                                         int *found);

#endif /* JIKJI_SUGGEST_KO_H */
