/* ask_sha.c: SHA-256 (FIPS 180-4) of the files an answer read, so a
 * reader can check them with sha256sum(1). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "map/ask.h"

struct sha {
	uint32_t h[8];
	unsigned char blk[64];
	size_t nblk;
	uint64_t total;
};

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
sha_block(struct sha *c, const unsigned char *p)
{
	uint32_t w[64], a, b, d, e, f, g, h, cc, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
	e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
	c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void
sha_init(struct sha *c)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

	memcpy(c->h, iv, sizeof(iv));
	c->nblk = 0;
	c->total = 0;
}

static void
sha_add(struct sha *c, const unsigned char *p, size_t n)
{
	c->total += n;
	while (n > 0) {
		size_t k = 64 - c->nblk;

		if (k > n)
			k = n;
		memcpy(c->blk + c->nblk, p, k);
		c->nblk += k;
		p += k;
		n -= k;
		if (c->nblk == 64) {
			sha_block(c, c->blk);
			c->nblk = 0;
		}
	}
}

static void
sha_end(struct sha *c, char hex[65])
{
	static const char xd[] = "0123456789abcdef";
	uint64_t bits = c->total * 8;
	unsigned char pad = 0x80, len[8];
	int i;

	sha_add(c, &pad, 1);
	pad = 0;
	while (c->nblk != 56)
		sha_add(c, &pad, 1);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha_add(c, len, 8);
	for (i = 0; i < 32; i++) {
		unsigned v = (c->h[i / 4] >> (24 - 8 * (i % 4))) & 0xff;

		hex[2 * i] = xd[v >> 4];
		hex[2 * i + 1] = xd[v & 15];
	}
	hex[64] = '\0';
}

void
ask_sha256(const void *p, size_t n, char hex[65])
{
	struct sha c;

	sha_init(&c);
	sha_add(&c, p, n);
	sha_end(&c, hex);
}

int
ask_sha256_file(const char *path, char hex[65], long long *size,
    struct err *e)
{
	unsigned char b[65536];
	struct sha c;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		return -1;
	}
	sha_init(&c);
	while ((n = read(fd, b, sizeof(b))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
			close(fd);
			return -1;
		}
		sha_add(&c, b, (size_t)n);
	}
	close(fd);
	*size = (long long)c.total;
	sha_end(&c, hex);
	return 0;
}
