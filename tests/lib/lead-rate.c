/* lead-rate: the FinOps Lead's MAP Compliance Rate of one night, computed
 * by the library alone (lib/map/score.h), as another tool (a report, a
 * question-answering tool) would: no code from cmd/.
 *	lead-rate STATEDIR
 * reads STATEDIR/current/ledger.tsv and score-history.tsv, as mapnightly
 * gave them to mapscore, and prints
 *	as_of DAY accruing NUM eligible DEN rate RATE
 * Exit 3 on bad input (FILE:LINE: message on stderr), 2 on usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "map/score.h"

int
main(int argc, char **argv)
{
	char led[4096], hist[4096], day[DATE_DAYLEN];
	char num[MONEY_BUFSZ], den[MONEY_BUFSZ], rate[MONEY_BUFSZ];
	const char *ledgers[1] = { led }, *epath = NULL;
	struct score_files f = { 0 };
	struct score_rate r;
	struct err e = { 0 };
	struct score *s;

	if (argc != 2) {
		fprintf(stderr, "usage: lead-rate STATEDIR\n");
		return EXIT_USAGE;
	}
	snprintf(led, sizeof(led), "%s/current/ledger.tsv", argv[1]);
	snprintf(hist, sizeof(hist), "%s/current/score-history.tsv", argv[1]);
	f.ledgers = ledgers;
	f.nledgers = 1;
	f.history = hist;
	s = score_new();
	if (score_load(s, &f, &epath, &e) != 0) {
		if (e.line > 0)
			fprintf(stderr, "lead-rate: %s:%ld: %s\n", epath ? epath :
			    "?", e.line, e.msg);
		else
			fprintf(stderr, "lead-rate: %s: %s\n", epath ? epath : "?",
			    e.msg);
		score_free(s);
		return e.status ? e.status : EXIT_DATA;
	}
	score_compliance(s, &r);
	date_fmt_day(score_as_of(s), day);
	money_fmt(r.num, num, 2);
	money_fmt(r.den, den, 2);
	money_fmt(r.rate, rate, 4);
	printf("as_of %s accruing %s eligible %s rate %s\n", day, num, den,
	    r.has ? rate : "");
	score_free(s);
	return 0;
}
