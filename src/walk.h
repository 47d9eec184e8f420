/* walk.h - find the notes under a vault directory. */
#ifndef JIKJI_WALK_H
#define JIKJI_WALK_H

#include <sys/stat.h>

/* Called for every note file, in sorted path order within a directory.
 * `st` is the stat of the file (of the target, for a symlink).  Return
 * non-zero to stop the walk (that value is returned by jk_walk). */
typedef int (*jk_walk_fn)(void *ud, const char *path, const struct stat *st);
/* Called for a directory or entry that cannot be read, and for a path
 * with a note's name that is not indexed (a dangling symlink, a symlink
 * loop, a FIFO, socket or device): then `skipped_note` is 1. */
typedef void (*jk_walk_warn_fn)(void *ud, const char *path, const char *msg,
                                int skipped_note);

/* Walk `root` (a directory).  Skipped: names starting with '.', (.git,
 * .obsidian, .trash, ...), node_modules, and in a Jekyll site's folder
 * (one holding _config.yml or _config.toml) its _site and vendor; symlinks to directories are not
 * followed (no loops); symlinks to files are; only regular files whose
 * names end in .md, .markdown, .mdx or .txt are notes.  A FIFO, socket or
 * device with a note's name is reported and never opened.  Returns 0, -1 on
 * out of memory, or the callback's non-zero value. */
int jk_walk(const char *root, jk_walk_fn fn, jk_walk_warn_fn warn, void *ud);

/* Does a walk of `root` leave out `rel`, a path relative to it: does one
 * of its names start with '.' or is node_modules, or is one of the folders
 * on its way a Jekyll site's _site or vendor, or a symlink (the file
 * system is asked; rel's last name may be a symlinked note, which the
 * walk follows)?  With root NULL only the names are looked at. */
int jk_walk_leaves_out(const char *root, const char *rel);

/* Is `name` (a file name) a note by its extension? */
int jk_walk_is_note(const char *name);

/* Whether a file or folder of this name may make its folder a site whose
 * output folders the walk leaves out (jikji_is_site_config_name()). */
int jk_walk_is_site_config(const char *name);

#endif /* JIKJI_WALK_H */
