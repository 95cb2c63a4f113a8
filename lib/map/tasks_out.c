/* tasks_out.c: what a task tells the Cloud Engineer (the action and a
 * ready-to-run AWS CLI line, every value from the data single-quoted for
 * sh), and the writers of the tasks and notifications files. */
#include <stdlib.h>
#include <string.h>

#include "map/tasks.h"

/* ---- shell-safe commands ---- */

/* s as one sh word: single quotes, each ' written '\'' */
static void
q(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	buf_addc(b, '\'');
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

static void
cmd_resource(struct buf *c, const struct task *k,
    const struct task_entity *r, const char *value)
{
	if (strncmp(k->entity, "arn:", 4) != 0 && ec2_id(k->entity)) {
		buf_adds(c, "aws ec2 create-tags");
		region_opt(c, k->region);
		buf_adds(c, " --resources ");
		q(c, k->entity);
		buf_adds(c, " --tags ");
		q2(c, "Key=map-migrated,Value=", value);
	} else {
		struct buf arn = { 0 };

		if (strncmp(k->entity, "arn:", 4) != 0 &&
		    strcmp(r->service, "AmazonS3") == 0)
			buf_printf(&arn, "arn:aws:s3:::%s", k->entity);
		else
			buf_adds(&arn, k->entity);
		buf_adds(c, "aws resourcegroupstaggingapi tag-resources");
		region_opt(c, k->region);
		buf_adds(c, " --resource-arn-list ");
		q(c, buf_cstr(&arn));
		buf_adds(c, " --tags ");
		q2(c, "map-migrated=", value);
		buf_free(&arn);
	}
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
task_command(struct task *k, const struct task_entity *r, const char *value)
{
	struct buf c = { 0 }, a = { 0 };

	switch (k->type) {
	case T_TAG_RESOURCE:
	case T_RETAG_RESOURCE:
		cmd_resource(&c, k, r, value);
		buf_printf(&a, "%s the resource %s with map-migrated=%s",
		    k->type == T_TAG_RESOURCE ? "tag" : "re-tag", k->entity,
		    value);
		break;
	case T_TAG_PROFILE:
		buf_adds(&c, "aws bedrock tag-resource");
		region_opt(&c, k->region);
		buf_adds(&c, " --resource-arn ");
		q(&c, k->entity);
		buf_adds(&c, " --tags ");
		q2(&c, "key=map-migrated,value=", value);
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
	}
	free(k->command);
	free(k->action);
	k->command = xstrdup(buf_cstr(&c));
	k->action = xstrdup(buf_cstr(&a));
	buf_free(&c);
	buf_free(&a);
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
	size_t i;

	out_s(o, HDR_TASKS);
	for (i = 0; i < c->n; i++) {
		const struct task *k = &c->v[i];

		if (!shown(k, f))
			continue;
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
		tab_val(o, k->action);
		tab_val(o, k->command);
		out_c(o, '\n');
	}
}

void
tasks_write_notify(const struct tasks *c, struct out *o)
{
	size_t i;
	char m[MONEY_BUFSZ];

	out_s(o, HDR_NOTIFY);
	for (i = 0; i < c->n; i++) {
		const struct task *k = &c->v[i];
		struct buf note = { 0 };

		if (!k->open || k->workload[0] == '\0')
			continue;
		out_day(o, c->as_of);
		tab_val(o, k->owner);
		tab_val(o, k->workload);
		tab_val(o, k->id);
		tab_val(o, task_type_names[k->type]);
		tab_val(o, k->assignee);
		tab_val(o, k->action);
		tab_money(o, k->daily_impact);
		money_fmt(k->daily_impact, m, 2);
		buf_printf(&note, "MAP credit accrual on %s is blocked: about "
		    "$%s a day until the Cloud Engineer (%s) completes this "
		    "task. No action is needed from you.", k->workload, m,
		    k->assignee);
		tab_val(o, buf_cstr(&note));
		out_c(o, '\n');
		buf_free(&note);
	}
}
