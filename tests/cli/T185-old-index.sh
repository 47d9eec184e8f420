#!/usr/bin/env bash
# T185: an index written by an incompatible jikji (another schema version)
# is refused by every command with a clear error and a hint, without being
# changed; `jikji index --rebuild`, without naming the vaults, rebuilds it
# with the vaults it had (README: "--rebuild without PATH: the vaults it
# had").  The older version is simulated by setting the index's version key.
# Schema 9 names each section's note by file id instead of by path
# (src/schema.h), so no older index is read.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

command -v xapian-metadata >/dev/null || skip_all "xapian-metadata (xapian-tools) is not installed"

cp -r "$JIKJI_SRC/samples" "$T/A"
mkdir "$T/B"
printf '# B\n\noldindexbword 노트\n' >"$T/B/b.md"
jk index -q A B
expect_code 0 "index two vaults"
jk status --json
cp "$OUTF" "$T/status-before.json"
schema=$(xapian-metadata get "$T/db" jikji.schema)
expect_match "$schema" '^[0-9]+$' "the index records its schema version"
# Schema 8: the one before this jikji's, older than any it reads
# (src/schema.h JK_SCHEMA_OLDEST).
OLD=8
xapian-metadata set "$T/db" jikji.schema "$OLD"
sum_before=$(cat "$T"/db/*.glass | md5sum)

for cmd in "search 재시도" "status" "index -q A" "tags" "index --forget B"; do
    # shellcheck disable=SC2086
    jk $cmd
    expect_code 2 "$cmd: an index of another version is refused"
    expect_contains "$ERR" "incompatible version" "$cmd: the error says why"
    expect_contains "$ERR" "schema $OLD" "$cmd: the error names the index's version"
    expect_contains "$ERR" "'jikji index --rebuild'" "$cmd: the hint names jikji index --rebuild"
done
[ "$(cat "$T"/db/*.glass | md5sum)" = "$sum_before" ] || fail "a refused command changed the index"
pass "the refused commands left the index as it was"

jk index --rebuild
expect_code 0 "index --rebuild without a path rebuilds the old index"
expect_match "$ERR" "^jikji: $(($(count_notes A) + 1)) added" "both vaults' notes are indexed again"
jk status --json
json_checks <<'PYEOF'
@ the same vaults, notes and sections as before
[recs[0][k] for k in ("vaults", "notes", "sections")] == [load("status-before.json")[0][k] for k in ("vaults", "notes", "sections")]
PYEOF
jk search -c oldindexbword
expect_eq "$OUT" 1 "the second vault is searchable again"
[ "$(xapian-metadata get "$T/db" jikji.schema)" = "$schema" ] || fail "the rebuilt index does not have this jikji's schema"
pass "the rebuilt index has this jikji's schema"

# An old index without a vault list: --rebuild asks for a directory.
xapian-metadata set "$T/db" jikji.schema "$OLD"
xapian-metadata set "$T/db" jikji.vaults ""
jk index --rebuild
expect_code 2 "--rebuild of an old index without vaults"
expect_contains "$ERR" "no vault to rebuild; name a directory" "it asks for a directory"

# Reader 11 gave on, in, to, is, ... positions.  Until every note of an
# index was read by it (jikji.positioned), a phrase spans them with a
# window, as it did: an older jikji's index, whose sections have no such
# positions, still finds "on call" before its next update (it found 0).
mkdir "$T/P"
printf '# 당번

## 붙여서

I was on call last week.

## 따로

Turn on the light, then call home.
' >"$T/P/p.md"
jk --db "$T/pdb" index -q P
expect_eq "$(xapian-metadata get "$T/pdb" jikji.positioned)" 11 "a new index says its notes have the positions"
jk --db "$T/pdb" search -c '"on call"'
expect_eq "$OUT" 1 '"on call" is a phrase'
xapian-metadata set "$T/pdb" jikji.positioned ""
jk --db "$T/pdb" search -c '"on call"'
expect_eq "$OUT" 2 "an index not known to have them: on is spanned by a window, as before"
jk --db "$T/pdb" index -q P
expect_eq "$(xapian-metadata get "$T/pdb" jikji.positioned)" 11 "the next run finds every note read by this reader and says so"
jk --db "$T/pdb" search -c '"on call"'
expect_eq "$OUT" 1 '"on call" is a phrase again'

# After an upgrade, a search on a terminal says that notes read by an
# older jikji are searched as it read them, until `jikji index`
# (jikji.reader: the reader that read every note).
reader=$(sed -n 's/^#define JK_READER_VERSION \([0-9]*\)$/\1/p' "$JIKJI_SRC/src/schema.h")
expect_eq "$(xapian-metadata get "$T/pdb" jikji.reader)" "$reader" "a new index says its notes were read by this reader"
run_tty "$JIKJI" --db "$T/pdb" search call
expect_not_contains "$ERR" "older jikji" "an index of this reader: nothing said"
xapian-metadata set "$T/pdb" jikji.reader 12
run_tty "$JIKJI" --db "$T/pdb" search call
expect_contains "$ERR" "some notes were read by an older jikji and are searched as it read them until 'jikji index'" \
    "an index of an older reader: said on a terminal"
jk --db "$T/pdb" search call
expect_empty "$ERR" "piped: nothing said"
jk --db "$T/pdb" index -q P
expect_eq "$(xapian-metadata get "$T/pdb" jikji.reader)" "$reader" "the next run finds every note read by this reader and says so"
run_tty "$JIKJI" --db "$T/pdb" search call
expect_not_contains "$ERR" "older jikji" "after the run: nothing said"

done_testing
