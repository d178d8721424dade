#!/usr/bin/env node
// A stand-in for site/scripts/build.mjs in the publisher's tests: writes a tiny site into SITE_OUT_DIR.
// Steered through files in the folder named by FAKE_BUILD_CONTROL:
//   count      number of builds started so far (this script increments it); the page shows "Build <n>"
//   started-N  written when build N starts;  running  present while a build runs;  overlap  two builds ran at once
//   fail       exit 1 after writing part of the site and a message on stderr
//   no-index   exit 0 without writing index.html
//   hold       while it exists, the build waits with index.html half written
//   data       if present, its text is shown on the home page (read after the start signal, like the hub)
//   prestarted-<pid>  written when a build started ahead of time (SITE_BUILD_START=stdin) begins to wait for
//              its start signal; it counts as started (count, started-N) only once the signal arrives
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const out = process.env.SITE_OUT_DIR;
const control = process.env.FAKE_BUILD_CONTROL;
if (!out || !control) {
  console.error('SITE_OUT_DIR and FAKE_BUILD_CONTROL are required');
  process.exit(2);
}
const flag = (name) => existsSync(join(control, name));
const write = (path, content) => {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), content);
};

if (process.env.SITE_BUILD_START === 'stdin') {
  writeFileSync(join(control, `prestarted-${process.pid}`), new Date().toISOString());
  console.error('[fake build] compiled; waiting for the start signal on standard input');
  const signalled = await new Promise((resolve) => {
    let received = '';
    process.stdin.on('data', (chunk) => {
      received += chunk;
      if (received.includes('\n')) resolve(true);
    });
    process.stdin.on('end', () => resolve(false));
  });
  process.stdin.destroy();
  if (!signalled) {
    console.error('fake build: input closed before the start signal');
    process.exit(3);
  }
}

if (flag('running')) writeFileSync(join(control, 'overlap'), 'yes');
writeFileSync(join(control, 'running'), String(process.pid));
const n = (flag('count') ? Number(readFileSync(join(control, 'count'), 'utf8')) : 0) + 1;
writeFileSync(join(control, 'count'), String(n));
writeFileSync(join(control, `started-${n}`), new Date().toISOString());
appendFileSync(join(control, 'hub-urls'), `${process.env.HUB_URL}\n`);
console.log(`fake build ${n} into ${out}`);

const page = (title, body) =>
  `<!doctype html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="stylesheet" href="/_astro/index.3f9a2b.css"></head>\n<body>\n${body}\n</body>\n</html>\n`;

write('_astro/index.3f9a2b.css', 'body { font-family: sans-serif; }\n');
write('_astro/client.7c1d0e.js', 'console.log("territoire-achats");\n');
write('style.css', 'main { margin: auto; }\n');
write('404.html', page('Page introuvable', '<h1>Page introuvable</h1>'));
write('avis/index.html', page('Avis', `<h1>Avis</h1><p id="build">Build ${n}</p>`));
// Pre-compressed beside the page, as the site's build writes them (site/scripts/precompress.mjs).
write('avis/index.html.br', brotliCompressSync(readFileSync(join(out, 'avis/index.html'))));
write('avis/index.html.gz', gzipSync(readFileSync(join(out, 'avis/index.html'))));
// What the site's build reports it left out (site/README.md), when a test asks for it.
if (flag('left-out')) write('.build-report.json', readFileSync(join(control, 'left-out'), 'utf8'));
write('flux.rss', '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Avis</title></channel></rss>\n');
write('agenda.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//territoire-achats//FR\r\nEND:VCALENDAR\r\n');
write('donnees/avis.csv', 'id;objet\n1;Entretien des espaces verts\n');
write('donnees/avis.json', '{"avis":[]}\n');
write('sitemap.xml', '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n');
write('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n');
write('fonts/marianne.woff2', Buffer.from([0x77, 0x4f, 0x46, 0x32]));
write('pagefind/pagefind.js', 'export const search = () => [];\n');
write('pagefind/pagefind-entry.json', '{"version":"1.4.0"}\n');
write('pagefind/fragment/fr_1a2b3c.pf_fragment', Buffer.from([0x1f, 0x8b, 0x08, 0x00]));

if (flag('fail')) {
  console.error(`fake build ${n} failed on purpose: the hub did not answer`);
  rmSync(join(control, 'running'), { force: true });
  process.exit(1);
}

if (!flag('no-index')) {
  // Written in two halves with a pause between, so a test can catch the directory mid-build.
  const data = flag('data') ? readFileSync(join(control, 'data'), 'utf8') : '';
  const html = page('Marchés publics', `<h1>Marchés publics</h1>\n<p id="build">Build ${n}</p>\n<p id="data">${data}</p>`);
  const half = Math.floor(html.length / 2);
  write('index.html', html.slice(0, half));
  while (flag('hold')) await sleep(20);
  appendFileSync(join(out, 'index.html'), html.slice(half));
}

rmSync(join(control, 'running'), { force: true });
