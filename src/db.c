/* db.c - opening and closing an index, version checks, error slot. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "norm.h"
#include "schema.h"
#include "synonyms.h"

jikji_status_t
jk_db_fail(jikji_db_t *db, jikji_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    jk_buf_clear(&db->err);
    jk_buf_puts(&db->err, tmp); /* on failure the message is just lost */
    return status;
}

jikji_status_t
jk_db_xfail(jikji_db_t *db, jikji_status_t status)
{
    return jk_db_fail(db, status, "%s", jk_xdb_errmsg(db->x));
}

jikji_status_t
jk_db_refresh(jikji_db_t *db)
{
    if (db->mode != JIKJI_DB_READ)
        return JIKJI_OK;
    if (db->fresh) {
        db->fresh = 0;
        return JIKJI_OK;
    }
    jikji_status_t st = jk_xdb_reopen(db->x);
    return st == JIKJI_OK ? st : jk_db_xfail(db, st);
}

jikji_status_t
jk_db_file_sections(jikji_db_t *db, const char *file_id, unsigned **docids,
                    size_t *n)
{
    char term[JK_FILE_TERM_MAX];
    size_t tl = jk_file_term(term, file_id);
    jikji_status_t st = jk_xdb_term_docs(db->x, term, tl, docids, n);
    return st == JIKJI_OK ? st : jk_db_xfail(db, st);
}

/* When errmsg is not NULL, replace *errmsg with the printf-style message
 * (a malloc'd copy); on out of memory the old one stays. */
static void __attribute__((format(printf, 2, 3)))
set_errmsg(char **errmsg, const char *fmt, ...)
{
    if (!errmsg)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *m = strdup(msg);
    if (m) {
        free(*errmsg);
        *errmsg = m;
    }
}

/* mkdir -p: create dir and its missing parents. */
static int
make_dirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = (mkdir(p, 0777) < 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return rc;
}

/* Does dir hold a Xapian table with something in it?  Xapian creates a
 * new database's tables empty, then writes its version file ("iamglass")
 * last; nothing goes into a table before a commit.  So a folder whose
 * version file is missing holds either empty tables, from a first build
 * killed in its first moments (no index yet: nothing was ever committed,
 * and a writer may create the index afresh there), or tables with data:
 * a damaged index, never to be overwritten. */
static int
has_tables(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    struct stat st;
    while (!found && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        found = n > 6 && strcmp(e->d_name + n - 6, ".glass") == 0 &&
                fstatat(dirfd(d), e->d_name, &st, 0) == 0 && st.st_size > 0;
    }
    closedir(d);
    return found;
}

/* Whether x is another program's Xapian database: documents but no
 * schema version (jikji records one before its first document).  1 yes,
 * 0 no, -1 on a backend error. */
static int
foreign_xapian(jk_xdb *x)
{
    char *schema = NULL;
    size_t len;
    uint64_t docs = 0;
    if (jk_xdb_get_meta(x, JK_META_SCHEMA, &schema, &len) != JIKJI_OK)
        return -1;
    int foreign = !schema && jk_xdb_doccount(x, &docs) == JIKJI_OK && docs > 0;
    free(schema);
    return foreign;
}

static void
say_foreign(const char *dir, char **errmsg)
{
    set_errmsg(errmsg, "%s is not a jikji index: it is another program's "
               "Xapian database (documents, no jikji version); use an empty "
               "or new directory for the index", dir);
}

char *
jk_db_sibling(const char *dir, const char *suffix)
{
    size_t n = strlen(dir), m = strlen(suffix);
    char *s = malloc(n + m + 1);
    if (s) {
        memcpy(s, dir, n);
        memcpy(s + n, suffix, m + 1);
    }
    return s;
}

int
jk_db_swap_guard(const char *dir, int wait_ms)
{
    const char *slash = strrchr(dir, '/');
    char *parent = slash == dir ? strdup("/")
                   : slash      ? jk_strndup(dir, (size_t)(slash - dir))
                                : strdup(".");
    int fd = parent ? open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    free(parent);
    if (fd < 0)
        return -1;
    /* Never blocking: the holder keeps it for moments, and a signal must
     * still stop a writer that waits. */
    for (int waited = 0; flock(fd, LOCK_EX | LOCK_NB) < 0; waited += 5) {
        int busy = errno == EWOULDBLOCK || errno == EINTR;
        if (!busy || waited >= wait_ms) {
            close(fd);
            return busy ? -2 : -1;
        }
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return fd;
}

void
jk_db_swap_unguard(int fd)
{
    if (fd >= 0)
        close(fd); /* lets the flock go */
}

/* A rebuild writes the new index beside the old one, at "<dir>.rebuild",
 * and the compaction at the end of the run swaps it in (maybe_compact(),
 * jk_db_compact_shards()): until then searches answer from the old index,
 * and a kill leaves it as it was, vault list included.  The old index
 * stays open for its writer lock.  One that Xapian cannot open (damaged,
 * another format) has nothing to keep: it is overwritten in place. */
static jikji_status_t
open_for_rebuild(jikji_db_t *db, char **errmsg)
{
    char *msg = NULL;
    jikji_status_t st = jk_xdb_open(db->dir, JK_XDB_WRITE, &db->lock_x, &msg);
    if (st == JIKJI_ELOCKED || st == JIKJI_ENOMEM) {
        if (errmsg)
            *errmsg = msg;
        else
            free(msg);
        return st;
    }
    free(msg);
    if (st != JIKJI_OK)
        return jk_xdb_open(db->dir, JK_XDB_OVERWRITE, &db->x, errmsg);
    if (foreign_xapian(db->lock_x) > 0) { /* never overwrite it */
        say_foreign(db->dir, errmsg);
        return JIKJI_EINVAL;
    }
    if (!(db->rebuild_dir = jk_db_sibling(db->dir, JK_DB_REBUILD_SUFFIX)))
        return JIKJI_ENOMEM;
    if (jk_db_remove_index_dir(db->rebuild_dir) < 0) { /* a killed run's */
        set_errmsg(errmsg, "cannot remove %s: %s", db->rebuild_dir,
                   strerror(errno));
        return JIKJI_EIO;
    }
    return jk_xdb_open(db->rebuild_dir, JK_XDB_OVERWRITE, &db->x, errmsg);
}

/* Compare (or, for a new index, record) the schema and normalizer
 * versions; an index from another version must be rebuilt. */
static jikji_status_t
check_versions(jikji_db_t *db, char **errmsg)
{
    char want_schema[16], want_norm[128];
    snprintf(want_schema, sizeof want_schema, "%d", JK_SCHEMA_VERSION);
    if (jk_norm_id(want_norm, sizeof want_norm) < 0) {
        set_errmsg(errmsg, "%s: cannot name the text normalizer's version",
                   db->dir);
        return JIKJI_EINTERNAL;
    }

    char *schema = NULL, *norm = NULL;
    size_t len;
    jikji_status_t st = jk_xdb_get_meta(db->x, JK_META_SCHEMA, &schema, &len);
    if (st == JIKJI_OK)
        st = jk_xdb_get_meta(db->x, JK_META_NORM, &norm, &len);
    if (st != JIKJI_OK) {
        if (errmsg)
            *errmsg = strdup(jk_xdb_errmsg(db->x));
        goto out;
    }
    if (!schema) {
        uint64_t docs = 0;
        st = jk_xdb_doccount(db->x, &docs);
        if (st == JIKJI_OK && docs > 0) {
            /* documents but no version: not ours, and not to rebuild */
            say_foreign(db->dir, errmsg);
            st = JIKJI_EINVAL;
            goto out;
        } else if (st == JIKJI_OK && db->mode != JIKJI_DB_READ) {
            st = jk_xdb_set_meta(db->x, JK_META_SCHEMA, want_schema,
                                 strlen(want_schema));
            if (st == JIKJI_OK)
                st = jk_xdb_set_meta(db->x, JK_META_NORM, want_norm,
                                     strlen(want_norm));
            if (st == JIKJI_OK)
                st = jk_xdb_commit(db->x);
        }
    } else if (!norm || strcmp(norm, want_norm) != 0) {
        st = JIKJI_ESCHEMA;
    } else if (strcmp(schema, want_schema) != 0) {
        char *end;
        long v = strtol(schema, &end, 10);
        if (*end || end == schema || v < JK_SCHEMA_OLDEST ||
            v > JK_SCHEMA_VERSION)
            st = JIKJI_ESCHEMA;
        else if (db->mode != JIKJI_DB_READ &&
                 (st = jk_xdb_set_meta(db->x, JK_META_SCHEMA, want_schema,
                                       strlen(want_schema))) == JIKJI_OK)
            st = jk_xdb_commit(db->x); /* older jikji now refuse it */
        if (st != JIKJI_OK && st != JIKJI_ESCHEMA && errmsg)
            *errmsg = strdup(jk_xdb_errmsg(db->x));
    }
    if (st == JIKJI_ESCHEMA)
        set_errmsg(errmsg,
                   "%s: index has schema %s (%s); this jikji writes schema %s "
                   "(%s)", db->dir, schema ? schema : "?", norm ? norm : "?",
                   want_schema, want_norm);
    /* Xapian creates these tables lazily and reads a missing one as
     * empty: with sections in the index, one deleted is damage that only
     * the first search would meet ("unreadable data"). */
    uint64_t docs = 0;
    if (st == JIKJI_OK && schema &&
        (st = jk_xdb_doccount(db->x, &docs)) == JIKJI_OK && docs > 0) {
        static const char *const tables[] = {"docdata", "termlist"};
        for (size_t i = 0; i < 2 && st == JIKJI_OK; i++) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s.glass", db->dir, tables[i]);
            if (access(path, F_OK) < 0 && errno == ENOENT) {
                set_errmsg(errmsg, "damaged index: %s is missing", path);
                st = JIKJI_EBACKEND;
            }
        }
    } else if (st != JIKJI_OK && st != JIKJI_ESCHEMA && errmsg && !*errmsg) {
        *errmsg = strdup(jk_xdb_errmsg(db->x));
    }
out:
    free(schema);
    free(norm);
    return st;
}

/* The writer's process id, kept beside Xapian's lock so that a second
 * writer can say who holds it (Xapian's lock does not tell). */
#define JK_WRITER_FILE "jikji.writer"

void
jk_db_record_writer(const char *dir)
{
    char path[4096], line[32];
    snprintf(path, sizeof path, "%s/%s", dir, JK_WRITER_FILE);
    int n = snprintf(line, sizeof line, "%ld\n", (long)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        if (write(fd, line, (size_t)n) != n) {
            /* only a better message is lost */
        }
        close(fd);
    }
}

/* Replace *errmsg with one naming the process that holds the lock. */
static void
name_lock_holder(const char *dir, char **errmsg)
{
    char path[4096], buf[64], cmd[256] = "";
    snprintf(path, sizeof path, "%s/%s", dir, JK_WRITER_FILE);
    FILE *f = fopen(path, "r");
    long pid = 0;
    if (!f)
        return;
    if (fgets(buf, sizeof buf, f))
        pid = strtol(buf, NULL, 10);
    fclose(f);
    /* The file stays after its writer ends: a pid that is gone (or
     * reused by another program) says nothing about who holds the lock. */
    if (pid <= 0 || (kill((pid_t)pid, 0) < 0 && errno != EPERM))
        return;
    snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
    if ((f = fopen(path, "r")) != NULL) {
        size_t n = fread(cmd, 1, sizeof cmd - 1, f);
        fclose(f);
        for (size_t i = 0; i + 1 < n; i++)
            if (cmd[i] == '\0')
                cmd[i] = ' '; /* argv is NUL-separated */
        cmd[n] = '\0';
    }
    set_errmsg(errmsg, "%s is being written by process %ld%s%s%s", dir, pid,
               *cmd ? " (" : "", cmd, *cmd ? ")" : "");
}

/* An index that exists but that this user may not read (or, to write,
 * change): Xapian would say "couldn't detect type of database" or report
 * its lock as held.  The index's folder and the files Xapian opens are
 * checked; 0 when access is fine or there is no index, else -1 with
 * *errmsg set. */
static int
denied(const char *dir, jikji_db_mode_t mode, char **errmsg)
{
    static const char *const files[] = {"", "/iamglass", "/flintlock",
                                        "/postlist.glass", "/docdata.glass",
                                        "/termlist.glass", "/position.glass"};
    int how = mode == JIKJI_DB_READ ? R_OK : R_OK | W_OK;
    char path[4096];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s%s", dir, files[i]);
        if (access(path, F_OK) < 0)
            continue;
        if (access(path, i ? how : how | X_OK) == 0)
            continue;
        if (errno != EACCES && errno != EROFS && errno != EPERM)
            continue;
        set_errmsg(errmsg, "cannot %s the index: %s: %s",
                   mode == JIKJI_DB_READ ? "read" : "write", path,
                   strerror(errno));
        return -1;
    }
    return 0;
}

jikji_status_t
jikji_db_open(const char *dir, jikji_db_mode_t mode, jikji_db_t **out,
              char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (!out)
        return JIKJI_EINVAL;
    *out = NULL;
    if (!dir || !*dir || mode > JIKJI_DB_REBUILD) {
        if (!dir)
            set_errmsg(errmsg, "no index directory given (NULL)");
        else if (!*dir)
            set_errmsg(errmsg, "the index directory is an empty name");
        else
            set_errmsg(errmsg, "%s: bad open mode %d", dir, (int)mode);
        return JIKJI_EINVAL;
    }

    struct stat dst;
    int found = stat(dir, &dst) == 0, stat_errno = errno;
    if (found && !S_ISDIR(dst.st_mode)) {
        set_errmsg(errmsg, "%s is not a directory: an index is one (name a "
                   "new or empty directory, or an index)", dir);
        return JIKJI_EINVAL;
    }
    if (denied(dir, mode, errmsg) < 0)
        return JIKJI_EIO;
    /* A symlink to a folder not made yet (a dotfile manager's): say so,
     * rather than Xapian's "mkdir failed (File exists)". */
    char target[PATH_MAX];
    ssize_t tl;
    if (mode != JIKJI_DB_READ && !found && stat_errno == ENOENT &&
        (tl = readlink(dir, target, sizeof target - 1)) > 0) {
        target[tl] = '\0';
        set_errmsg(errmsg, "%s is a symlink to %s, which does not exist: "
                   "make that folder, or name another index", dir, target);
        return JIKJI_EIO;
    }
    if (mode != JIKJI_DB_READ && make_dirs(dir) < 0) {
        set_errmsg(errmsg, "cannot create %s: %s", dir, strerror(errno));
        return JIKJI_EIO;
    }
    char other[256];
    int foreign = mode == JIKJI_DB_READ ? 0
                  : jk_db_foreign_entry(dir, other, sizeof other);
    if (foreign > 0) {
        set_errmsg(errmsg, "%s is not an index: it holds '%s'; use an empty "
                   "or new directory for the index", dir, other);
        return JIKJI_EINVAL;
    }
    if (foreign < 0) {
        set_errmsg(errmsg, "cannot read %s: %s", dir, strerror(errno));
        return JIKJI_EIO;
    }

    /* An index reached through a symlink is the folder it points at: a
     * rebuild or compaction swaps folders beside the index, and must do
     * so beside the real one, not replace the link. */
    struct stat lst;
    char *real = lstat(dir, &lst) == 0 && S_ISLNK(lst.st_mode)
                     ? realpath(dir, NULL) : NULL;
    jikji_db_t *db = calloc(1, sizeof *db);
    if (db && real)
        db->dir = real;
    else
        free(real);
    if (!db || (!db->dir && !(db->dir = strdup(dir))) ||
        !(db->stem = jk_xstem_new("english"))) {
        if (db) {
            free(db->dir);
            free(db);
        }
        return JIKJI_ENOMEM;
    }
    /* "idx/" names the same index as "idx": without the slash, the
     * shards and the compaction copy go beside it ("idx.shard-1"), not
     * inside it. */
    for (size_t n = strlen(db->dir); n > 1 && db->dir[n - 1] == '/'; n--)
        db->dir[n - 1] = '\0';
    db->mode = mode;
    db->fresh = mode == JIKJI_DB_READ;
    /* Optional: without it stems are just computed every time. */
    db->nstems = mode == JIKJI_DB_READ ? JK_STEM_SLOTS_READ : JK_STEM_SLOTS_WRITE;
    db->stems = calloc(db->nstems, sizeof *db->stems);
    enum jk_xdb_mode xm = mode == JIKJI_DB_READ ? JK_XDB_READ
                        : mode == JIKJI_DB_WRITE ? JK_XDB_WRITE
                        : JK_XDB_OVERWRITE;
    /* A writer takes Xapian's lock under the swap guard (db.h); held
     * longer than a swap takes, the index is being written. */
    int guard = mode == JIKJI_DB_READ ? -1 : jk_db_swap_guard(db->dir, 100);
    jikji_status_t st =
        guard == -2 ? (set_errmsg(errmsg, "%s: the index is being written by "
                                  "another process (its folder is being "
                                  "swapped)", db->dir),
                       JIKJI_ELOCKED)
        : mode == JIKJI_DB_REBUILD ? open_for_rebuild(db, errmsg)
                                   : jk_xdb_open(dir, xm, &db->x, errmsg);
    if (st == JIKJI_ENOINDEX && mode == JIKJI_DB_WRITE &&
        !has_tables(db->dir)) {
        /* No version file, empty tables: a first build killed in its
         * first moments, which Xapian's DB_CREATE_OR_OPEN refuses to open.
         * Another writer creating the index now holds the lock: the
         * overwrite then fails with ELOCKED, and touches nothing. */
        if (errmsg) {
            free(*errmsg);
            *errmsg = NULL;
        }
        st = jk_xdb_open(db->dir, JK_XDB_OVERWRITE, &db->x, errmsg);
    }
    jk_db_swap_unguard(guard);
    if (st == JIKJI_ELOCKED && errmsg)
        name_lock_holder(dir, errmsg);
    if (st == JIKJI_ENOINDEX && has_tables(dir)) {
        /* Tables but no version file: not "no index" (building one would
         * fail the same way) but a damaged one, to be rebuilt. */
        st = JIKJI_EBACKEND;
        if (errmsg && *errmsg)
            set_errmsg(errmsg, "damaged index: %s", *errmsg);
    }
    if (st == JIKJI_OK)
        st = check_versions(db, errmsg);
    /* After the check: a folder that is not ours gets no file of ours. */
    if (st == JIKJI_OK && mode != JIKJI_DB_READ)
        jk_db_record_writer(dir);
    if (st != JIKJI_OK) {
        jk_xdb_close(db->x);
        db->x = NULL;
        jikji_db_close(db);
        return st;
    }
    *out = db;
    return JIKJI_OK;
}

jikji_status_t
jikji_db_close(jikji_db_t *db)
{
    if (!db)
        return JIKJI_OK;
    jikji_status_t st = jk_xdb_close(db->x);
    /* A rebuild that did not reach its swap: the old index stays. */
    jk_xdb_close(db->lock_x);
    if (db->rebuild_dir)
        jk_db_remove_index_dir(db->rebuild_dir);
    free(db->rebuild_dir);
    jk_xstem_free(db->stem);
    jk_synonyms_free(db->syn);
    jk_buf_fini(&db->syn_files);
    free(db->stems);
    jk_buf_fini(&db->err);
    free(db->dir);
    free(db);
    return st;
}

int
jk_db_writer_init(jikji_db_t *w, const jikji_db_t *db, jk_xdb *x)
{
    memset(w, 0, sizeof *w);
    if (!(w->stem = jk_xstem_new("english")))
        return -1;
    w->x = x;
    w->mode = db->mode;
    w->dir = db->dir;
    w->nstems = JK_STEM_SLOTS_WRITE;
    w->stems = calloc(w->nstems, sizeof *w->stems); /* optional */
    return 0;
}

void
jk_db_writer_fini(jikji_db_t *w)
{
    jk_xstem_free(w->stem);
    free(w->stems);
    jk_buf_fini(&w->err);
    memset(w, 0, sizeof *w);
}

const char *
jikji_db_errmsg(const jikji_db_t *db)
{
    return db && db->err.data ? db->err.data : "";
}

/* Count the per-file records. */
static int
count_file(void *ud, const char *key, size_t klen, const char *val,
           size_t vlen)
{
    (void)key, (void)klen, (void)val, (void)vlen;
    (*(uint64_t *)ud)++;
    return 0;
}

jikji_status_t
jikji_db_get_stats(jikji_db_t *db, jikji_db_stats_t *stats)
{
    if (!db || !stats)
        return JIKJI_EINVAL;
    memset(stats, 0, sizeof *stats);
    jikji_status_t st = jk_db_refresh(db);
    if (st != JIKJI_OK)
        return st;
    if (jk_xdb_doccount(db->x, &stats->sections) != JIKJI_OK ||
        jk_xdb_meta_each(db->x, JK_META_FILE, count_file, &stats->notes)
            != JIKJI_OK)
        return jk_db_xfail(db, JIKJI_EBACKEND);
    return JIKJI_OK;
}

jikji_status_t
jikji_db_notes_current(jikji_db_t *db, int *current)
{
    if (!db || !current)
        return JIKJI_EINVAL;
    *current = 0;
    jikji_status_t st = jk_db_refresh(db);
    if (st != JIKJI_OK)
        return st;
    char *val = NULL;
    size_t len = 0;
    if (jk_xdb_get_meta(db->x, JK_META_READER, &val, &len) != JIKJI_OK)
        return jk_db_xfail(db, JIKJI_EBACKEND);
    *current = val && atoi(val) == JK_READER_VERSION;
    free(val);
    return JIKJI_OK;
}

size_t
jk_db_stem_term(jikji_db_t *db, const char *term, size_t len, char *out,
                size_t outsz)
{
    /* Only words with a Latin letter get a stem: digits and other scripts
     * gain nothing from the English stemmer. */
    int letter = 0;
    for (size_t i = 0; i < len && !letter; i++)
        letter = (term[i] >= 'a' && term[i] <= 'z');
    if (!letter || outsz < 3)
        return 0;
    jk_stem_slot *slot = NULL;
    if (len < JK_STEM_WORD && db->stems) {
        slot = &db->stems[jk_hash64(term, len) & (db->nstems - 1)];
        if (slot->wl == len && memcmp(slot->word, term, len) == 0) {
            if (slot->sl >= outsz)
                return 0;
            memcpy(out, slot->stem, slot->sl);
            out[slot->sl] = '\0';
            return slot->sl;
        }
    }
    out[0] = 'Z';
    long n = jk_xstem_word(db->stem, term, len, out + 1, outsz - 1);
    if (n <= 0)
        return 0;
    if (slot && (size_t)n + 1 < sizeof slot->stem) {
        slot->wl = (unsigned char)len;
        memcpy(slot->word, term, len);
        slot->sl = (unsigned char)(n + 1);
        memcpy(slot->stem, out, (size_t)n + 1);
    }
    return (size_t)n + 1;
}

/* Split the newline-separated list val (modified: the vault list, the
 * synonym files) and call fn for each line. */
static void
each_line(char *val, jikji_name_fn fn, void *ud)
{
    for (char *line = val; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line && fn(ud, line, 0))
            break;
        line = nl ? nl + 1 : NULL;
    }
}

/* The vault list of the index x holds, to fn. */
static jikji_status_t
vault_list(jikji_db_t *db, jk_xdb *x, jikji_name_fn fn, void *ud)
{
    char *val = NULL;
    size_t len = 0;
    jikji_status_t st = jk_xdb_get_meta(x, JK_META_VAULTS, &val, &len);
    if (st != JIKJI_OK)
        return jk_db_fail(db, st, "%s", jk_xdb_errmsg(x));
    each_line(val, fn, ud);
    free(val);
    return JIKJI_OK;
}

jikji_status_t
jikji_db_vaults(jikji_db_t *db, jikji_name_fn fn, void *ud)
{
    if (!db || !fn)
        return JIKJI_EINVAL;
    jikji_status_t st = jk_db_refresh(db);
    return st == JIKJI_OK ? vault_list(db, db->x, fn, ud) : st;
}

jikji_status_t
jk_db_replaced_vaults(jikji_db_t *db, jikji_name_fn fn, void *ud)
{
    return db->lock_x ? vault_list(db, db->lock_x, fn, ud) : JIKJI_OK;
}

jikji_status_t
jikji_db_synonym_files(jikji_db_t *db, jikji_name_fn fn, void *ud)
{
    if (!db || !fn)
        return JIKJI_EINVAL;
    /* A rebuild's handle writes a new index: the old one has the list. */
    jk_xdb *x = db->lock_x ? db->lock_x : db->x;
    char *val = NULL;
    size_t len = 0;
    jikji_status_t st = jk_db_refresh(db);
    if (st == JIKJI_OK)
        st = jk_xdb_get_meta(x, JK_META_SYNONYM_FILES, &val, &len);
    if (st != JIKJI_OK) {
        jk_db_fail(db, st, "%s", jk_xdb_errmsg(x));
        return st;
    }
    each_line(val, fn, ud);
    free(val);
    return JIKJI_OK;
}

/* The vault list has been the same metadata key, in the same format,
 * since schema 2: it can be read from an index this jikji cannot
 * otherwise use, so that --rebuild keeps its vaults. */
jikji_status_t
jikji_db_vaults_at(const char *dir, jikji_name_fn fn, void *ud,
                   char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (!dir || !*dir || !fn)
        return JIKJI_EINVAL;
    jk_xdb *x = NULL;
    jikji_status_t st = jk_xdb_open(dir, JK_XDB_READ, &x, errmsg);
    if (st != JIKJI_OK)
        return st;
    char *val = NULL;
    size_t len = 0;
    st = jk_xdb_get_meta(x, JK_META_VAULTS, &val, &len);
    if (st == JIKJI_OK)
        each_line(val, fn, ud);
    else if (errmsg)
        *errmsg = strdup(jk_xdb_errmsg(x));
    free(val);
    jk_xdb_close(x);
    return st;
}

typedef struct tag_walk {
    jikji_name_fn fn;
    void *ud;
    size_t skip;
} tag_walk;

static int
on_tag_term(void *ud, const char *term, size_t len, uint64_t freq)
{
    tag_walk *w = ud;
    char name[256];
    size_t n = len - w->skip < sizeof name - 1 ? len - w->skip : sizeof name - 1;
    memcpy(name, term + w->skip, n);
    name[n] = '\0';
    return w->fn(w->ud, name, freq);
}

jikji_status_t
jikji_db_tags(jikji_db_t *db, jikji_name_fn fn, void *ud)
{
    if (!db || !fn)
        return JIKJI_EINVAL;
    tag_walk w = {fn, ud, strlen(JK_P_NOTETAG)};
    jikji_status_t st = jk_db_refresh(db);
    if (st == JIKJI_OK)
        st = jk_xdb_terms_each(db->x, JK_P_NOTETAG, on_tag_term, &w);
    return st == JIKJI_OK ? st : jk_db_xfail(db, st);
}

jikji_status_t
jikji_db_updated(jikji_db_t *db, int64_t *when)
{
    if (!db || !when)
        return JIKJI_EINVAL;
    char *val = NULL;
    size_t len = 0;
    jikji_status_t st = jk_db_refresh(db);
    if (st == JIKJI_OK)
        st = jk_xdb_get_meta(db->x, JK_META_UPDATED, &val, &len);
    if (st != JIKJI_OK)
        return jk_db_xfail(db, st);
    *when = val ? strtoll(val, NULL, 10) : 0;
    free(val);
    return JIKJI_OK;
}

jikji_status_t
jikji_db_set_expansion(jikji_db_t *db, int on)
{
    if (!db)
        return JIKJI_EINVAL;
    db->no_expand = !on;
    return JIKJI_OK;
}

int
jk_absolute_path(const char *arg, char out[PATH_MAX])
{
    char cwd[PATH_MAX];
    int n0;
    if (arg[0] == '/')
        n0 = snprintf(out, PATH_MAX, "%s", arg);
    else if (getcwd(cwd, sizeof cwd))
        n0 = snprintf(out, PATH_MAX, "%.*s/%s", PATH_MAX / 2, cwd, arg);
    else
        return -1;
    if (n0 < 0 || n0 >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/')
        out[--n] = '\0';
    return 0;
}

int
jk_existing_path(const char *arg, char out[PATH_MAX])
{
    char abs[PATH_MAX], head[PATH_MAX];
    if (jk_absolute_path(arg, abs) < 0)
        return -1;
    /* The longest head of abs that exists: abs[0, end). */
    size_t end = strlen(abs);
    for (;;) {
        if (end == 0) {
            strcpy(out, "/");
            break;
        }
        memcpy(head, abs, end);
        head[end] = '\0';
        if (realpath(head, out))
            break;
        if (errno != ENOENT && errno != ENOTDIR)
            return -1;
        end = (size_t)(strrchr(head, '/') - head);
    }
    /* The rest, which does not exist, has no symlinks to follow. */
    size_t n = strlen(out);
    for (const char *p = abs + end; *p;) {
        while (*p == '/')
            p++;
        const char *q = p;
        while (*q && *q != '/')
            q++;
        size_t len = (size_t)(q - p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            char *s = strrchr(out, '/');
            n = s == out ? 1 : (size_t)(s - out);
            out[n] = '\0';
        } else if (len && !(len == 1 && p[0] == '.')) {
            if (n + 1 + len >= PATH_MAX) {
                errno = ENAMETOOLONG;
                return -1;
            }
            if (n > 1)
                out[n++] = '/';
            memcpy(out + n, p, len);
            n += len;
            out[n] = '\0';
        }
        p = q;
    }
    return 0;
}

int
jk_link_path(const char *arg, char out[PATH_MAX])
{
    size_t n = strlen(arg);
    while (n > 1 && arg[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && arg[b - 1] != '/')
        b--;
    char parent[PATH_MAX], dir[PATH_MAX];
    if (b >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(parent, b ? arg : ".", b ? b : 2);
    if (b)
        parent[b] = '\0';
    if (jk_existing_path(parent, dir) < 0)
        return -1;
    size_t dl = strlen(dir), bl = n - b;
    if (dl + 1 + bl >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (dl > 1)
        dir[dl++] = '/';
    memcpy(dir + dl, arg + b, bl);
    dir[dl + bl] = '\0';
    memcpy(out, dir, dl + bl + 1);
    return 0;
}

int
jk_named_path(const char *arg, char out[PATH_MAX])
{
    struct stat lst, st;
    if (lstat(arg, &lst) == 0 && S_ISLNK(lst.st_mode) &&
        !(stat(arg, &st) == 0 && S_ISDIR(st.st_mode)))
        return jk_link_path(arg, out); /* the link's own name */
    if (realpath(arg, out))
        return 0;
    return jk_existing_path(arg, out);
}

jikji_status_t
jikji_db_load_synonyms(jikji_db_t *db, const char *path)
{
    if (!db || !path)
        return JIKJI_EINVAL;
    jk_synonyms *t = NULL;
    char *msg = NULL;
    jikji_status_t st = jk_synonyms_load(path, &t, &msg);
    if (st != JIKJI_OK) {
        jk_db_fail(db, st, "%s", msg ? msg : path);
        jikji_free(msg);
        return st;
    }
    /* A user's file, loaded on top of the built-in dictionary, is kept in
     * the list by its absolute path as given: through a symlink (a
     * dotfile manager's), the link, not what it points at today. */
    char abs[PATH_MAX];
    const char *name = jk_absolute_path(path, abs) == 0 ? abs : path;
    /* Only a regular file can be read again: a pipe (--synonyms <(...),
     * /dev/fd/63) is read once, and the next run must not read whatever
     * that descriptor is then, or wait on it. */
    struct stat fst;
    int again = stat(path, &fst) == 0 && S_ISREG(fst.st_mode);
    if (db->syn && again &&
        ((db->syn_files.len && jk_buf_putc(&db->syn_files, '\n') < 0) ||
         jk_buf_puts(&db->syn_files, name) < 0)) {
        jk_synonyms_free(t);
        return JIKJI_ENOMEM;
    }
    if (!db->syn) {
        db->syn = t;
        return JIKJI_OK;
    }
    st = jk_synonyms_merge(db->syn, t);
    jk_synonyms_free(t);
    return st;
}
