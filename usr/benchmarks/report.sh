#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Turns the raw files of tools/bench.sh into results.csv, summary.tsv, table.md, env.md and
# PNG plots (gnuplot), all in DIR; --update-doc also copies table, environment and plots
# into doc/benchmarks.md (between its BEGIN/END GENERATED markers) and doc/benchmarks/.
#
# usage: report.sh DIR | report.sh --update-doc DIR DOC
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

# replace_block FILE NAME CONTENT_FILE: the lines between "<!-- BEGIN NAME -->" and
# "<!-- END NAME -->" become CONTENT_FILE.
replace_block() {
	awk -v name="$2" -v content="$3" '
		$0 == "<!-- BEGIN " name " -->" { print; while ((getline l < content) > 0) print l; skip = 1; next }
		$0 == "<!-- END " name " -->" { skip = 0 }
		!skip' "$1" >"$1.new"
	mv "$1.new" "$1"
}

if [ "${1:-}" = --update-doc ]; then
	dir=$2 doc=$3
	pics=$(dirname "$doc")/benchmarks
	mkdir -p "$pics"
	cp "$dir"/*.png "$pics/"
	replace_block "$doc" TABLE "$dir/table.md"
	replace_block "$doc" ENVIRONMENT "$dir/env.md"
	echo "report.sh: updated $doc and $pics/" >&2
	exit 0
fi

dir=${1:?usage: report.sh DIR}
cd "$dir"
shopt -s nullglob
raws=(raw-host.csv raw-qemu.csv)
{
	echo "environment,mode,benchmark,metric,repetition,value,unit"
	for f in "${raws[@]}"; do [ -f "$f" ] && cat "$f"; done
} >results.csv
awk -f "$here/summary.awk" results.csv >summary.tsv
awk -v dir=. -f "$here/table.awk" summary.tsv >table.md

{
	for e in host qemu; do
		[ -f "env-$e.txt" ] || continue
		echo "**$e**"
		echo
		sed 's/^/- /' "env-$e.txt"
		echo
	done
	echo "Generated $(date -u '+%Y-%m-%d %H:%M UTC') from $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')" \
		"(working tree $(git -C "$here" status --porcelain 2>/dev/null | grep -q . && echo changed || echo clean))."
} >env.md

# ---- plot data (medians; "?" = missing) ----
for e in $(cut -f1 summary.tsv | sort -u); do
	# Ratios to Linux per group (log scale), without the descriptive metrics.
	awk -F'\t' -v e="$e" '
		$1 != e || $2 == "clock" || $3 ~ /^(hist_|phase_|kvm_floor)/ { next }
		$3 ~ /^(runtime|threshold|cpus|llc_size|llc_from_sysfs|array_size|tsc_ghz)$/ { next }
		{ k = $2 SUBSEP $3; if (!(k in seen)) { seen[k] = 1; rows[++n] = k } ; med[k, $4] = $7 }
		function r(k, m) { return ((k, m) in med && (k, "linux") in med && med[k, "linux"] > 0 && med[k, m] > 0) ? med[k, m] / med[k, "linux"] : "?" }
		END { for (i = 1; i <= n; i++) { split(rows[i], f, SUBSEP)
			print f[1], f[2], r(rows[i], "uhyve"), r(rows[i], "isle") > ("ratios-" e "-" f[1] ".dat") } }' summary.tsv
	# Hourglass detour histogram: bin upper bound (us), detours/s per mode.
	awk -F'\t' -v e="$e" '
		$1 == e && $2 == "hourglass" && $3 ~ /^hist_/ {
			b = $3; sub(/^hist_(lt|ge)_/, "", b); sub(/us$/, "", b)
			if ($3 ~ /_ge_/) b = b * 2
			if (!(b in seen)) { seen[b] = 1; bins[++n] = b }
			v[b, $4] = $7 }
		function g(b, m) { return ((b, m) in v && v[b, m] > 0) ? v[b, m] : "?" }
		END { for (i = 1; i <= n; i++) print bins[i], g(bins[i], "linux"), g(bins[i], "uhyve"), g(bins[i], "isle") }' \
		summary.tsv >"hourglass-$e.dat"
	# STREAM by kernel and thread count, median/min/max per mode.
	awk -F'\t' -v e="$e" '
		$1 == e && $2 == "stream" && $5 == "MB/s" {
			if (!($3 in seen)) { seen[$3] = 1; rows[++n] = $3 }
			v[$3, $4] = $7 " " $8 " " $9 }
		function g(k, m) { return ((k, m) in v) ? v[k, m] : "? ? ?" }
		END { for (i = 1; i <= n; i++) print rows[i], g(rows[i], "linux"), g(rows[i], "uhyve"), g(rows[i], "isle") }' \
		summary.tsv >"stream-$e.dat"
	# Boot split into phases (ms), one row per mode.
	awk -F'\t' -v e="$e" '
		$1 == e && $2 == "boot" { v[$3, $4] = $7 }
		function g(k, m) { return ((k, m) in v) ? v[k, m] : "?" }
		END {
			if (("start_to_exit", "linux") in v)
				print "Linux", "?", "?", g("start_to_first_output", "linux"), v["start_to_exit", "linux"] - v["start_to_first_output", "linux"], "?", "?"
			split("uhyve isle", ms, " ")
			for (i = 1; i <= 2; i++)
				if (("phase_setup", ms[i]) in v)
					print ms[i], g("phase_setup", ms[i]), g("phase_start", ms[i]), g("phase_to_main", ms[i]), g("phase_main_to_end", ms[i]), g("phase_teardown", ms[i]), "?"
			if (("kvm_floor_start_to_exit", "uhyve") in v)
				print "KVM_floor", "?", "?", "?", "?", "?", v["kvm_floor_start_to_exit", "uhyve"]
		}' summary.tsv >"boot-$e.dat"
done

command -v gnuplot >/dev/null || { echo "report.sh: gnuplot missing (tools/install-deps.sh); no plots" >&2; exit 0; }
for e in $(cut -f1 summary.tsv | sort -u); do
	title=$([ "$e" = qemu ] && echo "nested QEMU (TCG)" || echo "$e")
	# Groups with at least one ratio; an environment with Linux alone gets no ratio plot.
	groups=$(for f in ratios-"$e"-*.dat; do
		awk '$3 != "?" || $4 != "?" { found = 1 } END { exit !found }' "$f" &&
			echo "$f" | sed "s/^ratios-$e-//;s/\.dat$//" || true
	done | tr '\n' ' ')
	has() { [ -s "$1-$e.dat" ] && echo 1 || echo 0; }
	gnuplot -e "env='$e'; title='$title'; groups='$groups'; has_hourglass=$(has hourglass); \
		has_stream=$(has stream); has_boot=$(has boot)" "$here/plots.gp" 2>"plots-$e.log" ||
		echo "report.sh: gnuplot failed for $e (see $dir/plots-$e.log)" >&2
done
echo "report.sh: $dir/{results.csv,summary.tsv,table.md,env.md,*.png}" >&2
