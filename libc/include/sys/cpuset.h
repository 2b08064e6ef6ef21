/* SPDX-License-Identifier: BSD-3-Clause */
/* CPU sets for the affinity calls (GNU API: cpu_set_t, CPU_ZERO, CPU_SET, CPU_COUNT, ...). */
#ifndef _SYS_CPUSET_H_
#define _SYS_CPUSET_H_

#include <sys/cdefs.h>

#define CPU_SETSIZE 1024
#define __NCPUBITS  (8 * sizeof(unsigned long))

typedef struct {
	unsigned long __bits[CPU_SETSIZE / __NCPUBITS];
} cpu_set_t;

__BEGIN_DECLS
int __sched_cpucount(__SIZE_TYPE__ setsize, const cpu_set_t *set);
cpu_set_t *__sched_cpualloc(__SIZE_TYPE__ count);
void __sched_cpufree(cpu_set_t *set);
__END_DECLS

#define __CPU_WORD(cpu)        ((cpu) / __NCPUBITS)
#define __CPU_MASK(cpu)        (1UL << ((cpu) % __NCPUBITS))
#define __CPU_IN(cpu, setsize) ((__SIZE_TYPE__)(cpu) / 8 < (__SIZE_TYPE__)(setsize))

#define CPU_ALLOC_SIZE(count)                                                                      \
	((((__SIZE_TYPE__)(count) + __NCPUBITS - 1) / __NCPUBITS) * sizeof(unsigned long))
#define CPU_ALLOC(count)         __sched_cpualloc(count)
#define CPU_FREE(set)            __sched_cpufree(set)

#define CPU_ZERO_S(setsize, set) __builtin_memset((set), 0, (setsize))
#define CPU_SET_S(cpu, setsize, set)                                                               \
	(__CPU_IN(cpu, setsize) ? ((set)->__bits[__CPU_WORD(cpu)] |= __CPU_MASK(cpu)) : 0)
#define CPU_CLR_S(cpu, setsize, set)                                                               \
	(__CPU_IN(cpu, setsize) ? ((set)->__bits[__CPU_WORD(cpu)] &= ~__CPU_MASK(cpu)) : 0)
#define CPU_ISSET_S(cpu, setsize, set)                                                             \
	(__CPU_IN(cpu, setsize) ? (((set)->__bits[__CPU_WORD(cpu)] & __CPU_MASK(cpu)) != 0) : 0)
#define CPU_COUNT_S(setsize, set)        __sched_cpucount((setsize), (set))
#define CPU_EQUAL_S(setsize, set1, set2) (__builtin_memcmp((set1), (set2), (setsize)) == 0)

#define __CPU_OP_S(setsize, dst, src1, src2, op)                                                   \
	do {                                                                                       \
		__SIZE_TYPE__ __i;                                                                 \
		for (__i = 0; __i < (setsize) / sizeof(unsigned long); __i++)                      \
			(dst)->__bits[__i] = (src1)->__bits[__i] op(src2)->__bits[__i];            \
	} while (0)
#define CPU_AND_S(setsize, dst, src1, src2) __CPU_OP_S(setsize, dst, src1, src2, &)
#define CPU_OR_S(setsize, dst, src1, src2)  __CPU_OP_S(setsize, dst, src1, src2, |)
#define CPU_XOR_S(setsize, dst, src1, src2) __CPU_OP_S(setsize, dst, src1, src2, ^)

#define CPU_ZERO(set)                       CPU_ZERO_S(sizeof(cpu_set_t), set)
#define CPU_SET(cpu, set)                   CPU_SET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_CLR(cpu, set)                   CPU_CLR_S(cpu, sizeof(cpu_set_t), set)
#define CPU_ISSET(cpu, set)                 CPU_ISSET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_COUNT(set)                      CPU_COUNT_S(sizeof(cpu_set_t), set)
#define CPU_EQUAL(set1, set2)               CPU_EQUAL_S(sizeof(cpu_set_t), set1, set2)
#define CPU_AND(dst, src1, src2)            CPU_AND_S(sizeof(cpu_set_t), dst, src1, src2)
#define CPU_OR(dst, src1, src2)             CPU_OR_S(sizeof(cpu_set_t), dst, src1, src2)
#define CPU_XOR(dst, src1, src2)            CPU_XOR_S(sizeof(cpu_set_t), dst, src1, src2)

#endif /* _SYS_CPUSET_H_ */
