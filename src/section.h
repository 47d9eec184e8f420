/* section.h - a section's text with its markup blanked, where it lies
 * (note.c): the indexer blanks each section of the file it holds instead
 * of a copy of it, so that a note of N bytes costs N, not 2N (QA: a 60 MB
 * note took 167 MB to index). */
#ifndef JIKJI_SECTION_H
#define JIKJI_SECTION_H

#include "jikji.h"

/* Blank the markup of section s of the note `text` in t, which holds the
 * section's s->end - s->start bytes then a NUL: a copy of them, or the
 * note's own bytes (t == text + s->start, the byte after them set to NUL
 * for the call), as jikji_section_text() gives them.  Only t changes;
 * text is read before t for what precedes the section. */
void jk_section_blank(const jikji_section_t *s, const char *text, char *t);

#endif /* JIKJI_SECTION_H */
