# bash completion for jikji(1)                             -*- shell-script -*-
#
# Installed as $datadir/bash-completion/completions/jikji (loaded on demand
# by the bash-completion package); without that package, source this file
# from ~/.bashrc.  It needs nothing but bash itself.
#
# What it completes:
#   jikji [--db DIR] [--color WHEN] COMMAND   commands and global options
#   jikji CMD -<TAB>                          the options of 'jikji CMD --help'
#   --color auto|always|never, --sort relevance|date|path, --db directories,
#   --synonyms YAML files
#   jikji index PATH...                       directories and note files
#   jikji show|similar PATH:LINE              note files, then after the ':'
#                                             the lines where headings start
#   jikji search QUERY...                     field prefixes (tag: title: ...)
#                                             and, after tag:, the tags of the
#                                             index ('jikji tags --json')
#
# Keep the option lists in step with 'jikji CMD --help':
# tests/cli/T090-docs.sh checks that every long option printed there is
# completed here.

_jikji_commands() {
    printf '%s\n' index search show similar tags status watch help
}

# The options of command $1 (the global options when $1 is empty).
_jikji_options() {
    case $1 in
    '') printf '%s\n' --db --color --synonyms --help -h --version ;;
    index) printf '%s\n' --rebuild --forget --jobs -j --quiet -q --wait --synonyms --db --help -h ;;
    search | similar)
        printf '%s\n' --json --files-with-matches -l --count -c --vimgrep \
            --limit -n --offset --sort --color --synonyms --explain --no-expand --db --help -h ;;
    show) printf '%s\n' --json --context --color --db --help -h ;;
    tags | status) printf '%s\n' --json --db --help -h ;;
    watch) printf '%s\n' --quiet -q --synonyms --db --help -h ;;
    esac
}

# Does option $1 take a value?
_jikji_takes_value() {
    case $1 in
    --db | --color | --colour | --synonyms | --sort | --limit | -n | --offset | --jobs | -j)
        return 0 ;;
    esac
    return 1
}

# The field prefixes of the query language.
_jikji_fields() {
    printf '%s\n' tag: category: title: path: heading: date: after: before:
}

# words/cword (the caller's locals): COMP_WORDS/COMP_CWORD with the pieces
# that bash splits at ':' and '=' (COMP_WORDBREAKS) joined again, so that
# 'tag:ka' and '--sort=da' are one word each.  Without COMP_LINE (a direct
# call) COMP_WORDS is taken as it is.
_jikji_words() {
    words=()
    cword=0
    if [[ -z ${COMP_LINE-} ]]; then
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        return
    fi
    local line=$COMP_LINE i j=-1 w sp
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        sp=0
        while [[ $line == [[:space:]]* ]]; do
            line=${line:1}
            sp=1
        done
        if ((i > 0 && !sp)) && [[ $w == [:=]* || ${words[j]} == *[:=] ]]; then
            words[j]+=$w
        else
            words[++j]=$w
        fi
        line=${line#"$w"}
        ((i == COMP_CWORD)) && cword=$j
    done
}

# A leading ~/ of $1 as $HOME/.
# shellcheck disable=SC2088 # a literal ~ is what is matched
_jikji_tilde() {
    case $1 in
    '~') printf '%s\n' "${HOME-}" ;;
    '~/'*) printf '%s\n' "${HOME-}/${1#'~/'}" ;;
    *) printf '%s\n' "$1" ;;
    esac
}

# The tags of the index, one a line: from 'jikji tags --json' when jikji can
# be run ($1, the command being completed, if it is a path; else jikji on
# PATH) and the index exists ($2, the --db given, else the default).  Any
# failure gives nothing.
_jikji_tag_names() {
    local jk=$1 dir=$2
    case $jk in
    */*) jk=$(_jikji_tilde "$jk") ;;
    *) jk=jikji ;;
    esac
    if [[ $jk == */* ]]; then
        [[ -x $jk && ! -d $jk ]] || return 0
    else
        command -v "$jk" >/dev/null 2>&1 || return 0
    fi
    if [[ -z $dir ]]; then
        if [[ -n ${JIKJI_DB-} ]]; then
            dir=$JIKJI_DB
        elif [[ ${XDG_DATA_HOME-} == /* ]]; then
            dir=$XDG_DATA_HOME/jikji
        elif [[ -n ${HOME-} ]]; then
            dir=$HOME/.local/share/jikji
        fi
    fi
    dir=$(_jikji_tilde "$dir")
    [[ -n $dir && -d $dir ]] || return 0
    local -a run=("$jk" --db "$dir" tags --json)
    command -v timeout >/dev/null 2>&1 && run=(timeout 3 "${run[@]}")
    # {"tag":"kafka","notes":3}; tags with JSON escapes are left out.
    "${run[@]}" 2>/dev/null </dev/null |
        sed -n 's/^{"tag":"\([^"\\]*\)",.*/\1/p' 2>/dev/null
    return 0
}

# Candidates (whole words) for a word of a search query.
_jikji_query_word() {
    local cur=$1 jk=$2 db=$3 lead='' w f t name q
    w=$cur
    # Keep leading '(' and '-' (grouping, exclusion).
    while [[ $w == [\(-]* ]]; do
        lead+=${w:0:1}
        w=${w:1}
    done
    case $w in
    [Tt][Aa][Gg]:*)
        name=${w#*:}
        q=
        if [[ $name == \"* ]]; then
            q=\"
            name=${name:1}
        fi
        while IFS= read -r t; do
            [[ -n $t && $t == "$name"* ]] || continue
            if [[ -n $q || $t == *[[:space:]]* ]]; then
                COMPREPLY+=("$lead${w%%:*}:\"$t\"")
            else
                COMPREPLY+=("$lead${w%%:*}:$t")
            fi
        done < <(_jikji_tag_names "$jk" "$db")
        ;;
    *:*) ;;
    *)
        while IFS= read -r f; do
            [[ $f == "$w"* ]] && COMPREPLY+=("$lead$f")
        done < <(_jikji_fields)
        ((${#COMPREPLY[@]})) && compopt -o nospace 2>/dev/null
        ;;
    esac
    return 0
}

# Candidates: directories and note files (.md .markdown .mdx .txt) that
# start with $1.
_jikji_note_files() {
    local f
    while IFS= read -r f; do
        if [[ -d $(_jikji_tilde "$f") ]]; then
            COMPREPLY+=("$f")
        else
            case $f in
            *.md | *.markdown | *.mdx | *.txt) COMPREPLY+=("$f") ;;
            esac
        fi
    done < <(compgen -f -- "$1" 2>/dev/null)
    compopt -o filenames 2>/dev/null
    return 0
}

# Candidates for PATH:LINE: note files (no space after them, the ':LINE'
# follows), then the lines of PATH where a heading starts.
_jikji_path_line() {
    local cur=$1 path n file
    if [[ $cur == *:* ]]; then
        path=${cur%:*}
        # the word as typed, its quotes and backslashes not yet removed
        # (QA: 내\ 노트/a.md: offered no line)
        file=${path#[\"\']}
        file=${file//\\/}
        file=$(_jikji_tilde "$file")
        [[ -f $file && -r $file ]] || return 0
        while IFS= read -r n; do
            [[ $path:$n == "$cur"* ]] && COMPREPLY+=("$path:$n")
        done < <(awk '
            NR == 1 && /^---[ \t]*$/ { fm = 1; next }
            fm { if (/^(---|\.\.\.)[ \t]*$/) fm = 0; next }
            /^[ \t]*(```|~~~)/ { code = !code; next }
            !code && /^##?#?#?#?#?([ \t]|$)/ { print NR }
        ' "$file" 2>/dev/null)
    else
        _jikji_note_files "$cur"
        compopt -o nospace 2>/dev/null
    fi
    return 0
}

_jikji() {
    local words cword
    _jikji_words
    local cur=${words[cword]-} prev=''
    ((cword > 0)) && prev=${words[cword - 1]}
    COMPREPLY=()

    # The command, the --db given, and whether '--' ended the options.
    local i cmd='' cmdi=0 db='' dashdash=0
    for ((i = 1; i < ${#words[@]}; i++)); do
        case ${words[i]} in
        --db) ((i + 1 < ${#words[@]} && i + 1 != cword)) && db=${words[i + 1]} ;;
        --db=*) ((i != cword)) && db=${words[i]#--db=} ;;
        esac
    done
    for ((i = 1; i < cword; i++)); do
        if [[ -z $cmd ]]; then
            case ${words[i]} in
            --db | --color | --colour | --synonyms) ((i++)) ;;
            -*) ;;
            *) cmd=${words[i]} cmdi=$i ;;
            esac
        elif [[ ${words[i]} == -- ]]; then
            dashdash=1
            break
        elif _jikji_takes_value "${words[i]}"; then
            ((i++))
        fi
    done

    # The value of an option: '--opt VALUE' or '--opt=VALUE'.
    local opt='' val=$cur pre=''
    if ((!dashdash)); then
        if [[ $cur == --*=* ]]; then
            opt=${cur%%=*}
            val=${cur#*=}
            pre=$opt=
        elif ((cword > cmdi + 1 || (cmdi == 0 && cword > 1))) &&
            _jikji_takes_value "$prev"; then
            opt=$prev
        fi
    fi

    local c
    if [[ -n $opt ]]; then
        case $opt in
        --color | --colour) for c in auto always never; do
            [[ $c == "$val"* ]] && COMPREPLY+=("$pre$c")
        done ;;
        --sort) for c in relevance date path; do
            [[ $c == "$val"* ]] && COMPREPLY+=("$pre$c")
        done ;;
        --db)
            while IFS= read -r c; do
                COMPREPLY+=("$pre$c")
            done < <(compgen -d -- "$val" 2>/dev/null)
            compopt -o filenames 2>/dev/null
            ;;
        --synonyms)
            while IFS= read -r c; do
                if [[ -d $(_jikji_tilde "$c") ]]; then
                    COMPREPLY+=("$pre$c")
                else
                    case $c in *.yaml | *.yml) COMPREPLY+=("$pre$c") ;; esac
                fi
            done < <(compgen -f -- "$val" 2>/dev/null)
            compopt -o filenames 2>/dev/null
            ;;
        esac
    elif [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            while IFS= read -r c; do
                [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
            done < <(_jikji_options '')
        else
            while IFS= read -r c; do
                [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
            done < <(_jikji_commands)
        fi
    elif [[ $cur == -* && $dashdash == 0 && $cmd != help ]] ||
        [[ -z $cur && ($cmd == tags || $cmd == status) ]]; then
        while IFS= read -r c; do
            [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
        done < <(_jikji_options "$cmd")
    else
        case $cmd in
        help)
            if ((cword == cmdi + 1)); then
                while IFS= read -r c; do
                    [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
                done < <(_jikji_commands)
            fi
            ;;
        index | watch) _jikji_note_files "$cur" ;;
        search) _jikji_query_word "$cur" "${words[0]}" "$db" ;;
        show | similar) _jikji_path_line "$cur" ;;
        esac
    fi

    # Bash replaces only the text after the last ':' or '=' it split at:
    # drop what comes before it from every candidate.
    local orig=${COMP_WORDS[COMP_CWORD]-} keep=''
    case $orig in
    *[!:=]*) [[ $cur == *"$orig" ]] && keep=${cur%"$orig"} ;;
    *) keep=$cur ;;
    esac
    if [[ -n $keep ]]; then
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"$keep"}
        done
    fi
    return 0
}

complete -F _jikji jikji
