/* curlayout.h: the column layout of a CUR export (CUR 2.0, legacy CUR,
 * Athena-named legacy CUR, FOCUS 1.x): which format a header is, and where
 * each field curscan reads is in it. */
#ifndef CURLAYOUT_H
#define CURLAYOUT_H
#include <stddef.h>

#include "core/err.h"
#include "intake/csvin.h"

enum cur_fmt { CUR_AUTO, CUR_CUR2, CUR_LEGACY, CUR_ATHENA, CUR_FOCUS,
	NCURFMT };
extern const char *const cur_fmt_names[NCURFMT];

/* The fields read, whatever the format calls them. */
enum cur_fld {
	CF_START, CF_PAYER, CF_ACCOUNT, CF_ACCNAME, CF_SERVICE, CF_REGION,
	CF_REGION2, CF_LTYPE, CF_RESOURCE, CF_UTYPE, CF_UTYPE2, CF_COST,
	CF_DESC, CF_PRINCIPAL, CF_PRODNAME, CF_RTAGS, CF_TAGS, CF_AZ,
	CF_PRODUCT, NCURFLD
};

/* The column name of field f in format fmt (not CUR_AUTO), or NULL when
 * the format has no such column. */
const char *cur_colname(enum cur_fmt fmt, enum cur_fld f);
/* The format of a header, or CUR_AUTO when it cannot be told. */
enum cur_fmt cur_detect(const struct csvrow *h);
/* CUR's snake_case of a tag key (CostCenter -> cost_center), appended
 * to b. */
void cur_snake(const char *k, struct buf *b);

struct cur_layout {
	enum cur_fmt fmt;
	int col[NCURFLD];		/* -1: not in the header */
	int tagcol_map;			/* legacy/athena: map-migrated */
	int *tagcol;			/* legacy/athena: per tag asked for */
	int *nearcol;			/* near-miss tag columns */
	char **nearname;
	size_t nnear;
	size_t width;			/* fields in the header */
};

/* Bind the header h: fmt (CUR_AUTO: detected), the tag columns of the
 * ntags tags, and the tag columns whose key near_miss accepts. 0, or -1
 * with e (EXIT_DATA, the header's line): the format cannot be told, or a
 * required column is missing. */
int cur_layout_init(struct cur_layout *, const struct csvrow *h,
    enum cur_fmt fmt, char *const *tags, size_t ntags,
    int (*near_miss)(const char *key, size_t n), struct err *e);
/* The columns the layout reads, for csvin_want: width+1 flags, to free. */
unsigned char *cur_layout_want(const struct cur_layout *, size_t ntags);
void cur_layout_free(struct cur_layout *);
#endif
