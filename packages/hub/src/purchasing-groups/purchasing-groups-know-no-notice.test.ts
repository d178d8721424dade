import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The tie between a notice and its groupement de commandes goes one way: the notice holds it (Notice.purchasingGroup,
// notices/notice-purchasing-group*.ts) and a group knows nothing of the notices carried for it. The one module of
// notices/ a group may use is its field validators, which every feature's inputs share.
const HERE = dirname(fileURLToPath(import.meta.url));
const ALLOWED = new Set(['../notices/notice-validation.js']);

function noticeImports(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('../notices/') && !ALLOWED.has(specifier));
}

describe('purchasing-groups/', () => {
  it('imports nothing of the notices but their field validators: the notice owns its tie to a group', () => {
    const files = readdirSync(HERE).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((name) => noticeImports(join(HERE, name)).map((specifier) => `${name} imports ${specifier}`))).toEqual([]);
  });
});
