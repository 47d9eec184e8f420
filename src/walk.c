/* walk.c - recursive, deterministic, loop-free walk of a vault. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "jikji.h"

/* Deeper trees than this are reported, not descended. */
#define JK_WALK_MAX_DEPTH 64

int
jk_walk_is_note(const char *name)
{
    static const char *const exts[] = {".md", ".markdown", ".mdx", ".txt"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(name + n - e, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static int
skip_name(const char *name)
{
    return name[0] == '.' || strcmp(name, "node_modules") == 0;
}

/* The names Jekyll reads its configuration from. */
static const char *const site_configs[] = {"_config.yml", "_config.yaml",
                                           "_config.toml"};
/* Hugo's and Zola's (config.* only beside a content folder). */
static const char *const hugo_configs[] = {"hugo.toml", "hugo.yaml",
                                           "hugo.json", "config.toml",
                                           "config.yaml", "config.json"};
/* The folders beside config.* and content that make a Hugo or Zola site
 * (`hugo new site`, `zola init`). */
static const char *const site_dirs[] = {"archetypes", "layouts", "static",
                                        "templates", "themes"};

int
jk_walk_is_site_config(const char *name)
{
    for (size_t i = 0; i < sizeof site_configs / sizeof *site_configs; i++)
        if (!strcmp(name, site_configs[i]))
            return 1;
    for (size_t i = 0; i < sizeof hugo_configs / sizeof *hugo_configs; i++)
        if (!strcmp(name, hugo_configs[i]))
            return 1;
    if (!strcmp(name, "content"))
        return 1;
    for (size_t i = 0; i < sizeof site_dirs / sizeof *site_dirs; i++)
        if (!strcmp(name, site_dirs[i]))
            return 1;
    return 0;
}

static int
is_dir_at(int dfd, const char *name)
{
    struct stat st;
    return fstatat(dfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

static int
any_of(int dfd, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (faccessat(dfd, names[i], F_OK, 0) == 0)
            return 1;
    return 0;
}

/* Whether the folder `name` in the folder dfd is one a site generator
 * writes or fills, not notes, as the generator leaves it out of its own
 * build too:
 *   - a Jekyll site's (a folder holding _config.yml, .yaml or .toml)
 *     _site, the built site, where notes without front matter are copied
 *     as they are, and vendor, gems installed with --path vendor/bundle,
 *     whose READMEs are Markdown;
 *   - a Hugo or Zola site's (hugo.toml, .yaml or .json, or config.toml,
 *     .yaml or .json beside a content folder and one of archetypes,
 *     layouts, static, templates or themes, as `hugo new site` and `zola
 *     init` make them: a vault with a config.yaml, a content folder and
 *     a public one of notes is no site) public, the built site,
 *     resources, generated, and themes, a theme's own README and the
 *     example site it ships (QA: their posts and tags mixed with the
 *     user's). */
static int
site_output(int dfd, const char *name)
{
    if (!strcmp(name, "_site") || !strcmp(name, "vendor"))
        return any_of(dfd, site_configs,
                      sizeof site_configs / sizeof *site_configs);
    if (strcmp(name, "public") && strcmp(name, "resources") &&
        strcmp(name, "themes"))
        return 0;
    if (any_of(dfd, hugo_configs, 3))
        return 1;
    if (!any_of(dfd, hugo_configs + 3, 3) || !is_dir_at(dfd, "content"))
        return 0;
    for (size_t i = 0; i < sizeof site_dirs / sizeof *site_dirs; i++)
        if (is_dir_at(dfd, site_dirs[i]))
            return 1;
    return 0;
}

int
jk_walk_leaves_out(const char *root, const char *rel)
{
    char name[256], path[PATH_MAX];
    size_t pl = root ? strlen(root) : 0;
    if (pl >= sizeof path)
        root = NULL; /* names only */
    else if (root)
        memcpy(path, root, pl + 1);
    while (*rel) {
        size_t n = strcspn(rel, "/");
        if (n > 0 && n < sizeof name) {
            memcpy(name, rel, n);
            name[n] = '\0';
            if (skip_name(name))
                return 1;
            /* path is the folder that holds name.  (A note is never named
             * as a site's output folder: it has no note extension.) */
            if (root) {
                int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                int out = dfd >= 0 && site_output(dfd, name);
                if (dfd >= 0)
                    close(dfd);
                if (out)
                    return 1;
            }
            if (root) {
                if (pl + 1 + n >= sizeof path)
                    return 0;
                path[pl++] = '/';
                memcpy(path + pl, name, n + 1);
                pl += n;
                /* A folder on the way that is a symlink: not followed. */
                struct stat st;
                if (rel[n] == '/' && lstat(path, &st) == 0 &&
                    S_ISLNK(st.st_mode))
                    return 1;
            }
        }
        rel += n;
        while (*rel == '/')
            rel++;
    }
    return 0;
}

int
jikji_is_note_name(const char *name)
{
    return name && jk_walk_is_note(name);
}

int
jikji_is_site_config_name(const char *name)
{
    return name && jk_walk_is_site_config(name);
}

int
jikji_folder_left_out(const char *parent, const char *name)
{
    /* One name: with a '/' it would be a path, walked name by name. */
    if (!name || !*name || strchr(name, '/'))
        return 0;
    return jk_walk_leaves_out(parent, name);
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk the directory whose path is in path->data. */
static int
walk_dir(jk_buf *path, int depth, jk_walk_fn fn, jk_walk_warn_fn warn,
         void *ud)
{
    if (depth > JK_WALK_MAX_DEPTH) {
        if (warn)
            warn(ud, path->data, "directory tree too deep; not descended", 0);
        return 0;
    }
    DIR *d = opendir(path->data);
    if (!d) {
        if (warn)
            warn(ud, path->data, strerror(errno), 0);
        return 0;
    }
    jk_strv names = JK_STRV_INIT;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (skip_name(e->d_name))
            continue;
        if (jk_strv_push(&names, e->d_name, strlen(e->d_name)) < 0) {
            rc = -1;
            break;
        }
    }
    /* Entries are looked at relative to the open directory: the kernel
     * does not walk the whole path again for each one (a tenth of a
     * no-change run over 22,000 notes). */
    int dfd = dirfd(d);
    if (rc == 0 && names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_names);

    size_t base = path->len;
    for (size_t i = 0; rc == 0 && i < names.n; i++) {
        path->len = base;
        if (jk_buf_putc(path, '/') < 0 || jk_buf_puts(path, names.v[i]) < 0) {
            rc = -1;
            break;
        }
        struct stat lst, st;
        if (fstatat(dfd, names.v[i], &lst, AT_SYMLINK_NOFOLLOW) < 0) {
            if (errno != ENOENT && warn) /* vanished: nothing to say */
                warn(ud, path->data, strerror(errno),
                     jk_walk_is_note(names.v[i]));
            continue;
        }
        if (S_ISDIR(lst.st_mode)) {
            if (!site_output(dfd, names.v[i]))
                rc = walk_dir(path, depth + 1, fn, warn, ud);
            continue;
        }
        if (!jk_walk_is_note(names.v[i]))
            continue;
        if (S_ISLNK(lst.st_mode)) {
            if (fstatat(dfd, names.v[i], &st, 0) < 0) {
                if (warn)
                    warn(ud, path->data, errno == ELOOP
                         ? "symlink loop; skipped" : "dangling symlink; skipped",
                         1);
                continue;
            }
        } else {
            st = lst;
        }
        if (S_ISREG(st.st_mode))
            rc = fn(ud, path->data, &st);
        else if (S_ISDIR(st.st_mode))
            continue; /* a symlink to a folder: not followed, as any */
        else if (warn) /* never opened: a FIFO would block the run */
            warn(ud, path->data,
                 S_ISFIFO(st.st_mode)   ? "a FIFO, not a file; skipped"
                 : S_ISSOCK(st.st_mode) ? "a socket, not a file; skipped"
                                        : "a device, not a file; skipped",
                 1);
    }
    closedir(d);
    path->len = base;
    path->data[base] = '\0';
    jk_strv_fini(&names);
    return rc;
}

int
jk_walk(const char *root, jk_walk_fn fn, jk_walk_warn_fn warn, void *ud)
{
    jk_buf path = JK_BUF_INIT;
    if (jk_buf_puts(&path, root) < 0)
        return -1;
    /* Strip trailing slashes (but keep "/"). */
    while (path.len > 1 && path.data[path.len - 1] == '/')
        path.data[--path.len] = '\0';
    int rc = walk_dir(&path, 0, fn, warn, ud);
    jk_buf_fini(&path);
    return rc;
}
