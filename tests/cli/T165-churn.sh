#!/usr/bin/env bash
# T165: files that vanish, appear, grow, shrink and get rewritten while
# `jikji index` reads them.  Every run must finish (exit 0: a file gone
# between the walk and the read is not an error), never crash, and once the
# churn stops one more run must leave the same index a fresh --rebuild
# gives (same notes, sections and hits).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p vault/sub
for i in $(seq 1 120); do
    printf '# 노트 %d\n\n## 질문 %d\n\nchurnword%d Kafka 재시도 답변 %d\n' "$i" "$i" "$i" "$i" >"vault/sub/n$i.md"
done

# The churn: delete, recreate, append, truncate and rewrite (same size and
# not), rename within the vault, for a few seconds.
churn() {
    local end=$((SECONDS + 4)) k=0
    while [ $SECONDS -lt $end ]; do
        k=$((k + 1))
        i=$((k % 120 + 1))
        case $((k % 6)) in
        0) rm -f "vault/sub/n$i.md" ;;
        1) printf '# 노트 %d\n\n## 다시 쓴 질문\n\nchurnword%d 다시 %d\n' "$i" "$i" "$k" >"vault/sub/n$i.md" ;;
        2) printf '\n추가 줄 %d churnextra\n' "$k" >>"vault/sub/n$i.md" ;;
        3) : >"vault/sub/n$i.md" ;;
        4) mv -f "vault/sub/n$i.md" "vault/sub/m$i.md" 2>/dev/null ;;
        5) mv -f "vault/sub/m$i.md" "vault/sub/n$i.md" 2>/dev/null ;;
        esac
    done
}
churn &
churner=$!
runs=0
while kill -0 "$churner" 2>/dev/null; do
    RUN_TIMEOUT=60 jk index -q vault
    [ "$RC" = 0 ] || fail "run $runs during the churn exited $RC: $ERR"
    runs=$((runs + 1))
done
wait "$churner"
[ "$runs" -ge 2 ] || fail "setup: only $runs index runs overlapped the churn"
pass "$runs index runs while files changed under them: all exit 0"

jk index vault
expect_code 0 "a run after the churn"
jk status
grep -E '^(notes|sections):' "$OUTF" >"$T/status-inc.txt"

export JIKJI_DB="$T/fresh-db"
jk index --rebuild vault
expect_code 0 "a fresh index of the same files"
jk status
grep -E '^(notes|sections):' "$OUTF" >"$T/status-fresh.txt"
cmp -s "$T/status-inc.txt" "$T/status-fresh.txt" ||
    fail "notes/sections differ: $(diff "$T/status-inc.txt" "$T/status-fresh.txt")"
pass "same notes and sections as a fresh index ($(tr '\n' ' ' <"$T/status-fresh.txt"))"

for q in "Kafka 재시도" churnextra "다시 쓴 질문" churnword7 churnword120; do
    JIKJI_DB="$T/fresh-db" jk search --json -n 200 "$q"
    cp "$OUTF" "$T/fresh.json"
    JIKJI_DB="$T/db" jk search --json -n 200 "$q"
    json_check 'pl(recs) == pl(load("fresh.json"))' "same hits as the fresh index for [$q]"
done

done_testing
