/* tasks_out.c: what a task tells the Cloud Engineer (the action and a
 * ready-to-run AWS CLI line, every value from the data single-quoted for
 * sh), and the writers of the tasks and notifications files. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/table.h"
#include "map/tasks.h"

/* ---- shell-safe commands ---- */

/* s as one sh word: single quotes, each ' written '"'"' (no backslash,
 * so the command column is a safe word before and after TSV decoding) */
static void
q(struct buf *b, const char *s)
{
	const char *p;

	buf_addc(b, '\'');
	while ((p = strchr(s, '\'')) != NULL) {
		buf_add(b, s, (size_t)(p - s));
		buf_adds(b, "'\"'\"'");
		s = p + 1;
	}
	buf_adds(b, s);
	buf_addc(b, '\'');
}

/* A control byte (tab, newline) in a value would be escaped in the TSV:
 * the column would no longer be the command. None is built. */
static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* prefix and value as one quoted word */
static void
q2(struct buf *b, const char *prefix, const char *value)
{
	struct buf w = { 0 };

	buf_adds(&w, prefix);
	buf_adds(&w, value);
	q(b, buf_cstr(&w));
	buf_free(&w);
}

static void
region_opt(struct buf *b, const char *region)
{
	if (region[0]) {
		buf_adds(b, " --region ");
		q(b, region);
	}
}

static int
ec2_id(const char *s)
{
	static const char *const pre[] = {
		"i-", "vol-", "snap-", "ami-", "eni-",
		"nat-", "igw-", "vpc-", "subnet-", "sg-", "eipalloc-", "rtb-",
		"lt-", "tgw-", "vpce-", "h-", NULL };
	size_t i;

	for (i = 0; pre[i]; i++)
		if (strncmp(s, pre[i], strlen(pre[i])) == 0)
			return 1;
	return 0;
}

/* ---- resources: the ARN built from the id, or looked up ---- */

/* s is n0..n1 characters, each in ok (or an ASCII letter or digit when
 * alnum), the first a letter or digit when first_alnum */
static int
name_ok(const char *s, size_t n0, size_t n1, const char *ok, int first_alnum)
{
	size_t i, n = strlen(s);

	if (n < n0 || n > n1)
		return 0;
	for (i = 0; i < n; i++) {
		int an = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9');

		if (!an && (strchr(ok, s[i]) == NULL || (i == 0 && first_alnum)))
			return 0;
	}
	return 1;
}

/* prefix then one or more of A-Z 0-9: an RDS resource id (db-..., the
 * DbiResourceId; cluster-..., the DbClusterResourceId) */
static int
rds_resource_id(const char *s, const char *prefix)
{
	size_t pl = strlen(prefix);

	if (strncmp(s, prefix, pl) != 0 || s[pl] == '\0')
		return 0;
	for (s += pl; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* The ARN partition of a region, or NULL when not sure (no region, not a
 * region's form, or an isolated region). */
static const char *
partition_of(const char *region)
{
	if (!name_ok(region, 9, 30, "-", 1) || strstr(region, "-iso"))
		return NULL;
	if (strncmp(region, "cn-", 3) == 0)
		return "aws-cn";
	if (strncmp(region, "us-gov-", 7) == 0)
		return "aws-us-gov";
	return "aws";
}

/* the services whose ARN a bare id gives, and the call that finds it */
static const struct arn_rule {
	const char *service;
	const char *fmt;	/* partition, region, account, id */
	size_t n0, n1;		/* the id's length */
	const char *chars;	/* besides letters and digits */
	int first_alnum;
	const char *what;	/* for the action */
	const char *lookup;	/* the call that shows the ARN */
	const char *idopt;	/* its option for the id */
	const char *query;	/* after the id */
} arn_rules[] = {
	{ "AWSLambda", "arn:%s:lambda:%s:%s:function:%s", 1, 64, "-_", 0,
	  "Lambda function", "aws lambda get-function", " --function-name ",
	  " --query 'Configuration.FunctionArn' --output text" },
	{ "AmazonDynamoDB", "arn:%s:dynamodb:%s:%s:table/%s", 3, 255, "-_.", 0,
	  "DynamoDB table", "aws dynamodb describe-table", " --table-name ",
	  " --query 'Table.TableArn' --output text" },
	{ "AmazonEKS", "arn:%s:eks:%s:%s:cluster/%s", 1, 100, "-_", 1,
	  "EKS cluster", "aws eks describe-cluster", " --name ",
	  " --query 'cluster.arn' --output text" },
};
#define NRULES (NELEM(arn_rules))

static const struct arn_rule *
arn_rule_of(const char *service)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (strcmp(arn_rules[i].service, service) == 0)
			return &arn_rules[i];
	return NULL;
}

/* The ARN of a resource that CUR names by a bare id, when it is sure:
 * 1 and the ARN in arn, or 0 and in why the reason it is not. */
static int
arn_build(struct buf *arn, struct buf *why, const struct task *k,
    const struct task_entity *r)
{
	const struct arn_rule *u = arn_rule_of(r->service);
	const char *part = partition_of(k->region);

	if (strcmp(r->service, "AmazonS3") == 0) {
		/* a bucket's ARN has no region nor account */
		if (k->region[0] && part == NULL) {
			buf_printf(why, "the partition of region %s is not "
			    "known", k->region);
			return 0;
		}
		buf_printf(arn, "arn:%s:s3:::%s", part ? part : "aws",
		    k->entity);
		return 1;
	}
	if (u == NULL) {
		buf_printf(why, "CUR gives no ARN, and for the service '%s' "
		    "none is built from an id", r->service);
		return 0;
	}
	if (!name_ok(k->entity, u->n0, u->n1, u->chars, u->first_alnum))
		buf_printf(why, "'%s' is not a %s name", k->entity, u->what);
	else if (part == NULL)
		buf_printf(why, k->region[0] ? "the partition of region %s "
		    "is not known" : "CUR gives no region", k->region);
	else if (!name_ok(k->account, 12, 12, "", 0) ||
	    strspn(k->account, "0123456789") != 12)
		buf_adds(why, "CUR gives no 12-digit account id");
	else {
		buf_printf(arn, u->fmt, part, k->region, k->account,
		    k->entity);
		return 1;
	}
	return 0;
}

/* The command that prints the ARN of a resource whose ARN cannot be
 * built; why gets what CUR gave instead, when the call says more. */
static void
arn_lookup(struct buf *c, struct buf *why, const struct task *k,
    const struct task_entity *r)
{
	const struct arn_rule *u = arn_rule_of(r->service);
	const char *e = k->entity;

	if (strcmp(r->service, "AmazonRDS") == 0) {
		int cl = rds_resource_id(e, "cluster-");

		why->len = 0;	/* what the RDS id says is the reason */
		if (cl || rds_resource_id(e, "db-")) {
			buf_printf(why, "CUR names the DB %s by its resource "
			    "id, not its name", cl ? "cluster" : "instance");
			buf_printf(c, "aws rds describe-db-%s",
			    cl ? "clusters" : "instances");
			region_opt(c, k->region);
			buf_adds(c, " --filters ");
			q2(c, cl ? "Name=db-cluster-resource-id,Values=" :
			    "Name=dbi-resource-id,Values=", e);
			buf_adds(c, cl ? " --query 'DBClusters[].DBClusterArn'" :
			    " --query 'DBInstances[].DBInstanceArn'");
		} else {
			buf_adds(why, "CUR gives a name, which may be a DB "
			    "instance's or a cluster's (for a cluster, aws rds "
			    "describe-db-clusters --db-cluster-identifier)");
			buf_adds(c, "aws rds describe-db-instances");
			region_opt(c, k->region);
			buf_adds(c, " --db-instance-identifier ");
			q(c, e);
			buf_adds(c, " --query 'DBInstances[].DBInstanceArn'");
		}
		buf_adds(c, " --output text");
	} else if (u) {
		buf_adds(c, u->lookup);
		region_opt(c, k->region);
		buf_adds(c, u->idopt);
		q(c, e);
		buf_adds(c, u->query);
	} else {
		/* any service: Resource Explorer indexes untagged resources
		 * too, unlike the Tagging API's get-resources */
		buf_adds(why, "; AWS Resource Explorer must be turned on");
		buf_adds(c, "aws resource-explorer-2 search");
		region_opt(c, k->region);
		buf_adds(c, " --query-string ");
		q(c, e);
		buf_adds(c, " --query 'Resources[].Arn' --output text");
	}
}

/* How a resource is tagged: EC2's own call by id, the Tagging API by ARN
 * (as CUR gives it or built into arn), or not before its ARN is looked up
 * (why says what CUR gave instead). */
enum target { TG_EC2, TG_ARN, TG_LOOKUP };

static enum target
resource_target(struct buf *arn, struct buf *why, const struct task *k,
    const struct task_entity *r)
{
	if (strncmp(k->entity, "arn:", 4) == 0) {
		buf_adds(arn, k->entity);
		return TG_ARN;
	}
	if (ec2_id(k->entity))
		return TG_EC2;
	return arn_build(arn, why, k, r) ? TG_ARN : TG_LOOKUP;
}

/* an AWS CLI call: the command, --region, the option naming the target
 * and the target */
static void
call_on(struct buf *c, const struct task *k, const char *cmd,
    const char *opt, const char *target)
{
	buf_adds(c, cmd);
	region_opt(c, k->region);
	buf_adds(c, opt);
	q(c, target);
}

/* the call that sets map-migrated=value on a resource (not TG_LOOKUP) */
static void
tag_call(struct buf *c, const struct task *k, enum target tg,
    const struct buf *arn, const char *value)
{
	if (tg == TG_EC2) {
		call_on(c, k, "aws ec2 create-tags", " --resources ",
		    k->entity);
		buf_adds(c, " --tags ");
		q2(c, "Key=map-migrated,Value=", value);
	} else {
		call_on(c, k, "aws resourcegroupstaggingapi tag-resources",
		    " --resource-arn-list ", arn->s);
		buf_adds(c, " --tags ");
		q2(c, "map-migrated=", value);
	}
}

static void
cmd_resource(struct buf *c, struct buf *a, const struct task *k,
    const struct task_entity *r, const char *value)
{
	const char *verb = k->type == T_TAG_RESOURCE ? "tag" : "re-tag";
	struct buf arn = { 0 }, why = { 0 };
	enum target tg = resource_target(&arn, &why, k, r);

	if (tg != TG_LOOKUP)
		tag_call(c, k, tg, &arn, value);
	else {
		arn_lookup(c, &why, k, r);
		buf_printf(a, "%s the resource %s with map-migrated=%s. Its "
		    "ARN cannot be built: %s. The command looks it up; tag "
		    "that ARN with aws resourcegroupstaggingapi tag-resources "
		    "--tags map-migrated=%s", verb, k->entity, value,
		    buf_cstr(&why), value);
	}
	if (a->len == 0)
		buf_printf(a, "%s the resource %s with map-migrated=%s", verb,
		    k->entity, value);
	buf_free(&arn);
	buf_free(&why);
}

/* the call that tags an application inference profile */
static void
profile_tag_call(struct buf *c, const struct task *k, const char *value)
{
	call_on(c, k, "aws bedrock tag-resource", " --resource-arn ",
	    k->entity);
	buf_adds(c, " --tags ");
	q2(c, "key=map-migrated,value=", value);
}

/* Each misspelled key of keys (tab-separated) as a quoted word, after
 * prefix (Key= for EC2). */
static void
key_words(struct buf *c, const char *keys, const char *prefix)
{
	struct buf w = { 0 };
	const char *p = keys, *tab;

	while (*p) {
		tab = strchr(p, '\t');
		w.len = 0;
		buf_add(&w, p, tab ? (size_t)(tab - p) : strlen(p));
		buf_addc(c, ' ');
		q2(c, prefix, buf_cstr(&w));
		p = tab ? tab + 1 : p + strlen(p);
	}
	buf_free(&w);
}

/* A map-migrated key spelled wrong (Map-Migrated, map_migrated): set the
 * right key, then remove the wrong one; AWS counts map-migrated only. */
static void
cmd_rename(struct buf *c, struct buf *a, const struct task *k,
    const struct task_entity *r, const char *value)
{
	const char *keys = r->miskeys, *what;
	struct buf arn = { 0 }, why = { 0 }, kl = { 0 };
	enum target tg = TG_ARN;
	size_t i;

	buf_adds(&kl, keys[0] ? "the tag key " : "the misspelled tag key");
	for (i = 0; keys[i]; i++)	/* for the action: A B */
		buf_addc(&kl, keys[i] == '\t' ? ' ' : keys[i]);
	what = buf_cstr(&kl);
	if (k->kind == K_PROFILE) {
		profile_tag_call(c, k, value);
		if (keys[0]) {
			call_on(c, k, " && aws bedrock untag-resource",
			    " --resource-arn ", k->entity);
			buf_adds(c, " --tag-keys");
			key_words(c, keys, "");
		}
	} else if ((tg = resource_target(&arn, &why, k, r)) == TG_LOOKUP) {
		arn_lookup(c, &why, k, r);
		buf_printf(a, "rename %s to map-migrated on the resource %s. "
		    "Its ARN cannot be built: %s. The command looks it up; on "
		    "that ARN run aws resourcegroupstaggingapi tag-resources "
		    "--tags map-migrated=%s, then untag-resources --tag-keys "
		    "%s", what, k->entity, buf_cstr(&why), value,
		    keys[0] ? what + 12 : "with the misspelled key");
	} else {
		tag_call(c, k, tg, &arn, value);
		if (keys[0] && tg == TG_EC2) {
			call_on(c, k, " && aws ec2 delete-tags",
			    " --resources ", k->entity);
			buf_adds(c, " --tags");
			key_words(c, keys, "Key=");
		} else if (keys[0]) {
			call_on(c, k, " && aws resourcegroupstaggingapi "
			    "untag-resources", " --resource-arn-list ", arn.s);
			buf_adds(c, " --tag-keys");
			key_words(c, keys, "");
		}
	}
	if (a->len == 0)
		buf_printf(a, "rename %s to map-migrated on the %s %s: set "
		    "map-migrated=%s, then remove the misspelled key (MAP "
		    "counts map-migrated only, spelled exactly so)", what,
		    k->kind == K_PROFILE ? "inference profile" : "resource",
		    k->entity, value);
	buf_free(&arn);
	buf_free(&why);
	buf_free(&kl);
}

static void
cmd_create_profile(struct buf *c, struct buf *a, const struct task *k,
    const struct task_entity *r, const char *value)
{
	struct buf name = { 0 };
	const char *p;

	buf_adds(&name, "map-");
	for (p = k->model[0] ? k->model : "model"; *p && name.len < 40; p++)
		buf_addc(&name, (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9') ? *p : '-');
	buf_printf(&name, "-%s", k->account);
	buf_adds(c, "aws bedrock create-inference-profile");
	region_opt(c, k->region);
	buf_adds(c, " --inference-profile-name ");
	q(c, buf_cstr(&name));
	buf_adds(c, " --model-source ");
	if (r->model_source[0])
		q2(c, "copyFrom=", r->model_source);
	else {
		/* CUR did not say which model ARN was invoked */
		buf_adds(c, "\"copyFrom=${MODEL_ARN:?set MODEL_ARN to "
		    "the foundation model ARN}\"");
	}
	buf_adds(c, " --tags ");
	q2(c, "key=map-migrated,value=", value);
	buf_printf(a, "create an application inference profile for %s "
	    "in %s tagged map-migrated=%s, then route %s through its ARN",
	    k->model[0] ? k->model : "the model", k->region, value,
	    k->principal[0] ? k->principal : "the application");
	buf_free(&name);
}

static void
cmd_principal(struct buf *c, struct buf *a, const struct task *k,
    const char *value)
{
	const char *slash = strrchr(k->principal, '/');
	const char *nm = slash ? slash + 1 : k->principal;
	int user = strstr(k->principal, ":user/") != NULL;

	buf_printf(c, "aws iam %s --%s-name ", user ? "tag-user" :
	    "tag-role", user ? "user" : "role");
	q(c, nm);
	buf_adds(c, " --tags ");
	q2(c, "Key=map-migrated,Value=", value);
	buf_printf(a, "tag the calling IAM %s %s with map-migrated=%s", user ?
	    "user" : "role", k->principal, value);
}

void
task_text(const struct tasks *t, const struct task *k, struct buf *act,
    struct buf *cmd)
{
	struct buf c = *cmd, a = *act;
	const struct task_entity *r;
	const char *value = k->expected + strlen("map-migrated=");

	c.len = a.len = 0;
	buf_cstr(&c);
	buf_cstr(&a);
	r = k->row ? &t->rows[k->row - 1] : NULL;
	switch (r ? k->type : -1) {
	case T_TAG_RESOURCE:
	case T_RETAG_RESOURCE:
		cmd_resource(&c, &a, k, r, value);
		break;
	case T_TAG_PROFILE:
		profile_tag_call(&c, k, value);
		buf_printf(&a, "%s the inference profile %s with "
		    "map-migrated=%s", r->state == ST_STALE ? "re-tag" : "tag",
		    k->entity, value);
		break;
	case T_CREATE_PROFILE:
		cmd_create_profile(&c, &a, k, r, value);
		break;
	case T_ADD_TO_PROFILE:
		buf_adds(&c, "aws bedrock get-inference-profile");
		region_opt(&c, k->region);
		buf_adds(&c, " --inference-profile-identifier ");
		q(&c, k->profile);
		buf_printf(&a, "route %s's calls to %s through the existing "
		    "profile %s (modelId); no new profile needed",
		    k->principal[0] ? k->principal : "the application",
		    k->model[0] ? k->model : "the model", k->profile);
		break;
	case T_TAG_PRINCIPAL:
		cmd_principal(&c, &a, k, value);
		break;
	case T_RENAME_TAG_KEY:
		cmd_rename(&c, &a, k, r, value);
		break;
	}
	if (has_control(c.s)) {
		c.len = 0;
		buf_adds(&c, "# not built: a value holds a tab, newline or other "
		    "control character; tag this entity by hand");
		buf_adds(&a, " (by hand: a value holds a control character)");
	}
	*cmd = c;
	*act = a;
}

/* ---- the tasks and notifications files ---- */

static int
shown(const struct task *k, const struct task_filter *f)
{
	if (f == NULL)
		return 1;
	if (f->open_only && !k->open)
		return 0;
	if (f->assignee && strcmp(k->assignee, f->assignee) != 0)
		return 0;
	if (f->type >= 0 && k->type != f->type)
		return 0;
	return 1;
}

static void
tab_val(struct out *o, const char *s)
{
	out_c(o, '\t');
	out_vals(o, s);
}

static void
tab_day(struct out *o, long d)
{
	out_c(o, '\t');
	out_day(o, d);
}

static void
tab_money(struct out *o, money_t m)
{
	out_c(o, '\t');
	out_money(o, m);
}

void
tasks_write(const struct tasks *c, struct out *o, const struct task_filter *f)
{
	struct buf act = { 0 }, cmd = { 0 };
	size_t i;

	out_s(o, HDR_TASKS);
	for (i = 0; i < c->n; i++) {
		const struct task *k = &c->v[i];

		if (!shown(k, f))
			continue;
		task_text(c, k, &act, &cmd);
		out_day(o, c->as_of);
		tab_val(o, k->id);
		tab_val(o, task_type_names[k->type]);
		tab_val(o, task_status_names[k->open ? TS_OPEN : TS_CLOSED]);
		tab_val(o, k->entity);
		tab_val(o, kind_names[k->kind]);
		tab_val(o, k->account);
		tab_val(o, k->region);
		tab_val(o, k->model);
		tab_val(o, k->principal);
		tab_val(o, k->contract);
		tab_val(o, k->expected);
		tab_val(o, k->last_good_tag);
		tab_day(o, k->drift_date);
		tab_day(o, k->opened);
		tab_day(o, k->closed);
		tab_val(o, k->resolution);
		tab_val(o, k->assignee);
		tab_val(o, k->workload);
		tab_val(o, k->owner);
		tab_val(o, k->profile);
		tab_money(o, k->daily_impact);
		tab_money(o, k->impact);
		tab_money(o, k->risk_spend);
		out_c(o, '\t');
		out_long(o, k->risk_days);
		tab_val(o, act.s);
		tab_val(o, cmd.s);
		out_c(o, '\n');
	}
	buf_free(&act);
	buf_free(&cmd);
}

void
tasks_write_notify(const struct tasks *c, struct out *o)
{
	struct buf act = { 0 }, cmd = { 0 }, note = { 0 };
	size_t i;
	char m[MONEY_BUFSZ];

	out_s(o, HDR_NOTIFY);
	for (i = 0; i < c->n; i++) {
		const struct task *k = &c->v[i];

		if (!k->open || k->workload[0] == '\0')
			continue;
		task_text(c, k, &act, &cmd);
		out_day(o, c->as_of);
		tab_val(o, k->owner);
		tab_val(o, k->workload);
		tab_val(o, k->id);
		tab_val(o, task_type_names[k->type]);
		tab_val(o, k->assignee);
		tab_val(o, act.s);
		tab_money(o, k->daily_impact);
		money_fmt(k->daily_impact, m, 2);
		note.len = 0;
		buf_printf(&note, "MAP credit accrual on %s is blocked: about "
		    "$%s a day until the Cloud Engineer (%s) completes this "
		    "task. No action is needed from you.", k->workload, m,
		    k->assignee);
		tab_val(o, buf_cstr(&note));
		out_c(o, '\n');
	}
	buf_free(&act);
	buf_free(&cmd);
	buf_free(&note);
}

/* text in a comment line: a value's control bytes become '?', so no
 * value can end the comment and start a command */
static void
comment_text(struct out *o, const char *s)
{
	for (; *s; s++)
		out_c(o, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static void
comment(struct out *o, const char *s)
{
	out_s(o, "# ");
	comment_text(o, s);
	out_c(o, '\n');
}

/* "# ID TYPE ENTITY (account A, REGION): $X a day at stake", each value
 * written where it is (not formatted into a copy first) */
static void
comment_task(struct out *o, const struct task *k, struct buf *b)
{
	out_s(o, "# ");
	comment_text(o, k->id);
	out_c(o, ' ');
	out_s(o, task_type_names[k->type]);
	out_c(o, ' ');
	comment_text(o, k->entity);
	out_s(o, " (account ");
	comment_text(o, k->account);
	if (k->region[0]) {
		out_s(o, ", ");
		comment_text(o, k->region);
	}
	out_s(o, "): ");
	b->len = 0;
	fmt_dollars(k->daily_impact, b);
	buf_adds(b, " a day at stake");
	comment_text(o, b->s);
	out_c(o, '\n');
}

void
tasks_write_script(const struct tasks *c, struct out *o,
    const struct task_filter *f)
{
	char day[DATE_DAYLEN];
	struct buf b = { 0 }, act = { 0 }, cmd = { 0 };
	size_t i, n = 0;

	for (i = 0; i < c->n; i++)
		n += c->v[i].open && shown(&c->v[i], f);
	date_fmt_day(c->as_of, day);
	out_s(o, "#!/bin/sh\n");
	buf_printf(&b, "MAP tagging: the %zu open task%s as of %s (maptasks "
	    "--script), most credit at stake first.", n, n == 1 ? "" : "s",
	    day);
	comment(o, b.s);
	comment(o, "Read each one before running it; the script stops at the "
	    "first that fails.");
	out_s(o, "set -eu\n");
	for (i = 0; i < c->n; i++) {
		const struct task *k = &c->v[i];

		if (!k->open || !shown(k, f))
			continue;
		task_text(c, k, &act, &cmd);
		out_c(o, '\n');
		comment_task(o, k, &b);
		comment(o, act.s);
		if (cmd.s[0] == '#' || cmd.s[0] == '\0')
			comment(o, cmd.s[0] ? cmd.s + 2 : "no command");
		else {
			out_add(o, cmd.s, cmd.len);
			out_c(o, '\n');
		}
	}
	buf_free(&b);
	buf_free(&act);
	buf_free(&cmd);
}
