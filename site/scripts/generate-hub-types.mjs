#!/usr/bin/env node
// Writes site/src/lib/hub/schema.generated.ts from the hub's schema.graphql: one TypeScript type per GraphQL enum,
// object type and input, with the schema's nullability and lists. The site's types pick from these (types.ts), so
// a field the site reads that leaves the schema breaks the site's type-check (`pnpm typecheck`), not a build.
//
//   node site/scripts/generate-hub-types.mjs          write the file
//   node site/scripts/generate-hub-types.mjs --check  exit 1 if the file is not what schema.graphql gives
//   --schema FILE / --out FILE                        another schema or output (the contract test uses them)
//
// Uses graphql's own utilities (the hub's copy: the site has no GraphQL dependency of its own).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const SITE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(SITE_DIR, '..');
export const SCHEMA_FILE = join(REPO_ROOT, 'schema.graphql');
export const GENERATED_FILE = join(SITE_DIR, 'src/lib/hub/schema.generated.ts');

const requireFromHub = createRequire(join(REPO_ROOT, 'packages/hub/package.json'));
const graphql = requireFromHub('graphql');

/** How each scalar reaches the site in JSON. */
const SCALARS = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', DateTime: 'string' };

function typeOf(type) {
  if (graphql.isNonNullType(type)) return bare(type.ofType);
  return `${bare(type)} | null`;
}

function bare(type) {
  if (graphql.isListType(type)) {
    const item = typeOf(type.ofType);
    return item.includes('|') ? `Array<${item}>` : `${item}[]`;
  }
  if (graphql.isScalarType(type)) return SCALARS[type.name] ?? 'unknown';
  return type.name;
}

function comment(description, indent) {
  if (!description) return '';
  const lines = description.split('\n').map((line) => line.replaceAll('*/', '*\\/'));
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The TypeScript source for a schema's SDL text. */
export function generateHubTypes(sdl) {
  const schema = graphql.buildSchema(sdl);
  const out = [
    '// Generated from schema.graphql by site/scripts/generate-hub-types.mjs: do not edit, run `pnpm site:types`.',
    '// Every GraphQL type of the hub as JSON brings it: a nullable field may be null, a list is an array.',
    '',
  ];
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !graphql.isScalarType(type))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    const doc = comment(type.description, '');
    if (graphql.isEnumType(type)) {
      out.push(`${doc}export type ${type.name} = ${type.getValues().map((value) => `'${value.name}'`).join(' | ')};`, '');
    } else if (graphql.isObjectType(type) || graphql.isInterfaceType(type) || graphql.isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).map((field) => {
        const optional = graphql.isInputObjectType(type) && !graphql.isNonNullType(field.type) ? '?' : '';
        return `${comment(field.description, '  ')}  ${field.name}${optional}: ${typeOf(field.type)};`;
      });
      out.push(`${doc}export interface ${type.name} {`, ...fields, '}', '');
    } else if (graphql.isUnionType(type)) {
      out.push(`${doc}export type ${type.name} = ${type.getTypes().map((member) => member.name).join(' | ')};`, '');
    }
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, schema: { type: 'string' }, out: { type: 'string' } } });
  const output = values.out ?? GENERATED_FILE;
  const source = generateHubTypes(readFileSync(values.schema ?? SCHEMA_FILE, 'utf8'));
  if (values.check) {
    const committed = readFileSync(output, 'utf8');
    if (committed !== source) {
      console.error('site/src/lib/hub/schema.generated.ts is not what schema.graphql gives: run `pnpm site:types` and commit it.');
      process.exit(1);
    }
    console.log('site/src/lib/hub/schema.generated.ts matches schema.graphql.');
  } else {
    writeFileSync(output, source);
    console.log(`Wrote ${output}`);
  }
}
