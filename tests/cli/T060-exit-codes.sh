#!/usr/bin/env bash
# T060: exit codes and error messages (README "Exit status"): 0 hits or
# success, 1 nothing found, 2 any error with 'jikji: error: ...' on stderr;
# help and version; where the index lives; a quiet `| head`.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"

# --- no index yet ------------------------------------------------------------
jk search kafka
expect_code 2 "search without an index"
expect_error "search without an index"
expect_match "$ERR" '^jikji: hint: ' "no index: a 'jikji: hint:' line follows"
expect_empty "$OUT" "no index: nothing on stdout"
[ ! -e "$JIKJI_DB" ] || fail "search created the index directory $JIKJI_DB"
pass "search does not create an index"
jk status
expect_code 2 "status without an index"
expect_error "status without an index"

# --- help and version: exit 0, on stdout ------------------------------------------
jk --help
expect_code 0 "--help"
expect_match "$OUT" '^usage: jikji ' "--help prints the usage"
for c in index search show status; do
    expect_contains "$OUT" "$c" "--help lists '$c'"
done
expect_empty "$ERR" "--help: nothing on stderr"
jk -h
expect_code 0 "-h"
expect_match "$OUT" '^usage: jikji ' "-h prints the usage"
jk help
expect_code 0 "help"
expect_match "$OUT" '^usage: jikji ' "help prints the usage"
jk help search
expect_code 0 "help search"
expect_match "$OUT" '^usage: jikji search' "help search prints search's usage"
for o in --json --limit --offset --color; do
    expect_contains "$OUT" "$o" "help search documents $o"
done
cp "$OUTF" "$T/help-search.txt"
jk search --help
expect_code 0 "search --help"
cmp -s "$OUTF" "$T/help-search.txt" || fail "search --help differs from help search"
pass "search --help == help search"
for c in index show status; do
    jk help "$c"
    expect_code 0 "help $c"
    expect_match "$OUT" "^usage: jikji $c" "help $c prints its usage"
done
jk --version
expect_code 0 "--version"
expect_match "$OUT" '^jikji [0-9]+\.[0-9]+' "--version prints 'jikji X.Y'"
expect_empty "$ERR" "--version: nothing on stderr"

# --- usage errors: exit 2 ---------------------------------------------------------
usage_error() { # DESC ARGS...
    local desc=$1
    shift
    jk "$@"
    expect_code 2 "$desc"
    expect_error "$desc"
    expect_empty "$OUT" "$desc: nothing on stdout"
}
usage_error "unknown command" frobnicate
usage_error "help for an unknown command" help frobnicate
usage_error "help with two words" help search extra
usage_error "unknown global option" --frobnicate search kafka
# -j is index's --jobs; search and similar took it, undocumented, for
# --json (search -j 4 kafka gave JSON for "4 kafka").
usage_error "search -j is not an option" search -j 4 kafka
usage_error "similar -j is not an option" similar -j vault/interviews/2024-coupang-backend.md:35
# The global options a command uses are accepted after its name too.
jk show --color never vault/interviews/2024-coupang-backend.md:35
expect_code 0 "show --color never (after the command)"
jk show --color sometimes vault/interviews/2024-coupang-backend.md:35
expect_code 2 "show --color with a bad value"
jk watch --synonyms "$T/no-such.yaml" vault
expect_code 2 "watch --synonyms is an option of watch (a missing file is an error)"
expect_contains "$ERR" "no-such.yaml" "watch --synonyms: the error names the file"
# inotify cannot start (no file descriptor left, as when the user's inotify
# instances are all taken): the limits that would let it are named (QA: it
# said "Too many open files" alone).
# (AddressSanitizer's runtime needs descriptors of its own to start.)
if grep -aq __asan_init "$JIKJI"; then
    note "sanitizer build: the inotify descriptor check is skipped"
else
    run bash -c 'ulimit -n 3 && exec "$0" watch vault' "$JIKJI"
    expect_code 2 "watch with no file descriptor for inotify"
    expect_contains "$ERR" "fs.inotify.max_user_instances" "the inotify instances' limit is named"
    expect_contains "$ERR" "ulimit -n" "and the open files' limit"
fi
# --db took the command as its DIR: say so (it printed the usage alone).
usage_error "--db with the command as its value" --db status
expect_contains "$ERR" "'status' was taken as the value of '--db'" "--db status: the error says what happened"
usage_error "unknown search option" search --frobnicate kafka
expect_match "$ERR" 'usage: jikji search' "unknown search option: search's usage follows"
usage_error "unknown index option" index --frobnicate vault
usage_error "search without a query" search
usage_error "--limit 0" search --limit 0 kafka
usage_error "--limit x" search --limit x kafka
usage_error "-n -1" search -n -1 kafka
usage_error "-n without a value" search kafka -n
usage_error "--offset x" search --offset x kafka
usage_error "--offset -1" search --offset -1 kafka
usage_error "-n ' 3' (digits only)" search -n ' 3' kafka
usage_error "--offset +1 (digits only)" search --offset +1 kafka
usage_error "--color sometimes" --color sometimes search kafka
expect_contains "$ERR" "Try 'jikji --help'." "a bad global option value: where to read more follows"
usage_error "--db without a value" --db

# --- with an index -------------------------------------------------------------------
jk index vault
expect_code 0 "index the demo vault"
jk status
expect_code 0 "status"
cp "$OUTF" "$T/status0.txt"
expect_contains "$OUT" "$JIKJI_DB" "status names the index location"

jk search kafka
expect_code 0 "a hit: exit 0"
usage_error "--limit 0 with an index" search --limit 0 kafka
usage_error "--limit x with an index" search --limit x kafka
usage_error "query with no searchable word: !!!" search '!!!'
usage_error "empty query" search ''
usage_error "blank query" search '   '
usage_error "punctuation-only query" search '- * ? ( ) " :'

jk search qzxvbnmwordthatisnowhere
expect_code 1 "nothing found: exit 1"
expect_empty "$OUT" "nothing found: empty stdout"
expect_empty "$ERR" "nothing found: nothing on stderr"
jk search --json qzxvbnmwordthatisnowhere
expect_code 1 "nothing found with --json: exit 1"
json_check 'recs == [] and all(r.get("type") != "hit" for r in allrecs)' \
    "nothing found with --json: no hit record (at most a summary)"
expect_empty "$ERR" "nothing found with --json: nothing on stderr"

# Writing the hits fails: an error, not success.
timeout 10 "$JIKJI" search kafka >/dev/full 2>"$ERRF"
RC=$?
_load_outputs
LAST_CMD="jikji search kafka >/dev/full"
expect_code 2 "stdout cannot be written (/dev/full)"
expect_error "stdout cannot be written"

# --- index of a missing path: exit 2, index unchanged ----------------------------
save_state() {
    jk status
    grep -E '^(notes|sections):' "$OUTF" >"$T/$1-status.txt"
    jk search --json -n 50 "Kafka 재시도"
    cp "$OUTF" "$T/$1-hits.json"
}
save_state before
jk index "$T/no-such-vault"
expect_code 2 "index of a missing path"
expect_error "index of a missing path"
expect_contains "$ERR" "no-such-vault" "the error names the missing path"
save_state after
cmp -s "$T/before-status.txt" "$T/after-status.txt" || fail "status changed after a failed index"
[ -s "$T/before-status.txt" ] || fail "status prints no 'notes:'/'sections:' lines"
json_check 'pl(recs) == pl(load("before-hits.json")) and len(recs) > 5' \
    "index of a missing path leaves the index unchanged (status counts, hits)" "$T/after-hits.json"
jk index
expect_code 0 "index without a path afterwards"
summary_counts
[ "$ADDED $REMOVED" = "0 0" ] || fail "the failed run left a vault behind: $ERR"
pass "the missing path was not remembered as a vault"

# --- where the index lives: --db, JIKJI_DB, XDG_DATA_HOME, HOME --------------------
mkdir -p "$T/tiny"
printf '# 작은 볼트

kafka 한 줄.
' >"$T/tiny/note.md"
unset JIKJI_DB
jk --db "$T/db2" index -q tiny
expect_code 0 "index with --db (JIKJI_DB unset)"
[ -d "$T/db2" ] || fail "--db did not create $T/db2"
pass "--db DIR creates the index there"
jk --db "$T/db2" search kafka
expect_code 0 "search with --db before the command"
jk search --db "$T/db2" kafka
expect_code 0 "search with --db after the command"
JIKJI_DB="$T/db2" jk search kafka
expect_code 0 "search with JIKJI_DB"
JIKJI_DB="$T/nowhere" jk --db "$T/db2" search kafka
expect_code 0 "--db wins over JIKJI_DB"
[ ! -e "$T/nowhere" ] || fail "JIKJI_DB was used although --db was given"
JIKJI_DB="$T/nowhere" jk search kafka
expect_code 2 "JIKJI_DB naming no index: exit 2"
expect_error "JIKJI_DB naming no index"

# --db "" (an unset shell variable) is an error, not the default index.
for cmd in "search kafka" "index -q tiny" "index --rebuild" "status"; do
    # shellcheck disable=SC2086
    jk --db "" $cmd
    expect_code 2 "--db '' $cmd: exit 2"
    expect_match "$ERR" "--db: an empty path names no index" "--db '' $cmd: the message says why"
done

# --db naming a folder of other files (a typo such as `--db ~/notes index
# ~/notes`): refused before anything is written there or moved away.
mkdir -p "$T/mine/sub"
printf 'keep me\n' >"$T/mine/plan.md"
printf 'me too\n' >"$T/mine/sub/x.txt"
before=$(cd "$T/mine" && find . -printf '%p %s %T@\n' | sort)
for cmd in "index -q tiny" "index --rebuild -q tiny" "index -q mine" "watch mine"; do
    # shellcheck disable=SC2086
    jk --db "$T/mine" $cmd
    expect_code 2 "--db naming a folder of notes, '$cmd': exit 2"
    expect_match "$ERR" "mine is not an index: it holds '(plan.md|sub)'" \
        "'$cmd': the message names the folder and what it holds"
done
expect_eq "$(cd "$T/mine" && find . -printf '%p %s %T@\n' | sort)" "$before" \
    "the folder is exactly as it was"
[ ! -e "$T/mine.compacting" ] && [ ! -e "$T/mine.rebuild" ] ||
    fail "something was written beside the folder"
pass "nothing was written beside the folder"
# Another program's Xapian database is no index of ours: every command
# refuses it, --rebuild too, and it stays as it was.
# (python3-xapian: tools/setup --test installs it)
"$_PY" -I -c 'import xapian
db = xapian.WritableDatabase("foreign", xapian.DB_CREATE_OR_OPEN)
d = xapian.Document(); d.add_term("hello"); db.add_document(d)
db.set_metadata("foo", "bar"); db.commit()' || fail "python3-xapian could not make a database"
{
    fbefore=$(cd foreign && find . -type f -printf '%p %s\n' | sort)
    for cmd in "search hello" "status" "index -q tiny" "index --rebuild -q tiny"; do
        # shellcheck disable=SC2086
        jk --db "$T/foreign" $cmd
        expect_code 2 "another program's Xapian database, '$cmd': exit 2"
        expect_eq "$ERR" "jikji: error: $T/foreign is not a jikji index: it is another program's Xapian database (documents, no jikji version); use an empty or new directory for the index" \
            "'$cmd': says it is not a jikji index, with no rebuild hint"
    done
    expect_eq "$(cd foreign && find . -type f -printf '%p %s\n' | sort)" "$fbefore" \
        "the other program's database is untouched"
}
# --db naming a file: said so, not "Permission denied".
printf 'x' >"$T/dbfile"
for cmd in "index -q tiny" "search x" "status"; do
    # shellcheck disable=SC2086
    jk --db "$T/dbfile" $cmd
    expect_code 2 "--db naming a file, '$cmd': exit 2"
    expect_contains "$ERR" "dbfile is not a directory" "'$cmd': the message says the index must be a directory"
done
expect_eq "$(cat "$T/dbfile")" "x" "the file is as it was"

mkdir -p "$T/xdg"
XDG_DATA_HOME="$T/xdg" jk index -q tiny
expect_code 0 "index with XDG_DATA_HOME (no JIKJI_DB)"
[ -d "$T/xdg/jikji" ] || fail "the index should be in \$XDG_DATA_HOME/jikji"
pass "XDG_DATA_HOME/jikji is the default index"
XDG_DATA_HOME="$T/xdg" jk search kafka
expect_code 0 "search with XDG_DATA_HOME"
jk index -q tiny
expect_code 0 "index with neither JIKJI_DB nor XDG_DATA_HOME"
[ -d "$HOME/.local/share/jikji" ] || fail "the index should be in ~/.local/share/jikji"
pass "\$HOME/.local/share/jikji is the last default"
# A relative HOME, as a relative XDG_DATA_HOME, is no place for the index:
# it would be under whatever folder the command runs in.
HOME=relhome jk status
expect_code 2 "a relative HOME names no index"
expect_contains "$ERR" "no index location: set HOME (an absolute path)" "and says so"
[ ! -e relhome ] || fail "no index made under the current folder"
export JIKJI_DB="$T/db"

# --- | head -1 stays quiet ----------------------------------------------------------
# More output than the pipe (64 KiB) and head's read buffer (8 KiB) hold, so
# jikji is bound to write after head has exited.  SIGPIPE is set to its
# default first, as in a shell.
cp -r vault vault2
jk index -q vault2
expect_code 0 "index a copy of the vault"
nopipe_ign() { py -c 'import os, signal, sys; signal.signal(signal.SIGPIPE, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' "$@"; }
for fmt in "" --json; do
    nopipe_ign "$JIKJI" search $fmt -n 100000 면접 kafka 재시도 장애 2>/dev/null | wc -c >"$T/bytes"
    [ "$(cat "$T/bytes")" -gt 80000 ] ||
        fail "search $fmt: the query should give more than 80 kB of hits, got $(cat "$T/bytes")"
    pass "search $fmt: the query overfills the pipe ($(cat "$T/bytes") bytes)"
    nopipe_ign "$JIKJI" search $fmt -n 100000 면접 kafka 재시도 장애 2>"$T/head-err" | head -n 1 >"$T/head-out"
    code=${PIPESTATUS[0]}
    # 141 (SIGPIPE) would fail a `set -o pipefail` script (this found a bug).
    expect_eq "$code" 0 "search $fmt | head -1: exit 0, not 141"
    [ -s "$T/head-out" ] || fail "search $fmt | head -1 printed nothing"
    [ ! -s "$T/head-err" ] || fail "search $fmt | head -1: stderr should be empty, got [$(head -c 300 "$T/head-err")]"
    pass "search $fmt | head -1: one line, nothing on stderr"
done

# --- a failed first run leaves no index (this found a bug) ---------------------------
# A failed first run leaves no index behind: search still says there is none.
JIKJI_DB="$T/fresh" jk index "$T/no-such-vault"
expect_code 2 "first index, of a missing path"
JIKJI_DB="$T/fresh" jk search kafka
expect_code 2 "after a failed first index there is still no index"
expect_error "after a failed first index, search"

# --- commands that need an index do not create one (this found a bug) ------------
# Each failed, yet left an empty index behind, after which search exited 1.
for args in "index" "index --forget vault" "watch"; do
    # shellcheck disable=SC2086 # the words of args are the arguments
    JIKJI_DB="$T/none" jk $args
    expect_code 2 "'$args' with no index"
    expect_contains "$ERR" "no index at $T/none" "'$args': the message says there is no index"
    [ ! -e "$T/none" ] || fail "'$args' created the index $T/none"
    pass "'$args' created no index"
done
mkdir -p "$T/emptyvault"
JIKJI_DB="$T/empty-db" jk index -q emptyvault
JIKJI_DB="$T/empty-db" jk index --forget emptyvault
JIKJI_DB="$T/empty-db" jk index
expect_code 2 "index without a path when the index has no vault"
expect_contains "$ERR" "no vault indexed yet" "no vault: the message says so"

# --- option mistakes get the right message ---------------------------------------------
jk --db
expect_code 2 "--db without a value"
expect_contains "$ERR" "option '--db' needs a value" "--db without a value: said so, not 'unknown'"
jk index --rebuild --forget vault
expect_code 2 "--forget with --rebuild"
expect_contains "$ERR" "--forget cannot be combined with --rebuild" "--forget --rebuild: refused, not half done"
jk search -n 2000000 kafka
expect_code 2 "-n past the cap"
expect_contains "$ERR" "from 1 to 1000000" "-n past the cap: the message gives the range"
jk tags -n 1
expect_code 2 "tags -n"
expect_not_contains "$ERR" "put '--' before the query" "tags has no query: no hint about one"
jk search --co kafka
expect_code 2 "an ambiguous option (--color, --count)"
expect_contains "$ERR" "ambiguous option '--co'" "the ambiguous option is called so"

# --- the estimate does not depend on the page size (this found a bug) ---------------
# With -n smaller than the sections that have every word, the estimate
# counted only those.  Under 100 matches the estimate is exact.
export JIKJI_DB="$T/est-db"
jk index -q vault
jk search --json -n 1 kafka 재시도
e1=$(printf '%s\n' "$OUT" | tail -n 1 | py -c 'import json,sys; print(json.load(sys.stdin)["estimated_total"])')
jk search --json -n 200 kafka 재시도
e200=$(printf '%s\n' "$OUT" | tail -n 1 | py -c 'import json,sys; print(json.load(sys.stdin)["estimated_total"])')
jk search -c kafka 재시도
expect_eq "$e1" "$OUT" "estimated_total with -n 1 is the count of -c"
expect_eq "$e200" "$OUT" "estimated_total with -n 200 is the count of -c"
# Three words make three tiers (every word, all but one, any): with the
# page full from the first, the count of the widest is the total.
jk search --json -n 1 재시도 메시지 토픽
e3=$(printf '%s\n' "$OUT" | tail -n 1 | py -c 'import json,sys; print(json.load(sys.stdin)["estimated_total"])')
jk search -c 재시도 메시지 토픽
expect_eq "$e3" "$OUT" "estimated_total of three words with -n 1 is the count of -c"
# One hit a note (-l) counts sections too: Xapian's estimate of a search
# collapsed to notes was of the sections it looked at (80 for 48, 11 for
# 21).
for q in 'path:qna/' 재시도 '재시도 메시지 토픽'; do
    jk search -c "$q"
    count=$OUT
    for n in 1 200; do
        jk search -l --json -n "$n" "$q"
        el=$(printf '%s\n' "$OUT" | tail -n 1 | py -c 'import json,sys; print(json.load(sys.stdin)["estimated_total"])')
        expect_eq "$el" "$count" "-l --json -n $n '$q': estimated_total is the count of -c"
    done
done
export JIKJI_DB="$T/db"

# --- an index this user may not read or write (this found a bug) --------------------
# It was reported as locked by a finished process, or as missing.
chmod 755 "$T"
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null &&
    runuser -u nobody -- "$JIKJI" --version >/dev/null 2>&1; then
    chmod -R a+rX "$T/db" "$T/vault"
    run runuser -u nobody -- "$JIKJI" --db "$T/db" index "$T/vault"
    expect_code 2 "index into a read-only index"
    expect_contains "$ERR" "cannot write the index" "read-only index: said so"
    expect_not_contains "$ERR" "being written by" "read-only index: not called locked"
    chmod 700 "$T/db"
    run runuser -u nobody -- "$JIKJI" --db "$T/db" search kafka
    expect_code 2 "search in an unreadable index"
    expect_contains "$ERR" "cannot read the index" "unreadable index: said so"
    expect_not_contains "$ERR" "build it first" "unreadable index: no hint to build one"
    chmod 755 "$T/db"
    # A note this user can no longer read: its hit says so, not "changed".
    mkdir -m 777 "$T/uv" "$T/udb"
    printf '# s\n\nrheaword\n' >"$T/uv/s.md"
    chmod 644 "$T/uv/s.md"
    run runuser -u nobody -- "$JIKJI" --db "$T/udb" index -q "$T/uv"
    expect_code 0 "nobody indexes a vault"
    chmod 000 "$T/uv/s.md"
    run runuser -u nobody -- "$JIKJI" --db "$T/udb" search rheaword
    expect_code 0 "a note that cannot be read now keeps its hit"
    expect_contains "$OUT" "note cannot be read now: permission denied" "its snippet says it cannot be read, not that it changed"
    # ... and status, after a run that kept its sections, counts it as
    # skipped, not as changed (the chmod moved its ctime).
    run runuser -u nobody -- "$JIKJI" --db "$T/udb" index -q "$T/uv"
    run runuser -u nobody -- "$JIKJI" --db "$T/udb" status
    expect_contains "$OUT" "0 new, 0 changed, 0 deleted notes" "status: an unreadable note is no change to catch up on"
    expect_contains "$OUT" "skipped:  1 (notes that cannot be read" "status: it is counted as skipped"
    run runuser -u nobody -- "$JIKJI" --db "$T/udb" status --json
    json_check 'allrecs[0]["changed_since"]["skipped"] == 1 and allrecs[0]["changed_since"]["changed"] == 0' "status --json: skipped 1, changed 0"
    chmod 644 "$T/uv/s.md"
    run runuser -u nobody -- "$JIKJI" --db "$T/udb" status
    expect_contains "$OUT" "0 new, 1 changed" "status: readable again, it is a change (its ctime moved)"
    expect_not_contains "$OUT" "skipped:" "status: no skipped line when none is skipped"
else
    note "not root, no runuser, or jikji not runnable by nobody: permission checks skipped"
fi

done_testing
