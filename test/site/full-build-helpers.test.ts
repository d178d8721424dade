import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/hub-process.js';
// @ts-expect-error plain JavaScript modules of the site's build scripts, without declarations
import { compressAsWritten, precompress, precompressChanged } from '../../site/scripts/precompress.mjs';
// @ts-expect-error idem
import { searchablePart } from '../../site/scripts/lib/server-build.mjs';

// What a full build does beside rendering, made cheaper than the incremental schedule's way, must give the same
// result: Pagefind's index from the part of each notice page it reads, the compressed copies from worker threads.

/** A page shaped as the site's notice pages are (site/src/pages/avis/[reference]/index.astro in Base.astro). */
function noticePage(reference: string, title: string, words: string, { h1BeforeArticle = false } = {}): string {
  return (
    `<!DOCTYPE html><html lang="fr" dir="ltr"> <head><meta charset="utf-8"><title>${title} — Marchés publics</title>` +
    `<link rel="stylesheet" href="/_astro/site.css"></head> <body> <a class="skip-link" href="#contenu">Aller au contenu</a>` +
    `<header class="site-header"><a class="brand" href="/">Marchés publics du territoire</a>${h1BeforeArticle ? '<h1>Marchés publics</h1>' : ''}` +
    `<nav><ul><li><a href="/avis/">Avis ouverts</a></li><li><a href="/archives/">Archives</a></li></ul></nav></header>` +
    `<main id="contenu"><div class="container"><nav aria-label="Fil d’Ariane"><a href="/">Accueil</a></nav>` +
    `<article data-pagefind-body data-notice="${reference}"><p><span data-pagefind-ignore data-pagefind-meta="statut">Ouvert</span>` +
    `<span class="reference">Avis n° ${reference}</span></p><h1>${title}</h1>` +
    `<p data-pagefind-ignore>Date limite : <span data-pagefind-meta="echeance">14 décembre 2026</span></p>` +
    `<h2 data-pagefind-ignore>Objet du marché</h2><p>${words}</p>` +
    `<dl><dt data-pagefind-ignore>Famille</dt><dd data-pagefind-filter="famille">Espaces verts</dd></dl></article>` +
    `</div></main><footer class="site-footer"><h2>Autres pages</h2><p>Informations à jour au lundi 1er décembre 2026.</p></footer>` +
    `<script type="module" src="/_astro/deadline.js"></script></body></html>`
  );
}

const pages: [string, string][] = [
  ['avis/2026-DRA-0001/index.html', noticePage('2026-DRA-0001', 'Entretien des espaces verts', 'Tonte, taille et désherbage des parcs communautaires.')],
  ['avis/2026-DRA-0002/index.html', noticePage('2026-DRA-0002', 'Fourniture de repas', 'Restauration scolaire des écoles de Draguignan, repas bio.')],
  ['avis/2026-MUY-0003/index.html', noticePage('2026-MUY-0003', 'Réfection de la toiture', 'Couverture en tuiles de la mairie du Muy.', { h1BeforeArticle: true })],
];

/** Pagefind's index of `pages` (each through `prepare`), as its files' paths and a hash of their bytes. */
async function indexOf(prepare: (html: string) => string): Promise<{ files: string[]; hash: string }> {
  // A dependency of the site package (pnpm keeps it there; it has no CommonJS entry to resolve), as the build
  // scripts import it.
  const entry = path.join(REPO_ROOT, 'site/node_modules/pagefind/lib/index.js');
  const pagefind = (await import(pathToFileURL(entry).href)) as typeof import('pagefind');
  try {
    const { index } = await pagefind.createIndex({ forceLanguage: 'fr' });
    for (const [file, html] of pages) {
      const added = await index!.addHTMLFile({ sourcePath: file, content: prepare(html) });
      expect(added.errors).toEqual([]);
    }
    const { files } = await index!.getFiles();
    const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
    const hash = createHash('sha256');
    for (const file of sorted) hash.update(file.path).update(file.content);
    return { files: sorted.map((file) => file.path), hash: hash.digest('hex') };
  } finally {
    await pagefind.close();
  }
}

describe('the notice pages handed to Pagefind during a full build', () => {
  it('are cut to their head and searchable article, and Pagefind builds the same index from them as from the whole pages', async () => {
    const [first] = pages[0]!.slice(1);
    const part = searchablePart(first) as string;
    expect(part.length).toBeLessThan(first!.length);
    expect(part).toContain('<title>Entretien des espaces verts');
    expect(part).toContain('<article data-pagefind-body');
    expect(part).not.toContain('Autres pages');
    const whole = await indexOf((html) => html);
    const cut = await indexOf(searchablePart);
    expect(cut.files).toEqual(whole.files);
    expect(cut.hash).toBe(whole.hash);
  });

  it('are given whole when Pagefind could read something outside the article', () => {
    const withHeading = pages[2]![1];
    expect(searchablePart(withHeading)).toBe(withHeading);
    const withFilterAfter = pages[0]![1].replace('<footer class="site-footer">', '<footer class="site-footer" data-pagefind-filter="x">');
    expect(searchablePart(withFilterAfter)).toBe(withFilterAfter);
    const twoBodies = pages[0]![1].replace('<footer', '<article data-pagefind-body>autre</article><footer');
    expect(searchablePart(twoBodies)).toBe(twoBodies);
    const noArticle = '<html><body><main data-pagefind-body>x</main></body></html>';
    expect(searchablePart(noArticle)).toBe(noArticle);
  });
});

describe('the compressed copies a full build writes from its worker threads', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'full-build-helpers-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const files: [string, string][] = [
    ['index.html', `<!doctype html><p>${'Avis ouverts du territoire. '.repeat(400)}</p>`],
    ['avis/echeances.ics', `BEGIN:VCALENDAR\r\n${'BEGIN:VEVENT\r\nSUMMARY:Date limite\r\nEND:VEVENT\r\n'.repeat(200)}END:VCALENDAR\r\n`],
    ['donnees/avis.json', JSON.stringify(Array.from({ length: 300 }, (_, n) => ({ reference: `2026-DRA-${n}`, titre: 'Entretien' })))],
    ['petit.html', '<p>moins d’un kilo-octet</p>'],
    // Past a mebibyte: compressed with the faster settings, by both schedules alike.
    ['avis/grand.ics', `BEGIN:VCALENDAR\r\n${Array.from({ length: 14_000 }, (_, n) => `BEGIN:VEVENT\r\nUID:2026-DRA-${n}@marches.example.org\r\nSUMMARY:Date limite : lot ${n * 7919 % 10_007}\r\nEND:VEVENT\r\n`).join('')}END:VCALENDAR\r\n`],
    ['image.png', 'not text'.repeat(500)],
  ];

  async function writeSite(dir: string): Promise<void> {
    for (const [file, text] of files) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  }

  async function contents(dir: string): Promise<Record<string, string>> {
    const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const result: Record<string, string> = {};
    for (const entry of names) {
      const file = path.relative(dir, path.join(entry.parentPath, entry.name));
      result[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
    }
    return result;
  }

  it('are byte for byte those an incremental release writes, for files handed over as written and files read from disk', async () => {
    const full = path.join(root, 'full');
    const incremental = path.join(root, 'incremental');
    await writeSite(full);
    await writeSite(incremental);
    const compressing = compressAsWritten();
    // The first two as the renderer hands them over; the others left for precompress to find on disk.
    for (const [file, text] of files.slice(0, 2)) await compressing.add(path.join(full, file), new TextEncoder().encode(text));
    const totals = await precompress(full, compressing);
    await precompressChanged(incremental, files.map(([file]) => file));
    const written = await contents(full);
    expect(written).toEqual(await contents(incremental));
    expect(Object.keys(written).filter((file) => /\.(br|gz)$/.test(file)).sort()).toEqual([
      'avis/echeances.ics.br',
      'avis/echeances.ics.gz',
      'avis/grand.ics.br',
      'avis/grand.ics.gz',
      'donnees/avis.json.br',
      'donnees/avis.json.gz',
      'index.html.br',
      'index.html.gz',
    ]);
    expect(totals.files).toBe(4);
    // What a client decodes is the file, large or not.
    for (const file of ['avis/grand.ics', 'index.html']) {
      const original = await readFile(path.join(full, file));
      expect(original.length > 1024 * 1024).toBe(file === 'avis/grand.ics');
      expect(brotliDecompressSync(await readFile(path.join(full, `${file}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(await readFile(path.join(full, `${file}.gz`))).equals(original)).toBe(true);
    }
  });

  it('write the files they are handed, making their directories, with the copies an incremental release writes, the bytes moved rather than copied', async () => {
    const full = path.join(root, 'written');
    const incremental = path.join(root, 'written-incremental');
    await writeSite(incremental);
    const compressing = compressAsWritten();
    const handed = files.map(([file, text]) => [file, new TextEncoder().encode(text)] as const);
    for (const [file, bytes] of handed) await compressing.write(path.join(full, file), bytes);
    await compressing.written();
    // Moved to the worker threads: nothing of them left on the renderer's side.
    expect(handed.map(([, bytes]) => bytes.byteLength)).toEqual(files.map(() => 0));
    const totals = await precompress(full, compressing);
    await precompressChanged(incremental, files.map(([file]) => file));
    expect(await contents(full)).toEqual(await contents(incremental));
    expect(totals.files).toBe(4);
  });

  it('leave a large file an incremental release wrote uncompressed when asked to defer it, its old copies dropped, and give the same copies once compressed', async () => {
    const full = path.join(root, 'deferred-full');
    const incremental = path.join(root, 'deferred');
    await writeSite(full);
    await writeSite(incremental);
    await precompress(full);
    // The live release's compressed copies, hard-linked into the new one: stale once the file is written again.
    for (const file of ['avis/grand.ics', 'index.html']) {
      for (const suffix of ['.br', '.gz']) await writeFile(path.join(incremental, `${file}${suffix}`), 'copie d’une version précédente');
    }
    const { deferred } = await precompressChanged(incremental, ['avis/grand.ics', 'index.html'], [], { deferLarge: true });
    expect(deferred).toEqual(['avis/grand.ics']);
    const names = Object.keys(await contents(incremental));
    expect(names.filter((file) => file.startsWith('avis/grand.ics'))).toEqual(['avis/grand.ics']);
    expect(names).toContain('index.html.br');
    // What the slow path then writes (renderer.mjs `compressDeferred`) is what the full build wrote.
    await precompressChanged(incremental, deferred);
    const [fullFiles, incrementalFiles] = [await contents(full), await contents(incremental)];
    for (const file of ['avis/grand.ics.br', 'avis/grand.ics.gz', 'index.html.br', 'index.html.gz']) expect(incrementalFiles[file]).toBe(fullFiles[file]);
  });

  it('fail the build when a file cannot be compressed, and the worker threads end', async () => {
    const compressing = compressAsWritten();
    await compressing.addFile(path.join(root, 'absent', 'page.html')).catch(() => undefined);
    await expect(compressing.finish()).rejects.toThrow(/could not compress .*absent\/page\.html/);
  });
});
