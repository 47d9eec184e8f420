#!/usr/bin/env bash
# T195: index on the cases a QA pass found wrong: overlapping paths in one
# run (notes added twice, kept twice by --rebuild), a note that stops being
# a note (kept forever), an unreadable folder (its notes removed, exit 0),
# status counting skipped notes as new forever, a symlink to a folder
# called a device, a vault path with a line break (a corrupt vault list),
# --rebuild with a vault gone (an I/O error without a hint), and --forget's
# message for a folder never indexed.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# --- overlapping paths: each note once ---------------------------------------------
mkdir -p "$T/v/sub" "$T/n/sub"
printf '# A\n\nalphaword\n' >"$T/v/a.md"
printf '# E\n\netaword\n' >"$T/v/sub/e.md"
printf '# B\n\nbetaword\n' >"$T/n/sub/b.md"
ln -s v "$T/vl"
for args in "v v" "v vl" "v v/sub" "v v/sub/e.md" "v/sub v"; do
    db="$T/db-${args// /_}"
    db=${db//\//-}
    # shellcheck disable=SC2086 # the words of args are the paths
    (cd "$T" && "$JIKJI" --db "$db" index -q $args)
    jk --db "$db" search -c etaword
    expect_eq "$OUT" 1 "index $args: the note is indexed once"
    jk --db "$db" index --rebuild -q
    jk --db "$db" search -c etaword
    expect_eq "$OUT" 1 "index $args, then --rebuild: still once"
done
# Nested vaults indexed in two runs, then rebuilt and updated.
jk --db "$T/dbn" index -q n
jk --db "$T/dbn" index -q n/sub
jk --db "$T/dbn" index --rebuild -q
jk --db "$T/dbn" search -c betaword
expect_eq "$OUT" 1 "nested vaults rebuilt: the note is indexed once"
printf '# C\n\ngammaword\n' >"$T/n/sub/c.md"
jk --db "$T/dbn" index -q
jk --db "$T/dbn" search -c gammaword
expect_eq "$OUT" 1 "nested vaults updated: a new note is indexed once"
jk --db "$T/dbn" status --json
expect_contains "$OUT" "\"vaults\":[\"$T/n\"]" "a folder indexed inside a vault is a part of it, not another vault"
# ... so moving that folder or deleting a note indexed on its own leaves
# no vault behind that no longer exists (which blocked --rebuild).
printf '# D\n\ndeltaword\n' >"$T/n/d.md"
jk --db "$T/dbn" index -q n/d.md
jk --db "$T/dbn" search --json deltaword
expect_contains "$OUT" '"path":"n/d.md"' "a note indexed on its own has its vault-relative path"
mv "$T/n/sub" "$T/n/sub2"
rm "$T/n/d.md"
jk --db "$T/dbn" index
expect_code 0 "index after the folder moved and the note was deleted"
expect_not_contains "$ERR" "no longer exists" "no vault is missing"
jk --db "$T/dbn" index --rebuild -q
expect_code 0 "--rebuild is not blocked"
jk --db "$T/dbn" search -l gammaword
expect_eq "$OUT" "n/sub2/c.md" "the moved note is found at its new path"
mv "$T/n/sub2" "$T/n/sub"
# A folder a vault's walks leave out is not indexed on its own either: it
# would be gone again at the next run.
mkdir -p "$T/n/.trash"
printf 'trashword\n' >"$T/n/.trash/t.md"
jk --db "$T/dbn" index n/.trash
expect_code 0 "index a hidden folder of a vault"
expect_contains "$ERR" "where its walks do not go (a hidden file or folder, node_modules, or a Jekyll site's _site or vendor); not indexed" "it says why it is not indexed"
jk --db "$T/dbn" search -c trashword
expect_eq "$OUT" 0 "the hidden folder's note is not indexed"
rm -r "$T/n/.trash"
printf 'hiddenfileword\n' >"$T/n/.hidden.md"
jk --db "$T/dbn" index n/.hidden.md
expect_contains "$ERR" "where its walks do not go (a hidden file or folder" "a hidden note named alone: said as a hidden file, not a folder"
rm "$T/n/.hidden.md"

# --- a note that stops being a note loses its sections -----------------------------
mkdir -p "$T/vr"
for n in bin fifo dir big utf16 dangling; do printf '# %s\n\nreplaceword\n' "$n" >"$T/vr/$n.md"; done
printf '# keep\n\nkeepword\n' >"$T/vr/keep.md"
jk --db "$T/dbr" index -q vr
jk --db "$T/dbr" search -c replaceword
expect_eq "$OUT" 6 "six notes indexed"
head -c 3000 /bin/ls >"$T/vr/bin.md"
rm "$T/vr/fifo.md" && mkfifo "$T/vr/fifo.md"
rm "$T/vr/dir.md" && mkdir "$T/vr/dir.md"
printf '\xff\xfe#\x00' >"$T/vr/utf16.md"
head -c 2000000 /dev/zero | tr '\0' a >>"$T/vr/big.md"
rm "$T/vr/dangling.md" && ln -s "$T/nowhere.md" "$T/vr/dangling.md"
RUN_TIMEOUT=60 jk --db "$T/dbr" index vr
expect_code 0 "index after the notes changed kind"
jk --db "$T/dbr" search -c replaceword
# big.md is 2 MB: still a note; the five others are not.
expect_eq "$OUT" 1 "five notes that stopped being notes lose their sections"
jk --db "$T/dbr" search -c keepword
expect_eq "$OUT" 1 "the other note stays"
jk --db "$T/dbr-fresh" index -q vr
for q in replaceword keepword; do
    jk --db "$T/dbr" search --json "$q"
    a=$OUT
    jk --db "$T/dbr-fresh" search --json "$q"
    expect_eq "$(printf '%s\n' "$a" | grep -v '"summary"')" "$(printf '%s\n' "$OUT" | grep -v '"summary"')" \
        "'$q': the same hits as a fresh index"
done
jk --db "$T/dbr" status --json
expect_contains "$OUT" '"changed_since":{"added":0,"changed":0,"reread":0,"deleted":0,"skipped":4}' \
    "status: the four notes a run skips are skipped, not new, changed or deleted"

# --- a symlink to a folder named like a note: not looked at ------------------------
mkdir -p "$T/t7"
ln -s "$T/v" "$T/t7/folder.md"
jk --db "$T/db7" index t7
expect_not_contains "$ERR" "device" "a symlink to a folder is not called a device"

# --- a vault path with a line break is refused ---------------------------------------
mkdir "$T/nl"$'\n'"x"
printf '# A\n\nnlword\n' >"$T/nl"$'\n'"x/a.md"
jk --db "$T/dbnl" index "$T/nl"$'\n'"x"
expect_code 2 "a vault path with a line break"
expect_contains "$ERR" "line break is not supported" "the message says why"

# --- --rebuild with a vault gone: a clear error, nothing lost ---------------------------
mkdir -p "$T/gone"
printf '# G\n\ngoneword\n' >"$T/gone/g.md"
jk --db "$T/dbg" index -q gone v
rm -r "$T/gone"
jk --db "$T/dbg" index --rebuild
expect_code 2 "--rebuild with a vault that no longer exists"
expect_contains "$ERR" "the vault $T/gone no longer exists" "the message names the vault"
expect_contains "$ERR" "jikji index --forget $T/gone" "the hint says how to go on"
jk --db "$T/dbg" search -c goneword
expect_eq "$OUT" 1 "the gone vault's notes are still in the index"

# --- --forget of a folder never indexed ------------------------------------------------
jk --db "$T/dbg" index --forget "$T/v/nothere"
expect_code 2 "--forget of a path not in the index"
expect_contains "$ERR" "not in the index (neither a vault nor a folder or note of one)" \
    "the message does not call a folder a vault"

# --- an unreadable folder keeps its notes (as another user) ---------------------------
chmod 755 "$T"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$JIKJI" --version >/dev/null 2>&1; then
    mkdir -p "$T/t3/closed" "$T/t3/open" "$T/dbt3"
    printf '# A\n\nopenword\n' >"$T/t3/open/a.md"
    printf '# B\n\nclosedword\n' >"$T/t3/closed/b.md"
    chmod -R a+rX "$T/t3"
    chown 65534 "$T/dbt3"
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$JIKJI" --db "$T/dbt3" "$@"; }
    as_nobody index -q "$T/t3" >/dev/null 2>&1
    chmod 000 "$T/t3/closed"
    as_nobody index -q >/dev/null 2>&1
    chmod 755 "$T/t3/closed"
    n=$(as_nobody search -c closedword 2>/dev/null)
    expect_eq "$n" 1 "a note in a folder that cannot be read keeps its sections"
    chmod 000 "$T/t3"
    as_nobody index -q >/dev/null 2>&1
    chmod 755 "$T/t3"
    n=$(as_nobody search -c openword 2>/dev/null)
    expect_eq "$n" 1 "a vault folder that cannot be read keeps its notes"
else
    note "not root, or no setpriv: the unreadable-folder checks are skipped"
fi

# A folder moved out of the vault and linked back: the walk does not
# follow symlinked folders, so its notes leave the index, as a rebuild
# would leave them.
mkdir -p "$T/slv/proj" "$T/outside-proj"
printf '# 프로젝트\n\nsymfolderword\n' >"$T/slv/proj/p.md"
printf '# 남는\n\nstaysword\n' >"$T/slv/keep.md"
jk --db "$T/sldb" index -q "$T/slv"
jk --db "$T/sldb" search -c symfolderword
expect_eq "$OUT" 1 "the folder's note is indexed"
mv "$T/slv/proj" "$T/outside-proj/proj"
ln -s "$T/outside-proj/proj" "$T/slv/proj"
jk --db "$T/sldb" index "$T/slv"
expect_code 0 "index after the folder became a symlink"
expect_contains "$ERR" " 1 removed" "its note is removed"
jk --db "$T/sldb" search -c symfolderword
expect_eq "$OUT" 0 "a note behind a symlinked folder is not found, as after a rebuild"
jk --db "$T/sldb" search -c staysword
expect_eq "$OUT" 1 "the other note stays"

# A file named as a vault must be a note, as the walk takes notes.
printf 'not a note' >"$T/picture.png"
jk --db "$T/pngdb" index "$T/picture.png"
expect_code 2 "index of a .png named as a vault: exit 2"
expect_contains "$ERR" "picture.png: not a note: notes are files ending in .md, .markdown, .mdx or .txt" "it says why"
[ -e "$T/pngdb" ] && fail "the refused run left an index behind: $(ls "$T/pngdb")"
pass "the refused run creates no index"
jk --db "$T/pngdb" search anything
expect_code 2 "a search then says there is no index (exit 2)"
expect_contains "$ERR" "no index" "it says so"
mkfifo "$T/pipe.md"
jk --db "$T/pngdb" index "$T/pipe.md"
expect_code 2 "index of a FIFO named as a vault: exit 2, without blocking"
expect_contains "$ERR" "pipe.md: not a directory or file" "it says why"
jk --db "$T/notedb" index "$T/picture.png" "$T/blog-missing"
expect_code 2 "a refused path with another: exit 2"
[ -e "$T/notedb" ] && fail "the refused run left an index behind"
pass "nothing is created when any path is refused"
# In an index that exists, the vault list is unchanged.
printf '# ok\n\nokword\n' >"$T/ok.md"
jk --db "$T/pngdb" index -q "$T/ok.md"
expect_code 0 "index a note"
jk --db "$T/pngdb" index "$T/picture.png"
expect_code 2 "then the .png: exit 2"
jk --db "$T/pngdb" status --json
json_check 'len(recs[0]["vaults"]) == 1 and not recs[0]["vaults"][0].endswith("picture.png")' "the .png is not in the vault list"

# A Jekyll site: its built _site (notes without front matter are copied
# there as they are) and Bundler's vendor are left out, as Jekyll leaves
# them out; a vendor folder elsewhere is a folder of notes.
mkdir -p "$T/blog/_posts" "$T/blog/_site/x" "$T/blog/vendor/bundle/gems/g" "$T/blog/notes" "$T/plain/vendor"
printf 'title: blog\n' >"$T/blog/_config.yml"
printf -- '---\ntitle: 재시도\n---\n# 재시도\n\njekyllword post\n' >"$T/blog/_posts/2024-01-01-retry.md"
printf '# copied\n\njekyllword copied\n' >"$T/blog/_site/x/README.md"
printf '# gem\n\njekyllword gem\n' >"$T/blog/vendor/bundle/gems/g/README.md"
printf '# mine\n\njekyllword mine\n' >"$T/blog/notes/a.md"
printf '# v\n\nvendorword\n' >"$T/plain/vendor/a.md"
jk --db "$T/jdb" index -q "$T/blog" "$T/plain"
expect_code 0 "index a Jekyll site and a plain vault"
jk --db "$T/jdb" search -l jekyllword
expect_eq "$(printf '%s\n' "$OUT" | sort | tr '\n' ' ')" "blog/_posts/2024-01-01-retry.md blog/notes/a.md " \
    "the Jekyll site's _site and vendor are not indexed"
jk --db "$T/jdb" search -c vendorword
expect_eq "$OUT" 1 "a vendor folder outside a Jekyll site is"
jk --db "$T/jdb" index "$T/blog/_site"
expect_contains "$ERR" "a Jekyll site's _site or vendor); not indexed" "_site named on its own: said, not indexed"
jk --db "$T/jdb" search -c jekyllword
expect_eq "$OUT" 2 "still only the site's own notes"
# A vault moved (no link back) and indexed at its new path: its notes are
# renamed into the new vault, and the old path, empty, leaves the list
# (it was named missing at every run, and --rebuild refused to lose it).
mkdir -p "$T/mvold"
printf '# m\n\nmovedvaultword\n' >"$T/mvold/m.md"
jk --db "$T/mvdb" index -q "$T/mvold"
mv "$T/mvold" "$T/mvnew"
jk --db "$T/mvdb" index "$T/mvnew"
expect_contains "$ERR" "1 renamed" "the moved vault's note is renamed"
expect_contains "$ERR" "its notes are all in another vault now: it leaves the vault list" "the old path is said to leave the list"
expect_not_contains "$ERR" "left as is" "... and not also said to be left as is"
jk --db "$T/mvdb" status --json
json_check 'allrecs[0]["vaults"] == [E["T"] + "/mvnew"] and allrecs[0]["missing_vaults"] == []' "only the new path is listed"
jk --db "$T/mvdb" index --rebuild
expect_code 0 "--rebuild is not refused for the old path"
# Jekyll reads _config.yaml as well.
mkdir -p "$T/blog2/_site"
printf 'title: blog\n' >"$T/blog2/_config.yaml"
printf '# copied\n\nyamlsiteword\n' >"$T/blog2/_site/c.md"
printf '# post\n\nyamlsiteword\n' >"$T/blog2/p.md"
jk --db "$T/jdb2" index -q "$T/blog2"
jk --db "$T/jdb2" search -l yamlsiteword
expect_eq "$OUT" "blog2/p.md" "a site configured by _config.yaml: its _site is left out"

# A note that is a symlink to a file outside the vault is indexed under its
# link's name; similar finds it by that name (it looked it up by the
# target's and said the note was not in the index).
mkdir -p "$T/lv" "$T/lext"
printf '# 링크 노트\n\n## 캐시 무효화\n\nlinkedword 캐시 무효화 전략과 TTL.\n' >"$T/lext/real.md"
ln -s ../lext/real.md "$T/lv/linked.md"
printf '# 다른 노트\n\n## 캐시\n\nlinkedword 캐시 TTL 설계.\n' >"$T/lv/other.md"
jk --db "$T/ldb" index -q "$T/lv"
expect_code 0 "index a vault with a symlinked note"
jk --db "$T/ldb" similar -l "$T/lv/linked.md:3"
expect_code 0 "similar on the symlinked note"
expect_contains "$OUT" "lv/other.md" "it finds the other note"
run env -C "$T/lv" "$JIKJI" --db "$T/ldb" similar -l linked.md:3
expect_code 0 "similar on the symlinked note by a relative path"
expect_contains "$OUT" "other.md" "it finds the other note"

# A vault folder named like a note (notes.md/) replaced by a note file of
# that name, and back: the notes of what it was leave the index, as a
# rebuild leaves them (they stayed for good: "ghost" notes).
mkdir -p "$T/sw/notes.md"
printf '# a\n\nghostword\n' >"$T/sw/notes.md/a.md"
jk --db "$T/swdb" index -q "$T/sw/notes.md"
rm -r "$T/sw/notes.md"
printf '# f\n\nfileword\n' >"$T/sw/notes.md"
jk --db "$T/swdb" status
expect_contains "$OUT" "1 new, 0 changed, 1 deleted" "status: the folder's note deleted, the file new"
jk --db "$T/swdb" index -q
expect_code 0 "index after the folder became a file"
jk --db "$T/swdb" search -c ghostword
expect_code 1 "the folder's note left the index"
jk --db "$T/swdb" search -l fileword
expect_eq "$OUT" "sw/notes.md" "the note file is indexed"
rm "$T/sw/notes.md"
mkdir "$T/sw/notes.md"
printf '# b\n\nbackword\n' >"$T/sw/notes.md/b.md"
jk --db "$T/swdb" index -q
jk --db "$T/swdb" search -c fileword
expect_code 1 "the file became a folder again: the file's note left the index"
jk --db "$T/swdb" search -l backword
expect_eq "$OUT" "sw/notes.md/b.md" "the folder's note is indexed"
jk --db "$T/swdb" status --json
json_check 'recs[0]["notes"] == 1' "one note, as a rebuild gives"

# --db a symlink to a folder not made yet: a clear error (it was Xapian's
# "mkdir failed (File exists)" and a hint that the index was damaged).
ln -s "$T/not-made-yet" "$T/dangling-db"
jk --db "$T/dangling-db" index -q "$T/sw"
expect_code 2 "--db a dangling symlink: an error"
expect_contains "$ERR" "is a symlink to $T/not-made-yet, which does not exist" "the error names the missing target"
expect_not_contains "$ERR" "damaged" "no damaged-index hint"

done_testing
