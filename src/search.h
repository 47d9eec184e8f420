/* search.h - running a built query (shared by search and similar). */
#ifndef JIKJI_SEARCH_H
#define JIKJI_SEARCH_H

#include "jikji.h"
#include "query.h"

/* Run q (built by jk_query_build or by hand) and return a page of hits,
 * as jikji_search() does.  q stays the caller's. */
jikji_status_t jk_search_query(jikji_db_t *db, const jk_query *q,
                               const jikji_search_opts_t *opts,
                               jikji_results_t **out);

#endif /* JIKJI_SEARCH_H */
