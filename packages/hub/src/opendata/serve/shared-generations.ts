import { createReadStream, type ReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file generated into a private directory, with what a response needs to describe it. */
export interface GeneratedFile {
  path: string;
  size: number;
  etag: string;
  /** Response headers that describe the file (the DECP's counts). */
  headers?: Record<string, string>;
}

/**
 * One request's share of a generation: the file (or null when there was nothing to generate) and a `release`
 * that must be called once, or a stream whose closing releases it. The directory goes when every share is released.
 */
export interface Lease {
  file: GeneratedFile | null;
  /** A stream of the file that releases the lease when it closes (ended, destroyed or failed). */
  stream(): ReadStream;
  release(): void;
}

export type Generate<K> = (key: K, dir: string) => Promise<GeneratedFile | null>;

interface Generation {
  shares: number;
  result: Promise<{ file: GeneratedFile | null; dir: string }>;
}

/**
 * Generates files on request, at most one generation per key at a time, so that a burst of downloads of a large
 * export costs at most two exports, not one each. A request joins the generation that is waiting to start, never
 * one already running: what it receives was read from the database after it arrived, so a rebuild triggered by a
 * change always sees that change. Each generation writes into its own temporary directory, removed once every
 * request that shared it has finished reading (or failed).
 */
export class SharedGenerations<K> {
  private readonly waiting = new Map<K, Generation>();
  private readonly latest = new Map<K, Promise<unknown>>();

  constructor(
    private readonly generate: Generate<K>,
    private readonly tmpRoot: string = tmpdir(),
  ) {}

  async acquire(key: K): Promise<Lease> {
    const generation = this.waiting.get(key) ?? this.schedule(key);
    generation.shares++;
    // A failed generation removes its own directory and rejects here: there is nothing to release then.
    const outcome = await generation.result;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--generation.shares === 0) void rm(outcome.dir, { recursive: true, force: true });
    };
    return {
      file: outcome.file,
      release,
      stream() {
        if (!outcome.file) throw new Error('nothing was generated: there is no file to stream');
        const stream = createReadStream(outcome.file.path);
        stream.once('close', release);
        return stream;
      },
    };
  }

  private schedule(key: K): Generation {
    const previous = this.latest.get(key) ?? Promise.resolve();
    const generation: Generation = {
      shares: 0,
      result: previous
        .catch(() => undefined)
        .then(() => {
          // From now on, new requests must wait for the next generation: this one may have read old data.
          if (this.waiting.get(key) === generation) this.waiting.delete(key);
          return this.run(key);
        }),
    };
    this.waiting.set(key, generation);
    this.latest.set(key, generation.result);
    // Once settled and not superseded, forget it so the map does not keep the outcome alive.
    generation.result
      .catch(() => undefined)
      .then(() => {
        if (this.latest.get(key) === generation.result) this.latest.delete(key);
      });
    return generation;
  }

  private async run(key: K): Promise<{ file: GeneratedFile | null; dir: string }> {
    const dir = await mkdtemp(join(this.tmpRoot, 'hub-opendata-'));
    try {
      const file = await this.generate(key, dir);
      if (!file) await rm(dir, { recursive: true, force: true });
      return { file, dir };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}
