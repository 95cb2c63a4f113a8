/* ask_mcp.h: what the MCP server's protocol (ask_mcp.c) and its tools,
 * resources and prompts (ask_mcp_rt.c) share. */
#ifndef ASK_MCP_H
#define ASK_MCP_H
#include <jansson.h>

#include "map/ask_int.h"

/* JSON-RPC and MCP error codes */
enum { E_PARSE = -32700, E_REQUEST = -32600, E_METHOD = -32601,
	E_PARAMS = -32602, E_INTERNAL = -32603, E_RESOURCE = -32002,
	E_VERSION = -32022 };

struct ask_mcp {
	char *statedir, *version;
	long as_of;
	size_t max;
	struct ask *a;		/* the night, read on first use */
	struct err ae;		/* why it could not be read */
	const char *aepath;
	int tried;
	/* the ledger the night was read from: a new night (mapnightly
	 * renames new files into current/) is read again */
	long long led_ino, led_size, led_mtime;
	const struct ask_roles *roles;	/* NULL: everyone may ask anything */
};

extern const char mcp_instructions[];
/* the night, read again when its ledger changed (NULL: m->ae says
 * why) */
struct ask *mcp_night(struct ask_mcp *);
/* tools/..., resources/..., prompts/...: the result, or NULL with *code
 * and msg set (and *data, or NULL), *code 0 for no such method */
json_t *mcp_method(struct ask_mcp *, const char *method, json_t *params,
    int *code, char *msg, size_t msz, json_t **data);
/* the night's identity for cursors: the first 12 hex digits of its
 * ledger's SHA-256 */
const char *mcp_night_tag(const struct ask *);
#endif
