# SPDX-License-Identifier: BSD-3-Clause
# results.csv (environment,mode,benchmark,metric,repetition,value,unit) -> one line per
# environment, benchmark, metric and mode, in the order of first appearance:
#   env bench metric mode unit n median min max        (tab-separated)

BEGIN { FS = "," ; OFS = "\t" }
NR == 1 && $1 == "environment" { next }
NF == 7 {
	k = $1 SUBSEP $3 SUBSEP $4 SUBSEP $2
	if (!(k in n)) {
		order[++keys] = k
		unit[k] = $7
	}
	v[k, ++n[k]] = $6 + 0
}

END {
	for (i = 1; i <= keys; i++) {
		k = order[i]
		m = n[k]
		for (a = 1; a <= m; a++)
			s[a] = v[k, a]
		for (a = 2; a <= m; a++) { # insertion sort: a handful of repetitions
			x = s[a]
			for (b = a - 1; b >= 1 && s[b] > x; b--)
				s[b + 1] = s[b]
			s[b + 1] = x
		}
		med = m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
		split(k, f, SUBSEP)
		print f[1], f[2], f[3], f[4], unit[k], m, med, s[1], s[m]
	}
}
