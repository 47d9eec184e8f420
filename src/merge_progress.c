/* merge_progress.c - how far a compaction is (merge_progress.h). */
#include "merge_progress.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* What merging a table costs for each byte of it, against the postings'.
 * Timed on the bench vault (README, "Speed and size"): 2.8, 3.7, 1.2 and
 * 4.0 ms a MB at 1 copy, 3.8, 6.4, 3.3 and 6.3 at 8, for postlist,
 * docdata, termlist and position. */
static const struct merge_table {
    const char *name;
    double cost;
} merge_tables[] = {{"postlist", 1.0}, {"docdata", 1.5},
                    {"termlist", 0.65}, {"position", 1.5},
                    {"spelling", 1.0}, {"synonym", 1.0}};
#define NTABLES (sizeof merge_tables / sizeof *merge_tables)

/* A guess goes at most this far into a table: its end is told by Xapian. */
#define GUESS_REACH 0.9

struct jk_merge_progress {
    jk_merge_fn fn;
    void *ud;
    double bytes[NTABLES];  /* each table's bytes in the merge's sources */
    double weight[NTABLES]; /* the same, weighed */
    double total;
    char *out_dir;          /* where the merged tables are written, or NULL */
    pthread_mutex_t lock;   /* guards what follows, and the calls of fn */
    pthread_cond_t wake;    /* stop is set */
    pthread_t ticker;
    int ticking, stop;
    unsigned tick_ms;
    double done;            /* the weight of the tables written */
    int table;              /* the table being written, or -1 */
    double began;           /* when the merge began (seconds) */
    double spent;           /* seconds until the table being written began */
    double table_began;
    double told;            /* the last share told */
};

static double
now_secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
jk_merge_progress_guess(double done, double spent, double table, double secs,
                        double total, double written)
{
    if (total <= 0.0)
        return 0.0;
    double more = 0.0;
    if (done > 0.0 && spent > 0.0 && secs > 0.0)
        more = done / spent * secs;
    /* A merged table is smaller than its sources (its blocks are full),
     * so its output alone stops short of the table's end. */
    if (written > 0.0 && written * table > more)
        more = written * table;
    double at = done;
    if (table > 0.0)
        at += more < GUESS_REACH * table ? more : GUESS_REACH * table;
    return at < total ? at / total : 1.0;
}

/* The size in bytes of table i's file in dir; -1 when there is none. */
static double
table_bytes(const char *dir, size_t i)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s.glass", dir,
                 merge_tables[i].name) >= (int)sizeof path ||
        stat(path, &st) != 0)
        return -1.0;
    return (double)st.st_size;
}

/* Add the weighed sizes of the tables in dir. */
static void
weigh_tables(jk_merge_progress *m, const char *dir)
{
    for (size_t i = 0; i < NTABLES; i++) {
        double b = table_bytes(dir, i);
        if (b >= 0.0) {
            double w = merge_tables[i].cost * b;
            m->bytes[i] += b;
            m->weight[i] += w;
            m->total += w;
        }
    }
}

/* The fraction of table i's source bytes that its merged file in
 * m->out_dir holds so far; -1 when that is not known. */
static double
written(const jk_merge_progress *m, int i)
{
    double b;
    if (!m->out_dir || m->bytes[i] <= 0.0 ||
        (b = table_bytes(m->out_dir, (size_t)i)) < 0.0)
        return -1.0;
    return b / m->bytes[i];
}

/* Between two tables' ends: the share by what is written and the pace so
 * far, told when it moved. */
static void *
tick(void *arg)
{
    jk_merge_progress *m = arg;
    pthread_mutex_lock(&m->lock);
    while (!m->stop) {
        struct timespec at;
        clock_gettime(CLOCK_MONOTONIC, &at);
        at.tv_sec += m->tick_ms / 1000;
        at.tv_nsec += (long)(m->tick_ms % 1000) * 1000000L;
        if (at.tv_nsec >= 1000000000L) {
            at.tv_sec++;
            at.tv_nsec -= 1000000000L;
        }
        /* 0: woken, by stop or spuriously; else the time is up (or the
         * wait failed: then tick rather than spin). */
        while (!m->stop &&
               pthread_cond_timedwait(&m->wake, &m->lock, &at) == 0)
            ;
        if (m->stop || m->table < 0)
            continue;
        double s = jk_merge_progress_guess(
            m->done, m->spent, m->weight[m->table],
            now_secs() - m->table_began, m->total, written(m, m->table));
        if (s > m->told) {
            m->told = s;
            m->fn(m->ud, s);
        }
    }
    pthread_mutex_unlock(&m->lock);
    return NULL;
}

jk_merge_progress *
jk_merge_progress_start(jk_merge_fn fn, void *ud, const char *dir,
                        const char *const *shards, size_t nshards,
                        const char *out_dir, unsigned tick_ms)
{
    jk_merge_progress *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (out_dir && !(m->out_dir = strdup(out_dir))) {
        free(m);
        return NULL;
    }
    m->fn = fn;
    m->ud = ud;
    m->tick_ms = tick_ms;
    m->table = -1;
    weigh_tables(m, dir);
    for (size_t i = 0; i < nshards; i++)
        weigh_tables(m, shards[i]);
    pthread_condattr_t ca;
    int cond_ok = pthread_condattr_init(&ca) == 0;
    if (cond_ok) {
        cond_ok = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 &&
                  pthread_cond_init(&m->wake, &ca) == 0;
        pthread_condattr_destroy(&ca);
    }
    if (pthread_mutex_init(&m->lock, NULL) != 0) {
        if (cond_ok)
            pthread_cond_destroy(&m->wake);
        free(m->out_dir);
        free(m);
        return NULL;
    }
    m->began = now_secs();
    fn(ud, 0.0);
    /* Without the condition variable, only the tables' ends are told. */
    m->ticking = cond_ok && tick_ms > 0 &&
                 pthread_create(&m->ticker, NULL, tick, m) == 0;
    if (cond_ok && !m->ticking)
        pthread_cond_destroy(&m->wake);
    return m;
}

void
jk_merge_progress_table(void *ud, const char *table, int done)
{
    jk_merge_progress *m = ud;
    size_t i = 0;
    while (i < NTABLES && strcmp(table, merge_tables[i].name) != 0)
        i++;
    pthread_mutex_lock(&m->lock);
    double t = now_secs();
    if (!done) {
        m->table = i < NTABLES ? (int)i : -1;
        m->table_began = t;
        m->spent = t - m->began;
    } else {
        if (i < NTABLES)
            m->done += m->weight[i];
        m->table = -1;
        double s = m->total > 0.0 && m->done < m->total
                       ? m->done / m->total
                       : 1.0;
        if (s < m->told) /* a guess went past it */
            s = m->told;
        m->told = s;
        m->fn(m->ud, s);
    }
    pthread_mutex_unlock(&m->lock);
}

void
jk_merge_progress_stop(jk_merge_progress *m)
{
    if (!m)
        return;
    if (m->ticking) {
        pthread_mutex_lock(&m->lock);
        m->stop = 1;
        pthread_cond_signal(&m->wake);
        pthread_mutex_unlock(&m->lock);
        pthread_join(m->ticker, NULL);
        pthread_cond_destroy(&m->wake);
    }
    pthread_mutex_destroy(&m->lock);
    free(m->out_dir);
    free(m);
}
