// SPDX-License-Identifier: GPL-2.0
/* /dev/hermit-isleN: arguments, waiting for the isle's requests, mapping the isle's RAM. */
#define pr_fmt(fmt) "hermit: " fmt

#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/hw_irq.h>
#include <asm/irqdomain.h>
#include <asm/apic.h>
#include "hermit.h"

#define HERMIT_WAIT_SLICE_NS	(10 * NSEC_PER_MSEC)	/* safety net per round */
#define HERMIT_WAIT_SPIN_NS	(20 * NSEC_PER_USEC)	/* bounded poll first */

static irqreturn_t hermit_notify_irq(int irq, void *data)
{
	struct hermit_isle *isle = data;

	wake_up_all(&isle->wq);
	hermit_net_notify();	/* the same interrupt carries the isle's mmnif notifications */
	return IRQ_HANDLED;
}

/*
 * One interrupt from the x86 vector domain, pinned to CPU 0 (never taken by an isle). The
 * isle sends it in physical destination mode, so the channel gets the CPU's APIC id, not
 * irqd_cfg()'s dest_apicid (a logical id under the flat driver).
 */
static int hermit_notify_alloc(struct hermit_isle *isle)
{
	struct irq_alloc_info info;
	int irq, ret;

	memset(&info, 0, sizeof(info));
	info.mask = cpumask_of(0);
	irq = irq_domain_alloc_irqs(x86_vector_domain, 1, cpu_to_node(0), &info);
	if (irq <= 0)
		return irq < 0 ? irq : -ENOSPC;
	irq_set_handler(irq, handle_edge_irq);
	ret = request_irq(irq, hermit_notify_irq, IRQF_NOBALANCING,
			  isle->devname, isle);
	if (ret)
		goto out_dispose;
	ret = irq_set_affinity(irq, cpumask_of(0));
	if (ret)
		goto out_free_irq;
	isle->irq = irq;
	return 0;

out_free_irq:
	free_irq(irq, isle);
out_dispose:
	irq_dispose_mapping(irq);
	return ret;
}

static void hermit_notify_free(struct hermit_isle *isle)
{
	if (!isle->irq)
		return;
	free_irq(isle->irq, isle);
	irq_dispose_mapping(isle->irq);
	isle->irq = 0;
}

/* Writes where the isle's notification goes (vector 0: Linux polls). */
void hermit_dev_notify_setup(struct hermit_isle *isle)
{
	struct hermit_isle_chan *chan = hermit_chan(isle);
	struct irq_data *d;
	unsigned int cpu;

	if (!isle->irq) {
		WRITE_ONCE(chan->notify_vector, 0);
		return;
	}
	d = irq_get_irq_data(isle->irq);
	cpu = cpumask_first(irq_data_get_effective_affinity_mask(d));
	if (cpu >= nr_cpu_ids || !irqd_cfg(d)) {
		WRITE_ONCE(chan->notify_vector, 0);
		return;
	}
	WRITE_ONCE(chan->notify_apic_id, per_cpu(x86_cpu_to_apicid, cpu));
	WRITE_ONCE(chan->notify_vector, irqd_cfg(d)->vector);
}

static bool hermit_chan_ready(struct hermit_isle *isle)
{
	struct hermit_isle_chan *chan = hermit_chan(isle);
	u64 tail = READ_ONCE(chan->tail);
	u32 state = READ_ONCE(chan->state);

	if (!READ_ONCE(isle->running))
		return true;
	if (state != HERMIT_ISLE_BOOTING && state != HERMIT_ISLE_RUNNING)
		return true;
	return smp_load_acquire(&chan->ring[tail % HERMIT_ISLE_RING].seq) ==
	       tail + 1;
}

static long hermit_wait(struct hermit_isle *isle, unsigned long timeout_us)
{
	struct hermit_isle_chan *chan = hermit_chan(isle);
	ktime_t deadline = ktime_add_us(ktime_get(), timeout_us);
	ktime_t spin_end;
	long ret;

	if (!READ_ONCE(isle->running))
		return -ESRCH;
	/*
	 * A bounded poll first: an isle that just got an answer often sends the next
	 * request within microseconds (a loop of small writes), and catching it here
	 * saves the notification interrupt and a wake-up of this thread.
	 */
	spin_end = ktime_add_ns(ktime_get(), HERMIT_WAIT_SPIN_NS);
	while (!hermit_chan_ready(isle) && ktime_before(ktime_get(), spin_end))
		cpu_relax();
	if (isle->irq)
		hermit_dev_notify_setup(isle);
	WRITE_ONCE(chan->linux_waiting, 1);
	smp_mb();	/* linux_waiting is visible before the ring is read */
	for (;;) {
		s64 left;

		if (hermit_chan_ready(isle)) {
			ret = READ_ONCE(isle->running) ? 0 : -ESRCH;
			break;
		}
		left = ktime_to_ns(ktime_sub(deadline, ktime_get()));
		if (left <= 0) {
			ret = -ETIMEDOUT;
			break;
		}
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		if (!isle->irq) {
			usleep_range(50, 100);
			continue;
		}
		ret = wait_event_interruptible_timeout(isle->wq,
				hermit_chan_ready(isle),
				nsecs_to_jiffies(min_t(s64, left,
						       HERMIT_WAIT_SLICE_NS)) + 1);
		if (ret < 0) {
			ret = -EINTR;
			break;
		}
	}
	WRITE_ONCE(chan->linux_waiting, 0);
	return ret;
}

static long hermit_set_args(struct hermit_isle *isle, void __user *uarg)
{
	struct hermit_isle_args_req req;
	struct hermit_args *blob;
	long ret = 0;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.size < sizeof(*blob) || req.size > HERMIT_ISLE_ARGS_MAX) {
		pr_err("isle%d: argument blob of %llu bytes\n", isle->id,
		       req.size);
		return -EINVAL;
	}
	blob = kvmalloc(req.size, GFP_KERNEL);
	if (!blob)
		return -ENOMEM;
	if (copy_from_user(blob, u64_to_user_ptr(req.addr), req.size)) {
		kvfree(blob);
		return -EFAULT;
	}
	mutex_lock(&hermit_lock);
	if (isle->running) {
		pr_err("isle%d: arguments set while running\n", isle->id);
		ret = -EBUSY;
		kvfree(blob);
	} else {
		kvfree(isle->args);
		isle->args = blob;
		isle->args_size = req.size;
	}
	mutex_unlock(&hermit_lock);
	return ret;
}

static struct hermit_isle *hermit_file_isle(struct file *file)
{
	return container_of(file->private_data, struct hermit_isle, misc);
}

static long hermit_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct hermit_isle *isle = hermit_file_isle(file);

	switch (cmd) {
	case HERMIT_ISLE_IOC_SET_ARGS:
		return hermit_set_args(isle, (void __user *)arg);
	case HERMIT_ISLE_IOC_WAIT:
		return hermit_wait(isle, arg);
	default:
		return -ENOTTY;
	}
}

static int hermit_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hermit_isle *isle = hermit_file_isle(file);
	unsigned long len = vma->vm_end - vma->vm_start;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;

	if (!(vma->vm_flags & VM_SHARED) || off > READ_ONCE(isle->memsize) ||
	    len > READ_ONCE(isle->memsize) - off) {
		pr_err("isle%d: mmap beyond the isle's RAM or not shared\n",
		       isle->id);
		return -EINVAL;
	}
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	return remap_pfn_range(vma, vma->vm_start,
			       (isle->base + off) >> PAGE_SHIFT, len,
			       vma->vm_page_prot);
}

static int hermit_open(struct inode *inode, struct file *file)
{
	struct hermit_isle *isle = hermit_file_isle(file);

	if (test_and_set_bit(0, &isle->opened))
		return -EBUSY;
	return 0;
}

static int hermit_release(struct inode *inode, struct file *file)
{
	struct hermit_isle *isle = hermit_file_isle(file);

	mutex_lock(&hermit_lock);
	hermit_isle_stop(isle);
	kvfree(isle->args);
	isle->args = NULL;
	isle->args_size = 0;
	mutex_unlock(&hermit_lock);
	clear_bit(0, &isle->opened);
	return 0;
}

static const struct file_operations hermit_fops = {
	.owner = THIS_MODULE,
	.open = hermit_open,
	.release = hermit_release,
	.unlocked_ioctl = hermit_ioctl,
	.mmap = hermit_mmap,
	.llseek = noop_llseek,
};

int hermit_dev_init(struct hermit_isle *isle)
{
	int ret;

	init_waitqueue_head(&isle->wq);
	snprintf(isle->devname, sizeof(isle->devname), "hermit-isle%d",
		 isle->id);
	ret = hermit_notify_alloc(isle);
	if (ret)
		pr_info("isle%d: no notification IRQ (%d), WAIT polls\n",
			isle->id, ret);
	isle->misc.minor = MISC_DYNAMIC_MINOR;
	isle->misc.name = isle->devname;
	isle->misc.fops = &hermit_fops;
	ret = misc_register(&isle->misc);
	if (ret) {
		pr_err("isle%d: misc_register failed (%d)\n", isle->id, ret);
		hermit_notify_free(isle);
		return ret;
	}
	isle->misc_registered = true;
	return 0;
}

void hermit_dev_exit(struct hermit_isle *isle)
{
	if (isle->misc_registered)
		misc_deregister(&isle->misc);
	isle->misc_registered = false;
	hermit_notify_free(isle);
	kvfree(isle->args);
	isle->args = NULL;
}
