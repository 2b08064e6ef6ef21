# Turns libgomp's omp.h.in and libgomp_f.h.in into headers (instead of a configure run):
# the lock layout of config/linux/omp-lock.h, as gcc's own omp.h has it; checked at build
# time by config/hermit/lock.c.
s/@OMP_LOCK_SIZE@/4/g
s/@OMP_LOCK_ALIGN@/4/g
s/@OMP_LOCK_KIND@/4/g
s/@OMP_NEST_LOCK_SIZE@/16/g
s/@OMP_NEST_LOCK_ALIGN@/8/g
s/@OMP_NEST_LOCK_KIND@/8/g
s/@OMP_LOCK_25_SIZE@/4/g
s/@OMP_LOCK_25_ALIGN@/4/g
s/@OMP_LOCK_25_KIND@/4/g
s/@OMP_NEST_LOCK_25_SIZE@/8/g
s/@OMP_NEST_LOCK_25_ALIGN@/4/g
s/@OMP_NEST_LOCK_25_KIND@/8/g
s/@OMP_DEPEND_KIND@/16/g
s/@INTPTR_T_KIND@/8/g
