#!/usr/bin/env bash
# T180: index --forget removes a vault (even one deleted from disk), a
# folder or a note, and nothing else; an unknown path removes nothing.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/A"
mkdir -p "$T/B"
printf '# B\n\nforgetbword 노트\n' >"$T/B/b.md"
jk index -q A B
expect_code 0 "index two vaults"
NA=$(count_notes A)

export NA
jk index --forget A B/nothing-here
expect_code 2 "a path not in the index is an error"
jk status --json
json_checks <<'PYEOF'
@ nothing was removed by the failed --forget
recs[0]["notes"] == int(os.environ["NA"]) + 1
PYEOF

jk index --forget A/interviews
expect_code 0 "forget a folder of a vault"
jk search -c 'path:interviews/'
expect_code 1 "the folder's notes are gone"
jk search -c forgetbword
expect_eq "$OUT" 1 "vault B is untouched"

rm -rf "$T/B"
jk index --forget B
expect_code 0 "forget a vault deleted from disk"
jk search -c forgetbword
expect_code 1 "its notes are gone"
jk status --json
json_checks <<'PYEOF'
@ B left the vault list, A stayed
[v.rsplit("/", 1)[-1] for v in recs[0]["vaults"]] == ["A"]
PYEOF

jk index --forget A
expect_code 0 "forget the last vault"
jk status --json
json_checks <<'PYEOF'
@ the index is empty
recs[0]["notes"] == 0 and recs[0]["sections"] == 0 and recs[0]["vaults"] == []
PYEOF

done_testing
