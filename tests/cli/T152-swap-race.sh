#!/usr/bin/env bash
# T152: two writers around the swap of a compaction or a rebuild.  The swap
# exchanges the index's folder for the new copy (compact.c), whose files
# nobody had locked until the writer that swapped opened them: a second
# writer that took their lock in that moment emptied the index, both
# exiting 0 (QA).  strace (fault injection) widens the moment to seconds:
# the first writer is held right after its exchange, the second starts then
# and is held before its own.  Now the second waits for the first.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || skip_all "strace is not installed"
# LeakSanitizer cannot run under ptrace (the sanitizer build): off here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_exit=1 \
    true 2>/dev/null || skip_all "strace cannot trace or inject here"

# a: 40 notes, b: 60 notes, 30 sections each: forgetting b removes 1,800 of
# 3,000 sections and indexing it again adds them, and each run compacts.
py - "$T/v" <<'PYEOF'
import os, sys
for vault, n in (("a", 40), ("b", 60)):
    os.makedirs(f"{sys.argv[1]}/{vault}")
    for i in range(n):
        with open(f"{sys.argv[1]}/{vault}/n{i}.md", "w") as f:
            f.write(f"# {vault} {i}\n\n" + "".join(
                f"## 질문 {k}\n\n카프카 재시도 swapword{vault} {k}.\n\n"
                for k in range(29)))
PYEOF

# Writer A, run under strace held 2 s after its exchange, in the
# background; returns once A has swapped.  $1: a name, the rest: arguments.
start_held() {
    local name=$1
    shift
    strace -f -qq -o "$T/$name.st" -e trace=renameat2 \
        -e inject=renameat2:delay_exit=2000000 \
        "$JIKJI" --db "$T/db" "$@" >"$T/$name.out" 2>"$T/$name.err" &
    HELD=$!
    for _ in $(seq 600); do
        grep -q renameat2 "$T/$name.st" 2>/dev/null && break
        sleep 0.05
    done
    grep -q renameat2 "$T/$name.st" || fail "$name never swapped: $(cat "$T/$name.err")"
    sleep 0.2
}

# Writer B, held 3 s before its own exchange.
run_held_before() {
    run strace -f -qq -o /dev/null -e trace=renameat2 \
        -e inject=renameat2:delay_enter=3000000 "$JIKJI" --db "$T/db" "$@"
}

both_vaults() {
    jk --db "$T/db" status --json
    expect_code 0 "$1: status"
    json_check 'recs[0]["notes"] == 100 and len(recs[0]["vaults"]) == 2' \
        "$1: the index holds both vaults' 100 notes"
    jk --db "$T/db" search -c swapwordb
    expect_eq "$OUT" 1740 "$1: every section of b is found"
}

jk --db "$T/db" index -q "$T/v/a"
jk --db "$T/db" index -q "$T/v/b"
expect_code 0 "both vaults indexed"

# --- a --forget that compacts, and an index of the forgotten vault -------------
start_held forget index -q --forget "$T/v/b"
run_held_before index -q "$T/v/b"
expect_code 0 "the second writer, which started during the swap, indexes b"
wait "$HELD"
expect_eq "$?" 0 "the --forget exits 0"
expect_not_contains "$(cat "$T/forget.err")" "not reopened" "the --forget reopens the index it swapped in"
both_vaults "forget, then index"

# --- two rebuilds -----------------------------------------------------------
start_held rebuild index -q --rebuild
run_held_before index -q --rebuild
expect_code 0 "the second rebuild, which started during the first's swap"
wait "$HELD"
expect_eq "$?" 0 "the first rebuild exits 0"
expect_not_contains "$(cat "$T/rebuild.err")" "not reopened" "the first rebuild reopens the index it swapped in"
both_vaults "two rebuilds"
[ ! -e "$T/db.rebuild" ] && [ ! -e "$T/db.compacting" ] ||
    fail "a folder is left beside the index: $(ls -d "$T"/db.*)"
pass "nothing is left beside the index"

done_testing
