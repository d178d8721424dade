/**
 * The baseline the hub is measured against: node:http and hand-written SQL on the hub's database, answering the
 * benchmark's one GraphQL document with the JSON the hub gives. Nothing else: no framework, no ORM, no GraphQL
 * execution. On a SQLite file through the same sqlite3 driver as the hub; on PostgreSQL through `pg`, the driver
 * the hub's knex uses (a pool of 10, as the hub's). Started by the benchmark as its own process:
 * `node baseline-server.mjs <sqlite file | postgresql://…>`; prints its URL, stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { CPV_FILE } from '../lib/paths.mjs';
import { openDatabase } from '../lib/sqlite.mjs';
import { NOTICES_QUERY, PAGE_SIZE } from './notices-query.mjs';

const MAX_BODY_BYTES = 64 * 1024;

const target = process.argv[2];
if (!target) throw new Error('usage: node baseline-server.mjs <sqlite file | postgresql://…>');
const db = /^postgres(ql)?:\/\//.test(target) ? await openPostgreSql(target) : await openSqlite(target);

async function openSqlite(path) {
  const sqlite = await openDatabase(path);
  await sqlite.exec('pragma busy_timeout = 5000');
  return { all: (sql, params) => sqlite.all(sql, params), close: () => sqlite.close() };
}

/** `?` placeholders become `$1, $2…`; rows come back with PostgreSQL's types (timestamptz as Date, bigint as text). */
async function openPostgreSql(url) {
  const { loadPg } = await import('./postgresql.mjs');
  const pool = new (loadPg().Pool)({ connectionString: url, max: 10 });
  return {
    all: async (sql, params = []) => {
      let index = 0;
      return (await pool.query(sql.replace(/\?/g, () => `$${++index}`), params)).rows;
    },
    close: () => pool.end(),
  };
}
const cpvLabels = new Map(JSON.parse(readFileSync(CPV_FILE, 'utf8')));

// Every stored status but DRAFT is public (the hub's PUBLIC_STATUSES). The page is sorted on the few columns it
// shows, then joined to its buyers, so the sort does not carry descriptions or buyer names.
const COUNT_SQL = "select count(*) as total from notice where status <> 'DRAFT'";
const PAGE_SQL = `
  select p.id, p.reference, p.title, p.submission_deadline, p.status, p.estimated_value_public, o.name, o.siren
  from (
    select id, reference, title, submission_deadline, status, estimated_value_public, organisation_id
    from notice where status <> 'DRAFT'
    order by submission_deadline, reference limit ? offset ?
  ) as p join organisation as o on o.id = p.organisation_id
  order by p.submission_deadline, p.reference`;
const lotsSql = (count) =>
  `select notice_id, number, title, cpv, estimated_value from lot where notice_id in (${Array(count).fill('?').join(', ')}) order by number`;

const cursor = (offset) => Buffer.from(`o:${offset}`, 'utf8').toString('base64url');

async function noticesPage(now, offset = 0) {
  const [{ total }] = await db.all(COUNT_SQL);
  const rows = await db.all(PAGE_SQL, [PAGE_SIZE, offset]);
  const lots = rows.length ? await db.all(lotsSql(rows.length), rows.map((row) => row.id)) : [];
  const lotsByNotice = new Map(rows.map((row) => [row.id, []]));
  for (const lot of lots) lotsByNotice.get(lot.notice_id).push(lot);
  return {
    data: {
      notices: {
        totalCount: Number(total),
        edges: rows.map((row, index) => ({
          cursor: cursor(offset + index),
          node: {
            reference: row.reference,
            title: row.title,
            submissionDeadline: new Date(row.submission_deadline).toISOString(),
            // A published notice past its deadline reads as closed, as in the hub.
            status: row.status === 'PUBLISHED' && new Date(row.submission_deadline).getTime() <= now ? 'CLOSED' : row.status,
            organisation: { name: row.name, siren: row.siren },
            lots: lotsByNotice.get(row.id).map((lot) => ({
              number: lot.number,
              title: lot.title,
              cpv: { code: lot.cpv, label: cpvLabels.get(lot.cpv) ?? lot.cpv },
              estimatedValue: row.estimated_value_public ? lot.estimated_value : null,
            })),
          },
        })),
      },
    },
  };
}

function send(response, status, payload) {
  const body = JSON.stringify(payload);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/graphql') return send(response, 404, { error: 'not found' });
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) request.destroy();
    else chunks.push(chunk);
  });
  request.on('end', async () => {
    try {
      const { query } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      // This server knows one document; anything else is a mistake of the benchmark, not a request to serve.
      if (query !== NOTICES_QUERY) return send(response, 400, { errors: [{ message: 'The baseline only answers the benchmark query' }] });
      send(response, 200, await noticesPage(Date.now()));
    } catch (error) {
      send(response, 500, { errors: [{ message: String(error) }] });
    }
  });
});
server.keepAliveTimeout = 30_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`Baseline listening on http://127.0.0.1:${port}/graphql`);
});

const stop = () => server.close(() => db.close().finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
