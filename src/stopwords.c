/* stopwords.c - see stopwords.h. */
#include <string.h>

#include "stopwords.h"

/* Sorted (strcmp order) for bsearch; changing it changes what the index
 * holds, so it comes with a schema version (schema.h). */
static const char *const stopwords[] = {
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for",
    "from", "had", "has", "have", "having", "he", "her", "him", "his", "i",
    "if", "in", "into", "is", "it", "its", "may", "me", "my", "of", "on",
    "or", "our", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "us", "was", "we", "were", "which", "will", "with",
    "would", "you", "your",
};

int
jk_is_stopword(const char *t, size_t len)
{
    if (len == 0 || len > 6)
        return 0;
    size_t lo = 0, hi = sizeof stopwords / sizeof *stopwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = stopwords[mid];
        int c = strncmp(w, t, len);
        if (c == 0)
            c = w[len] != '\0'; /* w is longer than t: after it */
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
