#!/usr/bin/env bash
# T180: index --forget removes a vault (even one deleted from disk), a
# folder or a note, and nothing else; an unknown path removes nothing; a
# --forget killed midway leaves whole notes removed, and finishes when run
# again.
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

# An empty PATH ('--forget "$NOTE"' with the variable unset) is an error:
# it was the current folder, and every vault under it left the index.
jk index --forget ""
expect_code 2 "--forget '' is an error"
expect_contains "$ERR" "an empty path names no vault or note" "--forget '': the error says why"
jk status --json
json_checks <<'PYEOF'
@ nothing was removed by --forget ''
recs[0]["notes"] == int(os.environ["NA"]) + 1 and len(recs[0]["vaults"]) == 2
PYEOF

jk index --forget A/interviews
expect_code 0 "forget a folder of a vault"
jk search -c 'path:interviews/'
expect_code 1 "the folder's notes are gone"
jk search -c forgetbword
expect_eq "$OUT" 1 "vault B is untouched"

jk status --json
before_upd=$(printf '%s' "$OUT" | py -c 'import json,sys; print(json.load(sys.stdin)["updated"])')
sleep 1.1
rm -rf "$T/B"
jk index --forget B
expect_code 0 "forget a vault deleted from disk"
jk status --json
after_upd=$(printf '%s' "$OUT" | py -c 'import json,sys; print(json.load(sys.stdin)["updated"])')
[ "$after_upd" -gt "$before_upd" ] && pass "--forget updates the time status shows ($before_upd -> $after_upd)" ||
    fail "--forget left status's updated at $after_upd (before: $before_upd)"
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

# Killed while forgetting a big vault: removals are committed in batches
# (README), so the index answers with what was committed, and running
# --forget again finishes.  30 notes of 10 sections of 1,500 words: about
# 450,000 (term, section) pairs to remove, several commits' worth.
py - "$T/W" <<'EOF'
import os, random, sys
root = sys.argv[1]
os.makedirs(root)
rnd = random.Random(180)
for n in range(30):
    with open(f"{root}/w{n:02d}.md", "w") as f:
        f.write(f"# wide {n}\n\n")
        for s in range(10):
            words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz")
                             for _ in range(8)) for _ in range(1500)]
            f.write(f"## part {s}\n\nwideforgetword " + " ".join(words) + "\n\n")
EOF
jk index -q W
expect_code 0 "index a vault of 300 long sections"
# The kill comes once a search sees fewer sections: after a commit, before
# the end.
"$JIKJI" index -q --forget W >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 500); do
    kill -0 "$victim" 2>/dev/null || break
    left=$("$JIKJI" search -c wideforgetword 2>/dev/null)
    if [ -n "$left" ] && [ "$left" -lt 300 ]; then
        kill -9 "$victim" 2>/dev/null
        break
    fi
    sleep 0.01
done
wait "$victim" 2>/dev/null
jk search -c wideforgetword
case $RC in
0 | 1) pass "after kill -9 during --forget, the index answers (exit $RC, ${OUT:-0} sections left)" ;;
*) fail "after kill -9 during --forget: exit $RC: $ERR" ;;
esac
if [ "$RC" = 0 ]; then
    [ $((OUT % 10)) = 0 ] || fail "a note was left with part of its sections ($OUT left)"
    pass "the commits removed whole notes ($OUT sections left)"
    jk index --forget W
    expect_code 0 "--forget again after the kill"
else
    note "the first --forget finished before the kill"
fi
jk search -c wideforgetword
expect_code 1 "no section of the vault is left"
jk status --json
json_checks <<'PYEOF'
@ the index is empty again
recs[0]["notes"] == 0 and recs[0]["sections"] == 0 and recs[0]["vaults"] == []
PYEOF
if command -v xapian-check >/dev/null; then
    xapian-check "$JIKJI_DB" >"$T/xcheck.txt" 2>&1 || fail "xapian-check: $(tail -n 3 "$T/xcheck.txt")"
    pass "xapian-check finds no error"
fi

# --- symlinks: a symlinked note is forgotten under its own name; a link
# to a folder, which no walk follows, forgets nothing (it forgot what it
# led to: the note's target, another vault, the vault itself).
mkdir -p "$T/sl/a" "$T/other"
printf '# r\n\nslrealword\n' >"$T/sl/a/real.md"
ln -s a/real.md "$T/sl/link.md"
printf '# o\n\nslotherword\n' >"$T/other/o.md"
ln -s ../other "$T/sl/work"
ln -s . "$T/sl/here"
DB2=$T/sldb
jk --db "$DB2" index -q sl other
jk --db "$DB2" index --forget sl/link.md
expect_code 0 "forget a symlinked note"
jk --db "$DB2" search -l slrealword
expect_eq "$OUT" "sl/a/real.md" "the link is forgotten, the note it leads to stays"
for l in sl/work sl/here sl/a/../work; do
    jk --db "$DB2" index --forget "$l"
    expect_code 2 "forget $l, a link to a folder in a vault: refused"
    expect_contains "$ERR" "a symlink to a folder, which the walk of its vault does not follow" "forget $l: says why"
done
jk --db "$DB2" status --json
json_check 'allrecs[0]["vaults"] == [E["T"] + "/sl", E["T"] + "/other"] and allrecs[0]["notes"] == 2' "after the refusals: both vaults and their notes stay"
# ... and a symlinked note named alone is updated under its name, as a part
# of its vault, not added as a vault of its own.
printf '# r\n\nslrealword sledited\n' >"$T/sl/a/real.md"
jk --db "$DB2" index -q sl/link.md other/../sl/link.md
jk --db "$DB2" search -l sledited
expect_eq "$OUT" "sl/link.md" "index sl/link.md: the link's own note is updated"
jk --db "$DB2" status --json
json_check 'allrecs[0]["vaults"] == [E["T"] + "/sl", E["T"] + "/other"]' "index sl/link.md adds no vault"

# --- a path that no longer exists, however it is written
mkdir -p "$T/gv/sub"
printf '# g\n\ngoneword\n' >"$T/gv/g.md"
printf '# s\n\ngoneword\n' >"$T/gv/sub/s.md"
for p in ./gv/sub/s.md gv//sub ./gv/ x/../gv "$T//gv"; do
    jk --db "$T/gvdb" index -q gv
    rm -rf "$T/gv.keep" && cp -r "$T/gv" "$T/gv.keep" && rm -rf "$T/gv"
    jk --db "$T/gvdb" index --forget "$p"
    expect_code 0 "forget $p after it was deleted"
    mv "$T/gv.keep" "$T/gv"
done

done_testing
