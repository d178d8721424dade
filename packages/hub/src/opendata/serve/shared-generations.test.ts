import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedGenerations, type GeneratedFile } from './shared-generations.js';

/** The same outcome for every key of a generation. */
function forEach(keys: readonly string[], file: (key: string) => GeneratedFile | null): Map<string, PromiseSettledResult<GeneratedFile | null>> {
  return new Map(keys.map((key) => [key, { status: 'fulfilled', value: file(key) }]));
}

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
    const generations = new SharedGenerations<string>(async (keys, dir) => {
      const run = runs++;
      await gates[run]!.promise;
      const path = join(dir, 'file.txt');
      writeFileSync(path, `run ${run}`);
      return forEach(keys, () => ({ path, size: 5, etag: `"${run}"` }));
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
    const generations = new SharedGenerations<string>(async (keys, dir) => {
      const path = join(dir, 'file.txt');
      writeFileSync(path, 'x'.repeat(100_000));
      return forEach(keys, () => ({ path, size: 100_000, etag: '"x"' }));
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

  it('makes the files asked for together in one generation, one at a time, and those asked for meanwhile in the next', async () => {
    const gate = deferred();
    const generated: string[][] = [];
    const generations = new SharedGenerations<string>(async (keys, dir) => {
      generated.push([...keys]);
      if (generated.length === 1) await gate.promise;
      return forEach(keys, (key) => {
        const path = join(dir, key);
        writeFileSync(path, `${key} of generation ${generated.length}`);
        return { path, size: 1, etag: `"${key}"` };
      });
    }, root);
    const together = [generations.acquire('decp'), generations.acquire('ocds'), generations.acquire('csv')];
    await vi.waitFor(() => expect(generated).toEqual([['decp', 'ocds', 'csv']]));
    const meanwhile = [generations.acquire('csv'), generations.acquire('ocds')];
    gate.resolve();
    const leases = await Promise.all([...together, ...meanwhile]);
    expect(generated).toEqual([['decp', 'ocds', 'csv'], ['csv', 'ocds']]);
    expect(await Promise.all(leases.map((lease) => text(lease.stream())))).toEqual([
      'decp of generation 1',
      'ocds of generation 1',
      'csv of generation 1',
      'csv of generation 2',
      'ocds of generation 2',
    ]);
    await vi.waitFor(() => expect(leftovers()).toEqual([]));
  });

  it('waits the gathering time before it starts, so that a request sent with the first over another connection joins it', async () => {
    vi.useFakeTimers();
    try {
      const generated: string[][] = [];
      const generations = new SharedGenerations<string>(async (keys) => (generated.push([...keys]), forEach(keys, () => null)), root, 50);
      const first = generations.acquire('ocds');
      await vi.advanceTimersByTimeAsync(30);
      expect(generated).toEqual([]);
      const second = generations.acquire('csv');
      await vi.advanceTimersByTimeAsync(20);
      await Promise.all([first, second]);
      expect(generated).toEqual([['ocds', 'csv']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails only the file that failed, and gives the others of its generation', async () => {
    const generations = new SharedGenerations<string>(async (keys, dir) => {
      const path = join(dir, 'lots.csv');
      writeFileSync(path, 'lots');
      const outcomes = forEach(keys, () => ({ path, size: 4, etag: '"lots"' }));
      outcomes.set('ocds', { status: 'rejected', reason: new Error('the schema refuses a release') });
      return outcomes;
    }, root);
    const [ocds, csv] = await Promise.allSettled([generations.acquire('ocds'), generations.acquire('csv')]);
    expect(ocds.status === 'rejected' && (ocds.reason as Error).message).toBe('the schema refuses a release');
    expect(csv.status === 'fulfilled' && (await text(csv.value.stream()))).toBe('lots');
    await vi.waitFor(() => expect(leftovers()).toEqual([]));
  });

  it('gives a lease without a file when there was nothing to generate, and leaves no directory', async () => {
    const generations = new SharedGenerations<string>(async (keys) => forEach(keys, () => null), root);
    const lease = await generations.acquire('csv');
    expect(lease.file).toBeNull();
    expect(() => lease.stream()).toThrow(/no file/);
    lease.release();
    expect(leftovers()).toEqual([]);
  });
});
