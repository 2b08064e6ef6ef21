# SPDX-License-Identifier: BSD-3-Clause
# Plots of one environment from report.sh's data files; called with
#   gnuplot -e "env='qemu'; title='...'; groups='basic io ...'; has_hourglass=1; has_stream=1;
#               has_boot=1" plots.gp

set datafile missing "?"
set terminal pngcairo size 1400,1600 font "DejaVu Sans,10" noenhanced
set key top left
set grid ytics
set style fill solid 0.8 border -1
c_linux = "#4c72b0"; c_uhyve = "#dd8452"; c_isle = "#55a868"

# ---- ratios to Linux, one panel per group, log scale ----
n = words(groups)
if (n > 0) {
set output sprintf("ratios-%s.png", env)
set multiplot layout (n + 1) / 2, 2 title sprintf("%s: median of each mode / median of Linux, log scale (times in ns/us/ms: < 1 is faster than Linux; MB/s and 1/s: > 1 is more)", title)
set logscale y
set yrange [0.01:100]
set style data histograms
set style histogram clustered gap 1
set xtics rotate by -35 left
set bmargin 9
do for [g in groups] {
	set title g
	plot sprintf("ratios-%s-%s.dat", env, g) using 3:xtic(2) title "uhyve / Linux" lc rgb c_uhyve, \
	     '' using 4 title "isle / Linux" lc rgb c_isle, 1 notitle lc rgb "black" dt 2
}
unset multiplot
}
unset logscale y
set yrange [*:*]
set bmargin

# ---- hourglass detour distribution ----
if (has_hourglass) {
set terminal pngcairo size 900,550 font "DejaVu Sans,10" noenhanced
set output sprintf("hourglass-%s.png", env)
set title sprintf("%s: OS noise, detours per second by length (medians; empty bins not drawn)", title)
set xlabel "detour length, upper bound of the log2 bin (us)"
set ylabel "detours per second"
set logscale xy 2
set logscale y 10
set xtics norotate
set format x "%g"
plot sprintf("hourglass-%s.dat", env) using 1:2 with linespoints lw 2 pt 7 lc rgb c_linux title "Linux", \
     '' using 1:3 with linespoints lw 2 pt 5 lc rgb c_uhyve title "uhyve", \
     '' using 1:4 with linespoints lw 2 pt 9 lc rgb c_isle title "isle"
}
unset logscale
unset xlabel

# ---- STREAM ----
if (has_stream) {
set output sprintf("stream-%s.png", env)
set title sprintf("%s: STREAM bandwidth by kernel and thread count (median, bars: min-max)", title)
set ylabel "MB/s"
set style data histograms
set style histogram errorbars gap 1 lw 1
set yrange [0:*]
set xtics rotate by -30 left
plot sprintf("stream-%s.dat", env) using 2:3:4:xtic(1) title "Linux" lc rgb c_linux, \
     '' using 5:6:7 title "uhyve" lc rgb c_uhyve, \
     '' using 8:9:10 title "isle" lc rgb c_isle
}
set yrange [*:*]

# ---- boot phases ----
if (has_boot) {
set output sprintf("boot-%s.png", env)
set title sprintf("%s: start to exit of the smallest program, by phase (medians, ms)", title)
set ylabel "ms"
set style histogram rowstacked
set boxwidth 0.6
set xtics norotate
set key below
plot sprintf("boot-%s.dat", env) using 2:xtic(1) title "set-up (uhyve: RAM, VM; isle: proxy)", \
     '' using 3 title "start (vCPU threads / cores taken, INIT-SIPI)", \
     '' using 4 title "to main (first output)", \
     '' using 5 title "main to end (isle: incl. stop)", \
     '' using 6 title "teardown (uhyve)", \
     '' using 7 title "bare KVM floor, start to exit"
}
