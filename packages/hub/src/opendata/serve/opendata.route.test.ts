import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Notice } from '../../notices/notice.entity.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { seedDemo } from '../../seed/demo.seed.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { CSV_COLUMNS } from '../export/csv.js';
import { firstError, getValidators } from '../export/schemas.js';
import { importFile } from '../import/importer.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

/** Demo buyers with a SIRET, so that their awarded contracts reach the DECP (it names buyers by SIRET). */
const BUYER_SIRETS: Record<string, string> = {
  '248300493': '24830049300017',
  '218300507': '21830050700017',
};

describe('the open-data files over HTTP', () => {
  let hub: TestHub;
  let origin: string;
  let scratch: string;
  const previousTmpdir = process.env.TMPDIR;
  const get = (file: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${origin}/opendata/${file}`, { headers, method });
  const exportDirs = () => readdirSync(scratch).filter((name) => name.startsWith('hub-opendata-'));

  beforeAll(async () => {
    // The hub's temporary files go to a directory of this test alone, so that it can check none is left behind.
    scratch = mkdtempSync(join(tmpdir(), 'opendata-route-'));
    process.env.TMPDIR = scratch;
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    origin = new URL(hub.url).origin;
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('answers 204 No Content for all three files while the hub has no public notice', async () => {
    for (const file of ['decp.json', 'ocds.json', 'lots.csv']) {
      const response = await get(file);
      expect([file, response.status, await response.text()]).toEqual([file, 204, '']);
    }
    expect(exportDirs()).toEqual([]);
  });

  describe('with the demo notices', () => {
    beforeAll(async () => {
      await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
      const em = hub.orm.em.fork();
      for (const [siren, siret] of Object.entries(BUYER_SIRETS)) await em.nativeUpdate(Organisation, { siren }, { siret });
    }, 120_000);

    it('serves the DECP as a JSON download that validates against the official v2.0.3 schema', async () => {
      const response = await get('decp.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="decp.json"');
      expect(response.headers.get('cache-control')).toBe('public, no-cache');
      const body = await response.text();
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      const document = JSON.parse(body);
      const { decpDocument } = getValidators();
      expect(decpDocument(document), firstError(decpDocument)).toBe(true);
      expect(document.marches.marche.length).toBeGreaterThan(0);
    });

    it('serves the OCDS release package, valid against the release-package schema with the lots extension', async () => {
      const response = await get('ocds.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="ocds.json"');
      const pkg = JSON.parse(await response.text());
      const { ocdsPackage } = getValidators();
      expect(ocdsPackage(pkg), firstError(ocdsPackage)).toBe(true);
      expect(pkg.releases.every((release: { ocid: string }) => release.ocid.startsWith(`${hub.config.ocdsPrefix}-`))).toBe(true);
    });

    it('serves the lots CSV with its columns and one row per lot of every public notice', async () => {
      const response = await get('lots.csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="lots.csv"');
      const rows = parse(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0]!)).toEqual(CSV_COLUMNS.map((column) => column.name));
      const notices = await hub.orm.em.fork().find(Notice, { status: { $ne: 'DRAFT' } }, { populate: ['lots'] });
      expect(rows).toHaveLength(notices.reduce((sum, notice) => sum + notice.lots.length, 0));
    });

    it('answers 304 to a client that holds the current version, and a new version once the data changes', async () => {
      const first = await get('decp.json');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{43}"$/);
      await first.arrayBuffer();
      const again = await get('decp.json', { 'if-none-match': etag });
      expect([again.status, again.headers.get('etag'), await again.text()]).toEqual([304, etag, '']);

      await importFile(hub.orm, join(FIXTURES, 'decp/marches_avec_modifications.json'), { now: hub.clock.now() });
      const changed = await get('decp.json', { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      // TEST2022Bis: the other contract of the file (TEST2022's buyer SIRET fails its Luhn key, so it has no SIRET to export).
      expect(JSON.parse(await changed.text()).marches.marche.map((marche: { id: string }) => marche.id)).toContain('TEST2022Bis');
    });

    it('gives simultaneous downloads the same file and leaves no temporary file behind, HEAD requests included', async () => {
      const responses = await Promise.all(Array.from({ length: 4 }, () => get('lots.csv')));
      const bodies = await Promise.all(responses.map((response) => response.text()));
      expect(new Set(bodies).size).toBe(1);
      expect(new Set(responses.map((response) => response.headers.get('etag'))).size).toBe(1);
      const head = await get('ocds.json', {}, 'HEAD');
      expect([head.status, head.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
      await vi.waitFor(() => expect(exportDirs()).toEqual([]), { timeout: 10_000 });
    });

    it('answers 404 for any other file name', async () => {
      const response = await get('marches.xml');
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    });
  });
});
