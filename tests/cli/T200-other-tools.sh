#!/usr/bin/env bash
# T200: notes as other tools write them (QA): a Logseq graph (headings in
# bullets, page properties, block references, journals), a Hugo site
# (shortcodes, a theme's own Markdown), and Windows leftovers (CP949 notes
# of mostly ASCII, CP949 file names, UTF-32).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# --- Logseq ---------------------------------------------------------------
mkdir -p "$T/graph/pages" "$T/graph/journals"
printf 'title:: 카프카 정리\ntags:: kafka, [[Spring Batch]], #면접\nalias:: 카프카 노트\n\n- ## 재시도 설계\n\t- retryCount 헤더로 재시도 토픽 분리 ((65e1a2b3-1111-2222-3333-444455556666))\n\t  collapsed:: true\n\t  id:: 65e1a2b3-1111-2222-3333-444455556666\n- ## 장애 대응\n\t- ClickHouse 디스크 증설 #[[정산 시스템]]\n\t- ### 꼬리 질문\n\t\t- 왜 증설했나 tailword\n' \
    >"$T/graph/pages/kafka.md"
printf -- '- 오늘 면접 준비 journalword\n' >"$T/graph/journals/2024_03_01.md"
jk index -q "$T/graph"
expect_code 0 "index a Logseq graph"

jk search --json ClickHouse
json_checks <<'EOF'
@ a bullet's heading starts a section (`- ## 장애 대응`)
recs[0]["headings"] == ["카프카 정리", "장애 대응"] and recs[0]["line"] == 9
@ the page's title:: is the note's title
recs[0]["title"] == "카프카 정리"
@ the #[[tag]] markup is not in the snippet
"#" not in recs[0]["snippet"] and "[[" not in recs[0]["snippet"]
EOF
jk search --json tailword
json_check 'recs[0]["headings"][-1] == "꼬리 질문" and recs[0]["snippet"].startswith("왜 증설했나")' \
    "a nested bullet heading is a sub-section; the bullet under it shows no '-'"
jk search --json retryCount
json_checks <<'EOF'
@ a block reference and the collapsed:: and id:: lines are not shown
recs[0]["snippet"] == "retryCount 헤더로 재시도 토픽 분리"
EOF
for q in tag:kafka 'tag:"spring batch"' 'tag:면접' 'tag:"정산 시스템"' 'title:노트'; do
    jk search -l "$q"
    expect_eq "$OUT" "graph/pages/kafka.md" "'$q' finds the page (page properties, #[[tag]], alias::)"
done
jk search --json kafka
json_check 'not any("tags::" in r["snippet"] for r in recs)' "a property's key is not shown"
# Dataview's inline fields in an Obsidian note are the user's text, key
# and all (QA: every key:: was hidden, and `project` found nothing).
printf '# Obsidian note\n\nproject:: jikji dataviewval\nrating:: 5\n' >"$T/graph/pages/dv.md"
jk index -q "$T/graph"
jk search -l project
expect_eq "$OUT" "graph/pages/dv.md" "a Dataview field's key is searched"
# A first line that only looks like a property (C++'s `std:: vector`), and
# `key:: value` right after YAML front matter, are text as written (QA: the
# keys were hidden from the snippet, though neither was read as a property).
printf 'std:: vector<int> stdvecword 정리
' >"$T/graph/pages/cpp.md"
printf -- '---
title: YAML note
---
status:: yamlpropword 진행
' >"$T/graph/pages/yp.md"
jk index -q "$T/graph"
jk search --json stdvecword
json_check 'recs[0]["snippet"].startswith("std:: vector")' "a first line std:: vector is shown as written"
jk search --json yamlpropword
json_check '"status::" in recs[0]["snippet"]' "a key:: line after YAML front matter is shown with its key"
jk search --json journalword
json_check 'recs[0]["date"] == "2024-03-01"' "a Logseq journal's name dates it"

# --- Hugo -----------------------------------------------------------------
mkdir -p "$T/site/content/posts" "$T/site/themes/ananke/exampleSite/content" "$T/site/public"
printf 'baseURL = "https://example.org/"\n' >"$T/site/hugo.toml"
printf '+++\ntitle = "재시도 정리"\n+++\n\n{{< figure src="/img/retry.png" caption="figcaptionword 구조" >}}\n\n{{%% notice tip %%}}\nretryCount 는 헤더에 둔다 hugoword.\n{{%% /notice %%}}\n\n{{< highlight go >}}\n# 코드 안의 주석\nfunc retry() {}\n{{< /highlight >}}\n' \
    >"$T/site/content/posts/retry.md"
printf '# Ananke\n\nthemeword\n' >"$T/site/themes/ananke/README.md"
printf '# Example\n\nthemeword\n' >"$T/site/themes/ananke/exampleSite/content/e.md"
printf '# built\n\nthemeword\n' >"$T/site/public/index.md"
jk index -q "$T/site"
jk search -c themeword
expect_eq "$OUT" 0 "a Hugo site's themes and public folders are not read"
jk search --json figcaptionword
cp "$OUTF" "$T/w-fig.json"
jk search --json hugoword
json_checks <<'EOF'
@ shortcodes are markup: not in the snippet
"{{" not in recs[0]["snippet"] and "}}" not in recs[0]["snippet"]
@ a figure's caption is text (QA: it was lost with the markup)
any(m["text"] == "figcaptionword" for m in load("w-fig.json")[0]["matches"])
@ a comment in a {{< highlight >}} block is no heading
len(recs) == 1 and recs[0]["headings"] == ["재시도 정리"]
EOF

# A vault of notes with a config.yaml, a content folder and a public one
# is no Hugo site: its public notes are read (QA).
mkdir -p "$T/notsite/content" "$T/notsite/public"
printf 'a: 1\n' >"$T/notsite/config.yaml"
printf '# 공개 노트\n\npublicnoteword\n' >"$T/notsite/public/p.md"
jk index -q "$T/notsite"
jk search -l publicnoteword
expect_eq "$OUT" "notsite/public/p.md" "public/ of a vault that is no site is read"

# An image pasted into a note (Typora, Joplin): an <img> whose data: URI
# is longer than any other tag (QA: its base64 was shown past 1,024 bytes).
py -c 'import sys; open(sys.argv[1], "w").write("# 그림\n\n<img src=\"data:image/png;base64," + "A" * 200000 + "\"> pastedimgword 설명\n")' "$T/site/content/img.md"
jk index -q "$T/site"
jk search --json pastedimgword
json_check 'len(recs[0]["snippet"]) < 100 and "AAAA" not in recs[0]["snippet"]' "a long data: image is markup, not text"

# --- Windows leftovers ----------------------------------------------------
mkdir -p "$T/win"
py - "$T/win" <<'EOF'
import sys
d = sys.argv[1]
code = "```java\n" + "int retryCount = policy.next(attempt); // backoff\n" * 25 + "```\n"
open(d + "/mostly-code.md", "wb").write(("# 카프카 정리\n\n" + code + "\n## 재시도 정책\n\n재시도 횟수는 3번.\n").encode("cp949"))
open(d + "/late-korean.md", "wb").write(("# Airflow notes\n\n" + "Airflow DAG scheduling notes. " * 300 + "\n\n## 장애 회고\n\n스케줄러 장애로 정산 지연.\n").encode("cp949"))
open(d + "/latin1.md", "wb").write("# cafe\n\nlatinword caf\xe9 r\xe9sum\xe9\n".encode("latin-1"))
open(d + "/u32.md", "wb").write("# x\n\nu32word\n".encode("utf-32"))
open((d + "/면접 회고.md").encode("cp949"), "wb").write("# 회고\n\ncpnameword\n".encode())
# Not CP949 (QA): Latin-1 with accented capitals side by side, which pair
# as EUC-KR bytes do, and UTF-8 with a pasted line of CP949.
open(d + "/latin1-pt.md", "wb").write(("# Nota\n\nptword\n" + "INFORMAÇÃO E AÇÕES DA ORGANIZAÇÃO, and some plain words here.\n" * 20).encode("latin-1"))
open(d + "/mixed.md", "wb").write("# mixed → note\n\nmixedword\n".encode() + "카프카 재시도 토픽 설계\n".encode("cp949") + b"An English engineering note about retries and backoff.\n" * 8)
EOF
jk index "$T/win"
expect_code 0 "index the Windows leftovers"
IERR=$ERR
expect_contains "$IERR" "mostly-code.md: EUC-KR/CP949 text is not supported" "CP949 of mostly code is said to be CP949"
expect_contains "$IERR" "late-korean.md: EUC-KR/CP949 text is not supported" "CP949 with Korean past 8 KiB too"
expect_contains "$IERR" "u32.md: UTF-32 text is not supported" "UTF-32 is said to be UTF-32"
expect_not_contains "$IERR" "latin1.md" "a Latin-1 note of two accents is read, as before"
expect_not_contains "$IERR" "latin1-pt.md" "a Latin-1 note of accented capitals is read, not taken for CP949"
expect_not_contains "$IERR" "mixed.md" "UTF-8 with a pasted CP949 line is read as UTF-8"
jk search -l ptword
expect_eq "$OUT" "win/latin1-pt.md" "the Latin-1 note is searchable"
jk search -l mixedword
expect_eq "$OUT" "win/mixed.md" "the mixed note is searchable"
expect_contains "$IERR" "the file name is not UTF-8" "a CP949 file name is warned about"
jk search -c cpnameword
expect_eq "$OUT" 1 "... and the note is still indexed"
jk similar "$T/win/mostly-code.md:3"
expect_code 2 "similar of a CP949 note"
expect_contains "$ERR" "not a note: EUC-KR/CP949" "similar says why, as show does"

done_testing
