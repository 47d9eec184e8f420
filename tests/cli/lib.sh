# shellcheck shell=bash
# tests/cli/lib.sh: shared helpers for the CLI golden tests tests/cli/T*.sh.
#
# Source it first thing:   . "$(dirname "$0")/lib.sh"
#
# Environment (set by tests/CMakeLists.txt):
#   JIKJI              the built jikji binary (required; the test is skipped
#                      with exit 77 when it is missing)
#   JIKJI_SRC          the repository root (default: two levels up)
#   JIKJI_TEST_CORPUS  tests/corpus (default: $JIKJI_SRC/tests/corpus)
#
# What sourcing does:
#   - makes a private temporary directory $T (mktemp -d), removed on exit,
#     and cd's into it, so relative paths in jikji's output are predictable;
#   - owns the EXIT trap: a test that must also clean up on exit (kill a
#     background jikji) calls `at_exit 'COMMAND'`, never `trap ... EXIT`,
#     which would drop the removal of $T and the done_testing check;
#   - points JIKJI_DB at $T/db and HOME at $T/home, unsets NO_COLOR and every
#     XDG_* variable, so nothing outside $T is read or written;
#   - never touches the repository: copy what you need into $T first
#     (cp -r "$JIKJI_SRC/samples" "$T/vault").
#
# Helpers (none of them uses set -e; the first failed check ends the test):
#   run CMD...            run CMD with a timeout ($RUN_TIMEOUT, default 30 s;
#                         a timeout fails the test); sets RC, OUT and ERR
#                         (stdout / stderr up to a NUL byte, without final
#                         newlines), and the files $OUTF / $ERRF holding
#                         them byte-exact
#   jk ARGS...            run "$JIKJI" ARGS...
#   run_tty CMD...        like run, but stdout is a pseudo-terminal
#                         (PTY_COLS=N: N columns wide)
#   run_tty_err CMD...    like run, but stderr is a pseudo-terminal
#   expect_code N DESC    the last run exited with N
#   expect_eq GOT WANT DESC, expect_contains HAY NEEDLE DESC,
#   expect_not_contains HAY NEEDLE DESC, expect_empty VALUE DESC,
#   expect_nonempty VALUE DESC, expect_match VALUE ERE DESC (some line matches)
#   expect_no_match VALUE ERE DESC (no line matches)
#   expect_error DESC     stderr's first line starts with "jikji: error: "
#   json_valid [FILE]     FILE (default $OUTF) is JSON Lines: strict UTF-8,
#                         one object per line; sets JSON_N to the number of
#                         hit records (records of another type, such as a
#                         summary, are left out everywhere but `allrecs`)
#   json_field PATH [N] [FILE]   print field PATH (dots: headings.0,
#                         matches.-1.text) of hit N (1-based, default 1)
#   json_checks [FILE] <<'EOF'   several checks in one Python run: blocks of
#                         "@ description" then a Python expression over
#                         `recs` (the hit records of FILE), `allrecs` (all
#                         its records) and the helpers in $_JK_PY
#   json_check EXPR DESC [FILE]  one such check
#   py_assert DESC [ARGS] <<'EOF'  Python statements (asserts) with the same
#                         helpers; a failed assert fails the test
#   json_vars N FILE PATH...     sets J_<path>=value from hit N
#                         (non-alphanumerics as _: headings.-1 -> J_headings__1)
#   py ARGS...            the Python interpreter (json_* use it; resolved once,
#                         since `python3` may be a slow pyenv shim)
#   summary_counts        parse the index summary in $ERR into ADDED UPDATED
#                         REMOVED UNCHANGED SKIPPED RENAMED
#   expect_summary A U R N DESC   the summary says A added, U updated,
#                         R removed, N unchanged
#   count_notes DIR       how many note files jikji should find under DIR
#   pass DESC / fail MSG / note MSG / done_testing (prints the summary line;
#                         a script that exits 0 without it fails)
#
# Python helpers for json_checks (see $_JK_PY): load(FILE) (hits of a JSON
# Lines file, relative to $T), load_jsonl(FILE) (all records), pl(recs)
# ([(path, line)]), paths(recs), sbytes(r) (snippet bytes), mtext(r, m),
# lit(r) (matched byte offsets), section(r) (the hit's lines from the note),
# is_int, is_num, none(iterable) (true when empty, else fails listing it),
# E (os.environ).

set -u

TEST_NAME=$(basename "$0" .sh)
_checks=0
_done=0

note() { printf '# %s\n' "$*"; }

skip_all() {
    printf '%s: SKIP: %s\n' "$TEST_NAME" "$*"
    _done=1
    exit 77
}

if [ -z "${JIKJI:-}" ] || [ ! -x "${JIKJI:-}" ]; then
    skip_all "JIKJI is not set to an executable jikji binary"
fi
command -v python3 >/dev/null 2>&1 || skip_all "python3 is required"
# `python3` may be a slow wrapper (a pyenv shim): prefer the system one when
# it has what the tests use, else resolve the interpreter behind python3 once.
_PY_MODS='import json, os, pty, re, select, shlex, signal, subprocess, unicodedata'
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -I -S -c "$_PY_MODS" 2>/dev/null; then
    _PY=/usr/bin/python3
else
    _PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
    [ -n "$_PY" ] && [ -x "$_PY" ] || _PY=$(command -v python3)
fi
JIKJI_SRC=${JIKJI_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
JIKJI_TEST_CORPUS=${JIKJI_TEST_CORPUS:-$JIKJI_SRC/tests/corpus}
# An absolute path, since the tests cd into $T.
case $JIKJI in /*) ;; *) JIKJI=$(cd "$(dirname "$JIKJI")" && pwd)/$(basename "$JIKJI") ;; esac
export JIKJI JIKJI_SRC JIKJI_TEST_CORPUS

T=$(mktemp -d "${TMPDIR:-/tmp}/jikji-$TEST_NAME.XXXXXX") || {
    echo "$TEST_NAME: cannot create a temporary directory" >&2
    exit 1
}
# The physical path, as getcwd() reports it (jikji prints paths relative
# to it).
T=$(cd "$T" && pwd -P)

_at_exit=()
at_exit() { _at_exit+=("$1"); }

_finish() {
    local rc=$? _cmd
    for _cmd in "${_at_exit[@]}"; do eval "$_cmd"; done
    # Tests may leave unreadable files or directories behind.
    chmod -R u+rwX "$T" 2>/dev/null
    [ -n "${JIKJI_KEEP_TMP:-}" ] || rm -rf "$T"
    if [ "$rc" -eq 0 ] && [ "$_done" -ne 1 ]; then
        printf 'FAIL: %s: the script ended before done_testing (after %d checks)\n' \
            "$TEST_NAME" "$_checks" >&2
        exit 1
    fi
    exit "$rc"
}
trap _finish EXIT

for _v in $(compgen -e); do
    case $_v in XDG_*) unset "$_v" ;; esac
done
unset _v NO_COLOR CLICOLOR CLICOLOR_FORCE
export HOME="$T/home"
mkdir -p "$HOME"
export JIKJI_DB="$T/db"
export LC_ALL=C.UTF-8
export PYTHONIOENCODING=utf-8
export PYTHONDONTWRITEBYTECODE=1
cd "$T" || exit 1

OUTF="$T/.out"
ERRF="$T/.err"
RC=
OUT=
ERR=
LAST_CMD=

pass() {
    _checks=$((_checks + 1))
    printf 'ok %d - %s\n' "$_checks" "$*"
}

fail() {
    {
        printf 'FAIL: %s: %s\n' "$TEST_NAME" "$*"
        if [ -n "$LAST_CMD" ]; then
            printf '  last command: %s\n' "$LAST_CMD"
            printf '  exit code:    %s\n' "$RC"
            printf '  stdout (first 20 lines):\n'
            head -n 20 "$OUTF" 2>/dev/null | sed 's/^/    | /'
            printf '  stderr (first 20 lines):\n'
            head -n 20 "$ERRF" 2>/dev/null | sed 's/^/    | /'
        fi
    } >&2
    _done=1
    exit 1
}

done_testing() {
    _done=1
    printf '# %s: all %d checks passed\n' "$TEST_NAME" "$_checks"
    exit 0
}

# OUT and ERR: the outputs up to a NUL byte, without trailing newlines, read
# without forking (the files keep the exact bytes).
_load_outputs() {
    OUT='' ERR=''
    IFS= read -r -d '' OUT <"$OUTF"
    IFS= read -r -d '' ERR <"$ERRF"
    while [ "${OUT: -1}" = $'\n' ]; do OUT=${OUT%$'\n'}; done
    while [ "${ERR: -1}" = $'\n' ]; do ERR=${ERR%$'\n'}; done
}

run() {
    printf -v LAST_CMD '%q ' "$@"
    timeout -k 5 "${RUN_TIMEOUT:-30}" "$@" >"$OUTF" 2>"$ERRF" </dev/null
    RC=$?
    _load_outputs
    if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
        fail "timed out after ${RUN_TIMEOUT:-30} s (hang?)"
    fi
    return 0
}

jk() { run "$JIKJI" "$@"; }

# run_capped SECONDS MB CMD...: like run, but the command is also killed when
# its resident memory passes MB megabytes (RC 125) or after SECONDS (RC 124),
# so that a runaway query cannot take the machine down.
run_capped() {
    local secs=$1 mb=$2
    shift 2
    printf -v LAST_CMD '%q ' "$@"
    LAST_CMD="(capped ${secs}s ${mb}MB) $LAST_CMD"
    py - "$OUTF" "$ERRF" "$secs" "$mb" "$@" <<'PY'
import subprocess, sys, time
out_path, err_path, secs, mb = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
with open(out_path, "wb") as out, open(err_path, "wb") as err:
    p = subprocess.Popen(sys.argv[5:], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
    deadline = time.monotonic() + secs
    why = None
    while p.poll() is None:
        if time.monotonic() > deadline:
            why = 124
        else:
            try:
                with open("/proc/%d/status" % p.pid) as f:
                    for line in f:
                        if line.startswith("VmRSS:") and int(line.split()[1]) > mb * 1024:
                            why = 125
            except OSError:
                pass
        if why:
            p.kill()
            p.wait()
            sys.exit(why)
        time.sleep(0.02)
code = p.returncode
sys.exit(code if code >= 0 else 128 - code)
PY
    RC=$?
    _load_outputs
    return 0
}

# _run_pty out|err CMD...: run CMD with its stdout (out) or stderr (err) on
# a pseudo-terminal, the other stream to a file, stdin /dev/null.  The
# terminal's \r\n line ends are turned back into \n.
_run_pty() {
    local which=$1
    shift
    printf -v LAST_CMD '%q ' "$@"
    LAST_CMD="(std$which on a tty) $LAST_CMD"
    py - "$OUTF" "$ERRF" "${RUN_TIMEOUT:-30}" "$which" "$@" <<'PY'
import os, pty, select, subprocess, sys, time
out_path, err_path, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
on_tty = sys.argv[4]
tty_path, file_path = ((out_path, err_path) if on_tty == "out"
                       else (err_path, out_path))
master, slave = pty.openpty()
cols = int(os.environ.get("PTY_COLS") or 0)
if cols:  # the terminal's width, as a window of that size sets it
    import fcntl, struct, termios
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
with open(file_path, "wb") as other:
    p = subprocess.Popen(sys.argv[5:], stdin=subprocess.DEVNULL,
                         stdout=slave if on_tty == "out" else other,
                         stderr=slave if on_tty == "err" else other,
                         close_fds=True)
os.close(slave)
buf = b""
deadline = time.monotonic() + limit
rc = None
while True:
    left = deadline - time.monotonic()
    if left <= 0:
        p.kill()
        rc = 124
        break
    r, _, _ = select.select([master], [], [], left)
    if not r:
        continue
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    buf += chunk
code = p.wait()
with open(tty_path, "wb") as f:
    f.write(buf.replace(b"\r\n", b"\n"))
sys.exit(rc if rc is not None else (code if code >= 0 else 128 - code))
PY
    RC=$?
    _load_outputs
    if [ "$RC" -eq 124 ]; then
        fail "timed out after ${RUN_TIMEOUT:-30} s on a tty (hang?)"
    fi
    return 0
}

run_tty() { _run_pty out "$@"; }
run_tty_err() { _run_pty err "$@"; }

expect_code() {
    [ "$RC" = "$1" ] || fail "$2: expected exit code $1, got $RC"
    pass "$2 (exit $1)"
}

expect_eq() {
    [ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"
    pass "$3"
}

expect_contains() {
    case $1 in
    *"$2"*) pass "$3" ;;
    *) fail "$3: [$2] not found in [$(printf '%s' "$1" | head -c 600)]" ;;
    esac
}

expect_not_contains() {
    case $1 in
    *"$2"*) fail "$3: [$2] unexpectedly found in [$(printf '%s' "$1" | head -c 600)]" ;;
    *) pass "$3" ;;
    esac
}

expect_empty() {
    [ -z "$1" ] || fail "$2: expected nothing, got [$(printf '%s' "$1" | head -c 600)]"
    pass "$2"
}

expect_nonempty() {
    [ -n "$1" ] || fail "$2: expected some output, got nothing"
    pass "$2"
}

expect_match() {
    printf '%s\n' "$1" | grep -Eq -- "$2" ||
        fail "$3: no line matches /$2/ in [$(printf '%s' "$1" | head -c 600)]"
    pass "$3"
}

expect_no_match() {
    if printf '%s\n' "$1" | grep -Eq -- "$2"; then
        fail "$3: a line matches /$2/: [$(printf '%s\n' "$1" | grep -E -- "$2" | head -n 3)]"
    fi
    pass "$3"
}

# The first stderr line of the last run is a jikji error message.
expect_error() {
    local first
    first=$(printf '%s\n' "$ERR" | head -n 1)
    case $first in
    "jikji: error: "?*) pass "$1: stderr starts with 'jikji: error:'" ;;
    *) fail "$1: stderr should start with 'jikji: error: ', got [$first]" ;;
    esac
}

# Python (started as `py`, without site packages: it starts faster) shared by
# the JSON helpers.  Checks run many at a time, since each Python start costs.
py() { "$_PY" -I -S "$@"; }

# hold_index_lock DB READY SECONDS: hold the writer lock of the index DB,
# as another writer would, for SECONDS, creating the file READY once it is
# held.  Run it with '&': $! is the process holding the lock.
hold_index_lock() {
    exec "$_PY" -I -S - "$1/flintlock" "$2" "$3" <<'PYEOF'
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_EX)   # conflicts with Xapian's fcntl lock
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
PYEOF
}

_JK_PY='
import json, os, re, sys
E = os.environ
T = E["T"]
def _no_const(c):
    raise ValueError("non-standard JSON constant %s" % c)
def load_jsonl(path):
    """Strict JSON Lines: UTF-8, one object per line, final newline."""
    if not os.path.isabs(path):
        path = os.path.join(T, path)
    data = open(path, "rb").read()
    text = data.decode("utf-8")           # strict: invalid UTF-8 is an error
    if text and not text.endswith("\n"):
        raise ValueError("the output does not end with a newline")
    recs = []
    for i, line in enumerate(text.split("\n")[:-1] if text else [], 1):
        try:
            r = json.loads(line, parse_constant=_no_const)
        except ValueError as e:
            raise ValueError("line %d is not JSON (%s): %r" % (i, e, line[:300]))
        if not isinstance(r, dict):
            raise ValueError("line %d is not a JSON object: %r" % (i, line[:300]))
        recs.append(r)
    return recs
def hits_of(recs):
    """search --json: the hit records (README: other record types, such as a
    final summary, may follow them).  show --json objects have no type."""
    return [r for r in recs if r.get("type", "hit") == "hit"]
def load(path):
    return hits_of(load_jsonl(path))
def field(rec, path):
    v = rec
    for k in path.split(".") if path else []:
        v = v[int(k)] if isinstance(v, list) else v[k]
    return v
def sbytes(r):
    return r["snippet"].encode("utf-8")
def mtext(r, m):
    return sbytes(r)[m["start"]:m["end"]].decode("utf-8")
def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)
def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)
def pl(recs):
    return [(r["path"], r["line"]) for r in recs]
def paths(recs):
    return [r["path"] for r in recs]
def section(r):
    """The lines line..end_line of the hit'"'"'s note, as text."""
    lines = open(r["path"], "rb").read().split(b"\n")
    return b"\n".join(lines[r["line"] - 1:r["end_line"]]).decode("utf-8", "replace")
def none(xs):
    """True when xs is empty; else fails, listing (some of) xs."""
    xs = list(xs)
    if xs:
        raise AssertionError("offending items: %r" % (xs[:8],))
    return True
def lit(r):
    """Byte offsets of the snippet covered by matches."""
    return {b for m in r["matches"] for b in range(m["start"], m["end"])}
'
export T

# json_checks [FILE] <<'EOF'
# @ description
# python expression over recs (FILE parsed), may span lines
# @ next description
# ...
# EOF
# Each expression must be true; the first false one fails the test.
json_checks() {
    local f=${1:-$OUTF} res rc line
    res=$(py -c "$_JK_PY
import traceback
checks, cur = [], None
for line in sys.stdin.read().split('\n'):
    if line.startswith('@ '):
        cur = [line[2:].strip(), []]
        checks.append(cur)
    elif cur is not None:
        cur[1].append(line)
try:
    allrecs = load_jsonl(sys.argv[1])
    recs = hits_of(allrecs)
except Exception as e:
    print('FAIL\t%s is not valid JSON Lines: %s' % (os.path.basename(sys.argv[1]), e))
    sys.exit(0)
for desc, body in checks:
    expr = '\n'.join(body).strip()
    try:
        ok = eval('(' + expr + '\n)')
        why = '' if ok else 'false'
    except Exception as e:
        ok, why = False, '%s: %s' % (type(e).__name__, e)
    if not ok:
        print('FAIL\t%s: [%s] is %s; records: %s' % (desc, expr, why,
              json.dumps(recs, ensure_ascii=False)[:1200]))
        sys.exit(0)
    print('ok\t' + desc)
" "$f")
    rc=$?
    [ "$f" = "$OUTF" ] || LAST_CMD=
    [ "$rc" = 0 ] && [ -n "$res" ] || fail "json_checks on $f: python failed (exit $rc): $res"
    while IFS= read -r line; do
        case $line in
        ok$'\t'*) pass "${line#ok$'\t'}" ;;
        FAIL$'\t'*) fail "${line#FAIL$'\t'}" ;;
        *) fail "json_checks: unexpected output [$line]" ;;
        esac
    done <<<"$res"
}

# json_check EXPR DESC [FILE]: one check (see json_checks).
json_check() {
    json_checks "${3:-$OUTF}" <<<"$(printf '@ %s\n%s\n' "$2" "$1")"
}

# py_assert DESC [ARGS...] <<'EOF' ... EOF: run Python statements (with the
# helpers of $_JK_PY; ARGS in sys.argv[1:]); an `assert` that fails, or any
# exception, fails the test with its message.
py_assert() {
    local desc=$1 msg
    shift
    msg=$(py -c "$_JK_PY
_src = sys.stdin.read()
try:
    exec(compile(_src, 'check', 'exec'))
except AssertionError as e:
    print(e if str(e) else 'assertion failed'); sys.exit(1)
except Exception as e:
    print('%s: %s' % (type(e).__name__, e)); sys.exit(1)
" "$@" 2>&1) || {
        LAST_CMD=
        fail "$desc: $msg"
    }
    pass "$desc"
}

# json_valid [FILE]: FILE is JSON Lines; sets JSON_N to the record count.
json_valid() {
    local f=${1:-$OUTF} msg
    msg=$(py -c "$_JK_PY
print(len(hits_of(load_jsonl(sys.argv[1]))))" "$f" 2>&1) || fail "output is not valid JSON Lines: $msg"
    JSON_N=$msg
    pass "JSON Lines parse (strict UTF-8, $JSON_N hits)"
}

# json_field PATH [N] [FILE]: print one field of record N (1-based).
json_field() {
    py -c "$_JK_PY
recs = hits_of(load_jsonl(sys.argv[3]))
v = field(recs[int(sys.argv[2]) - 1], sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))" \
        "$1" "${2:-1}" "${3:-$OUTF}"
}

# json_vars N FILE PATH...: sets J_<PATH> (non-alphanumerics as _) to each
# field of record N, strings as they are, others as JSON.
json_vars() {
    local _out
    _out=$(py -c "$_JK_PY
import shlex
recs = hits_of(load_jsonl(sys.argv[2]))
r = recs[int(sys.argv[1]) - 1]
for p in sys.argv[3:]:
    v = field(r, p)
    v = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    print('J_%s=%s' % (re.sub(r'\W', '_', p), shlex.quote(v)))
" "$@") || fail "json_vars $*: cannot read the fields"
    eval "$_out"
}

summary_counts() {
    local re='jikji: ([0-9]+) added, ([0-9]+) updated, ([0-9]+) removed, ([0-9]+) unchanged, ([0-9]+) skipped, ([0-9]+) renamed'
    if [[ $ERR =~ $re ]]; then
        ADDED=${BASH_REMATCH[1]} UPDATED=${BASH_REMATCH[2]} REMOVED=${BASH_REMATCH[3]}
        UNCHANGED=${BASH_REMATCH[4]} SKIPPED=${BASH_REMATCH[5]} RENAMED=${BASH_REMATCH[6]}
    else
        fail "no index summary ('jikji: N added, N updated, ...') on stderr"
    fi
}

# Expect the summary of the last index run to say A added, U updated,
# R removed, N unchanged.
expect_summary() {
    summary_counts
    [ "$ADDED $UPDATED $REMOVED $UNCHANGED" = "$1 $2 $3 $4" ] ||
        fail "$5: expected summary '$1 added, $2 updated, $3 removed, $4 unchanged', got '$ADDED added, $UPDATED updated, $REMOVED removed, $UNCHANGED unchanged'"
    pass "$5 ($1 added, $2 updated, $3 removed, $4 unchanged)"
}

# Note files jikji indexes under DIR: .md .markdown .mdx .txt, outside hidden
# folders and node_modules.
count_notes() {
    find "$1" \( -name '.*' -o -name node_modules \) -prune -o -type f \
        \( -name '*.md' -o -name '*.markdown' -o -name '*.mdx' -o -name '*.txt' \) \
        -print | wc -l | tr -d ' '
}
