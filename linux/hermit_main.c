// SPDX-License-Identifier: GPL-2.0
/* hermit.ko: module parameters, the isle reservations, /sys/hermit, the hotplug veto. */
#define pr_fmt(fmt) "hermit: " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/numa.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "hermit.h"

static unsigned long lowmem = 0x70000;
module_param(lowmem, ulong, 0444);
MODULE_PARM_DESC(lowmem, "32 KiB reservation below 1 MiB for the start trampolines (memmap=32K$ADDR)");

static char *isles_param = "";
module_param_named(isles, isles_param, charp, 0444);
MODULE_PARM_DESC(isles, "isle memory per node: node:size@base[,...] (memmap=size$base)");

DEFINE_MUTEX(hermit_lock);
struct cpumask hermit_taken;
struct hermit_isle *hermit_isles[MAX_NUMNODES];

static void *hermit_lowmem;
static struct kobject *hermit_kobj;
static int hermit_cpuhp_state;

/* Veto: a core an isle holds must not come back to Linux (echo 1 > .../online). */
static int hermit_cpu_prepare(unsigned int cpu)
{
	return cpumask_test_cpu(cpu, &hermit_taken) ? -EBUSY : 0;
}

/* sysfs: /sys/hermit/isleN/{path,cpus,log,memsize,base} and /sys/hermit/memsize */
#define to_isle(k) container_of(k, struct hermit_isle, kobj)

static ssize_t path_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	ssize_t ret;

	mutex_lock(&hermit_lock);
	ret = sysfs_emit(buf, "%s\n", to_isle(k)->path);
	mutex_unlock(&hermit_lock);
	return ret;
}

static ssize_t path_store(struct kobject *k, struct kobj_attribute *a,
			  const char *buf, size_t count)
{
	struct hermit_isle *isle = to_isle(k);
	size_t len = count;
	ssize_t ret = count;

	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (!len || buf[0] != '/' || len >= sizeof(isle->path) ||
	    memchr(buf, '\0', len)) {
		pr_err("isle%d: path must be absolute and < %zu bytes\n",
		       isle->id, sizeof(isle->path));
		return -EINVAL;
	}
	mutex_lock(&hermit_lock);
	if (isle->running) {
		pr_err("isle%d: path changed while running\n", isle->id);
		ret = -EBUSY;
	} else {
		memcpy(isle->path, buf, len);
		isle->path[len] = '\0';
	}
	mutex_unlock(&hermit_lock);
	return ret;
}

static ssize_t cpus_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hermit_isle *isle = to_isle(k);
	cpumask_var_t mask;
	ssize_t ret;
	int i;

	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return -ENOMEM;
	mutex_lock(&hermit_lock);
	for (i = 0; i < isle->ncpus; i++)
		cpumask_set_cpu(isle->cpus[i], mask);
	mutex_unlock(&hermit_lock);
	if (cpumask_empty(mask))
		ret = sysfs_emit(buf, "-1\n");
	else
		ret = sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(mask));
	free_cpumask_var(mask);
	return ret;
}

/* "-1" stops the isle; stopping a stopped isle is -EINVAL. */
static ssize_t cpus_store(struct kobject *k, struct kobj_attribute *a,
			  const char *buf, size_t count)
{
	struct hermit_isle *isle = to_isle(k);
	cpumask_var_t mask;
	int ret;

	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return -ENOMEM;
	mutex_lock(&hermit_lock);
	if (sysfs_streq(buf, "-1")) {
		ret = 0;
		if (isle->running) {
			hermit_isle_stop(isle);
		} else {
			pr_err("isle%d: stop of a stopped isle\n", isle->id);
			ret = -EINVAL;
		}
	} else if (isle->running) {
		pr_err("isle%d: boot of a running isle\n", isle->id);
		ret = -EBUSY;
	} else {
		ret = hermit_isle_parse_cpus(isle, buf, mask);
		if (!ret)
			ret = hermit_isle_boot(isle, mask);
	}
	mutex_unlock(&hermit_lock);
	free_cpumask_var(mask);
	return ret ? ret : count;
}

static ssize_t memsize_show(struct kobject *k, struct kobj_attribute *a,
			    char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(to_isle(k)->memsize));
}

static ssize_t memsize_store(struct kobject *k, struct kobj_attribute *a,
			     const char *buf, size_t count)
{
	struct hermit_isle *isle = to_isle(k);
	u64 size;
	int ret;

	ret = kstrtou64(buf, 0, &size);
	if (ret || size % SZ_2M || size < HERMIT_MEMSIZE_MIN) {
		pr_err("isle%d: memsize must be a multiple of 2 MiB >= 4 MiB\n",
		       isle->id);
		return -EINVAL;
	}
	if (size > isle->size) {
		pr_err("isle%d: memsize %llu exceeds the reservation (%llu)\n",
		       isle->id, size, isle->size);
		return -ENOMEM;
	}
	mutex_lock(&hermit_lock);
	if (isle->running) {
		pr_err("isle%d: memsize changed while running\n", isle->id);
		ret = -EBUSY;
	} else {
		WRITE_ONCE(isle->memsize, size);
	}
	mutex_unlock(&hermit_lock);
	return ret ? ret : count;
}

static ssize_t base_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "0x%llx\n", (u64)to_isle(k)->base);
}

static ssize_t log_read(struct file *f, struct kobject *k,
			struct bin_attribute *a, char *buf, loff_t off,
			size_t count)
{
	return hermit_isle_read_log(to_isle(k), buf, off, count);
}

static struct kobj_attribute path_attr = __ATTR_RW_MODE(path, 0644);
static struct kobj_attribute cpus_attr = __ATTR_RW_MODE(cpus, 0644);
static struct kobj_attribute memsize_attr = __ATTR_RW_MODE(memsize, 0644);
static struct kobj_attribute base_attr = __ATTR_RO(base);
static struct bin_attribute log_attr = __BIN_ATTR_RO(log, 0);

static struct attribute *isle_attrs[] = {
	&path_attr.attr, &cpus_attr.attr, &memsize_attr.attr, &base_attr.attr,
	NULL,
};

static struct bin_attribute *isle_bin_attrs[] = { &log_attr, NULL };

static const struct attribute_group isle_group = {
	.attrs = isle_attrs,
	.bin_attrs = isle_bin_attrs,
};
__ATTRIBUTE_GROUPS(isle);

static void isle_release(struct kobject *k)
{
	kfree(to_isle(k));
}

static struct kobj_type isle_ktype = {
	.release = isle_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = isle_groups,
};

static ssize_t total_memsize_show(struct kobject *k, struct kobj_attribute *a,
				  char *buf)
{
	u64 sum = 0;
	int n;

	for (n = 0; n < MAX_NUMNODES; n++)
		if (hermit_isles[n])
			sum += hermit_isles[n]->size;
	return sysfs_emit(buf, "%llu\n", sum);
}

static struct kobj_attribute total_memsize_attr =
	__ATTR(memsize, 0444, total_memsize_show, NULL);

/* Parameters: one "node:size@base" per isle. */
static int hermit_check_window(int node, u64 size, u64 base)
{
	u64 start, end;

	if (node < 0 || node >= MAX_NUMNODES || !node_online(node)) {
		pr_err("isles: node %d is not online\n", node);
		return -EINVAL;
	}
	if (hermit_isles[node]) {
		pr_err("isles: node %d named twice\n", node);
		return -EINVAL;
	}
	if (!size || size % SZ_2M || base % SZ_2M || base + size < base ||
	    size < HERMIT_MEMSIZE_MIN) {
		pr_err("isles: %d:0x%llx@0x%llx not 2 MiB aligned or too small\n",
		       node, size, base);
		return -EINVAL;
	}
	/*
	 * The firmware's NUMA ranges (SRAT) still cover memory that memmap= took out of
	 * Linux, while the node's span ends at its last page of RAM: a window at the top
	 * of a node is only found by phys_to_target_node().
	 */
	start = PFN_PHYS(node_start_pfn(node));
	end = PFN_PHYS(node_end_pfn(node));
	if (phys_to_target_node(base) == node &&
	    phys_to_target_node(base + size - 1) == node) {
		start = base;
		end = base + size;
	}
	if (base < start || base + size > end) {
		pr_err("isles: 0x%llx@0x%llx outside node %d [0x%llx, 0x%llx)\n",
		       size, base, node, start, end);
		return -EINVAL;
	}
	if (region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("isles: 0x%llx@0x%llx is Linux RAM (missing memmap=%lluK$0x%llx?)\n",
		       size, base, size >> 10, base);
		return -EINVAL;
	}
	if (HERMIT_PT_END(size) > HERMIT_ISLE_ARGS_ADDR) {
		pr_err("isles: node %d: window too large for the page-table area\n",
		       node);
		return -EINVAL;
	}
	return 0;
}

static int hermit_add_isle(int node, u64 size, u64 base, int slot)
{
	struct hermit_isle *isle;
	int ret;

	ret = hermit_check_window(node, size, base);
	if (ret)
		return ret;
	if (slot >= HERMIT_MAX_ISLES) {
		pr_err("isles: more than %d isles\n", HERMIT_MAX_ISLES);
		return -EINVAL;
	}
	isle = kzalloc(sizeof(*isle), GFP_KERNEL);
	if (!isle)
		return -ENOMEM;
	isle->id = node;
	isle->slot = slot;
	isle->base = base;
	isle->size = size;
	isle->memsize = size;
	isle->tramp_phys = lowmem + slot * HERMIT_SLICE_SIZE;
	isle->tramp = hermit_lowmem + slot * HERMIT_SLICE_SIZE;
	if (isle->tramp_phys < HERMIT_PT_END(size)) {
		pr_err("isles: lowmem 0x%lx overlaps isle%d's page tables\n",
		       lowmem, node);
		kfree(isle);
		return -EINVAL;
	}
	isle->mem = memremap(base, size, MEMREMAP_WB);
	if (!isle->mem) {
		pr_err("isles: memremap of 0x%llx@0x%llx failed\n", size, base);
		kfree(isle);
		return -ENOMEM;
	}
	kobject_init(&isle->kobj, &isle_ktype);
	hermit_isles[node] = isle;	/* kobject_put frees it from now on */
	ret = kobject_add(&isle->kobj, hermit_kobj, "isle%d", node);
	if (ret) {
		pr_err("isles: sysfs isle%d failed (%d)\n", node, ret);
		return ret;
	}
	return hermit_dev_init(isle);
}

static int hermit_parse_isles(char *spec)
{
	char *item, *p;
	int node, slot = 0, ret;
	u64 size, base;

	while ((item = strsep(&spec, ",")) != NULL) {
		if (!*item)
			continue;
		p = strchr(item, ':');
		if (!p)
			goto bad;
		*p++ = '\0';
		if (kstrtoint(item, 10, &node))
			goto bad;
		size = memparse(p, &p);
		if (*p != '@')
			goto bad;
		base = memparse(p + 1, &p);
		if (*p)
			goto bad;
		ret = hermit_add_isle(node, size, base, slot++);
		if (ret)
			return ret;
	}
	if (!slot) {
		pr_err("isles: no isle configured (isles=node:size@base)\n");
		return -EINVAL;
	}
	return 0;
bad:
	pr_err("isles: '%s' is not node:size@base\n", item);
	return -EINVAL;
}

static void hermit_remove_isles(void)
{
	struct hermit_isle *isle;
	int n;

	for (n = 0; n < MAX_NUMNODES; n++) {
		isle = hermit_isles[n];
		if (!isle)
			continue;
		/* No sysfs write or open may boot the isle again once it stops. */
		if (isle->kobj.state_in_sysfs)
			kobject_del(&isle->kobj);
		hermit_dev_exit(isle);
		mutex_lock(&hermit_lock);
		hermit_isle_stop(isle);
		mutex_unlock(&hermit_lock);
		memunmap(isle->mem);
		hermit_isles[n] = NULL;
		kobject_put(&isle->kobj);
	}
}

static int __init hermit_init(void)
{
	char *spec;
	int ret;

	if (lowmem % PAGE_SIZE || lowmem + HERMIT_LOWMEM_SIZE > SZ_1M ||
	    region_intersects(lowmem, HERMIT_LOWMEM_SIZE, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("lowmem=0x%lx: need a page-aligned memmap=32K$ reservation below 1 MiB\n",
		       lowmem);
		return -EINVAL;
	}
	hermit_lowmem = memremap(lowmem, HERMIT_LOWMEM_SIZE, MEMREMAP_WB);
	if (!hermit_lowmem) {
		pr_err("memremap of lowmem 0x%lx failed\n", lowmem);
		return -ENOMEM;
	}
	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "hermit:veto",
					hermit_cpu_prepare, NULL);
	if (ret < 0) {
		pr_err("cannot install the hotplug veto (%d)\n", ret);
		goto out_unmap;
	}
	hermit_cpuhp_state = ret;
	hermit_kobj = kobject_create_and_add("hermit", NULL);
	if (!hermit_kobj) {
		ret = -ENOMEM;
		goto out_cpuhp;
	}
	ret = sysfs_create_file(hermit_kobj, &total_memsize_attr.attr);
	if (ret)
		goto out_kobj;
	spec = kstrdup(isles_param, GFP_KERNEL);
	if (!spec) {
		ret = -ENOMEM;
		goto out_kobj;
	}
	ret = hermit_parse_isles(spec);
	kfree(spec);
	if (ret)
		goto out_isles;
	ret = hermit_net_init();
	if (ret)
		goto out_isles;
	pr_info("ready: lowmem 0x%lx, isles %s\n", lowmem, isles_param);
	return 0;

out_isles:
	hermit_remove_isles();
out_kobj:
	kobject_put(hermit_kobj);
out_cpuhp:
	cpuhp_remove_state_nocalls(hermit_cpuhp_state);
out_unmap:
	memunmap(hermit_lowmem);
	return ret;
}

static void __exit hermit_exit(void)
{
	hermit_net_exit();
	hermit_remove_isles();
	kobject_put(hermit_kobj);
	cpuhp_remove_state_nocalls(hermit_cpuhp_state);
	memunmap(hermit_lowmem);
}

module_init(hermit_init);
module_exit(hermit_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("HermitCore isles: boot HermitCore on cores and memory taken from Linux");
