import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedGenerations, type GeneratedFile } from './shared-generations.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('shared generations of a downloadable file', () => {
  let root: string;
  const leftovers = () => readdirSync(root);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'shared-generations-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes requests that arrive during a generation share the next one, never the one already reading', async () => {
    const gates = [deferred(), deferred()];
    let runs = 0;
    const generations = new SharedGenerations<string>(async (_key, dir): Promise<GeneratedFile> => {
      const run = runs++;
      await gates[run]!.promise;
      const path = join(dir, 'file.txt');
      writeFileSync(path, `run ${run}`);
      return { path, size: 5, etag: `"${run}"` };
    }, root);

    const first = generations.acquire('csv');
    await vi.waitFor(() => expect(runs).toBe(1));
    const later = [generations.acquire('csv'), generations.acquire('csv'), generations.acquire('csv')];
    gates[0]!.resolve();
    gates[1]!.resolve();
    const leases = await Promise.all([first, ...later]);
    expect(leases.map((lease) => lease.file?.etag)).toEqual(['"0"', '"1"', '"1"', '"1"']);
    expect(runs).toBe(2);
    expect(await Promise.all(leases.map((lease) => text(lease.stream())))).toEqual(['run 0', 'run 1', 'run 1', 'run 1']);
    await vi.waitFor(() => expect(leftovers()).toEqual([]));
  });

  it('keeps the file until the last request sharing it has finished reading or given up', async () => {
    const generations = new SharedGenerations<string>(async (_key, dir) => {
      const path = join(dir, 'file.txt');
      writeFileSync(path, 'x'.repeat(100_000));
      return { path, size: 100_000, etag: '"x"' };
    }, root);
    const [reading, notModified] = await Promise.all([generations.acquire('decp'), generations.acquire('decp')]);
    notModified.release();
    notModified.release(); // twice is harmless
    expect(leftovers()).toHaveLength(1);
    const stream = reading.stream();
    stream.destroy(); // a client that disconnects
    await vi.waitFor(() => expect(leftovers()).toEqual([]));
  });

  it('removes the directory of a generation that fails, and tells every request that shared it', async () => {
    const gate = deferred();
    let directory = '';
    const generations = new SharedGenerations<string>(async (_key, dir) => {
      directory = dir;
      await gate.promise;
      writeFileSync(join(dir, 'half.txt'), 'half');
      throw new Error('the schema refuses a record');
    }, root);
    const shared = [generations.acquire('ocds'), generations.acquire('ocds')];
    gate.resolve();
    const outcomes = await Promise.allSettled(shared);
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && (outcome.reason as Error).message)).toEqual([
      'the schema refuses a record',
      'the schema refuses a record',
    ]);
    expect(existsSync(directory)).toBe(false);
    // The next request tries again.
    await expect(generations.acquire('ocds')).rejects.toThrow('the schema refuses a record');
  });

  it('gives a lease without a file when there was nothing to generate, and leaves no directory', async () => {
    const generations = new SharedGenerations<string>(async () => null, root);
    const lease = await generations.acquire('csv');
    expect(lease.file).toBeNull();
    expect(() => lease.stream()).toThrow(/no file/);
    lease.release();
    expect(leftovers()).toEqual([]);
  });
});
