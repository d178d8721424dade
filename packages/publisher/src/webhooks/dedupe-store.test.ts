import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryDir, removeTemporaryDirs } from '../testing/harness.js';
import { DedupeStore } from './dedupe-store.js';

afterAll(removeTemporaryDirs);

const DAY = 24 * 60 * 60 * 1000;

async function storeFile(): Promise<string> {
  return join(await temporaryDir('dedupe'), 'nested', 'webhook-deliveries.json');
}

describe('delivery dedupe store', () => {
  it('accepts a new delivery id once and reports it as a duplicate after', async () => {
    const store = await DedupeStore.open({ file: await storeFile() });
    expect(await store.remember('msg_1')).toBe(true);
    expect(await store.remember('msg_1')).toBe(false);
    expect(await store.remember('msg_2')).toBe(true);
  });

  it('remembers ids across a reopen, as after a restart', async () => {
    const file = await storeFile();
    const first = await DedupeStore.open({ file });
    await first.remember('msg_1');
    const second = await DedupeStore.open({ file });
    expect(second.has('msg_1')).toBe(true);
    expect(await second.remember('msg_1')).toBe(false);
  });

  it('forgets ids older than seven days', async () => {
    const file = await storeFile();
    let now = Date.parse('2026-03-01T00:00:00Z');
    const store = await DedupeStore.open({ file, now: () => now });
    await store.remember('msg_old');
    now += 7 * DAY - 1;
    expect(store.has('msg_old')).toBe(true);
    now += 2;
    expect(store.has('msg_old')).toBe(false);
    await store.remember('msg_new');
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).deliveries)).toEqual(['msg_new']);
  });

  it('keeps at most the configured number of ids, dropping the oldest', async () => {
    let now = 0;
    const store = await DedupeStore.open({ file: await storeFile(), maxEntries: 3, now: () => ++now });
    for (const id of ['a', 'b', 'c', 'd']) await store.remember(id);
    expect(store.size).toBe(3);
    expect(store.has('a')).toBe(false);
    expect(store.has('d')).toBe(true);
  });

  it('accepts only one of many concurrent deliveries of the same id', async () => {
    const store = await DedupeStore.open({ file: await storeFile() });
    const results = await Promise.all(Array.from({ length: 10 }, () => store.remember('msg_same')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps every id when many are remembered at once', async () => {
    const file = await storeFile();
    const store = await DedupeStore.open({ file });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.remember(`msg_${i}`)));
    const reopened = await DedupeStore.open({ file });
    expect(reopened.size).toBe(50);
  });

  it('starts empty, with a warning, when the file is unreadable', async () => {
    const file = await storeFile();
    await (await DedupeStore.open({ file })).remember('msg_1');
    await writeFile(file, '{"version":1,"deliveries":');
    const warnings: string[] = [];
    const store = await DedupeStore.open({ file }, (message) => warnings.push(message));
    expect(warnings).toEqual([expect.stringContaining('unreadable')]);
    expect(store.size).toBe(0);
    expect(await store.remember('msg_2')).toBe(true);
  });

  it('tells when the newest delivery was accepted', async () => {
    let now = 1_000;
    const store = await DedupeStore.open({ file: await storeFile(), now: () => now });
    expect(store.latestAcceptedAt()).toBeNull();
    await store.remember('a');
    now = 5_000;
    await store.remember('b');
    expect(store.latestAcceptedAt()).toBe(5_000);
  });
});
