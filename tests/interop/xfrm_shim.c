/*
 * xfrm_shim.c - LD_PRELOAD library for running strongSwan's charon on a
 * kernel without ESP/AH support (CONFIG_INET_ESP unset), for tests only.
 *
 * The kernel's XFRM netlink interface works (policies, SPI allocation), but
 * installing an ESP SA fails with EPROTONOSUPPORT.  charon then refuses the
 * CHILD_SA: as initiator it sends N(NO_PROPOSAL_CHOSEN) instead of Quick Mode
 * message 3, as responder a DELETE.  This library wraps recv(), recvfrom()
 * and recvmsg(); on NETLINK_XFRM sockets only, it rewrites an NLMSG_ERROR
 * answer to XFRM_MSG_NEWSA (16) or XFRM_MSG_UPDSA (26) into an ACK (error 0),
 * so charon believes the SA is installed.  No IKE byte is touched: IKE runs
 * over UDP sockets, which this library passes through unchanged.
 *
 * Build: gcc -shared -fPIC -O2 -o xfrm_shim.so xfrm_shim.c -ldl
 * Use:   LD_PRELOAD=/path/xfrm_shim.so /usr/lib/ipsec/charon
 * Set XFRM_SHIM_VERBOSE=1 to get one line on stderr per rewritten reply.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <linux/netlink.h>

#ifndef SO_PROTOCOL
#define SO_PROTOCOL 38
#endif
#ifndef SO_DOMAIN
#define SO_DOMAIN 39
#endif
#ifndef NETLINK_XFRM
#define NETLINK_XFRM 6
#endif

#define SHIM_XFRM_MSG_NEWSA 16
#define SHIM_XFRM_MSG_UPDSA 26

typedef ssize_t (*recv_fn)(int, void *, size_t, int);
typedef ssize_t (*recvfrom_fn)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
typedef ssize_t (*recvmsg_fn)(int, struct msghdr *, int);

static int is_xfrm_socket(int fd)
{
	int value = 0;
	socklen_t len = sizeof(value);
	int saved = errno;
	int result = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &value, &len) == 0 && value == AF_NETLINK)
	{
		value = 0;
		len = sizeof(value);
		if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &value, &len) == 0 &&
			value == NETLINK_XFRM)
		{
			result = 1;
		}
	}
	errno = saved;
	return result;
}

/* Walk the netlink messages in buf[0..len) and turn failed SA installs into ACKs. */
static void patch_buffer(void *buf, size_t len)
{
	struct nlmsghdr *hdr = (struct nlmsghdr *)buf;
	size_t left = len;

	while (NLMSG_OK(hdr, left))
	{
		if (hdr->nlmsg_type == NLMSG_ERROR &&
			hdr->nlmsg_len >= NLMSG_LENGTH(sizeof(struct nlmsgerr)))
		{
			struct nlmsgerr *err = (struct nlmsgerr *)NLMSG_DATA(hdr);

			if (err->error != 0 &&
				(err->msg.nlmsg_type == SHIM_XFRM_MSG_NEWSA ||
				 err->msg.nlmsg_type == SHIM_XFRM_MSG_UPDSA))
			{
				if (getenv("XFRM_SHIM_VERBOSE"))
				{
					fprintf(stderr, "xfrm_shim: faking success for XFRM msg %u (error %d)\n",
							err->msg.nlmsg_type, err->error);
				}
				err->error = 0;
			}
		}
		hdr = NLMSG_NEXT(hdr, left);
	}
}

static void patch_iov(const struct msghdr *msg, size_t len)
{
	/* charon uses a single buffer; only patch messages that lie in the first iovec */
	if (msg && msg->msg_iovlen > 0 && msg->msg_iov[0].iov_base)
	{
		size_t first = msg->msg_iov[0].iov_len;
		patch_buffer(msg->msg_iov[0].iov_base, len < first ? len : first);
	}
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	static recv_fn real;
	ssize_t n;

	if (!real)
	{
		real = (recv_fn)dlsym(RTLD_NEXT, "recv");
	}
	n = real(fd, buf, len, flags);
	if (n > 0 && is_xfrm_socket(fd))
	{
		patch_buffer(buf, (size_t)n < len ? (size_t)n : len);
	}
	return n;
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
				 struct sockaddr *addr, socklen_t *addrlen)
{
	static recvfrom_fn real;
	ssize_t n;

	if (!real)
	{
		real = (recvfrom_fn)dlsym(RTLD_NEXT, "recvfrom");
	}
	n = real(fd, buf, len, flags, addr, addrlen);
	if (n > 0 && is_xfrm_socket(fd))
	{
		patch_buffer(buf, (size_t)n < len ? (size_t)n : len);
	}
	return n;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static recvmsg_fn real;
	ssize_t n;

	if (!real)
	{
		real = (recvmsg_fn)dlsym(RTLD_NEXT, "recvmsg");
	}
	n = real(fd, msg, flags);
	if (n > 0 && is_xfrm_socket(fd))
	{
		patch_iov(msg, (size_t)n);
	}
	return n;
}
