/* SPDX-License-Identifier: BSD-3-Clause */
/* Selects the platform (host services) named by the boot information. */
#include <hermit/abi_uhyve.h>
#include <kernel/arch.h>
#include <kernel/platform.h>

const struct platform_ops *platform;

int platform_init(void)
{
	switch (boot_info->platform) {
	case HERMIT_PLATFORM_UHYVE:
		platform = &platform_uhyve;
		return 0;
	case HERMIT_PLATFORM_ISLE:
		if (isle_init() < 0)
			return -HERMIT_EINVAL;
		platform = &platform_isle;
		return 0;
	default:
		return -HERMIT_EINVAL;
	}
}
