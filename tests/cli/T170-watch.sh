#!/usr/bin/env bash
# T170: jikji watch: saved, renamed-into-place, deleted notes and new
# folders reach the index within seconds; another writer holding the lock
# for long or a watched vault deleted does not stop it; SIGTERM stops it
# with exit 0 and everything committed; it uses no CPU while idle.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"
mkdir "$T/v2"
printf '# 둘째 볼트\n\nwatchsecond 노트\n' >"$T/v2/s.md"
# Read-only guarantee: every note the test itself does not write (all but
# qna/behavioral.md) keeps its bytes, size, mode and mtime through watch.
snapshot() {
    (cd "$T/vault" && find . -type f ! -path ./qna/behavioral.md -printf '%p %s %m %T@\n' | LC_ALL=C sort &&
        find . -type f ! -path ./qna/behavioral.md -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) >"$1"
}
snapshot "$T/before.txt"
"$JIKJI" watch "$T/vault" "$T/v2" 2>"$T/watch.err" &
wpid=$!
at_exit 'kill -9 $wpid 2>/dev/null'

# Wait (up to 20 s) until `search -c WORD` prints N.
wait_count() {
    local word=$1 want=$2 desc=$3 i
    for i in $(seq 200); do
        got=$("$JIKJI" search -c "$word" 2>/dev/null)
        [ "${got:-0}" = "$want" ] && { pass "$desc"; return; }
        sleep 0.1
    done
    fail "$desc: search -c $word printed '${got:-nothing}', not $want; watch said: $(cat "$T/watch.err")"
}

for i in $(seq 200); do
    n=$("$JIKJI" search -c 재시도 2>/dev/null)
    [ "${n:-0}" -gt 0 ] 2>/dev/null && break
    sleep 0.1
done
[ "${n:-0}" -gt 0 ] 2>/dev/null || fail "the first update did not index the vault"
pass "the first update indexes the vault ($n sections with 재시도)"

printf '# 새 노트\n\nwatchzebra 저장했다\n' >"$T/vault/new.md"
wait_count watchzebra 1 "a new note is found"

cp "$T/vault/qna/behavioral.md" "$T/vault/.save.tmp"
printf '\nwatchrename 추가\n' >>"$T/vault/.save.tmp"
mv "$T/vault/.save.tmp" "$T/vault/qna/behavioral.md"
wait_count watchrename 1 "a save by temp file and rename is found"

mkdir "$T/vault/newdir"
printf '# deep\n\nwatchdeep 노트\n' >"$T/vault/newdir/d.md"
wait_count watchdeep 1 "a note in a new folder is found"

rm "$T/vault/new.md"
wait_count watchzebra 0 "a deleted note is removed"

# Another writer holds the index's lock for longer than a writer waits
# (3 s): watch says so once, keeps running, and indexes the save once the
# lock is free.
wait_count watchsecond 1 "the second vault is indexed"
hold_index_lock "$JIKJI_DB" "$T/locked" 6 &
lpid=$!
for i in $(seq 100); do [ -e "$T/locked" ] && break; sleep 0.1; done
printf '# 잠금 중\n\nwatchlocked 저장\n' >"$T/vault/locked.md"
sleep 4.5
kill -0 "$wpid" 2>/dev/null || fail "watch exited while the index was locked: $(cat "$T/watch.err")"
pass "watch keeps running while another process holds the index"
expect_match "$(cat "$T/watch.err")" "being written by .*will retry every 2 s" "watch says the index is locked and it will retry"
wait "$lpid"
wait_count watchlocked 1 "the save made while the index was locked is indexed after"

# A watched vault deleted: its notes stay indexed, the other vault goes on.
rm -rf "$T/v2"
printf '# 삭제 후\n\nwatchaftergone 노트\n' >"$T/vault/after.md"
wait_count watchaftergone 1 "a save after a watched vault was deleted is indexed"
kill -0 "$wpid" 2>/dev/null || fail "watch exited after a vault was deleted: $(cat "$T/watch.err")"
expect_match "$(cat "$T/watch.err")" "v2: vault no longer exists; left as is" "watch names the vanished vault"
jk search -c watchsecond
expect_eq "$OUT" 1 "the deleted vault's note stays in the index"
rm "$T/vault/locked.md" "$T/vault/after.md"
wait_count watchaftergone 0 "the deletions are seen"

# Idle: no CPU time accumulates.
sleep 1
t1=$(awk '{print $14 + $15}' "/proc/$wpid/stat")
sleep 2
t2=$(awk '{print $14 + $15}' "/proc/$wpid/stat")
expect_eq "$t2" "$t1" "no CPU used while nothing changes"

kill -TERM "$wpid"
wait "$wpid"
rc=$?
wpid=   # reaped: nothing left for the exit hook to kill
expect_eq "$rc" 0 "SIGTERM stops watch with exit 0"
expect_contains "$(cat "$T/watch.err")" "stopped" "watch says it stopped"
jk search -c watchdeep
expect_eq "$OUT" 1 "after the stop the index holds every change"

rm -f "$T/vault/new.md"
rm -rf "$T/vault/newdir"
snapshot "$T/after.txt"
cmp -s "$T/before.txt" "$T/after.txt" ||
    fail "watch changed the vault: $(diff "$T/before.txt" "$T/after.txt" | head -n 10)"
pass "every note watch only read is byte-identical, same size, mode and mtime (sha256)"

done_testing
