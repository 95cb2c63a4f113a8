// duckdb_proj.cjs: the DuckDB side of the benchmark. Reads a CUR CSV (gzip
// or plain; DuckDB picks by the file name) with read_csv's defaults (header
// and types sniffed, all cores) and COPYs the named columns to a TSV file.
//
// Usage: node bench/duckdb_proj.cjs IN OUT COL[,COL]...
//        node bench/duckdb_proj.cjs --startup   (load DuckDB, run SELECT 1)
// NODE_PATH must reach node_modules/@duckdb/node-api (bench/run.sh sets it).
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

function lit(s) {
	return "'" + s.replace(/'/g, "''") + "'";
}

function ident(s) {
	return '"' + s.replace(/"/g, '""') + '"';
}

async function main() {
	const db = await DuckDBInstance.create(':memory:');
	const con = await db.connect();

	if (process.argv[2] === '--startup') {
		await con.run('SELECT 1');
		return;
	}
	if (process.argv.length !== 5) {
		process.stderr.write('usage: duckdb_proj.cjs IN OUT COL[,COL]...\n');
		process.exit(2);
	}
	const [inp, out, cols] = process.argv.slice(2);
	const sel = cols.split(',').map(ident).join(', ');
	await con.run(`COPY (SELECT ${sel} FROM read_csv(${lit(inp)})) ` +
	    `TO ${lit(out)} (FORMAT csv, DELIMITER '\t', HEADER true, ` +
	    `QUOTE '')`);
}

main().catch((e) => {
	process.stderr.write(`duckdb_proj: ${e.message}\n`);
	process.exit(4);
});
