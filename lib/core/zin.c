#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <isa-l/igzip_lib.h>

#include "core/zin.h"

#define RAWSZ (256 * 1024)
#define BLKSZ (1024 * 1024)
#define BLKSZ0 (64 * 1024)	/* the first blocks (see inflate_all) */
#define NBLK 4


/* Threads here may be cancelled while they wait (see the close
 * function): the wait gives its mutex back if so. */
static void
unlock_cb(void *mu)
{
	pthread_mutex_unlock(mu);
}

static void
wait_cv(pthread_cond_t *cv, pthread_mutex_t *mu)
{
	pthread_cleanup_push(unlock_cb, mu);
	pthread_cond_wait(cv, mu);
	pthread_cleanup_pop(0);
}

struct blk {
	char *data;
	size_t cap, len;
	int last;		/* 1 end of data, -1 error */
};

struct zin {
	int fd, ownfd, gz;
	char *raw;		/* read buffer: plain bytes, or gzip in */
	size_t rawsz;		/* RAWSZ, or less for a small file */
	size_t rawpre;		/* bytes already in raw from sniffing */
	_Atomic uint64_t nin;
	/* gzip mode: z holds the buffers; ISA-L inflates them unless
	 * ZIN_INFLATE=zlib (zlib is the reference, ISA-L the fast path) */
	z_stream z;
	struct inflate_state *isal;
	/* ZIP: one CSV member, deflated (zlib, raw) or stored */
	int zip, zflags;
	uint32_t zcrc, zcrc_want;
	uint64_t zleft;		/* stored: bytes of data left */
	pthread_t th;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct blk blk[NBLK];
	size_t blksz;		/* the next block's size (inflate_all) */
	int head, count;	/* ring of filled blocks */
	int stop;
	int cur;		/* block held by the reader, or -1 */
	int done;
	int pend;		/* an error follows the block just returned */
	int shortread;		/* the last raw read was short */
	atomic_int finished;	/* the thread is about to return */
	int member_end;		/* a gzip member ended at the end of input */
	int hdr_checked;	/* ISA-L: this member's header flags seen */
	struct err terr;	/* error from the thread */
	char *inbuf;
	size_t inlen;		/* sniffed bytes to feed first */
};

static ssize_t
readall(int fd, char *b, size_t n)
{
	ssize_t r;

	do
		r = read(fd, b, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* a new gzip member */
static void
member_reset(struct zin *zi)
{
	if (zi->isal) {
		isal_inflate_reset(zi->isal);
		zi->isal->crc_flag = ISAL_GZIP;
		zi->hdr_checked = 0;
	} else
		inflateReset(&zi->z);
}

static const char *
isal_why(int rc)
{
	switch (rc) {
	case ISAL_INVALID_BLOCK:
		return "invalid block";
	case ISAL_INVALID_SYMBOL:
		return "invalid code";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance too far back";
	case ISAL_INVALID_WRAPPER:
		return "incorrect header check";
	case ISAL_UNSUPPORTED_METHOD:
		return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM:
		return "incorrect data check";
	default:
		return "inflate error";
	}
}

/* A ZIP member's data: stored bytes are copied, deflated ones inflated
 * raw; the CRC-32 is kept for the check at its end. */
static int
zip_step(struct zin *zi)
{
	z_stream *z = &zi->z;
	Bytef *out = z->next_out;
	int rc = Z_OK;

	if (zi->zip == 2) {	/* stored */
		size_t n = z->avail_in < z->avail_out ? z->avail_in :
		    z->avail_out;

		if (n > zi->zleft)
			n = (size_t)zi->zleft;
		memcpy(z->next_out, z->next_in, n);
		z->next_in += n;
		z->avail_in -= (uInt)n;
		z->next_out += n;
		z->avail_out -= (uInt)n;
		zi->zleft -= n;
		if (zi->zleft == 0)
			rc = Z_STREAM_END;
	} else {
		rc = inflate(z, Z_NO_FLUSH);
		if (rc == Z_BUF_ERROR)
			rc = Z_OK;
		else if (rc != Z_OK && rc != Z_STREAM_END) {
			err_set(&zi->terr, rc == Z_MEM_ERROR ? EXIT_SYS :
			    EXIT_DATA, 0, "corrupt ZIP data: %s", z->msg ?
			    z->msg : "inflate error");
			return rc;
		}
	}
	zi->zcrc = (uint32_t)crc32(zi->zcrc, out, (uInt)(z->next_out - out));
	return rc;
}

/* n bytes that follow the member's data, reading more as needed; fewer
 * at the end of the input */
static size_t
zip_take(struct zin *zi, unsigned char *dst, size_t n)
{
	z_stream *z = &zi->z;
	size_t got = 0;

	while (got < n) {
		ssize_t r;

		if (z->avail_in > 0) {
			dst[got++] = *z->next_in++;
			z->avail_in--;
			continue;
		}
		r = readall(zi->fd, zi->raw, zi->rawsz);
		if (r <= 0)
			break;
		atomic_fetch_add(&zi->nin, (uint64_t)r);
		z->next_in = (Bytef *)zi->raw;
		z->avail_in = (uInt)r;
	}
	return got;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* After the member's data: its data descriptor when it has one, the CRC,
 * and then the central directory (one member) or nothing. 0 or -1. */
static int
zip_end(struct zin *zi)
{
	unsigned char d[16];
	size_t n;

	if (zi->zflags & 8) {	/* data descriptor, maybe with signature */
		if (zip_take(zi, d, 4) < 4)
			goto short_zip;
		if (le32(d) == 0x08074b50 && zip_take(zi, d, 4) < 4)
			goto short_zip;
		zi->zcrc_want = le32(d);
		/* the sizes (8 or, in ZIP64, 16 bytes) before the next
		 * signature: skip to it */
		if (zip_take(zi, d, 8) < 8)
			goto short_zip;
	}
	if (zi->zcrc != zi->zcrc_want) {
		err_set(&zi->terr, EXIT_DATA, 0, "corrupt ZIP data: incorrect "
		    "data check");
		return -1;
	}
	n = zip_take(zi, d, 4);
	if (n == 4 && le32(d) == 0x04034b50) {
		err_set(&zi->terr, EXIT_DATA, 0, "a ZIP archive of several "
		    "files: unpack it (unzip -l lists them) and read each CSV");
		return -1;
	}
	if (n == 4 && le32(d) != 0x02014b50 && le32(d) != 0x06054b50 &&
	    !(zi->zflags & 8)) {
		err_set(&zi->terr, EXIT_DATA, 0, "trailing garbage after ZIP "
		    "data");
		return -1;
	}
	return 0;
short_zip:
	err_set(&zi->terr, EXIT_DATA, 0, "truncated ZIP input");
	return -1;
}

/* One inflate call over z's buffers: Z_OK (more to do), Z_STREAM_END (the
 * member ended), or an error with zi->terr set. */
static int
inflate_step(struct zin *zi)
{
	z_stream *z = &zi->z;
	struct inflate_state *st = zi->isal;
	uInt before;
	int rc;

	if (zi->zip)
		return zip_step(zi);
	if (st == NULL) {
		rc = inflate(z, Z_NO_FLUSH);
		if (rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR)
			return rc == Z_BUF_ERROR ? Z_OK : rc;
		err_set(&zi->terr, rc == Z_MEM_ERROR ? EXIT_SYS : EXIT_DATA, 0,
		    "corrupt gzip input: %s", z->msg ? z->msg :
		    "inflate error");
		return rc;
	}
	/* zlib refuses a gzip header with reserved flag bits set, ISA-L
	 * reads on: refused here as zlib does, so the two agree */
	if (!zi->hdr_checked) {
		/* at the member's first call only: later, next_in is past
		 * the header (one cut short of 4 bytes goes unchecked) */
		zi->hdr_checked = 1;
		if (z->avail_in >= 4 && z->next_in[3] & 0xe0) {
			err_set(&zi->terr, EXIT_DATA, 0,
			    "corrupt gzip input: unknown header flags set");
			return Z_DATA_ERROR;
		}
	}
	before = z->avail_out;
	st->next_in = z->next_in;
	st->avail_in = z->avail_in;
	st->next_out = z->next_out;
	st->avail_out = z->avail_out;
	rc = isal_inflate(st);
	z->next_in = st->next_in;
	z->avail_in = st->avail_in;
	z->next_out = st->next_out;
	z->avail_out = st->avail_out;
	if (rc < 0) {
		/* corrupt deflate data: what this call wrote is not to be
		 * trusted, since ISA-L may have written bytes past the last
		 * good one (from before the data it had, for a distance too
		 * far back) before it saw the error. A bad checksum is found
		 * after the data, all of it decoded. */
		if (rc != ISAL_INCORRECT_CHECKSUM) {
			z->next_out -= before - z->avail_out;
			z->avail_out = before;
		}
		err_set(&zi->terr, EXIT_DATA, 0, "corrupt gzip input: %s",
		    isal_why(rc));
		return Z_DATA_ERROR;
	}
	return st->block_state == ISAL_BLOCK_FINISH ? Z_STREAM_END : Z_OK;
}

/* Inflate into one block; returns 1 more to come, 0 end, -1 error. */
static int
fill(struct zin *zi, struct blk *b)
{
	z_stream *z = &zi->z;
	size_t cap = b->cap;
	int rc;

	z->next_out = (Bytef *)b->data;
	z->avail_out = (uInt)cap;
	if (zi->member_end) {
		/* after a member: another one, the end, or garbage */
		ssize_t r;

		zi->member_end = 0;
		r = readall(zi->fd, zi->raw, zi->rawsz);
		if (r < 0) {
			err_set(&zi->terr, EXIT_SYS, 0, "read error: %s",
			    strerror(errno));
			b->len = 0;
			return -1;
		}
		if (r == 0) {
			b->len = 0;
			return 0;
		}
		atomic_fetch_add(&zi->nin, (uint64_t)r);
		z->next_in = (Bytef *)zi->raw;
		z->avail_in = (uInt)r;
		zi->shortread = (size_t)r < zi->rawsz;
		if (z->next_in[0] != 0x1f) {
			err_set(&zi->terr, EXIT_DATA, 0,
			    "trailing garbage after gzip data");
			b->len = 0;
			return -1;
		}
		member_reset(zi);
	}
	while (z->avail_out > 0) {
		if (z->avail_in == 0) {
			ssize_t r;

			/* what a short read gave goes out now, so a slow pipe's
			 * rows are not held back until a block fills */
			if (zi->shortread && z->avail_out < cap) {
				zi->shortread = 0;
				b->len = cap - z->avail_out;
				return 1;
			}
			if (zi->inlen) {	/* sniffed bytes */
				z->next_in = (Bytef *)zi->inbuf;
				z->avail_in = (uInt)zi->inlen;
				zi->inlen = 0;
			} else {
				r = readall(zi->fd, zi->raw, zi->rawsz);
				if (r < 0) {
					err_set(&zi->terr, EXIT_SYS, 0,
					    "read error: %s", strerror(errno));
					b->len = cap - z->avail_out;
					return -1;
				}
				if (r == 0) {
					err_set(&zi->terr, EXIT_DATA, 0,
					    zi->zip ? "truncated ZIP input" :
					    "truncated gzip input");
					b->len = cap - z->avail_out;
					return -1;
				}
				atomic_fetch_add(&zi->nin, (uint64_t)r);
				z->next_in = (Bytef *)zi->raw;
				z->avail_in = (uInt)r;
				zi->shortread = (size_t)r < zi->rawsz;
			}
		}
		rc = inflate_step(zi);
		if (rc == Z_STREAM_END && zi->zip) {
			b->len = cap - z->avail_out;
			return zip_end(zi) == 0 ? 0 : -1;
		}
		if (rc == Z_STREAM_END) {
			/* a member ends: when the input has nothing more just
			 * now, hand over what there is before waiting for it */
			if (z->avail_in == 0 && z->avail_out < cap) {
				zi->member_end = 1;
				b->len = cap - z->avail_out;
				return 1;
			}
			/* another member? skip to it, or finish */
			for (;;) {
				ssize_t r;

				if (z->avail_in == 0) {
					r = readall(zi->fd, zi->raw, zi->rawsz);
					if (r < 0) {
						err_set(&zi->terr, EXIT_SYS, 0,
						    "read error: %s",
						    strerror(errno));
						b->len = cap - z->avail_out;
						return -1;
					}
					if (r == 0) {
						b->len = cap - z->avail_out;
						return 0;
					}
					atomic_fetch_add(&zi->nin, (uint64_t)r);
					z->next_in = (Bytef *)zi->raw;
					z->avail_in = (uInt)r;
				}
				if (z->next_in[0] == 0x1f) {
					member_reset(zi);
					break;
				}
				err_set(&zi->terr, EXIT_DATA, 0,
				    "trailing garbage after gzip data");
				b->len = cap - z->avail_out;
				return -1;
			}
			continue;
		}
		if (rc != Z_OK) {
			b->len = cap - z->avail_out;
			return -1;
		}
	}
	b->len = cap;
	return 1;
}

static void
inflate_all(struct zin *zi)
{
	struct blk *b;
	int rc = 1, slot;

	while (rc == 1) {
		pthread_mutex_lock(&zi->mu);
		/* free blocks: NBLK - count - (reader holds one) */
		while (!zi->stop && zi->count + (zi->cur >= 0) >= NBLK)
			wait_cv(&zi->cv, &zi->mu);
		if (zi->stop) {
			pthread_mutex_unlock(&zi->mu);
			return;
		}
		slot = (zi->head + zi->count) % NBLK;
		pthread_mutex_unlock(&zi->mu);
		/* blocks are made as needed, the first ones small: a small
		 * input never needs NBLK * BLKSZ bytes; a block that fills
		 * makes the next one twice as big, up to BLKSZ */
		b = &zi->blk[slot];
		if (b->cap < zi->blksz) {
			free(b->data);
			b->data = xmalloc(zi->blksz);
			b->cap = zi->blksz;
		}
		rc = fill(zi, b);
		if (rc == 1 && b->len == b->cap && zi->blksz < BLKSZ)
			zi->blksz *= 2;
		pthread_mutex_lock(&zi->mu);
		zi->blk[slot].last = rc == 1 ? 0 : rc == 0 ? 1 : -1;
		zi->count++;
		pthread_cond_broadcast(&zi->cv);
		pthread_mutex_unlock(&zi->mu);
	}
}

static void *
worker(void *arg)
{
	struct zin *zi = arg;

	inflate_all(zi);
	atomic_store(&zi->finished, 1);
	return NULL;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The number of entries a regular file's ZIP end record gives, or -1
 * when it cannot be told (not seekable, ZIP64, no end record). */
static long
zip_entries(int fd)
{
	unsigned char b[65536 + 22];
	off_t end = lseek(fd, 0, SEEK_END), at;
	ssize_t n;
	long i;

	if (end < 22)
		return -1;
	at = end > (off_t)sizeof(b) ? end - (off_t)sizeof(b) : 0;
	n = pread(fd, b, (size_t)(end - at), at);
	if (n < 22)
		return -1;
	for (i = n - 22; i >= 0; i--)
		if (le32(b + i) == 0x06054b50)
			return le16(b + i + 10) == 0xffff ? -1 :
			    le16(b + i + 10);
	return -1;
}

/* A ZIP file's first local header, in the sniffed bytes: what to read
 * and how. 0, or -1 with e set (what it is and how to unpack it). */
static int
zip_start(struct zin *zi, const unsigned char *h, size_t got, size_t *data,
    struct err *e)
{
	size_t nlen, xlen;
	unsigned method;
	long n;

	if (got < 30) {
		err_set(e, EXIT_DATA, 0, "truncated ZIP input");
		return -1;
	}
	zi->zflags = le16(h + 6);
	method = le16(h + 8);
	nlen = le16(h + 26);
	xlen = le16(h + 28);
	if (got < 30 + nlen + xlen) {
		err_set(e, EXIT_DATA, 0, "truncated ZIP input");
		return -1;
	}
	if (zin_regular(zi) && (n = zip_entries(zi->fd)) > 1) {
		err_set(e, EXIT_DATA, 0, "a ZIP archive of %ld files: unpack "
		    "it (unzip -l lists them) and read each CSV", n);
		return -1;
	}
	if (zi->zflags & 1) {
		err_set(e, EXIT_DATA, 0, "an encrypted ZIP archive: unpack it "
		    "(unzip) and read the CSV");
		return -1;
	}
	zi->zcrc_want = le32(h + 14);
	if (method == 0 && !(zi->zflags & 8) && le32(h + 18) != 0xffffffffu) {
		zi->zip = 2;
		zi->zleft = le32(h + 18);
	} else if (method == 8)
		zi->zip = 1;
	else {
		err_set(e, EXIT_DATA, 0, "a ZIP archive whose member is %s: "
		    "unpack it (unzip) and read the CSV", method == 0 ?
		    "stored with its size after the data" : method == 9 ?
		    "Deflate64" : method == 12 ? "bzip2" : method == 14 ?
		    "LZMA" : method == 93 ? "Zstandard" : "of an unknown "
		    "compression method");
		return -1;
	}
	*data = 30 + nlen + xlen;
	return 0;
}

struct zin *
zin_open(const char *path, struct err *e)
{
	struct zin *zi = xcalloc(1, sizeof(*zi));
	struct stat sb;
	ssize_t r;
	size_t got = 0;

	zi->cur = -1;
	if (strcmp(path, "-") == 0) {
		zi->fd = 0;
	} else {
		zi->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (zi->fd < 0) {
			err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
			free(zi);
			return NULL;
		}
		zi->ownfd = 1;
	}
	/* a small regular file needs no more than its size */
	zi->rawsz = RAWSZ;
	if (fstat(zi->fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size < RAWSZ - 4096)
		zi->rawsz = ((size_t)sb.st_size / 4096 + 1) * 4096;
	zi->raw = xmalloc(zi->rawsz);
	/* sniff two bytes; for a ZIP, its local header */
	while (got < 2 || (got >= 4 && memcmp(zi->raw, "PK\3\4", 4) == 0 &&
	    got < zi->rawsz && (got < 30 || got < 30 + (size_t)le16((unsigned
	    char *)zi->raw + 26) + le16((unsigned char *)zi->raw + 28)))) {
		r = readall(zi->fd, zi->raw + got, zi->rawsz - got);
		if (r < 0) {
			err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
			zin_close(zi);
			return NULL;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	atomic_store(&zi->nin, got);
	zi->rawpre = got;
	if (got >= 4 && memcmp(zi->raw, "PK\3\4", 4) == 0) {
		size_t data;

		if (zip_start(zi, (unsigned char *)zi->raw, got, &data, e)) {
			zin_close(zi);
			return NULL;
		}
		memmove(zi->raw, zi->raw + data, got - data);
		got -= data;
	}
	if (zi->zip || (got >= 2 && (unsigned char)zi->raw[0] == 0x1f &&
	    (unsigned char)zi->raw[1] == 0x8b)) {
		const char *which = getenv("ZIN_INFLATE");

		zi->gz = 1;
		if (inflateInit2(&zi->z, zi->zip ? -MAX_WBITS :
		    16 + MAX_WBITS) != Z_OK) {
			err_set(e, EXIT_SYS, 0, "cannot initialise zlib");
			zin_close(zi);
			return NULL;
		}
		zi->zcrc = (uint32_t)crc32(0, Z_NULL, 0);
		if (!zi->zip && (which == NULL || strcmp(which, "zlib") != 0)) {
			/* zeroed: whatever ISA-L reads of it is defined */
			zi->isal = xcalloc(1, sizeof(*zi->isal));
			isal_inflate_init(zi->isal);
			zi->isal->crc_flag = ISAL_GZIP;
		}
		/* move sniffed bytes aside so the worker reads into raw */
		zi->inbuf = xmalloc(got);
		memcpy(zi->inbuf, zi->raw, got);
		zi->inlen = got;
		zi->rawpre = 0;
		zi->blksz = BLKSZ0;
		pthread_mutex_init(&zi->mu, NULL);
		pthread_cond_init(&zi->cv, NULL);
		if (pthread_create(&zi->th, NULL, worker, zi) != 0) {
			err_set(e, EXIT_SYS, 0, "cannot start inflate thread");
			zin_close(zi);
			return NULL;
		}
		zi->started = 1;
	}
	return zi;
}

int
zin_read(struct zin *zi, const char **buf, size_t *len, struct err *e)
{
	if (zi->pend) {
		zi->pend = 0;
		*e = zi->terr;
		return -1;
	}
	if (zi->done)
		return 0;
	if (!zi->gz) {
		ssize_t r;

		if (zi->rawpre) {
			*buf = zi->raw;
			*len = zi->rawpre;
			zi->rawpre = 0;
			return 1;
		}
		r = readall(zi->fd, zi->raw, zi->rawsz);
		if (r < 0) {
			err_set(e, EXIT_SYS, 0, "read error: %s", strerror(errno));
			return -1;
		}
		if (r == 0) {
			zi->done = 1;
			return 0;
		}
		atomic_fetch_add(&zi->nin, (uint64_t)r);
		*buf = zi->raw;
		*len = (size_t)r;
		return 1;
	}
	pthread_mutex_lock(&zi->mu);
	if (zi->cur >= 0) {	/* give back the block the reader held */
		zi->head = (zi->head + 1) % NBLK;
		zi->count--;
		zi->cur = -1;
		pthread_cond_broadcast(&zi->cv);
	}
	while (zi->count == 0)
		wait_cv(&zi->cv, &zi->mu);
	zi->cur = zi->head;
	pthread_mutex_unlock(&zi->mu);
	{
		struct blk *b = &zi->blk[zi->cur];

		if (b->last < 0) {
			zi->done = 1;
			if (b->len == 0) {
				*e = zi->terr;
				return -1;
			}
			zi->pend = 1;
			*buf = b->data;
			*len = b->len;
			return 1;
		}
		if (b->last > 0)
			zi->done = 1;
		if (b->len == 0) {
			return 0;
		}
		*buf = b->data;
		*len = b->len;
		return 1;
	}
}

int
zin_regular(const struct zin *zi)
{
	struct stat sb;

	return fstat(zi->fd, &sb) == 0 && S_ISREG(sb.st_mode);
}

int
zin_gzip(const struct zin *zi)
{
	return zi->gz;
}

uint64_t
zin_bytes_in(const struct zin *zi)
{
	return atomic_load(&((struct zin *)zi)->nin);
}

void
zin_close(struct zin *zi)
{
	int i;

	if (zi == NULL)
		return;
	if (zi->started) {
		pthread_mutex_lock(&zi->mu);
		zi->stop = 1;
		pthread_cond_broadcast(&zi->cv);
		pthread_mutex_unlock(&zi->mu);
		/* it may be blocked reading a pipe that never ends: cancel
		 * it then (a regular file's read always returns) */
		if (!atomic_load(&zi->finished) && !zin_regular(zi))
			pthread_cancel(zi->th);
		pthread_join(zi->th, NULL);
		pthread_mutex_destroy(&zi->mu);
		pthread_cond_destroy(&zi->cv);
	}
	if (zi->gz) {
		inflateEnd(&zi->z);
		free(zi->isal);
		for (i = 0; i < NBLK; i++)
			free(zi->blk[i].data);
	}
	free(zi->inbuf);
	free(zi->raw);
	if (zi->ownfd)
		close(zi->fd);
	free(zi);
}

char *
zin_slurp(const char *path, size_t *lenp, struct err *e)
{
	struct zin *zi = zin_open(path, e);
	struct buf b = { 0 };
	const char *p;
	size_t n;
	int rc;

	if (zi == NULL)
		return NULL;
	while ((rc = zin_read(zi, &p, &n, e)) == 1)
		buf_add(&b, p, n);
	zin_close(zi);
	if (rc < 0) {
		buf_free(&b);
		return NULL;
	}
	buf_cstr(&b);
	if (lenp)
		*lenp = b.len;
	return b.s;
}
