/* stopwords.c - see stopwords.h. */
#include <string.h>

#include "stopwords.h"

/* Sorted (strcmp order) for bsearch; changing it or `positioned` below
 * changes what the index holds, so it comes with a reader version
 * (schema.h), which has every section written again. */
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

/* Function words that keep their positions: they begin or end technical
 * phrases (on-call, in-memory, log in, to-do, as-is, is null, for loop,
 * if statement, at-least-once, by design), which a phrase query can check
 * only when every word of it has a position.  Sorted too.  On the bench
 * vault they cost 0.65 MB of 49.3 (1.3%). */
static const char *const positioned[] = {
    "as", "at", "by", "do", "for", "if", "in", "is", "on", "to",
};

/* Whether t[0, len) is one of list[0, n) (sorted, words of at most 6
 * bytes). */
static int
in_list(const char *const *list, size_t n, const char *t, size_t len)
{
    if (len == 0 || len > 6)
        return 0;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = list[mid];
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

int
jk_is_stopword(const char *t, size_t len)
{
    return in_list(stopwords, sizeof stopwords / sizeof *stopwords, t, len);
}

int
jk_stopword_unpositioned(const char *t, size_t len)
{
    return jk_is_stopword(t, len) &&
           !in_list(positioned, sizeof positioned / sizeof *positioned, t, len);
}
