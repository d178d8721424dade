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

/**
 * Generates the files of the keys asked for together into `dir`: for each key its file (null when there was nothing
 * to generate) or why that one failed. Throwing fails every key of the generation.
 */
export type Generate<K> = (keys: readonly K[], dir: string) => Promise<Map<K, PromiseSettledResult<GeneratedFile | null>>>;

interface Generation<K> {
  keys: Set<K>;
  shares: number;
  result: Promise<{ files: Map<K, PromiseSettledResult<GeneratedFile | null>>; dir: string }>;
}

/**
 * Generates files on request, one generation at a time, each making every file asked for while it waited: a burst of
 * downloads costs at most two generations, not one each, and the files asked for together are made together (the
 * hub's OCDS package and CSV from one reading of the notices). A request joins the generation that is waiting to
 * start, never one already running: what it receives was read from the database after it arrived, so a rebuild
 * triggered by a change always sees that change. A generation waits `gatherMs` before it starts, so that requests
 * sent together over separate connections (the site asks for its three files at once) arrive in time to join it.
 * Each generation writes into its own temporary directory, removed once every request that shared it has finished
 * reading (or failed).
 */
export class SharedGenerations<K> {
  private waiting: Generation<K> | undefined;
  private latest: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly generate: Generate<K>,
    private readonly tmpRoot: string = tmpdir(),
    private readonly gatherMs = 0,
  ) {}

  async acquire(key: K): Promise<Lease> {
    const generation = this.waiting ?? this.schedule();
    generation.keys.add(key);
    generation.shares++;
    // A failed generation removes its own directory and rejects here: there is nothing to release then.
    const outcome = await generation.result;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--generation.shares === 0) void rm(outcome.dir, { recursive: true, force: true });
    };
    const generated = outcome.files.get(key);
    if (generated?.status !== 'fulfilled') {
      release();
      throw generated ? generated.reason : new Error(`the generation made nothing for ${String(key)}`);
    }
    const file = generated.value;
    return {
      file,
      release,
      stream() {
        if (!file) throw new Error('nothing was generated: there is no file to stream');
        const stream = createReadStream(file.path);
        stream.once('close', release);
        return stream;
      },
    };
  }

  private schedule(): Generation<K> {
    const previous = this.latest;
    const generation: Generation<K> = {
      keys: new Set(),
      shares: 0,
      result: previous
        .catch(() => undefined)
        .then(() => (this.gatherMs > 0 ? new Promise((gathered) => setTimeout(gathered, this.gatherMs)) : undefined))
        .then(() => {
          // From now on, new requests must wait for the next generation: this one may have read old data.
          if (this.waiting === generation) this.waiting = undefined;
          return this.run([...generation.keys]);
        }),
    };
    this.waiting = generation;
    this.latest = generation.result;
    // Once settled and not superseded, forget it so that nothing keeps its outcome alive.
    generation.result
      .catch(() => undefined)
      .then(() => {
        if (this.latest === generation.result) this.latest = Promise.resolve();
      });
    return generation;
  }

  private async run(keys: K[]): Promise<{ files: Map<K, PromiseSettledResult<GeneratedFile | null>>; dir: string }> {
    const dir = await mkdtemp(join(this.tmpRoot, 'hub-opendata-'));
    try {
      const files = await this.generate(keys, dir);
      if ([...files.values()].every((outcome) => outcome.status !== 'fulfilled' || outcome.value === null)) await rm(dir, { recursive: true, force: true });
      return { files, dir };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}
