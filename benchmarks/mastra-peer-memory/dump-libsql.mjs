// Dumps the layout of a LibSQL file that server-memory.mjs wrote: the exact CREATE TABLE / CREATE INDEX statements
// (sqlite_master, in creation order), the pragmas that decide durability, and every row of every mastra_* table
// that holds rows. Usage: node dump-libsql.mjs <file:...> <schema.sql> <rows.json>
import { writeFileSync } from 'node:fs';
import { createClient } from '@libsql/client';

const [url, schemaOut, rowsOut] = process.argv.slice(2);
if (!url || !schemaOut || !rowsOut) {
  console.error('usage: node dump-libsql.mjs <file:...> <schema.sql> <rows.json>');
  process.exit(2);
}
const db = createClient({ url });
const objects = (await db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")).rows;
const pragma = async (name) => (await db.execute(`PRAGMA ${name}`)).rows[0]?.[0];
const header = [
  `-- Schema of the LibSQL file written by @mastra/libsql 1.23.0 (@mastra/memory 1.31.0, @mastra/core 1.71.0),`,
  `-- dumped from sqlite_master in creation order by benchmarks/mastra-peer-memory/dump-libsql.mjs.`,
  `-- Pragmas of the file after the run (a fresh connection; per-connection pragmas such as synchronous are the`,
  `-- connection defaults, not necessarily what LibSQLStore set on its own connection):`,
  `--   journal_mode=${await pragma('journal_mode')} synchronous=${await pragma('synchronous')} page_size=${await pragma('page_size')} user_version=${await pragma('user_version')}`,
  '',
];
const statements = objects.map((o) => `-- ${o.type} ${o.name} (table ${o.tbl_name})\n${o.sql};\n`);
writeFileSync(schemaOut, header.join('\n') + statements.join('\n'));

const rows = {};
for (const o of objects.filter((x) => x.type === 'table')) {
  const count = Number((await db.execute(`SELECT count(*) FROM "${o.name}"`)).rows[0][0]);
  if (o.name.startsWith('mastra_') && count > 0) {
    const result = await db.execute(`SELECT * FROM "${o.name}" ORDER BY rowid`);
    rows[o.name] = { count, columns: result.columns, columnTypes: result.columnTypes, rows: result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i]]))) };
  } else {
    rows[o.name] = { count };
  }
}
writeFileSync(rowsOut, `${JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
console.log(`schema: ${objects.length} objects -> ${schemaOut}; rows -> ${rowsOut}`);
