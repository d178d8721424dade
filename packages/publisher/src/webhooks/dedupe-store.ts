import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface DedupeStoreOptions {
  file: string;
  /** How long a delivery id is remembered; the hub's retries all happen well within it. */
  retentionMs?: number;
  /** Upper bound on remembered ids, whatever their age, so the file stays small. */
  maxEntries?: number;
  now?: () => number;
}

const fileSchema = z.object({ version: z.literal(1), deliveries: z.record(z.string(), z.number()) });

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Remembers the `webhook-id` of every accepted delivery, on disk, so a delivery the hub retries (or an attacker
 * replays within the timestamp tolerance) does nothing the second time, even across a restart.
 */
export class DedupeStore {
  private readonly seen = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();
  private readonly retentionMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  private constructor(private readonly file: string, options: DedupeStoreOptions) {
    this.retentionMs = options.retentionMs ?? SEVEN_DAYS_MS;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Loads the remembered ids. An unreadable file is reported and replaced: the worst outcome is one extra build. */
  static async open(options: DedupeStoreOptions, onWarning: (message: string) => void = () => {}): Promise<DedupeStore> {
    const store = new DedupeStore(options.file, options);
    await mkdir(dirname(options.file), { recursive: true });
    let text: string | null = null;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== null) {
      try {
        const parsed = fileSchema.parse(JSON.parse(text));
        for (const [id, at] of Object.entries(parsed.deliveries)) store.seen.set(id, at);
      } catch (error) {
        onWarning(`ignoring unreadable delivery log ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    store.prune();
    return store;
  }

  get size(): number {
    return this.seen.size;
  }

  /** When the newest remembered delivery was accepted, to tell whether the site online predates it. */
  latestAcceptedAt(): number | null {
    let latest: number | null = null;
    for (const at of this.seen.values()) latest = latest === null ? at : Math.max(latest, at);
    return latest;
  }

  has(id: string): boolean {
    this.prune();
    return this.seen.has(id);
  }

  /**
   * Records the id; resolves true once it is safely on disk, false if it was already known. Check and insert happen
   * together, so two concurrent deliveries of one id cannot both be accepted.
   */
  async remember(id: string): Promise<boolean> {
    this.prune();
    if (this.seen.has(id)) return false;
    this.seen.set(id, this.now());
    this.prune();
    try {
      await this.flush();
    } catch (error) {
      // Not on disk means not accepted: the hub will retry, and this id must count as new then.
      this.seen.delete(id);
      throw error;
    }
    return true;
  }

  private prune(): void {
    const oldest = this.now() - this.retentionMs;
    for (const [id, at] of this.seen) {
      if (at < oldest) this.seen.delete(id);
    }
    // Map order is insertion order, so the first entries are the oldest.
    for (const id of this.seen.keys()) {
      if (this.seen.size <= this.maxEntries) break;
      this.seen.delete(id);
    }
  }

  /** Writes are queued so they never interleave; each writes the whole set, atomically (temp file, fsync, rename). */
  private flush(): Promise<void> {
    const write = this.writing.then(() => this.writeFile());
    this.writing = write.catch(() => {});
    return write;
  }

  private async writeFile(): Promise<void> {
    const temporary = `${this.file}.tmp`;
    const body = JSON.stringify({ version: 1, deliveries: Object.fromEntries(this.seen) });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }
}
