# SPDX-License-Identifier: BSD-3-Clause
# Joins two files of "name value unit" lines (Linux first, HermitCore second) into a table
# with the ratio hermit/linux; names keep the order of their first appearance.

FNR == 1 { file++ }

NF >= 3 {
	if (!($1 in unit)) {
		order[++count] = $1
		unit[$1] = $3
	}
	value[file, $1] = $2
}

function shown(f, name) {
	return ((f, name) in value) ? value[f, name] : "n/a"
}

END {
	printf "%-24s %14s %14s %-8s %8s\n", "name", "linux", "hermit", "unit", "h/l"
	for (i = 1; i <= count; i++) {
		n = order[i]
		l = shown(1, n)
		h = shown(2, n)
		ratio = "-"
		if (l != "n/a" && h != "n/a" && l + 0 != 0)
			ratio = sprintf("%.2f", h / l)
		printf "%-24s %14s %14s %-8s %8s\n", n, l, h, unit[n], ratio
	}
}
