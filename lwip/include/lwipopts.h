/* SPDX-License-Identifier: BSD-3-Clause */
/* lwIP configuration for HermitCore: the stack runs inside the application (NO_SYS=0, its
 * tcpip thread a pthread), with the BSD socket API under lwip_* names (the C library's
 * socket glue, libc/glue/socket.c, provides socket(), bind(), ... on top). Tuned for
 * throughput: large windows with window scaling, large send buffers, memory from malloc. */
#ifndef HERMIT_LWIPOPTS_H
#define HERMIT_LWIPOPTS_H

/* --- OS integration ------------------------------------------------------------------- */
#define NO_SYS                        0
#define SYS_LIGHTWEIGHT_PROT          1
#define LWIP_TCPIP_CORE_LOCKING       1 /* socket calls run the stack under one mutex */
#define LWIP_TCPIP_CORE_LOCKING_INPUT 0
#define LWIP_TIMERS                   1
#define TCPIP_THREAD_NAME             "lwip"
#define TCPIP_THREAD_STACKSIZE        (256 * 1024)
#define TCPIP_THREAD_PRIO             0
#define TCPIP_MBOX_SIZE               1024
#define DEFAULT_THREAD_STACKSIZE      (256 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE     256
#define DEFAULT_UDP_RECVMBOX_SIZE     1024
#define DEFAULT_TCP_RECVMBOX_SIZE     1024
#define DEFAULT_ACCEPTMBOX_SIZE       256
#define LWIP_NETCONN_SEM_PER_THREAD   0

/* --- memory: newlib's malloc is thread-safe and grows with the guest's RAM ------------ */
#define MEM_LIBC_MALLOC          1
#define MEMP_MEM_MALLOC          1
#define MEM_ALIGNMENT            8
#define MEM_SIZE                 (4 * 1024 * 1024) /* unused with MEM_LIBC_MALLOC */
#define MEMP_NUM_NETCONN         1024              /* sockets at a time (guest fds: 1024) */
#define MEMP_NUM_TCP_PCB         1024
#define MEMP_NUM_TCP_PCB_LISTEN  256
#define MEMP_NUM_UDP_PCB         256
#define MEMP_NUM_TCP_SEG         8192
#define MEMP_NUM_NETBUF          1024
#define MEMP_NUM_TCPIP_MSG_INPKT 1024
#define PBUF_POOL_SIZE           2048
#define LWIP_SUPPORT_CUSTOM_PBUF 1

/* --- protocols ---------------------------------------------------------------------- */
#define LWIP_IPV4     1
#define LWIP_IPV6     0
#define LWIP_ARP      1
#define LWIP_ETHERNET 1
#define LWIP_ICMP     1
#define LWIP_RAW      1
#define LWIP_UDP      1
#define LWIP_TCP      1
#define LWIP_DHCP     0
#define LWIP_AUTOIP   0
#define LWIP_IGMP     0
#define LWIP_DNS      0 /* getaddrinfo: numeric and "localhost" only (glue) */
#define IP_REASSEMBLY 1
#define IP_FRAG       1

/* --- TCP, tuned for bulk transfers -------------------------------------------------- */
#define TCP_MSS                    1460
#define LWIP_WND_SCALE             1
#define TCP_RCV_SCALE              4
#define TCP_WND                    (512 * 1024)
#define TCP_SND_BUF                (512 * 1024)
#define TCP_SND_QUEUELEN           ((4 * TCP_SND_BUF) / TCP_MSS)
#define TCP_SNDLOWAT               (16 * TCP_MSS) /* lwIP keeps it below 64 KiB */
#define TCP_OVERSIZE               TCP_MSS
#define TCP_QUEUE_OOSEQ            1
#define LWIP_TCP_SACK_OUT          0
#define TCP_LISTEN_BACKLOG         1
#define TCP_DEFAULT_LISTEN_BACKLOG 128
#define LWIP_TCP_KEEPALIVE         1
#define LWIP_TCP_TIMESTAMPS        0

/* --- interfaces --------------------------------------------------------------------- */
#define LWIP_NETIF_API                     0
#define LWIP_HAVE_LOOPIF                   1 /* lo, 127.0.0.1/8 */
#define LWIP_NETIF_LOOPBACK                1
#define LWIP_LOOPBACK_MAX_PBUFS            0
#define LWIP_NETIF_LOOPBACK_MULTITHREADING 1
#define LWIP_NETIF_STATUS_CALLBACK         1
#define LWIP_NETIF_LINK_CALLBACK           1
/* Checksums per interface: none on loopback (as Linux's lo), full on real links. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1
/* tcp_write sums the data while it copies it into the segment (one pass instead of a copy
 * now and a sum later, when 512 KiB of send buffer may have left the cache), and the sum
 * itself runs over 32-bit words (algorithm 3) instead of 16-bit ones. */
#define LWIP_CHECKSUM_ON_COPY 1
#define LWIP_CHKSUM_ALGORITHM 3
/* That copy (port/netif_link.c) skips the sum when the link's host fills TCP checksums:
 * then no interface uses it (loopback sums nothing). */
#define LWIP_CHKSUM_COPY(dst, src, len) hermit_chksum_copy(dst, src, len)
unsigned short hermit_chksum_copy(void *dst, const void *src, unsigned short len);

/* --- sockets ------------------------------------------------------------------------ */
#define LWIP_NETCONN                1
#define LWIP_SOCKET                 1
#define LWIP_COMPAT_SOCKETS         0 /* no socket()/bind() macros: the glue has functions */
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_OFFSET          0
#define LWIP_SOCKET_SELECT          1
#define LWIP_SOCKET_POLL            1
#define LWIP_SO_SNDTIMEO            1
#define LWIP_SO_RCVTIMEO            1
#define LWIP_SO_RCVBUF              1
#define LWIP_SO_LINGER              1
#define RECV_BUFSIZE_DEFAULT        (4 * 1024 * 1024)
#define SO_REUSE                    1
#define SO_REUSE_RXTOALL            1
#define LWIP_FIONREAD_LINUXMODE     1
#define LWIP_NETBUF_RECVINFO        0
#define LWIP_TCP_PCB_NUM_EXT_ARGS   0

/* --- no statistics or debug output in normal builds --------------------------------- */
#define LWIP_STATS 0
/* LWIP_DEBUG stays undefined: lwIP tests it with #ifdef, and defined (even as 0) it prints
 * every LWIP_ERROR, e.g. "tcp_connect: can only connect from state CLOSED" on stdout. */

#endif
