import { createWriteStream } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { eachLimited } from './each-limited.js';

/**
 * How a new release directory starts as a copy of the live one, without copying a byte. Two ways:
 * - `hardLinkTree` (`@territoire-achats/hard-links`): every file of the live release hard-linked into a new tree. Its cost is the territory's size
 *   (three files a page: the page and its brotli and gzip copies; about 45,000 links at 10,000 notices, 1.3 s).
 * - `recycleRelease`: an older release (kept for rollback, about to be pruned) renamed into place and brought level
 *   with the live one by re-linking only the files the releases since then changed. Its cost is the size of those
 *   changes: what the publisher uses once it has such a release and the list of what changed since.
 * Either way the new tree's files are hard links shared with the live release: they are replaced (rename over),
 * never written through.
 */

/** A release that may be recycled: its directory, and every file the releases made after it changed (relative). */
export interface RecycledRelease {
  dir: string;
  changed: readonly string[];
}

/** The pre-compressed copies the site writes beside a file (site/scripts/precompress.mjs), which follow it. */
const VARIANTS = ['', '.br', '.gz'] as const;

/**
 * Makes `to` (which must not exist) a copy of the live release `live`: `recycled`'s directory renamed to `to`, then
 * each file it lists (and its pre-compressed copies) hard-linked from `live` where `live` has it and removed where it
 * does not. The caller vouches that `recycled.changed` names every file that differs between the two releases.
 */
export async function recycleRelease(recycled: RecycledRelease, live: string, to: string): Promise<number> {
  await rename(recycled.dir, to);
  const relatives = [...new Set(recycled.changed)].flatMap((file) => VARIANTS.map((variant) => `${file}${variant}`));
  let synced = 0;
  const gone: string[] = [];
  // A few at a time: each is two or three system calls, which libuv's threads then run side by side.
  await eachLimited(relatives, 8, async (relative) => {
    if (await relinkFrom(live, to, relative)) synced++;
    else gone.push(relative);
  });
  // Then, one by one, what the live release no longer has (and the folders that leaves empty): after the links,
  // so that no folder is found empty while a file is being linked into it.
  for (const relative of gone) await removeFile(to, relative);
  return synced;
}

/**
 * Writes a page into a new release unless it holds these bytes already (true when written): written aside, then
 * renamed over the hard link it replaces, never written through it into the live release.
 */
export async function replaceIfChanged(root: string, file: string, body: Uint8Array): Promise<boolean> {
  const target = inside(root, file);
  // Another size is another file: not read to be compared (/donnees/avis.json is 100 MB at 50,000 notices).
  const size = await stat(target).then((stats) => stats.size, () => null);
  const current = size === body.byteLength ? await readFile(target).catch(() => null) : null;
  if (current && Buffer.compare(current, body) === 0) return false;
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, target);
  return true;
}

/**
 * Writes a body streamed in pieces (a page or file of tens of megabytes: /donnees/avis.json is 100 MB at 50,000
 * notices) to `root/file`, unless `compareDir` holds the same bytes under the same name (then nothing is left
 * written; false). Never holds the whole body in memory: written as it comes, then compared with the other file
 * a megabyte at a time. `between`, awaited before each piece is written: the body (made as it is read) waits as long.
 */
export async function writeStreamIfDiffers(
  root: string,
  file: string,
  body: ReadableStream<Uint8Array> | null,
  compareDir: string,
  between?: () => Promise<void>,
): Promise<boolean> {
  const target = inside(root, file);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
    if (between) {
      await pipeline(
        source,
        async function* (pieces: AsyncIterable<Uint8Array>) {
          for await (const piece of pieces) {
            await between();
            yield piece;
          }
        },
        createWriteStream(temporary),
      );
    } else await pipeline(source, createWriteStream(temporary));
    if (await sameBytes(temporary, inside(compareDir, file))) {
      await rm(temporary, { force: true });
      return false;
    }
    await rename(temporary, target);
    return true;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes a body streamed in pieces to `target` (its directory made), as it comes: never held whole. */
export async function writeStream(target: string, body: ReadableStream<Uint8Array> | null): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await pipeline(body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]), createWriteStream(target));
}

/** Whether two files hold the same bytes (false when either is missing), read a megabyte at a time. */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  const sizeOf = (file: string) => stat(file).then((stats) => stats.size, () => null);
  const [sizeA, sizeB] = await Promise.all([sizeOf(a), sizeOf(b)]);
  if (sizeA === null || sizeB === null || sizeA !== sizeB) return false;
  const [handleA, handleB] = await Promise.all([open(a, 'r'), open(b, 'r')]);
  try {
    const chunk = 1 << 20;
    const [bufferA, bufferB] = [Buffer.alloc(chunk), Buffer.alloc(chunk)];
    for (let at = 0; at < sizeA; at += chunk) {
      const [readA, readB] = await Promise.all([handleA.read(bufferA, 0, chunk, at), handleB.read(bufferB, 0, chunk, at)]);
      if (readA.bytesRead !== readB.bytesRead || !bufferA.subarray(0, readA.bytesRead).equals(bufferB.subarray(0, readB.bytesRead))) return false;
      if (readA.bytesRead === 0) break;
    }
    return true;
  } finally {
    await Promise.all([handleA.close(), handleB.close()]);
  }
}

/**
 * Moves the files `prepared` holds (each with its pre-compressed copies, made beside it) over `root`'s, and removes
 * `root`'s copies of `removed` with theirs: a compressed copy `root` linked from the live release and `prepared`
 * does not have (its file now too small to be worth compressing) must not serve the old bytes.
 */
export async function moveInto(prepared: string, root: string, files: readonly string[], removed: readonly string[]): Promise<void> {
  for (const file of files) {
    for (const variant of VARIANTS) {
      const from = inside(prepared, `${file}${variant}`);
      const to = inside(root, `${file}${variant}`);
      if (await isFile(from)) {
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
      } else if (variant !== '') await rm(to, { force: true });
      else throw new Error(`the prepared file ${file} is missing`);
    }
  }
  for (const file of removed) for (const variant of VARIANTS) await removeFile(root, `${file}${variant}`);
}

/**
 * Replaces `to`'s copy of a file by a hard link to `live`'s (link aside, rename over). Returns false, touching
 * nothing, where `live` has no such file. The usual case costs two system calls: a link and a rename.
 */
async function relinkFrom(live: string, to: string, relative: string): Promise<boolean> {
  const source = inside(live, relative);
  const target = inside(to, relative);
  const temporary = `${target}.${process.pid}.link`;
  try {
    await link(source, temporary);
  } catch (error) {
    if (!isMissing(error)) throw error;
    if (!(await isFile(source))) return false;
    // The file is new in a folder the recycled release does not have (a new notice's), or an earlier attempt left
    // its link aside.
    await mkdir(path.dirname(target), { recursive: true });
    await rm(temporary, { force: true });
    await link(source, temporary);
  }
  await rename(temporary, target);
  return true;
}

/** Removes a file of a release and the directories it leaves empty (an `avis/<ref>/` folder). */
export async function removeFile(root: string, file: string): Promise<void> {
  await rm(inside(root, file), { force: true });
  let dir = path.dirname(inside(root, file));
  while (dir.startsWith(root) && dir !== root) {
    const left = await readdir(dir).catch(() => null);
    if (!left || left.length > 0) break;
    // Not recursive: should a file have come into it meanwhile, the folder stays.
    if (!(await rmdir(dir).then(() => true, () => false))) break;
    dir = path.dirname(dir);
  }
}

/** `root` joined with a release-relative path, refusing one that would leave the release. */
function inside(root: string, relative: string): string {
  const resolved = path.resolve(root, relative);
  if (!resolved.startsWith(`${path.resolve(root)}${path.sep}`)) throw new Error(`not a file of the release: ${relative}`);
  return resolved;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT' || (error as NodeJS.ErrnoException | null)?.code === 'ENOTDIR') return false;
    throw error;
  }
}
