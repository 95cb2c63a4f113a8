/* table.h: tables of typed cells, and their TSV and text renderings.
 *
 * A view (mapscore's, a report's) is a set of tables, each a section of
 * rows over named, typed columns. The TSV rendering writes every table
 * under one header, the union of their column names; the text rendering
 * writes each table under its title as aligned columns (dollars, percents)
 * of the columns that have a text title. Nothing here prints on its own:
 * everything goes to the caller's struct out. */
#ifndef TABLE_H
#define TABLE_H
#include <stddef.h>

#include "core/err.h"
#include "core/money.h"
#include "core/tsv.h"

#define RATE_DP 4		/* decimals of a rate (C_RATE) in TSV */

/* cell types */
enum { C_STR, C_MONEY, C_RATE, C_COUNT, C_DAY, C_FRAC };

struct col {
	const char *name;	/* the TSV column */
	unsigned char type;	/* C_* */
	const char *title;	/* in text; NULL: not shown in text */
};

/* One value. empty: no value (TSV: an empty field; text: "-" for a rate
 * or fraction, else blank). */
struct cell {
	unsigned char type, empty;
	long long n;		/* C_COUNT, C_DAY */
	money_t m;		/* C_MONEY, C_RATE (in money units), C_FRAC */
	const char *s;		/* C_STR; C_FRAC: its text as read */
};

/* how the text rendering shows a table */
enum {
	TX_TABLE,	/* aligned columns; "(none)" without rows */
	TX_ACTIONS,	/* TX_TABLE, then per row "ID: action" and
			 * "$ command" (columns task_id, action, command) */
	TX_NOTE		/* the note instead of the rows, rows or not */
};

struct table {
	const char *section, *title;
	const struct col *cols;
	size_t ncol;
	struct cell *cells;	/* nrows x ncol */
	size_t nrows, cap, ci;
	int text;		/* TX_* */
	const char *note;	/* TX_NOTE */
};

/* A set of tables, in the order they are shown, and the strings made for
 * them (freed with the set). */
struct tset {
	struct table *t;
	size_t n, cap;
	char **pool;
	size_t npool, poolcap;
};

void tset_init(struct tset *);
void tset_free(struct tset *);
/* A new empty table; cols must outlive the set. */
struct table *tset_add(struct tset *, const char *section,
    const char *title, const struct col *cols, size_t ncol);
/* Keep s (malloc'd) until tset_free; returns s. */
const char *tset_keep(struct tset *, char *s);

/* The first table of section, or NULL; the index of column name in t, or
 * -1 (for callers that read the cells). */
const struct table *tset_find(const struct tset *, const char *section);
int table_col(const struct table *, const char *name);
/* the cell of row r and column c */
#define TABLE_CELL(t, r, c) (&(t)->cells[(r) * (t)->ncol + (c)])

/* Append the next cell of the current row (rows fill left to right). */
void c_str(struct table *, const char *s);
void c_money(struct table *, int has, money_t m);
void c_rate(struct table *, int has, money_t v);
void c_count(struct table *, int has, long long n);
void c_day(struct table *, long day);	/* DAY_NONE: empty */
void c_frac(struct table *, const char *raw, money_t m);

/* TSV: a header "as_of[\tsection]\tCOL..." (the union of the tables'
 * columns in order of first use), then every row with as_of first and,
 * unless single, its table's section. */
void tset_write_tsv(const struct tset *, struct out *, long as_of,
    int single);
/* text: head, then each table's title and its text. */
void tset_write_text(const struct tset *, struct out *, const char *head);

/* one cell as TSV (empty when empty) */
void tsv_cell(struct out *, const struct cell *);
/* the generic text of a table: its columns that have a title */
void text_table(const struct table *, struct out *);
/* $1,234.56: rounded to the cent, thousands grouped */
void fmt_dollars(money_t, struct buf *);
/* 12.34%: a rate in money units, as a percent rounded to 2 decimals */
void fmt_pct(money_t, struct buf *);
/* display width of UTF-8 text: code points, each one column */
size_t text_width(const char *s);

/* An aligned text table: numbers to the right, text to the left, two
 * spaces between columns, no trailing blanks. */
struct ttab {
	size_t ncol, nrows;
	char **v;		/* nrows x ncol, malloc'd; row 0 the titles */
	unsigned char *right;
};
/* print and free tt's contents */
void ttab_print(struct ttab *tt, struct out *);
#endif
