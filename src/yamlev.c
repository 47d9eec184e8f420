/* yamlev.c - the libyaml event loop shared by the YAML readers. */
#include "yamlev.h"

#include <string.h>

jikji_status_t
jk_yamlev_init(jk_yamlev *y, const char *text, size_t len)
{
    memset(y, 0, sizeof *y);
    y->text = text ? text : "";
    y->len = text ? len : 0;
    if (!yaml_parser_initialize(&y->parser))
        return JIKJI_ENOMEM;
    yaml_parser_set_input_string(&y->parser, (const unsigned char *)y->text,
                                 y->len);
    yaml_parser_set_encoding(&y->parser, YAML_UTF8_ENCODING);
    return JIKJI_OK;
}

void
jk_yamlev_fini(jk_yamlev *y)
{
    if (y->have_ev)
        yaml_event_delete(&y->ev);
    y->have_ev = 0;
    yaml_parser_delete(&y->parser);
}

jikji_status_t
jk_yamlev_next(jk_yamlev *y)
{
    if (y->have_ev) {
        yaml_event_delete(&y->ev);
        y->have_ev = 0;
    }
    if (!yaml_parser_parse(&y->parser, &y->ev))
        return y->parser.error == YAML_MEMORY_ERROR ? JIKJI_ENOMEM
                                                    : JIKJI_EINVAL;
    y->have_ev = 1;
    /* Only reading past STREAM-END yields no event. */
    return y->ev.type == YAML_NO_EVENT ? JIKJI_EINTERNAL : JIKJI_OK;
}

int
jk_yamlev_error(const jk_yamlev *y, unsigned long first_line,
                unsigned long *line, jk_buf *msg)
{
    const yaml_parser_t *p = &y->parser;
    const char *problem = p->problem ? p->problem : "syntax error";
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark. */
        size_t off = p->problem_offset < y->len ? p->problem_offset : y->len;
        unsigned long n = 0;
        for (size_t i = 0; i < off; i++)
            if (y->text[i] == '\n' ||
                (y->text[i] == '\r' &&
                 (i + 1 >= y->len || y->text[i + 1] != '\n')))
                n++;
        *line = first_line + n;
        problem = p->problem ? p->problem : "invalid input";
        /* The value is a byte for the UTF-8 problems, and a character
         * for "control characters are not allowed" (U+009B, not a byte
         * 0x9B of the file). */
        if (p->problem_value == -1)
            return jk_buf_puts(msg, problem);
        if (strstr(problem, "control characters"))
            return jk_buf_printf(msg, "%s: U+%04X", problem,
                                 (unsigned)p->problem_value);
        return jk_buf_printf(msg, "%s: byte 0x%02X", problem,
                             (unsigned)p->problem_value & 0xFF);
    }
    *line = first_line + (unsigned long)p->problem_mark.line;
    unsigned long cline = first_line + (unsigned long)p->context_mark.line;
    if (p->context && cline != *line)
        return jk_buf_printf(msg, "%s (%s that starts on line %lu)", problem,
                             p->context, cline);
    if (p->context)
        return jk_buf_printf(msg, "%s (%s)", problem, p->context);
    return jk_buf_puts(msg, problem);
}
