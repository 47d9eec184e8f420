/* status.c - fixed text for status codes; jikji_free(). */
#include <stdlib.h>

#include "jikji.h"

const char *
jikji_status_str(jikji_status_t status)
{
    switch (status) {
    case JIKJI_OK: return "success";
    case JIKJI_ENOMEM: return "out of memory";
    case JIKJI_EINVAL: return "invalid argument";
    case JIKJI_EIO: return "input/output error";
    case JIKJI_EUTF8: return "not UTF-8 text";
    case JIKJI_EFRONTMATTER: return "malformed front matter";
    case JIKJI_ENOINDEX: return "no index";
    case JIKJI_ELOCKED: return "index is locked by another process";
    case JIKJI_ESCHEMA: return "index was built by an incompatible version";
    case JIKJI_ESTALE: return "index changed while reading";
    case JIKJI_EQUERY: return "invalid query";
    case JIKJI_EBACKEND: return "index error";
    case JIKJI_EINTERNAL: return "internal error";
    case JIKJI_ECANCELED: return "stopped on request";
    case JIKJI_STATUS_LAST: break;
    }
    return "unknown status";
}

void
jikji_free(void *p)
{
    free(p);
}
