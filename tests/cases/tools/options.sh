# Option sync: for every tool, each option the code takes (cmd/TOOL.c's
# getopt_long table and option string, cmd/mapnightly.sh's case patterns)
# is in its --help, is an .It Fl item of man/TOOL.1, is offered by
# completions/bash/TOOL (run in bash, without bash-completion) and by
# completions/zsh/_TOOL (its _arguments specs), and each option of any of
# those is in all the others; and the SYNOPSIS of man/TOOL.1 names each
# option of --help (by its short or its long name) and no other. mapask's question
# options (rate --team, ...) are checked the same way, as "mapask QUESTION".
# One line per option missing somewhere, saying where (and exit 1), then
# the count of options per tool.
tools='curscan mapcontract mapstate maptasks mapcredit mapscore mapreport mapask mapnightly mapshard'
questions='rate lost credits tasks changes'
S=$TMP/opts
mkdir -p "$S"

# the code: long names and the short option string of getopt_long; for
# mapnightly the patterns of its option case statements
code_opts() {	# TOOL
	if [ "$1" = mapnightly ]; then
		awk '/^# -+ options/ { on = 1 } on && /^done/ { exit }
		on && /^\t-/ {
			p = $0
			sub(/\).*/, "", p)
			n = split(p, a, /[ \t|\\]+/)
			for (i = 1; i <= n; i++)
				if (a[i] ~ /^--?[A-Za-z][-a-z]*$/)
					print "mapnightly\t" a[i]
		}' cmd/mapnightly.sh
		return
	fi
	awk -v t="$1" '
	/struct option/ { on = 1; next }
	on && /};/ { on = 0 }
	on && match($0, /\{ "[-a-z]+"/) {
		print t "\t--" substr($0, RSTART + 3, RLENGTH - 4)
	}
	/getopt_long\(/ && match($0, /"[^"]*"/) {
		s = substr($0, RSTART + 1, RLENGTH - 2)
		gsub(/[+:]/, "", s)
		for (i = 1; i <= length(s); i++)
			print t "\t-" substr(s, i, 1)
	}' "cmd/$1.c"
}

# --help: lines "  -x, --long ARG" or "      --long ARG" (an indent of 2
# to 8); mapask's questions
help_opts() {	# TOOL
	"$1" --help | awk -v q="$1" '
	/^Questions:/ { inq = 1; next }
	inq && /^  [a-z]/ {
		s = $0
		while (match(s, /--[a-z][-a-z]*/)) {
			print q " " $1 "\t" substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
		}
		next
	}
	/^$/ { inq = 0 }
	/^ +-/ && match($0, /^ +/) && RLENGTH <= 8 {
		if ($1 ~ /,$/) {
			print q "\t" substr($1, 1, length($1) - 1)
			print q "\t" $2
		} else
			print q "\t" $1
	}'
}

# the man page: every Fl argument on an .It line, prefixed with -; an
# ".It Cm QUESTION" line's belong to the question
man_opts() {	# TOOL
	awk -v t="$1" '
	/^\.It / {
		q = t
		if ($2 == "Cm") {
			if (t != "mapask")
				next
			q = t " " $3
		} else if ($2 != "Fl")
			next
		fl = 0
		for (i = 2; i <= NF; i++) {
			if ($i == "Fl")
				fl = 1
			else if ($i ~ /^[A-Z][a-z]$/)
				fl = 0
			else if (fl && $i != "," && $i != "|" && $i != "=")
				print q "\t-" $i
		}
	}' "man/$1.1"
}

# the SYNOPSIS: its Fl arguments, one per line
synopsis_opts() {	# TOOL
	awk '/^\.Sh SYNOPSIS/ { on = 1; next } /^\.Sh/ { on = 0 }
	on {
		fl = 0
		for (i = 1; i <= NF; i++) {
			w = $i
			if (i == 1)
				sub(/^\./, "", w)
			if (w == "Fl")
				fl = 1
			else if (w ~ /^[A-Z][a-z]$/)
				fl = 0
			else if (fl && w != "," && w != "|" && w != "=")
				print "-" w
		}
	}' "man/$1.1"
}

# bash: what the completion function offers after "-", for mapcontract
# after each command too, for mapask after each question
bash_opts() {	# TOOL
	bash -c '
	t=$1
	. "completions/bash/$t"
	offer() {	# PREFIX WORD...
		p=$1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		"_$t"
		for o in "${COMPREPLY[@]}"; do
			[[ $o == -?* ]] && printf "%s\t%s\n" "$p" "$o"
		done
	}
	offer "$t" "$t" -
	case $t in
	mapcontract)
		for c in new list check check-workloads accounts; do
			offer "$t" "$t" "$c" -
		done ;;
	mapask)
		for q in $2; do
			offer "$t $q" "$t" -d x "$q" -
		done ;;
	esac' sh "$1" "$questions"
}

# zsh: the option names of the _arguments specs ({-x+,--long=}, '--long=[',
# ')--long[', '*--long=['); mapask's after "case $state" are the questions'
zsh_opts() {	# TOOL
	awk -v t="$1" '
	/^case \$state/ && t == "mapask" { qs = 1 }
	qs && /^  [a-z]+\)/ { q = $1; sub(/\).*/, "", q) }
	{
		s = $0
		while (match(s, /\{-[A-Za-z]\+?,--[a-z][-a-z]*=?\}|['\''")*]--?[A-Za-z][-a-z]*[=+]?\[/)) {
			m = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
			gsub(/[][{}'\''")*=+]/, "", m)
			n = split(m, a, ",")
			for (i = 1; i <= n; i++)
				print (qs ? t " " q : t) "\t" a[i]
		}
	}' "completions/zsh/_$1"
}

for t in $tools; do
	code_opts "$t" | sort -u >"$S/$t.code"
	help_opts "$t" | sort -u >"$S/$t.help"
	man_opts "$t" | sort -u >"$S/$t.man"
	bash_opts "$t" | sort -u >"$S/$t.bash"
	zsh_opts "$t" | sort -u >"$S/$t.zsh"
done
rc=0
for t in $tools; do
	# the question options are mapask's own code's, not getopt's
	grep "^$t [a-z]" "$S/$t.help" >>"$S/$t.code"
	cat "$S/$t.code" "$S/$t.help" "$S/$t.man" "$S/$t.bash" "$S/$t.zsh" | sort -u >"$S/$t.all"
	miss=$(while IFS= read -r o; do
		w=
		grep -qxF "$o" "$S/$t.code" || w="$w cmd/$t"
		grep -qxF "$o" "$S/$t.help" || w="$w --help"
		grep -qxF "$o" "$S/$t.man" || w="$w man/$t.1"
		grep -qxF "$o" "$S/$t.bash" || w="$w completions/bash/$t"
		grep -qxF "$o" "$S/$t.zsh" || w="$w completions/zsh/_$t"
		[ -z "$w" ] || printf '%s: not in%s\n' "$o" "$w" | tr '\t' ' '
	done <"$S/$t.all")
	if [ -n "$miss" ]; then
		echo "$miss"
		rc=1
	fi
	# the SYNOPSIS names each option of --help by one of its names,
	# and no option the code lacks
	synopsis_opts "$t" | sort -u >"$S/$t.syn"
	"$t" --help | awk '/^Questions:/ { exit }
	/^ +-/ && match($0, /^ +/) && RLENGTH <= 8 {
		if ($1 ~ /,$/)
			print substr($1, 1, length($1) - 1), $2
		else
			print $1
	}' | while read -r a b; do
		grep -qxF -- "$a" "$S/$t.syn" ||
		    { [ -n "$b" ] && grep -qxF -- "$b" "$S/$t.syn"; } ||
		    echo "$t $a${b:+ ($b)}: not in man/$t.1's SYNOPSIS"
	done >"$S/$t.synmiss"
	while read -r o; do
		grep -qxF "$t	$o" "$S/$t.code" ||
		    echo "$t $o: in man/$t.1's SYNOPSIS, not in cmd/$t"
	done <"$S/$t.syn" >>"$S/$t.synmiss"
	if [ -s "$S/$t.synmiss" ]; then
		cat "$S/$t.synmiss"
		rc=1
	fi
	cut -f 1 "$S/$t.all" | sort | uniq -c | while read -r n q; do
		echo "$q: $n options"
	done
done
exit $rc
