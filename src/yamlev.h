/* yamlev.h - the libyaml event loop shared by the two YAML readers (front
 * matter, synonyms files): one parser over a string, the current event,
 * and the parser's errors turned into a line and a message. */
#ifndef JIKJI_YAMLEV_H
#define JIKJI_YAMLEV_H

#include <stddef.h>
#include <yaml.h>

#include "jikji.h"
#include "buf.h"

typedef struct jk_yamlev {
    yaml_parser_t parser;
    yaml_event_t ev;     /* the current event, valid while have_ev */
    int have_ev;
    const char *text;    /* the input, for the lines of reader errors */
    size_t len;
} jk_yamlev;

/* Start parsing len bytes of UTF-8 text, which is not copied and must
 * outlive y.  Returns JIKJI_OK or JIKJI_ENOMEM (then y needs no fini). */
jikji_status_t jk_yamlev_init(jk_yamlev *y, const char *text, size_t len);

/* Release the current event and the parser. */
void jk_yamlev_fini(jk_yamlev *y);

/* Move to the next event, releasing the current one.  Returns JIKJI_OK;
 * JIKJI_EINVAL when the YAML is malformed (jk_yamlev_error() says where
 * and why); JIKJI_ENOMEM; JIKJI_EINTERNAL when asked to read past the end
 * of the stream (a caller's bug). */
jikji_status_t jk_yamlev_next(jk_yamlev *y);

/* After JIKJI_EINVAL from jk_yamlev_next(): the line of the problem, as
 * `first_line` plus its 0-based line in the text, into *line, and the
 * message ("did not find expected key (while parsing a block mapping that
 * starts on line 3)", lines counted the same way) appended to msg.
 * Returns 0, or -1 when out of memory. */
int jk_yamlev_error(const jk_yamlev *y, unsigned long first_line,
                    unsigned long *line, jk_buf *msg);

#endif /* JIKJI_YAMLEV_H */
