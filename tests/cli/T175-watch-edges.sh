#!/usr/bin/env bash
# T175: jikji watch on the cases a QA pass found broken: the index inside a
# vault (its own writes started update after update), a vault reached
# through a symlink (not watched), hard links and symlinks created in a
# vault (never indexed), a file written every 100 ms (held every other
# change back), a vault deleted and created again (not watched again),
# SIGHUP (killed it with a save lost), Ctrl-C during a long update
# (ignored until the update ended, then "the index is up to date"), a
# vault moved away and made again, a vault given twice (counted twice),
# a note made readable again (not seen), a Jekyll site's _site and a log
# (each write started an update), a skipped file (counted at every
# update), and a symlinked note's target outside the vault (not watched).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# Wait (up to 20 s) until `search -c WORD` (index $2) prints N.
wait_count() {
    local db=$1 word=$2 want=$3 desc=$4 err=$5 i got
    for i in $(seq 200); do
        got=$("$JIKJI" --db "$db" search -c "$word" 2>/dev/null)
        [ "${got:-0}" = "$want" ] && { pass "$desc"; return; }
        sleep 0.1
    done
    fail "$desc: search -c $word printed '${got:-nothing}', not $want; watch said: $(cat "$err")"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Wait (up to $2 tenths of a second, default 50) until the watch whose
# stderr is file $1 says it is watching.
wait_watching() {
    local i
    for i in $(seq "${2:-50}"); do grep -q "watching" "$1" && return; sleep 0.1; done
}
# Send watch $1 the signal $2 and wait for it: sets rc, its exit status,
# and ms, how long it took to end.
stop_watch() {
    local start
    start=$(date +%s%N)
    kill "-$2" "$1"
    wait "$1"
    rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
}
pids=()
at_exit 'kill -9 "${pids[@]}" 2>/dev/null'

# --- the index inside the vault; the vault through a symlink -----------------
mkdir -p "$T/real"
printf '# 첫 노트\n\nwatchfirst 노트\n' >"$T/real/a.md"
ln -s real "$T/link"
"$JIKJI" --db "$T/real/idx" watch "$T/link" 2>"$T/w1.err" &
w1=$!
pids+=("$w1")
wait_count "$T/real/idx" watchfirst 1 "the first update indexes the vault" "$T/w1.err"
printf '# 둘째\n\nwatchsymroot 노트\n' >"$T/real/b.md"
wait_count "$T/real/idx" watchsymroot 1 "a save in a vault watched through a symlink is found" "$T/w1.err"
expect_not_contains "$(cat "$T/w1.err")" "cannot watch" "the symlinked vault is watched"
# Its own writes in the vault do not start updates: no CPU while idle.
sleep 1
t1=$(cpu_ticks "$w1")
sleep 2
t2=$(cpu_ticks "$w1")
expect_eq "$t2" "$t1" "no CPU while idle with the index inside the vault"

# --- links created in the vault: no write follows them ---------------------------
printf '# 하드\n\nwatchhardlink 노트\n' >"$T/hard.md"
printf '# 심볼\n\nwatchsymlink 노트\n' >"$T/soft.md"
ln "$T/hard.md" "$T/real/hard.md"
ln -s "$T/soft.md" "$T/real/soft.md"
wait_count "$T/real/idx" watchhardlink 1 "a hard link made in the vault is found" "$T/w1.err"
wait_count "$T/real/idx" watchsymlink 1 "a symlink made in the vault is found" "$T/w1.err"

# --- a file written every 100 ms does not hold a save back ------------------------
(for i in $(seq 40); do echo "watchjournal$i" >>"$T/real/journal.md"; sleep 0.1; done) &
jpid=$!
pids+=("$jpid")
sleep 0.3
start=$(date +%s%N)
printf '# 바쁜\n\nwatchbusy 노트\n' >"$T/real/busy.md"
wait_count "$T/real/idx" watchbusy 1 "a save next to a file written every 100 ms is found" "$T/w1.err"
ms=$((($(date +%s%N) - start) / 1000000))
kill -0 "$jpid" 2>/dev/null || note "the writer ended first (slow machine): the bound is not shown"
[ "$ms" -lt 3000 ] || fail "the save took $ms ms to be found while the other file was written"
pass "found after $ms ms, while the other file was still written"
wait "$jpid"
# Its last update done: a signal during an update stops it at the next
# note (README), and the next check is of a save made while idle.
wait_count "$T/real/idx" watchjournal40 1 "the busy note's last line is indexed" "$T/w1.err"

# --- SIGHUP stops it cleanly, with a save just made ---------------------------------
printf '# 끊김\n\nwatchhangup 노트\n' >"$T/real/hup.md"
sleep 0.05
kill -HUP "$w1"
wait "$w1"
expect_eq "$?" 0 "SIGHUP stops watch with exit 0"
jk --db "$T/real/idx" search -c watchhangup
expect_eq "$OUT" 1 "the save made just before SIGHUP is indexed"

# --- a vault deleted and created again is watched again --------------------------
mkdir -p "$T/v2" "$T/v3"
printf '# 둘\n\nwatchvtwo 노트\n' >"$T/v2/a.md"
printf '# 셋\n\nwatchvthree 노트\n' >"$T/v3/a.md"
"$JIKJI" --db "$T/db2" watch "$T/v2" "$T/v3" 2>"$T/w2.err" &
w2=$!
pids+=("$w2")
wait_count "$T/db2" watchvtwo 1 "two vaults watched" "$T/w2.err"
rm -rf "$T/v2"
sleep 1
mkdir "$T/v2"
printf '# 돌아옴\n\nwatchreturned 노트\n' >"$T/v2/back.md"
wait_count "$T/db2" watchreturned 1 "a note in a vault created again is found" "$T/w2.err"
# Moved away (mv v v.old) and made again: the new folder is watched, and
# what is written in the old one is not the vault's.
mv "$T/v3" "$T/v3.old"
sleep 1
mkdir "$T/v3"
printf '# 새로\n\nwatchmovedback 노트\n' >"$T/v3/b.md"
wait_count "$T/db2" watchmovedback 1 "a note in a vault made again after a move is found" "$T/w2.err"
printf '# 또\n\nwatchmovedagain 노트\n' >"$T/v3/c.md"
wait_count "$T/db2" watchmovedagain 1 "... and a later save there too" "$T/w2.err"
printf '# 옛\n\nwatcholdplace 노트\n' >"$T/v3.old/d.md"
sleep 1.5
jk --db "$T/db2" search -c watcholdplace
expect_eq "$OUT" 0 "a save in the moved-away folder is not indexed"
kill -TERM "$w2"
wait "$w2"

# --- the vault count; a note made readable again (chmod) -------------------------
mkdir -p "$T/v4/sub"
printf '# 넷\n\nwatchvfour 노트\n' >"$T/v4/sub/a.md"
printf 'a\0\0\0\0b\n' >"$T/v4/bin.md"
"$JIKJI" --db "$T/db4" watch "$T/v4" "$T/v4" "$T/v4/sub" 2>"$T/w4.err" &
w4=$!
pids+=("$w4")
wait_count "$T/db4" watchvfour 1 "the vault given three ways is indexed" "$T/w4.err"
wait_watching "$T/w4.err"
expect_contains "$(cat "$T/w4.err")" "watching 1 vault;" "a vault given twice and its subfolder are one vault"
printf 'watchvfouragain\n' >>"$T/v4/sub/a.md"
wait_count "$T/db4" watchvfouragain 1 "an edit while watched is found" "$T/w4.err"
expect_eq "$(grep -c 'bin.md: binary file' "$T/w4.err")" 1 "a file skipped for good is warned about once, not at every update"
kill -TERM "$w4"
wait "$w4"
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null &&
    runuser -u nobody -- "$JIKJI" --version >/dev/null 2>&1; then
    chmod 755 "$T" # so that nobody can reach its folders
    mkdir -p "$T/v5"
    printf '# 다섯\n\nwatchchmod 노트\n' >"$T/v5/p.md"
    chmod 000 "$T/v5/p.md"
    chown -R nobody "$T/v5"
    mkdir -p "$T/db5"
    chown nobody "$T/db5"
    runuser -u nobody -- "$JIKJI" --db "$T/db5" watch "$T/v5" 2>"$T/w5.err" &
    w5=$!
    pids+=("$w5")
    wait_watching "$T/w5.err" 100
    chmod 644 "$T/v5/p.md"
    wait_count "$T/db5" watchchmod 1 "a note made readable (chmod) while watched is found" "$T/w5.err"
    kill -TERM "$w5"
    wait "$w5"
else
    note "not root: the chmod check needs another user"
fi

# --- a Jekyll build and a log start no update; the line says what changed ---------
mkdir -p "$T/blog/_posts" "$T/blog/_site/2026"
printf 'title: blog\n' >"$T/blog/_config.yml"
printf -- '---\ntitle: 글\n---\n# 글\n\nwatchjekyll 노트\n' >"$T/blog/_posts/a.md"
printf 'a\0\0\0\0\0\0\0\0\0b\n' >"$T/blog/_posts/bin.md"
"$JIKJI" --db "$T/db6" watch "$T/blog" 2>"$T/w6.err" &
w6=$!
pids+=("$w6")
wait_count "$T/db6" watchjekyll 1 "the Jekyll site's posts are indexed" "$T/w6.err"
wait_watching "$T/w6.err"
expect_match "$(cat "$T/w6.err")" "^jikji: [0-9:]+ 1 added, 1 skipped$" "the first update's line: 1 added, 1 skipped"
sleep 0.5
before=$(stat -c %y "$T/db6/jikji.writer")
for i in $(seq 10); do
    printf '# built %d\n\nwatchbuilt\n' "$i" >"$T/blog/_site/2026/p$i.md"
    echo "log $i" >>"$T/blog/build.log"
    sleep 0.1
done
mkdir "$T/blog/_site/new"
printf '# new\n\nwatchbuilt\n' >"$T/blog/_site/new/q.md"
sleep 1.5
expect_eq "$(stat -c %y "$T/db6/jikji.writer")" "$before" "writes in _site and to a log beside the notes start no update (the index is not opened)"
jk --db "$T/db6" search -c watchbuilt
expect_eq "$OUT" 0 "nothing of _site is indexed"
printf 'watchjekylledit\n' >>"$T/blog/_posts/a.md"
wait_count "$T/db6" watchjekylledit 1 "a post edited while the site builds is found" "$T/w6.err"
for i in $(seq 50); do [ "$(grep -c '^jikji: [0-9:]* ' "$T/w6.err")" -ge 2 ] && break; sleep 0.1; done
expect_match "$(tail -n 1 "$T/w6.err")" "^jikji: [0-9:]+ 1 updated$" "the edit's line says 1 updated, not the binary file skipped again"
# The site's _config.yml removed: _site holds notes like any folder now,
# watched and indexed; put back: they leave the index again.
rm "$T/blog/_config.yml"
wait_count "$T/db6" watchbuilt 11 "_config.yml removed: the notes of _site are indexed" "$T/w6.err"
printf '# later\n\nwatchbuilt\n' >"$T/blog/_site/2026/later.md"
wait_count "$T/db6" watchbuilt 12 "a note saved in _site then is seen" "$T/w6.err"
printf 'title: blog\n' >"$T/blog/_config.yml"
wait_count "$T/db6" watchbuilt 0 "_config.yml back: they leave the index" "$T/w6.err"
kill -TERM "$w6"
wait "$w6"

# --- a symlinked note's target outside the vault: its edits are seen --------------
mkdir -p "$T/outside" "$T/v7" "$T/outside2"
printf '# 밖\n\nwatchtarget 노트\n' >"$T/outside/target.md"
ln -s ../outside/target.md "$T/v7/link.md"
"$JIKJI" --db "$T/db7" watch "$T/v7" 2>"$T/w7.err" &
w7=$!
pids+=("$w7")
wait_count "$T/db7" watchtarget 1 "a symlinked note is indexed" "$T/w7.err"
wait_watching "$T/w7.err"
printf 'watchtargetedit\n' >>"$T/outside/target.md"
wait_count "$T/db7" watchtargetedit 1 "an edit of the target outside the vault is found" "$T/w7.err"
printf '# 밖2\n\nwatchtargettwo 노트\n' >"$T/outside2/second.md"
ln -s ../outside2/second.md "$T/v7/second.md"
wait_count "$T/db7" watchtargettwo 1 "a symlink made while watched is found" "$T/w7.err"
printf 'watchtargettwoedit\n' >>"$T/outside2/second.md"
wait_count "$T/db7" watchtargettwoedit 1 "... and an edit of its target outside the vault" "$T/w7.err"
mkdir "$T/outside2/sub"
printf '# 안쪽\n\nwatchoutsidesub 노트\n' >"$T/outside2/sub/other.md"
sleep 1.5
jk --db "$T/db7" search -c watchoutsidesub
expect_eq "$OUT" 0 "the target's folder is not taken as a vault"
# Other notes beside a target are not the vault's: saving one starts no
# update (the index is not opened).
sleep 0.5
before=$(stat -c %y "$T/db7/jikji.writer")
printf '# 이웃\n\nwatchneighbour 노트\n' >"$T/outside/neighbour.md"
printf 'watchneighbouredit\n' >>"$T/outside/neighbour.md"
sleep 1.5
expect_eq "$(stat -c %y "$T/db7/jikji.writer")" "$before" "a note saved beside a link's target outside the vault starts no update"
# A link made before its note: the note's folder is watched from then on.
mkdir "$T/outside3"
ln -s ../outside3/later.md "$T/v7/later.md"
sleep 1.5 # the link's own update: a dangling link, skipped
printf '# 나중\n\nwatchlatertarget 노트\n' >"$T/outside3/later.md"
wait_count "$T/db7" watchlatertarget 1 "a note made after the link to it is found" "$T/w7.err"
# ... also when the note's folder is made after the link (QA: one git
# checkout makes a link, its folder and its note; the folder was never
# watched): the nearest folder there is is watched for it.
mkdir "$T/outside5"
ln -s ../outside5/sub/deeper/later.md "$T/v7/later5.md"
sleep 1.5
mkdir -p "$T/outside5/sub/deeper"
printf '# 나중\n\nwatchlaterfolder 노트\n' >"$T/outside5/sub/deeper/later.md"
wait_count "$T/db7" watchlaterfolder 1 "a note whose folder was made after the link is found" "$T/w7.err"
printf 'watchlaterfolderedit\n' >>"$T/outside5/sub/deeper/later.md"
wait_count "$T/db7" watchlaterfolderedit 1 "... and its edits are seen" "$T/w7.err"
# The target's folder swapped for a new one (mv out, mv in: a sync tool, a
# deploy): the new folder's note is read, and its edits seen after.
mkdir "$T/outside.new"
printf '# 밖\n\nwatchswapnew 노트\n' >"$T/outside.new/target.md"
mv "$T/outside" "$T/outside.old"
mv "$T/outside.new" "$T/outside"
wait_count "$T/db7" watchswapnew 1 "the target's folder swapped: the new note is read" "$T/w7.err"
printf 'watchswapedit\n' >>"$T/outside/target.md"
wait_count "$T/db7" watchswapedit 1 "... and an edit in the new folder is seen" "$T/w7.err"
printf 'watcholdedit\n' >>"$T/outside.old/target.md"
sleep 1.5
jk --db "$T/db7" search -c watcholdedit
expect_eq "$OUT" 0 "an edit in the old folder, moved away, is not the link's"
kill -TERM "$w7"
wait "$w7"

# Many links, made in no sorted order: each target's edit is still seen, and
# a note beside them that no link names still is not.
mkdir -p "$T/outside4" "$T/v7b"
for i in $(seq 300 -1 1); do
    printf '# 링크 %d\n\nwatchmany%d 노트\n' "$i" "$i" >"$T/outside4/t$i.md"
    ln -s "../outside4/t$i.md" "$T/v7b/l$(( (i * 7919) % 300 )).md"
done
"$JIKJI" --db "$T/db7b" watch "$T/v7b" 2>"$T/w7b.err" &
w7b=$!
pids+=("$w7b")
wait_count "$T/db7b" watchmany150 1 "300 symlinked notes are indexed" "$T/w7b.err"
wait_watching "$T/w7b.err"
for i in 1 150 300; do
    printf 'watchmanyedit%d\n' "$i" >>"$T/outside4/t$i.md"
    wait_count "$T/db7b" "watchmanyedit$i" 1 "the edit of target $i of 300 outside the vault is found" "$T/w7b.err"
done
sleep 0.5
before=$(stat -c %y "$T/db7b/jikji.writer")
printf '# 이웃\n\nwatchmanyneighbour 노트\n' >"$T/outside4/t0.md"
sleep 1.5
expect_eq "$(stat -c %y "$T/db7b/jikji.writer")" "$before" "a note beside 300 targets that no link names starts no update"
kill -TERM "$w7b"
wait "$w7b"

# --- a signal during a short update: it ends, and a save made during it is indexed -
mkdir -p "$T/v8" "$T/staging8"
printf '# 여덟\n\nwatcheight 노트\n' >"$T/v8/a.md"
for i in $(seq 400); do
    printf '# 노트 %d\n\nwatchbulkeight 답변 %d\n' "$i" "$i" >"$T/staging8/n$i.md"
done
"$JIKJI" --db "$T/db8" watch "$T/v8" 2>"$T/w8.err" &
w8=$!
pids+=("$w8")
wait_count "$T/db8" watcheight 1 "the vault is indexed" "$T/w8.err"
wait_watching "$T/w8.err"
before=$(stat -c %y "$T/db8/jikji.writer")
mv "$T/staging8" "$T/v8/bulk"
# The update has started once the index is opened for writing.
for i in $(seq 500); do [ "$(stat -c %y "$T/db8/jikji.writer")" != "$before" ] && break; sleep 0.01; done
printf '# 마지막\n\nwatchlastsave 노트\n' >"$T/v8/zz.md"
stop_watch "$w8" HUP
expect_eq "$rc" 0 "SIGHUP during an update: exit 0"
if grep -q "stopped during an update" "$T/w8.err"; then
    [ "$ms" -ge 1000 ] || fail "the update was stopped $ms ms after the signal, not allowed its second to end"
    note "the update took over a second (a slow machine): stopped after $ms ms"
else
    jk --db "$T/db8" search -c watchlastsave
    expect_eq "$OUT" 1 "a save made during the update, just before SIGHUP, is indexed ($ms ms)"
    jk --db "$T/db8" search -c watchbulkeight
    expect_eq "$OUT" 400 "the update the signal came in finished"
fi

# --- Ctrl-C during a long update stops it at the next note, after a second -------------------------
mkdir -p "$T/big"
py - "$T/big" <<'PYEOF'
import os, sys
for i in range(4000):
    d = os.path.join(sys.argv[1], "d%02d" % (i % 40))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "n%04d.md" % i), "w") as f:
        f.write("# 노트 %d\n\n## 질문\n\nbulkword 재시도 토픽 %d 번째 답변 kafka consumer\n" % (i, i))
PYEOF
"$JIKJI" --db "$T/db3" watch "$T/big" 2>"$T/w3.err" &
w3=$!
pids+=("$w3")
for i in $(seq 100); do [ -e "$T/db3/iamglass" ] && break; sleep 0.05; done
sleep 0.3
stop_watch "$w3" INT
expect_eq "$rc" 0 "Ctrl-C during the first update: exit 0"
if grep -q "stopped during an update" "$T/w3.err"; then
    [ "$ms" -ge 1000 ] || fail "stopped $ms ms after Ctrl-C: an update gets a second to end first"
    pass "it says it stopped during the update ($ms ms after Ctrl-C: after its second)"
    expect_not_contains "$(cat "$T/w3.err")" "up to date" "it does not claim the index is up to date"
else
    note "the update ended before Ctrl-C or within the second after it (a fast machine): $(tail -n 1 "$T/w3.err")"
fi
jk --db "$T/db3" status
expect_code 0 "the index opens after the stop"
jk --db "$T/db3" index -q
expect_code 0 "the next run finishes the work"
jk --db "$T/db3" search -c bulkword
expect_eq "$OUT" 4000 "every note is indexed after the next run"

# A vault moved and linked back while watched (into a synced folder): the
# watch follows it to its new place, and edits there are indexed.
mkdir -p "$T/mvw/notes"
printf '# A\n\nmvwalpha\n' >"$T/mvw/notes/a.md"
jk --db "$T/dbmv" index -q "$T/mvw/notes"
"$JIKJI" --db "$T/dbmv" watch 2>"$T/wmv.err" &
wmv=$!
pids+=("$wmv")
wait_watching "$T/wmv.err"
mv "$T/mvw/notes" "$T/mvw/Synced"
ln -s Synced "$T/mvw/notes"
sleep 1.5
printf '# A\n\nmvwbravo\n' >"$T/mvw/Synced/a.md"
printf '# B\n\nmvwcharlie\n' >"$T/mvw/Synced/b.md"
wait_count "$T/dbmv" mvwbravo 1 "an edit after the vault moved and was linked back is indexed" "$T/wmv.err"
wait_count "$T/dbmv" mvwcharlie 1 "a note added there is indexed" "$T/wmv.err"
expect_not_contains "$(cat "$T/wmv.err")" "cannot watch" "no folder is left unwatched"
kill -TERM "$wmv"
wait "$wmv"

# A note whose other name (a hard link) is outside the vault, edited
# through that name: its file is watched too.  A symlinked note whose
# target's folder is deleted and made again (a sync tool): that folder is
# watched again.
mkdir -p "$T/hl/v" "$T/hl/out/t"
printf '# h\n\nhlold\n' >"$T/hl/out/h.md"
ln "$T/hl/out/h.md" "$T/hl/v/h.md"
printf '# t\n\nslold\n' >"$T/hl/out/t/x.md"
ln -s "$T/hl/out/t/x.md" "$T/hl/v/link.md"
"$JIKJI" --db "$T/dbhl" watch "$T/hl/v" 2>"$T/whl.err" &
whl=$!
pids+=("$whl")
wait_watching "$T/whl.err"
wait_count "$T/dbhl" hlold 1 "the hard-linked note is indexed" "$T/whl.err"
printf '# h\n\nhlnew\n' >"$T/hl/out/h.md"
wait_count "$T/dbhl" hlnew 1 "an edit through the outside name is indexed" "$T/whl.err"
rm -rf "$T/hl/out/t"
wait_count "$T/dbhl" slold 0 "the target's folder deleted: its note leaves" "$T/whl.err"
mkdir "$T/hl/out/t"
printf '# t\n\nslback\n' >"$T/hl/out/t/x.md"
wait_count "$T/dbhl" slback 1 "the folder made again: the note is back" "$T/whl.err"
printf '# t\n\nslagain\n' >"$T/hl/out/t/x.md"
wait_count "$T/dbhl" slagain 1 "and its edits are seen again" "$T/whl.err"
kill -TERM "$whl"
wait "$whl"

# A signal while watch only waits for another writer's lock stops it at
# once (it waited out the 3 s of tries first, as a service manager's
# stop timeout counts).
mkdir -p "$T/lk/v"
printf '# l\n\nlockword\n' >"$T/lk/v/a.md"
jk --db "$T/dblk" index -q "$T/lk/v"
hold_index_lock "$T/dblk" "$T/lk/held" 20 &
lkpid=$!
for i in $(seq 100); do [ -e "$T/lk/held" ] && break; sleep 0.1; done
"$JIKJI" --db "$T/dblk" watch "$T/lk/v" 2>"$T/wlk.err" &
wlk=$!
pids+=("$wlk" "$lkpid")
for i in $(seq 100); do grep -q "will retry" "$T/wlk.err" && break; sleep 0.1; done
printf '# l\n\nlockword2\n' >"$T/lk/v/a.md"
sleep 1.5   # the update after the save waits for the lock
t0=$(date +%s%N)
kill -INT "$wlk"
wait "$wlk"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
expect_eq "$rc" 2 "stopped while the index is locked, with a change waiting: exit 2"
expect_match "$(cat "$T/wlk.err")" "stopped with changes not indexed" "it says the change is not indexed"
[ "$ms" -lt 2000 ] && pass "the signal stopped the wait for the lock ($ms ms)" ||
    fail "watch took $ms ms to stop while waiting for the lock"
kill "$lkpid" 2>/dev/null
wait "$lkpid" 2>/dev/null

# An index that cannot be written now (ulimit -f here; a full disk, a
# read-only file system) does not end watch, which nobody may be there to
# start again: said once, tried again every 2 s, like a locked index.
mkdir -p "$T/fz/v"
printf '# f

fbigword
' >"$T/fz/v/a.md"
jk --db "$T/dbfz" index -q "$T/fz/v"
bash -c 'ulimit -f 64; exec "$0" --db "$1" watch "$2"' "$JIKJI" "$T/dbfz" "$T/fz/v" 2>"$T/wfz.err" &
wfz=$!
pids+=("$wfz")
wait_watching "$T/wfz.err"
py - "$T/fz/v" <<'PYEOF'
import sys
for i in range(30):
    with open(f"{sys.argv[1]}/big{i}.md", "w") as f:
        f.write("# big\n\n" + " ".join(f"f{i}x{j}" for j in range(3000)) + "\n")
PYEOF
for i in $(seq 100); do grep -q "will retry" "$T/wfz.err" && break; sleep 0.1; done
expect_match "$(cat "$T/wfz.err")" "File too large" "the write failure is reported"
expect_match "$(cat "$T/wfz.err")" "will retry every 2 s" "... and watch goes on, trying again"
sleep 4.5   # two more tries: said once
kill -0 "$wfz" 2>/dev/null && pass "watch is still running" || fail "watch ended: $(cat "$T/wfz.err")"
expect_eq "$(grep -c "File too large" "$T/wfz.err")" 1 "the failure is said once, not at every try"
stop_watch "$wfz" INT
expect_eq "$rc" 2 "stopped with the notes not indexed: exit 2"
expect_match "$(cat "$T/wfz.err")" "stopped with changes not indexed: the index is still not writable" \
    "... saying the index could not be written"
jk --db "$T/dbfz" index -q "$T/fz/v"
jk --db "$T/dbfz" search -c f29x2999
expect_eq "$OUT" 1 "the next run without the limit indexes them"

# A synonyms file broken while watch runs (a half-done edit) does not stop
# it (it exited 2 at the next save): the notes are indexed, the index
# keeps its groups, said once; the file fixed is read at the next update.
mkdir -p "$T/sy/v"
printf '# s\n\n코끼리\n' >"$T/sy/v/a.md"
printf -- '- [코끼리, zzok]\n' >"$T/sy/syn.yaml"
jk --db "$T/dbsy" --synonyms "$T/sy/syn.yaml" index -q "$T/sy/v"
"$JIKJI" --db "$T/dbsy" watch "$T/sy/v" 2>"$T/wsy.err" &
wsy=$!
pids+=("$wsy")
wait_watching "$T/wsy.err"
printf -- '- [코끼리, zzok\n' >"$T/sy/syn.yaml"
printf '# s\n\n코끼리 sysave1\n' >"$T/sy/v/a.md"
wait_count "$T/dbsy" sysave1 1 "a save after the synonyms file broke is indexed" "$T/wsy.err"
printf '# s\n\n코끼리 sysave2\n' >"$T/sy/v/a.md"
wait_count "$T/dbsy" sysave2 1 "and the next one" "$T/wsy.err"
kill -0 "$wsy" 2>/dev/null && pass "watch goes on with a broken synonyms file" ||
    fail "watch exited on a broken synonyms file: $(cat "$T/wsy.err")"
expect_eq "$(grep -c 'keeps the synonym groups it has' "$T/wsy.err")" 1 "the broken file is warned about once"
jk --db "$T/dbsy" search -c zzok
expect_eq "$OUT" 1 "the index keeps the group of the file before it broke"
printf -- '- [코끼리, zzok, syfixed]\n' >"$T/sy/syn.yaml"
printf '# s\n\n코끼리 sysave3\n' >"$T/sy/v/a.md"
wait_count "$T/dbsy" syfixed 1 "the file fixed: its groups are read at the next update" "$T/wsy.err"
kill -INT "$wsy"
# A vault on a drive unmounted and mounted again (a USB disk, a network
# share): inotify says nothing of mounts, and the vault was never watched
# again ("watched for its return", then nothing).  Needs mount(8) and the
# right to use it (root, no container that forbids it).
mkdir -p "$T/usb"
if [ "$(id -u)" = 0 ] && mount -t tmpfs tmpfs "$T/usb" 2>/dev/null; then
    at_exit "umount -l '$T/usb' 2>/dev/null"
    mkdir "$T/usb/notes"
    printf '# u\n\nusbword\n' >"$T/usb/notes/a.md"
    jk --db "$T/dbusb" index -q "$T/usb/notes"
    "$JIKJI" --db "$T/dbusb" watch "$T/usb/notes" 2>"$T/wusb.err" &
    wusb=$!
    pids+=("$wusb")
    wait_watching "$T/wusb.err"
    umount -l "$T/usb"
    for i in $(seq 50); do grep -q "no longer exists" "$T/wusb.err" && break; sleep 0.1; done
    mount -t tmpfs tmpfs "$T/usb"
    mkdir "$T/usb/notes"
    printf '# u\n\nusbword\n' >"$T/usb/notes/a.md"
    printf '# back\n\nusbreturnword\n' >"$T/usb/notes/new.md"
    wait_count "$T/dbusb" usbreturnword 1 "a vault on a drive mounted again is watched again" "$T/wusb.err"
    umount -l "$T/usb"
    mount -t tmpfs tmpfs "$T/usb"   # a mount over the vault's parent, empty
    mkdir "$T/usb/notes"
    printf '# again\n\nusbthirdword\n' >"$T/usb/notes/b.md"
    wait_count "$T/dbusb" usbthirdword 1 "... and again after another remount" "$T/wusb.err"
    stop_watch "$wusb" INT
    expect_eq "$rc" 0 "watch stops with exit 0"
    umount -l "$T/usb"
else
    note "mount -t tmpfs not allowed here: the remounted-vault check is skipped"
fi

wait "$wsy"
expect_eq "$?" 0 "watch stops with exit 0"

# --- a vault forgotten from another terminal while watch (no PATH) runs -----------
mkdir -p "$T/fg1" "$T/fg2"
printf '# a\n\nforgetone\n' >"$T/fg1/a.md"
printf '# b\n\nforgettwo\n' >"$T/fg2/b.md"
jk --db "$T/dbfg" index -q "$T/fg1" "$T/fg2"
"$JIKJI" --db "$T/dbfg" watch 2>"$T/wfg.err" &
wfg=$!
pids+=("$wfg")
wait_watching "$T/wfg.err"
jk --db "$T/dbfg" index --forget "$T/fg1"
expect_code 0 "forget a vault the watch watches"
printf 'forgetlater\n' >>"$T/fg1/a.md"
printf 'forgettwolater\n' >>"$T/fg2/b.md"
wait_count "$T/dbfg" forgettwolater 1 "the other vault is still updated" "$T/wfg.err"
jk --db "$T/dbfg" status --json
json_check 'allrecs[0]["vaults"] == [E["T"] + "/fg2"]' "the forgotten vault is not listed again by the watch"
jk --db "$T/dbfg" search -c forgetone
expect_eq "$OUT" 0 "its notes are not indexed again"
# A vault indexed from another terminal while watch runs is watched too
# (QA: it was not, until watch was started again).
mkdir -p "$T/fg3"
printf '# c\n\nforgetthree\n' >"$T/fg3/c.md"
jk --db "$T/dbfg" index -q "$T/fg3"
for _ in $(seq 100); do grep -q "also watching" "$T/wfg.err" && break; sleep 0.1; done
printf 'newvaultedit\n' >>"$T/fg3/c.md"
wait_count "$T/dbfg" newvaultedit 1 "a vault indexed since watch started is updated too" "$T/wfg.err"
expect_contains "$(cat "$T/wfg.err")" "also watching fg3 (indexed since watch started)" "the watch says so"
stop_watch "$wfg" INT
expect_contains "$(cat "$T/wfg.err")" "no longer a vault of the index (forgotten)" "the watch says it stopped updating it"

# --- the index deleted while watch (no PATH) runs: an error, no empty index ---
# It made an empty index, called the vault forgotten and exited 0.
mkdir -p "$T/dl"
printf '# a\n\ndeleteone\n' >"$T/dl/a.md"
jk --db "$T/dbdl" index -q "$T/dl"
"$JIKJI" --db "$T/dbdl" watch 2>"$T/wdl.err" &
wdl=$!
pids+=("$wdl")
wait_watching "$T/wdl.err"
rm -rf "$T/dbdl"
printf 'deletetwo\n' >>"$T/dl/a.md"
for i in $(seq 50); do kill -0 "$wdl" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$wdl" 2>/dev/null; then
    stop_watch "$wdl" INT
    fail "watch went on with its index deleted (exit $rc on SIGINT): $(cat "$T/wdl.err")"
fi
wait "$wdl"
expect_eq "$?" 2 "watch of the index's vaults exits 2 once the index is deleted"
expect_match "$(cat "$T/wdl.err")" "no index at .*dbdl" "... saying there is no index"
[ ! -e "$T/dbdl" ] && pass "no empty index is made" || fail "an index was made: $(ls "$T/dbdl")"

# --- a vault that cannot be read for a while (chmod), as a user root is not ---
# watch named it to the update, which failed: exit 2, and no vault was
# updated any more (QA).  Now it is left as is until it can be read.
# setpriv execs jikji in its own process (runuser would not pass SIGINT on).
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
    "${nobody[@]}" "$JIKJI" --version >/dev/null 2>&1; then
    chmod 755 "$T"
    mkdir -m 777 "$T/ua" "$T/ub" "$T/udb"
    printf '# A\n\nalpha one\n' >"$T/ua/n.md"
    printf '# B\n\nbeta one\n' >"$T/ub/m.md"
    chmod 666 "$T/ua/n.md" "$T/ub/m.md"
    run "${nobody[@]}" "$JIKJI" --db "$T/udb" index -q "$T/ua" "$T/ub"
    expect_code 0 "nobody indexes two vaults"
    "${nobody[@]}" "$JIKJI" --db "$T/udb" watch 2>"$T/wu.err" &
    wu=$!
    pids+=("$wu")
    wait_watching "$T/wu.err"
    chmod 000 "$T/ub"
    sleep 0.3
    printf '# A\n\nalpha uptwo\n' >"$T/ua/n.md"
    wait_count "$T/udb" uptwo 1 "a save in the readable vault is indexed" "$T/wu.err"
    expect_match "$(cat "$T/wu.err")" "ub: Permission denied; left as is until it can be read" \
        "the unreadable vault is named, once"
    chmod 777 "$T/ub"
    sleep 0.3
    printf '# B\n\nbeta upthree\n' >"$T/ub/m.md"
    wait_count "$T/udb" upthree 1 "readable again, the vault is updated" "$T/wu.err"
    kill -0 "$wu" 2>/dev/null && pass "watch is still running" || fail "watch ended: $(cat "$T/wu.err")"
    stop_watch "$wu" INT
    expect_eq "$rc" 0 "watch stops with exit 0"
else
    note "not root, no setpriv, or jikji not runnable by nobody: the unreadable-vault check is skipped"
fi

# --- the index's file system read-only for a while ------------------------------
# watch exited 2 ("Read-only file system" when opening the index), where a
# full disk was tried again every 2 s.  Needs mount(8) and the right to use it.
mkdir -p "$T/rom" "$T/rov"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=20m tmpfs "$T/rom" 2>/dev/null; then
    at_exit "umount -l '$T/rom' 2>/dev/null"
    printf '# r\n\nroone\n' >"$T/rov/a.md"
    jk --db "$T/rom/db" index -q "$T/rov"
    "$JIKJI" --db "$T/rom/db" watch "$T/rov" 2>"$T/wro.err" &
    wro=$!
    pids+=("$wro")
    wait_watching "$T/wro.err"
    mount -o remount,ro "$T/rom"
    printf '# r\n\nroone rotwo\n' >"$T/rov/a.md"
    for i in $(seq 100); do grep -q "will retry" "$T/wro.err" && break; sleep 0.1; done
    expect_match "$(cat "$T/wro.err")" "Read-only file system" "the read-only index is reported"
    expect_match "$(cat "$T/wro.err")" "will retry every 2 s" "... and watch goes on, trying again"
    sleep 2.5
    kill -0 "$wro" 2>/dev/null && pass "watch is still running" || fail "watch ended: $(cat "$T/wro.err")"
    expect_eq "$(grep -c "Read-only file system" "$T/wro.err")" 1 "the failure is said once, not at every try"
    mount -o remount,rw "$T/rom"
    wait_count "$T/rom/db" rotwo 1 "writable again, the save is indexed" "$T/wro.err"
    stop_watch "$wro" INT
    expect_eq "$rc" 0 "watch stops with exit 0"
    umount -l "$T/rom"
else
    note "mount -t tmpfs not allowed here: the read-only index check is skipped"
fi

pids=()   # every watch above was stopped and reaped
done_testing
