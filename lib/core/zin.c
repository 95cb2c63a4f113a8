#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/zin.h"

#define RAWSZ (256 * 1024)
#define BLKSZ (1024 * 1024)
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
	size_t len;
	int last;		/* 1 end of data, -1 error */
};

struct zin {
	int fd, ownfd, gz;
	char *raw;		/* plain mode: read buffer */
	size_t rawpre;		/* bytes already in raw from sniffing */
	_Atomic uint64_t nin;
	/* gzip mode */
	z_stream z;
	pthread_t th;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct blk blk[NBLK];
	int head, count;	/* ring of filled blocks */
	int stop;
	int cur;		/* block held by the reader, or -1 */
	int done;
	int pend;		/* an error follows the block just returned */
	int shortread;		/* the last raw read was short */
	atomic_int finished;	/* the thread is about to return */
	int member_end;		/* a gzip member ended at the end of input */
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

/* Inflate into one block; returns 1 more to come, 0 end, -1 error. */
static int
fill(struct zin *zi, struct blk *b)
{
	z_stream *z = &zi->z;
	int rc;

	z->next_out = (Bytef *)b->data;
	z->avail_out = BLKSZ;
	if (zi->member_end) {
		/* after a member: another one, the end, or garbage */
		ssize_t r;

		zi->member_end = 0;
		r = readall(zi->fd, zi->raw, RAWSZ);
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
		zi->shortread = (size_t)r < RAWSZ;
		if (z->next_in[0] != 0x1f) {
			err_set(&zi->terr, EXIT_DATA, 0,
			    "trailing garbage after gzip data");
			b->len = 0;
			return -1;
		}
		inflateReset(z);
	}
	while (z->avail_out > 0) {
		if (z->avail_in == 0) {
			ssize_t r;

			/* what a short read gave goes out now, so a slow pipe's
			 * rows are not held back until a block fills */
			if (zi->shortread && z->avail_out < BLKSZ) {
				zi->shortread = 0;
				b->len = BLKSZ - z->avail_out;
				return 1;
			}
			if (zi->inlen) {	/* sniffed bytes */
				z->next_in = (Bytef *)zi->inbuf;
				z->avail_in = (uInt)zi->inlen;
				zi->inlen = 0;
			} else {
				r = readall(zi->fd, zi->raw, RAWSZ);
				if (r < 0) {
					err_set(&zi->terr, EXIT_SYS, 0,
					    "read error: %s", strerror(errno));
					b->len = BLKSZ - z->avail_out;
					return -1;
				}
				if (r == 0) {
					err_set(&zi->terr, EXIT_DATA, 0,
					    "truncated gzip input");
					b->len = BLKSZ - z->avail_out;
					return -1;
				}
				atomic_fetch_add(&zi->nin, (uint64_t)r);
				z->next_in = (Bytef *)zi->raw;
				z->avail_in = (uInt)r;
				zi->shortread = (size_t)r < RAWSZ;
			}
		}
		rc = inflate(z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			/* a member ends: when the input has nothing more just
			 * now, hand over what there is before waiting for it */
			if (z->avail_in == 0 && z->avail_out < BLKSZ) {
				zi->member_end = 1;
				b->len = BLKSZ - z->avail_out;
				return 1;
			}
			/* another member? skip to it, or finish */
			for (;;) {
				ssize_t r;

				if (z->avail_in == 0) {
					r = readall(zi->fd, zi->raw, RAWSZ);
					if (r < 0) {
						err_set(&zi->terr, EXIT_SYS, 0,
						    "read error: %s",
						    strerror(errno));
						b->len = BLKSZ - z->avail_out;
						return -1;
					}
					if (r == 0) {
						b->len = BLKSZ - z->avail_out;
						return 0;
					}
					atomic_fetch_add(&zi->nin, (uint64_t)r);
					z->next_in = (Bytef *)zi->raw;
					z->avail_in = (uInt)r;
				}
				if (z->next_in[0] == 0x1f) {
					inflateReset(z);
					break;
				}
				err_set(&zi->terr, EXIT_DATA, 0,
				    "trailing garbage after gzip data");
				b->len = BLKSZ - z->avail_out;
				return -1;
			}
			continue;
		}
		if (rc == Z_BUF_ERROR && z->avail_out > 0 && z->avail_in == 0)
			continue;
		if (rc != Z_OK && rc != Z_BUF_ERROR) {
			err_set(&zi->terr, rc == Z_MEM_ERROR ? EXIT_SYS : EXIT_DATA,
			    0, "corrupt gzip input: %s",
			    z->msg ? z->msg : "inflate error");
			b->len = BLKSZ - z->avail_out;
			return -1;
		}
	}
	b->len = BLKSZ;
	return 1;
}

static void
inflate_all(struct zin *zi)
{
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
		rc = fill(zi, &zi->blk[slot]);
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

struct zin *
zin_open(const char *path, struct err *e)
{
	struct zin *zi = xcalloc(1, sizeof(*zi));
	ssize_t r;
	size_t got = 0;
	int i;

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
	zi->raw = xmalloc(RAWSZ);
	/* sniff two bytes */
	while (got < 2) {
		r = readall(zi->fd, zi->raw + got, RAWSZ - got);
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
	if (got >= 2 && (unsigned char)zi->raw[0] == 0x1f &&
	    (unsigned char)zi->raw[1] == 0x8b) {
		zi->gz = 1;
		if (inflateInit2(&zi->z, 16 + MAX_WBITS) != Z_OK) {
			err_set(e, EXIT_SYS, 0, "cannot initialise zlib");
			zin_close(zi);
			return NULL;
		}
		/* move sniffed bytes aside so the worker reads into raw */
		zi->inbuf = xmalloc(got);
		memcpy(zi->inbuf, zi->raw, got);
		zi->inlen = got;
		zi->rawpre = 0;
		for (i = 0; i < NBLK; i++)
			zi->blk[i].data = xmalloc(BLKSZ);
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
		r = readall(zi->fd, zi->raw, RAWSZ);
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
