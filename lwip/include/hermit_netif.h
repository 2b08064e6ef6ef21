/* SPDX-License-Identifier: BSD-3-Clause */
/* The platform's network link as an lwIP netif (lwip/port/netif_link.c). */
#ifndef HERMIT_LWIP_NETIF_H
#define HERMIT_LWIP_NETIF_H

/* In the tcpip thread, core locked, once: adds the platform's link (an isle's mmnif) as the
 * default interface with its receive thread, if the platform has one (sys_net_attach). */
void hermit_netif_start(void);

#endif
