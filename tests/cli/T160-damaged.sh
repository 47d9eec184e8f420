#!/usr/bin/env bash
# T160: a damaged index gives a clear error and a hint, never a crash; a
# write failure in the middle of a run (ulimit -f) fails that run with a
# clear error while the previous index still answers, and the next run
# completes.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"
jk index -q vault
expect_code 0 "index the samples"

# --- damaged files -------------------------------------------------------------
cp -r "$T/db" "$T/db-trunc"
truncate -s 8192 "$T/db-trunc/postlist.glass"
jk --db "$T/db-trunc" search 재시도
expect_code 2 "search on a truncated index"
expect_error "search on a truncated index"
expect_contains "$ERR" "jikji index --rebuild" "the hint names jikji index --rebuild"

cp -r "$T/db" "$T/db-junk"
echo garbage >"$T/db-junk/iamglass"
jk --db "$T/db-junk" search 재시도
expect_code 2 "search on an index with an overwritten version file"
expect_error "search on an overwritten index"

jk --db "$T/db-junk" index --rebuild vault
expect_code 0 "--rebuild repairs a damaged index"
jk --db "$T/db-junk" search -c 재시도
expect_code 0 "the rebuilt index answers"

# A table Xapian makes lazily deleted (docdata, termlist): status and index
# said nothing, and only a search met "unreadable data".
for table in docdata termlist; do
    cp -r "$T/db" "$T/db-no$table"
    rm "$T/db-no$table/$table.glass"
    for cmd in status "search 재시도" "index -q"; do
        # shellcheck disable=SC2086
        jk --db "$T/db-no$table" $cmd
        expect_code 2 "'$cmd' on an index without $table.glass"
        expect_contains "$ERR" "$table.glass" "'$cmd': the message names the missing table"
        expect_contains "$ERR" "jikji index --rebuild" "'$cmd': the hint names the rebuild"
    done
    jk --db "$T/db-no$table" index -q --rebuild
    expect_code 0 "--rebuild repairs an index without $table.glass"
    jk --db "$T/db-no$table" search -c 재시도
    expect_code 0 "the index rebuilt without $table.glass answers"
done

# The version file deleted: a damaged index, not "no index" (building one
# over it would fail the same way); the hint names the rebuild, which works.
cp -r "$T/db" "$T/db-nover"
rm "$T/db-nover/iamglass"
for cmd in "search 재시도" "index -q vault"; do
    # shellcheck disable=SC2086
    jk --db "$T/db-nover" $cmd
    expect_code 2 "'$cmd' on an index without its version file"
    expect_match "$ERR" "damaged index" "'$cmd': the message says the index is damaged"
    expect_contains "$ERR" "jikji index --rebuild" "'$cmd': the hint names jikji index --rebuild"
done
jk --db "$T/db-nover" index --rebuild -q vault
expect_code 0 "--rebuild repairs an index without its version file"
jk --db "$T/db-nover" search -c 재시도
expect_code 0 "the rebuilt index answers"

# --- a write failure mid-run ----------------------------------------------------
jk search -c 재시도
expect_code 0 "before: the index answers"
before=$OUT
# A second vault of 120,000 distinct words: its postings need several MB,
# far past the 1 MB the run may write to one file.
py - "$T/big" <<'PYEOF'
import os, sys
os.makedirs(sys.argv[1])
for i in range(400):
    with open(f"{sys.argv[1]}/n{i}.md", "w") as f:
        words = " ".join(f"w{i}x{j} 카프카{j % 50}재시도" for j in range(300))
        f.write(f"# note {i}\n\nbigvaultword{i} {words}\n")
PYEOF
run bash -c 'ulimit -f 1000; exec "$0" index big' "$JIKJI"
expect_code 2 "a run that hits the file size limit fails"
expect_error "the failed run says why"
expect_contains "$ERR" "File too large" "the error names the write failure"
expect_contains "$ERR" "hint: raise the file size limit (ulimit -f) and run it again" \
    "the hint names the limit, not a rebuild (which needs more of it)"
expect_not_contains "$ERR" "rebuild" "... and no rebuild"
run bash -c 'ulimit -n 6; exec "$0" search 재시도' "$JIKJI"
expect_code 2 "a search with too few file descriptors fails"
expect_contains "$ERR" "hint: raise the limit of open files (ulimit -n)" "... and the hint names the limit"
jk search -c 재시도
expect_code 0 "after: the previous index still answers"
expect_eq "$OUT" "$before" "after: the same hits as before the failed run"
jk index -q vault big
expect_code 0 "the next run without the limit completes"
jk search -c bigvaultword399
expect_code 0 "the next run indexed the new vault"

done_testing
