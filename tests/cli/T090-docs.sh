#!/usr/bin/env bash
# T090: the manual page and the shell completions follow the binary, so
# they cannot drift from it silently: every command of 'jikji --help' and
# every long option that 'jikji --help' and 'jikji CMD --help' print is in
# doc/jikji.1, completions/jikji.bash and completions/_jikji; the bash
# completion really completes them (and --sort/--color values, field
# prefixes, tags from the index, files); the man page renders without groff
# warnings (when groff is installed) and names the binary's version.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

MAN=$JIKJI_SRC/doc/jikji.1
BASHC=$JIKJI_SRC/completions/jikji.bash
ZSHC=$JIKJI_SRC/completions/_jikji
for f in "$MAN" "$BASHC" "$ZSHC"; do
    [ -r "$f" ] || fail "missing ${f#"$JIKJI_SRC"/}"
done
pass "doc/jikji.1, completions/jikji.bash and completions/_jikji exist"

# The man page as plain words: \- is -, font changes and \& \% are dropped.
MANTEXT=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f\[[A-Z]*\]//g' \
    -e 's/\\&//g' -e 's/\\%//g' "$MAN")
BASHTEXT=$(cat "$BASHC")
ZSHTEXT=$(cat "$ZSHC")

# has_word TEXT WORD: WORD occurs in TEXT, not as part of a longer option
# or name.
has_word() {
    printf '%s\n' "$1" | grep -Eq -- "(^|[^A-Za-z0-9_-])$2([^A-Za-z0-9_-]|\$)"
}

# --- the bash completion, called as bash calls it --------------------------------
# shellcheck source=/dev/null
. "$BASHC" || fail "sourcing completions/jikji.bash failed"
[[ $(complete -p jikji 2>/dev/null) == *"-F _jikji"* ]] ||
    fail "completions/jikji.bash does not register _jikji for jikji"
pass "completions/jikji.bash loads (under set -u) and registers _jikji"

# comp LINE: complete the last word of LINE (the cursor at its end), the
# words split at blanks; sets GOT to the candidates, one a line.  Runs under
# this script's set -u, so an unset variable in the completion fails here.
comp() {
    local line=$1
    COMP_LINE=$line
    COMP_POINT=${#line}
    read -ra COMP_WORDS <<<"$line"
    case $line in *' ') COMP_WORDS+=('') ;; esac
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    comp_call
}

# comp_call: run _jikji on COMP_WORDS/COMP_CWORD/COMP_LINE as they are.
comp_call() {
    COMPREPLY=()
    _jikji jikji "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" ||
        fail "_jikji failed on [$COMP_LINE]"
    GOT=$(printf '%s\n' "${COMPREPLY[@]}")
}

expect_completes() { # LINE WANT...: the candidates are exactly WANT..., in any order
    local line=$1 want got
    shift
    comp "$line"
    want=$(printf '%s\n' "$@" | sort)
    got=$(printf '%s\n' "$GOT" | sort)
    [ "$got" = "$want" ] ||
        fail "completing [$line]: expected [${want//$'\n'/ }], got [${GOT//$'\n'/ }]"
    pass "completing [$line] gives [${want//$'\n'/ }]"
}

expect_offers() { # LINE WANT...: the candidates include each WANT
    local line=$1 w
    shift
    comp "$line"
    for w in "$@"; do
        printf '%s\n' "$GOT" | grep -Fxq -- "$w" ||
            fail "completing [$line]: [$w] missing from [${GOT//$'\n'/ }]"
    done
    pass "completing [$line] offers $*"
}

# --- commands -----------------------------------------------------------------
jk --help
expect_code 0 "jikji --help"
COMMANDS=$(printf '%s\n' "$OUT" | sed -n '/^Commands:/,/^$/p' |
    sed -n 's/^  \([a-z][a-z-]*\).*/\1/p')
[ "$(printf '%s\n' "$COMMANDS" | wc -l)" -ge 6 ] ||
    fail "expected the commands under 'Commands:' in 'jikji --help', got [$COMMANDS]"
pass "jikji --help lists ${COMMANDS//$'\n'/ }"

for cmd in $COMMANDS; do
    printf '%s\n' "$MANTEXT" | grep -Eq "^\.SS \"?$cmd( |\"|\$)" ||
        fail "doc/jikji.1 has no subsection (.SS) for the command '$cmd'"
    printf '%s\n' "$MANTEXT" | grep -Eq "^\.SY \"?jikji $cmd( |\"|\$)" ||
        fail "doc/jikji.1 has no SYNOPSIS line (.SY) for the command '$cmd'"
    has_word "$BASHTEXT" "$cmd" || fail "completions/jikji.bash does not mention '$cmd'"
    grep -Fq "'$cmd:" "$ZSHC" || fail "completions/_jikji does not describe '$cmd'"
done
pass "every command has a man page subsection and synopsis, and is in both completions"
# shellcheck disable=SC2086 # one argument per command
expect_completes "jikji " $COMMANDS
expect_completes "jikji se" search
expect_completes "jikji help st" status

# --- long options -----------------------------------------------------------------
# options CMD...: the long options the help prints (none for an empty CMD is
# a failure: a help without options means the extraction broke).
for cmd in '' $COMMANDS; do
    [ "$cmd" = help ] && continue
    # shellcheck disable=SC2086 # an empty $cmd is no argument
    jk $cmd --help
    expect_code 0 "jikji ${cmd:+$cmd }--help"
    OPTS=$(printf '%s\n' "$OUT" | grep -oE -- '--[a-z][a-z-]*' | sort -u)
    [ -n "$OPTS" ] || fail "no long options found in 'jikji ${cmd:+$cmd }--help'"
    # Those the completion must offer at this place: for 'jikji --help',
    # only those under 'Global options:' (the usage lines of the commands
    # above them hold the commands' own).
    OFFER=$OPTS
    [ -n "$cmd" ] || OFFER=$(printf '%s\n' "$OUT" | sed -n '/^Global options:/,$p' |
        grep -oE -- '--[a-z][a-z-]*' | sort -u)
    [ -n "$OFFER" ] || fail "no options under 'Global options:' in 'jikji --help'"
    for opt in $OPTS; do
        has_word "$MANTEXT" "$opt" ||
            fail "doc/jikji.1 does not document $opt (printed by 'jikji ${cmd:+$cmd }--help')"
        has_word "$BASHTEXT" "$opt" ||
            fail "completions/jikji.bash does not know $opt (printed by 'jikji ${cmd:+$cmd }--help')"
        has_word "$ZSHTEXT" "$opt" ||
            fail "completions/_jikji does not know $opt (printed by 'jikji ${cmd:+$cmd }--help')"
    done
    # And the bash completion offers them where they belong ('jikji --' for
    # the global ones, 'jikji CMD --' for a command's own).
    # shellcheck disable=SC2086
    expect_offers "jikji ${cmd:+$cmd }--" $OFFER
done

expect_completes "jikji search --so" --sort
expect_completes "jikji search --sort " relevance date path
expect_completes "jikji similar --sort d" date
expect_completes "jikji --color " auto always never
expect_completes "jikji search --color n" never
expect_completes "jikji search ta" tag:
expect_offers "jikji search " tag: category: title: path: heading: date: after: before:
expect_completes "jikji search -n " # a number: nothing to offer

# --- files, tags from the index ------------------------------------------------
cp -r "$JIKJI_SRC/samples" "$T/vault"
expect_completes "jikji index vau" vault
expect_completes "jikji show vault/interviews/2024-coupang-b" vault/interviews/2024-coupang-backend.md
L=$(grep -n -m 1 '^## ' vault/interviews/2024-coupang-backend.md | cut -d: -f1)
expect_offers "jikji show vault/interviews/2024-coupang-backend.md:" \
    "vault/interviews/2024-coupang-backend.md:$L"
# A path with a blank, typed escaped or quoted: its lines are offered too
# (QA: nothing was, the backslash still in the file name looked for).
mkdir -p "$T/vault/내 노트"
cp vault/interviews/2024-coupang-backend.md "$T/vault/내 노트/쿠팡 면접.md"
COMP_LINE='jikji show vault/내\ 노트/쿠팡\ 면접.md:'
COMP_POINT=${#COMP_LINE}
COMP_WORDS=(jikji show 'vault/내\ 노트/쿠팡\ 면접.md:')
COMP_CWORD=2
comp_call
printf '%s\n' "$GOT" | grep -q "면접.md:$L\$" ||
    fail "completing a path with escaped blanks: line $L missing from [${GOT//$'\n'/ }]"
pass "completing an escaped path with blanks offers its heading lines"
COMP_WORDS=(jikji show "'vault/내 노트/쿠팡 면접.md:")
comp_call
printf '%s\n' "$GOT" | grep -q "면접.md:$L\$" ||
    fail "completing a quoted path with blanks: line $L missing from [${GOT//$'\n'/ }]"
pass "completing a quoted path with blanks offers its heading lines"

jk index -q vault
expect_code 0 "index samples for the tag completion"
jk tags --json
expect_code 0 "jikji tags --json"
grep -q '^{"tag":"kafka",' "$OUTF" || fail "setup: the samples should have the tag kafka"
# jikji found on PATH (the built one), the index in $JIKJI_DB.
PATH=$(dirname "$JIKJI"):$PATH expect_offers "jikji search tag:ka" tag:kafka
# As bash splits it at ':' (COMP_WORDBREAKS): only the part after it is
# replaced, so the candidate is the tag alone.
COMP_LINE="jikji search tag:ka" COMP_POINT=19
COMP_WORDS=(jikji search tag : ka) COMP_CWORD=4
PATH=$(dirname "$JIKJI"):$PATH comp_call
printf '%s\n' "$GOT" | grep -Fxq kafka ||
    fail "completing [jikji search tag:ka] split at ':': expected kafka, got [${GOT//$'\n'/ }]"
pass "completing [jikji search tag:ka] split at ':' gives the tag after the colon"
# No index there, or no jikji to run: nothing, and no error.
expect_completes "jikji search --db $T/no-such-index tag:ka"
PATH=/nonexistent comp "jikji search tag:ka"
expect_empty "$GOT" "completing [jikji search tag:ka] without jikji on PATH gives nothing"

# --- the man page renders cleanly and names the version -------------------------
jk --version
expect_code 0 "jikji --version"
VERSION=${OUT#jikji }
grep -Eq "^\.TH JIKJI 1 [^ ]+ \"jikji $VERSION\"" "$MAN" ||
    fail "doc/jikji.1: the .TH line should name \"jikji $VERSION\" (jikji --version): $(grep '^\.TH' "$MAN")"
pass "doc/jikji.1 is for jikji $VERSION"
if LC_ALL=C grep -q '[^[:print:][:space:]]' "$MAN"; then
    fail "doc/jikji.1 should be ASCII (write other characters as \\[uXXXX])"
fi
pass "doc/jikji.1 is ASCII"
if command -v groff >/dev/null 2>&1; then
    run groff -man -Tutf8 -ww -z "$MAN"
    expect_code 0 "groff -man -Tutf8 -ww -z doc/jikji.1"
    expect_empty "$ERR" "groff gives no warnings on doc/jikji.1"
    run groff -man -Tutf8 -ww "$MAN"
    OUT=${OUT//?$'\b'/} # overstrike (bold, underline) off
    for sec in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS 'QUERY SYNTAX' OUTPUT \
        ENVIRONMENT FILES 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
        expect_match "$OUT" "^$sec\$" "the rendered page has the section $sec"
    done
else
    note "groff is not installed: the rendering check is skipped"
fi
if command -v zsh >/dev/null 2>&1; then
    run zsh -n "$ZSHC"
    expect_code 0 "completions/_jikji parses (zsh -n)"
else
    note "zsh is not installed: completions/_jikji is not parsed"
fi

done_testing
