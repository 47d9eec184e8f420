#!/usr/bin/env bash
# tools.bench-floor: the floor benchmark writes the same documents as
# jikji's index holds.  samples/ is indexed, dumped by tools/dump-documents
# and written again by bench-floor (three shards of at most 70 sections,
# so the merge of several is run); the merged index must hold as many
# sections and answer queries with the same notes, else the floor would
# measure other work than a full index's.  A truncated dump is refused.
#   tests/tools/bench-floor.sh SOURCE_DIR JIKJI BENCH_FLOOR
set -euo pipefail
src=$1 jikji=$2 floor=$3
if ! /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
  echo "skip: no python3-xapian under /usr/bin/python3"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$jikji" --db "$tmp/db" index -q "$src/samples"
/usr/bin/python3 "$src/tools/dump-documents" "$tmp/db" "$tmp/dump"
mkdir "$tmp/out"
line=$("$floor" --shard 70 "$tmp/dump" "$tmp/out")
echo "$line"
case $line in
  "docs="[1-9]*" pairs="[1-9]*" positions="[1-9]*" writers=2 shards="[3-9]" terms=all "*) ;;
  *) echo "FAIL: unexpected figures line"; exit 1 ;;
esac
want=$("$jikji" --db "$tmp/db" status --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["sections"])')
got=${line#docs=}; got=${got%% *}
[ "$want" = "$got" ] || { echo "FAIL: $got documents written, the index holds $want"; exit 1; }
for q in "Kafka 재시도" "장애 대응" "면접 후기" "ClickHouse" '"정산 누락"'; do
  a=$("$jikji" --db "$tmp/db" search -l "$q" | sort)
  b=$("$jikji" --db "$tmp/out/merged" search -l "$q" | sort)
  [ -n "$a" ] || { echo "FAIL: no hit for $q in the index"; exit 1; }
  [ "$a" = "$b" ] || { echo "FAIL: $q finds other notes in the rewritten index"; diff <(echo "$a") <(echo "$b"); exit 1; }
done
head -c 5000 "$tmp/dump" >"$tmp/short"
rm -rf "$tmp/out2"; mkdir "$tmp/out2"
if "$floor" "$tmp/short" "$tmp/out2" 2>"$tmp/err"; then
  echo "FAIL: a truncated dump was accepted"; exit 1
fi
grep -q "not a whole dump" "$tmp/err" || { cat "$tmp/err"; echo "FAIL: no clear message"; exit 1; }
echo ok
