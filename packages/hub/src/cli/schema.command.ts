import { readFile, writeFile } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildHubSchema } from '../server/schema.js';

export async function printHubSchema(): Promise<string> {
  const schema = await buildHubSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** schema.graphql is the API contract: generated from the code, committed, and checked in CI. */
export async function schemaCommand(options: { out?: string; check?: string }): Promise<number> {
  const sdl = await printHubSchema();
  if (options.check) {
    const committed = await readFile(options.check, 'utf8').catch(() => '');
    if (committed !== sdl) {
      console.error(`${options.check} is stale: run \`pnpm schema:generate\` and commit it.`);
      return 1;
    }
    console.log(`${options.check} matches the code.`);
    return 0;
  }
  if (options.out) {
    await writeFile(options.out, sdl);
    console.log(`Wrote ${options.out}`);
    return 0;
  }
  process.stdout.write(sdl);
  return 0;
}
