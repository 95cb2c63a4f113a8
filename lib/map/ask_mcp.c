/* ask_mcp.c: mapask's answers as a Model Context Protocol server: one
 * JSON-RPC 2.0 message in, its response out (the caller does the stdio).
 * Both eras of the protocol: the initialize handshake (2025-11-25,
 * 2025-06-18) and the stateless 2026-07-28 revision, where server/discover
 * replaces it and every request carries its protocol version in _meta.
 * Tools are the catalogue's questions, resources the night's files (read
 * only, inside the state directory), prompts the questions of each role.
 * JSON is jansson's: duplicate keys refused, 64-bit and string ids echoed
 * as they came, keys sorted on output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "map/ask_int.h"
#include "map/ask_mcp.h"

#define V_MODERN "2026-07-28"
static const char *const legacy_versions[] = { "2025-11-25",
	"2025-06-18" };

const char mcp_instructions[] =
    "mapask answers questions about MAP (AWS Migration Acceleration "
    "Program) compliance and credits from one night of the toolchain's "
    "files, computed exactly by its library. Quote every number verbatim "
    "as a tool returns it (amounts and rates are exact decimals; money is "
    "a decimal string): never compute, round, add or convert numbers "
    "yourself, and never estimate one the tools did not give. Cite the "
    "sources each answer lists (the night, the files read with their "
    "SHA-256, and the mapask or mapscore command that reproduces it). When "
    "a result carries next_cursor (or nextCursor), it is not complete: "
    "call again with that cursor before you conclude.";

struct ask_mcp *
ask_mcp_new(const char *statedir, long as_of, size_t max,
    const char *version)
{
	struct ask_mcp *m = xcalloc(1, sizeof(*m));

	m->statedir = xstrdup(statedir);
	m->version = xstrdup(version);
	m->as_of = as_of;
	m->max = max ? max : ASK_MCP_MAX;
	return m;
}

void
ask_mcp_set_roles(struct ask_mcp *m, const struct ask_roles *r)
{
	m->roles = r;
}

void
ask_mcp_free(struct ask_mcp *m)
{
	if (m == NULL)
		return;
	ask_close(m->a);
	free(m->statedir);
	free(m->version);
	free(m);
}

struct ask *
mcp_night(struct ask_mcp *m)
{
	struct buf p = { 0 };
	struct stat sb;
	char d[DATE_DAYLEN];
	long long ino = -1, size = -1, mtime = -1;

	if (m->as_of == DAY_NONE)
		buf_printf(&p, "%s/current/ledger.tsv", m->statedir);
	else {
		date_fmt_day(m->as_of, d);
		buf_printf(&p, "%s/history/%s/ledger.tsv", m->statedir, d);
	}
	if (stat(buf_cstr(&p), &sb) == 0) {
		ino = (long long)sb.st_ino;
		size = (long long)sb.st_size;
		mtime = (long long)sb.st_mtime;
	}
	buf_free(&p);
	if (m->tried && (ino != m->led_ino || size != m->led_size ||
	    mtime != m->led_mtime)) {
		ask_close(m->a);
		m->a = NULL;
		m->tried = 0;
	}
	if (!m->tried) {
		m->tried = 1;
		m->led_ino = ino;
		m->led_size = size;
		m->led_mtime = mtime;
		err_clear(&m->ae);
		m->a = ask_open(m->statedir, m->as_of, &m->aepath, &m->ae);
	}
	return m->a;
}

const char *
mcp_night_tag(const struct ask *a)
{
	static const char none[] = "000000000000";

	/* the ledger is always there once the night is read */
	return a->f[AF_LEDGER].path ? a->f[AF_LEDGER].sha : none;
}

/* ---- JSON-RPC ---- */

static char *
dump(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_ENCODE_ANY);

	json_decref(j);
	return s;
}

static char *
reply(json_t *id, json_t *result)
{
	json_t *r = json_object();

	json_object_set_new(r, "jsonrpc", json_string("2.0"));
	json_object_set(r, "id", id ? id : json_null());
	json_object_set_new(r, "result", result);
	return dump(r);
}

static char *
fail(json_t *id, int code, const char *msg, json_t *data)
{
	json_t *r = json_object(), *e = json_object();

	json_object_set_new(e, "code", json_integer(code));
	json_object_set_new(e, "message", json_string(msg));
	if (data)
		json_object_set_new(e, "data", data);
	json_object_set_new(r, "jsonrpc", json_string("2.0"));
	json_object_set(r, "id", id ? id : json_null());
	json_object_set_new(r, "error", e);
	return dump(r);
}

static json_t *
caps(void)
{
	json_t *c = json_object();

	json_object_set_new(c, "tools", json_object());
	json_object_set_new(c, "resources", json_object());
	json_object_set_new(c, "prompts", json_object());
	return c;
}

static json_t *
server_info(const struct ask_mcp *m)
{
	json_t *i = json_object();

	json_object_set_new(i, "name", json_string("mapask"));
	json_object_set_new(i, "title", json_string("FinOps Center MAP "
	    "answers"));
	json_object_set_new(i, "version", json_string(m->version));
	return i;
}

static json_t *
do_initialize(struct ask_mcp *m, json_t *params)
{
	const char *want = json_string_value(json_object_get(params,
	    "protocolVersion"));
	const char *v = legacy_versions[0];
	json_t *r = json_object();
	size_t i;

	/* the client's version when we speak it, else our newest */
	for (i = 0; want && i < NELEM(legacy_versions); i++)
		if (strcmp(want, legacy_versions[i]) == 0)
			v = legacy_versions[i];
	json_object_set_new(r, "protocolVersion", json_string(v));
	json_object_set_new(r, "capabilities", caps());
	json_object_set_new(r, "serverInfo", server_info(m));
	json_object_set_new(r, "instructions", json_string(mcp_instructions));
	return r;
}

static json_t *
supported(void)
{
	json_t *v = json_array();
	size_t i;

	json_array_append_new(v, json_string(V_MODERN));
	for (i = 0; i < NELEM(legacy_versions); i++)
		json_array_append_new(v, json_string(legacy_versions[i]));
	return v;
}

static json_t *
do_discover(struct ask_mcp *m)
{
	json_t *r = json_object();

	json_object_set_new(r, "supportedVersions", supported());
	json_object_set_new(r, "capabilities", caps());
	json_object_set_new(r, "serverInfo", server_info(m));
	json_object_set_new(r, "instructions", json_string(mcp_instructions));
	return r;
}

/* ---- the message ---- */

char *
ask_mcp_handle(struct ask_mcp *m, const char *msg, size_t n)
{
	json_error_t je;
	json_t *req, *id, *params, *meta, *res = NULL;
	json_t *edata = NULL;
	const char *method, *pv = NULL;
	int modern = 0, code = 0;
	char *out, emsg[512];

	req = json_loadb(msg, n, JSON_REJECT_DUPLICATES, &je);
	if (req == NULL)
		return fail(NULL, E_PARSE, je.text, NULL);
	id = json_object_get(req, "id");
	if (!json_is_object(req) || !json_is_string(json_object_get(req,
	    "method")) || (id && !json_is_string(id) && !json_is_integer(id) &&
	    !json_is_null(id)) || json_object_get(req, "jsonrpc") == NULL ||
	    !json_is_string(json_object_get(req, "jsonrpc")) ||
	    strcmp(json_string_value(json_object_get(req, "jsonrpc")), "2.0")) {
		/* a response or batch is not ours to answer either */
		out = fail(id && (json_is_string(id) || json_is_integer(id)) ?
		    id : NULL, E_REQUEST, json_is_array(req) ? "invalid "
		    "request: batches are not supported" : "invalid request: "
		    "not a JSON-RPC 2.0 request", NULL);
		json_decref(req);
		return out;
	}
	method = json_string_value(json_object_get(req, "method"));
	params = json_object_get(req, "params");
	if (params && !json_is_object(params)) {
		out = id ? fail(id, E_PARAMS, "params must be an object",
		    NULL) : NULL;
		json_decref(req);
		return out;
	}
	meta = json_object_get(params, "_meta");
	if (meta && json_is_object(meta))
		pv = json_string_value(json_object_get(meta,
		    "io.modelcontextprotocol/protocolVersion"));
	if (pv != NULL || strcmp(method, "server/discover") == 0) {
		size_t i;
		int ok = pv == NULL || strcmp(pv, V_MODERN) == 0;

		for (i = 0; pv && i < NELEM(legacy_versions); i++)
			ok |= strcmp(pv, legacy_versions[i]) == 0;
		if (!ok && id) {
			json_t *d = json_object();

			json_object_set_new(d, "supported", supported());
			json_object_set_new(d, "requested", json_string(pv));
			out = fail(id, E_VERSION, "unsupported protocol "
			    "version", d);
			json_decref(req);
			return out;
		}
		modern = 1;
	}
	if (id == NULL) {
		/* a notification (initialized, cancelled, ...): no reply */
		json_decref(req);
		return NULL;
	}
	if (strcmp(method, "initialize") == 0)
		res = do_initialize(m, params);
	else if (strcmp(method, "server/discover") == 0)
		res = do_discover(m);
	else if (strcmp(method, "ping") == 0)
		res = json_object();
	else
		res = mcp_method(m, method, params, &code, emsg, sizeof(emsg),
		    &edata);
	if (res == NULL) {
		if (code == 0) {
			snprintf(emsg, sizeof(emsg), "method not found: %.200s",
			    method);
			code = E_METHOD;
		}
		out = fail(id, code, emsg, edata);
		json_decref(req);
		return out;
	}
	if (modern)
		json_object_set_new(res, "resultType", json_string("complete"));
	out = reply(id, res);
	json_decref(req);
	return out;
}
