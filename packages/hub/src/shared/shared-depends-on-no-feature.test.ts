import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SHARED = dirname(fileURLToPath(import.meta.url));

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * What a file imports from the hub outside `shared/`: every static or dynamic import, `export … from` and `require`
 * of a relative path that leaves the folder, as TypeScript itself reads them.
 */
function importsOutsideShared(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = relative(SHARED, resolve(dirname(file), specifier));
      return target === '..' || target.startsWith(`..${sep}`);
    });
}

describe('the hub’s shared/ folder', () => {
  it('imports nothing from a feature folder (nor from any hub folder outside shared/)', () => {
    const offences = typeScriptFiles(SHARED).flatMap((file) =>
      importsOutsideShared(file, readFileSync(file, 'utf8')).map((specifier) => `${relative(SHARED, file)} imports ${specifier}`),
    );
    expect(offences).toEqual([]);
  });

  it('is read for imports of every form, so the check above can fail', () => {
    const file = join(SHARED, 'example.ts');
    const text = [
      "import { Notice } from '../notices/notice.entity.js';",
      "import type { Actor } from '../auth/actor.js';",
      "export { organisationLoaders } from '../organisations/organisation.loaders.js';",
      "const lazy = () => import('../purchasing-groups/purchasing-group.entity.js');",
      "import { clock } from './clock.js';",
      "import DataLoader from 'dataloader';",
    ].join('\n');
    expect(importsOutsideShared(file, text)).toEqual([
      '../notices/notice.entity.js',
      '../auth/actor.js',
      '../organisations/organisation.loaders.js',
      '../purchasing-groups/purchasing-group.entity.js',
    ]);
  });
});
