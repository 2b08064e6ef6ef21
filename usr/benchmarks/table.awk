# SPDX-License-Identifier: BSD-3-Clause
# summary.tsv -> Markdown tables, one per environment: rows are metrics, columns Linux, uhyve,
# isle as "median [min–max]" and the ratios of the medians to Linux. A mode without a value
# shows as "missing"; notes under each table say why (files missing-ENV.txt, failures-ENV.txt
# in the folder given as -v dir=...).

BEGIN { FS = "\t" }

# Values that only describe the run, or go to the plots only.
function hidden(bench, metric) {
	return metric ~ /^hist_/ || metric == "runtime" || metric == "threshold" ||
	       metric == "cpus" || metric == "llc_from_sysfs"
}

function num(x, a) {
	a = x < 0 ? -x : x
	if (a >= 100)
		return sprintf("%.0f", x)
	if (a >= 10)
		return sprintf("%.1f", x)
	if (a >= 1)
		return sprintf("%.2f", x)
	return sprintf("%.3g", x)
}

# Metrics that exist only in some modes: the KVM floor (uhyve's column), launcher phases.
function applies(mt, mo) {
	if (mt ~ /^kvm_floor/)
		return mo == "uhyve"
	if (mt ~ /^link_/) /* the guest link's notification counters */
		return mo != "linux"
	return !(mt ~ /^phase_/ && mo == "linux")
}

function cell(e, b, mt, mo, k) {
	k = e SUBSEP b SUBSEP mt SUBSEP mo
	if (!(k in med) && !applies(mt, mo))
		return "n/a"
	if (!(k in med))
		return "missing"
	if (cnt[k] == 1)
		return num(med[k]) " (1 run)"
	return num(med[k]) " [" num(lo[k]) "–" num(hi[k]) "]"
}

function ratio(e, b, mt, mo, k, l) {
	k = e SUBSEP b SUBSEP mt SUBSEP mo
	l = e SUBSEP b SUBSEP mt SUBSEP "linux"
	if (!(k in med) || !(l in med) || med[l] == 0 || b == "clock" ||
	    mt ~ /^(tsc_ghz|llc_size|array_size)$/)
		return "–"
	return med[k] / med[l] < 0.1 ? sprintf("%.2g", med[k] / med[l]) : sprintf("%.2f", med[k] / med[l])
}

{
	k = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4
	med[k] = $7; lo[k] = $8; hi[k] = $9; cnt[k] = $6
	if (!(($1) in seen_env)) {
		seen_env[$1] = 1
		envs[++n_env] = $1
	}
	r = $1 SUBSEP $2 SUBSEP $3
	if (!(r in seen_row) && !hidden($2, $3)) {
		seen_row[r] = 1
		rows[$1, ++n_row[$1]] = $2 SUBSEP $3
		unit[r] = $5
	}
}

END {
	for (i = 1; i <= n_env; i++) {
		e = envs[i]
		printf "### %s\n\n", e == "qemu" ? "Nested QEMU (TCG): Linux native, uhyve, isle" : \
			e == "host" ? "Host: Linux native vs uhyve" : e
		print "| benchmark | metric | unit | Linux | uhyve | isle | uhyve/Linux | isle/Linux |"
		print "|---|---|---|---|---|---|---|---|"
		for (j = 1; j <= n_row[e]; j++) {
			split(rows[e, j], f, SUBSEP)
			printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2],
				unit[e SUBSEP f[1] SUBSEP f[2]], cell(e, f[1], f[2], "linux"),
				cell(e, f[1], f[2], "uhyve"), cell(e, f[1], f[2], "isle"),
				ratio(e, f[1], f[2], "uhyve"), ratio(e, f[1], f[2], "isle")
		}
		print ""
		file = dir "/missing-" e ".txt"
		while ((getline line < file) > 0) {
			split(line, w, " ")
			printf "- %s is missing here: %s\n", w[1], substr(line, length(w[1]) + 2)
		}
		close(file)
		file = dir "/failures-" e ".txt"
		while ((getline line < file) > 0)
			printf "- failed run (its values are left out): %s\n", substr(line, 1, 300)
		close(file)
		print ""
	}
}
