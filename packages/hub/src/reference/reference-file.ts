import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads one committed file of `packages/hub/data/reference/` and checks its shape, so a bad refresh of the data
 * fails loudly at load instead of serving wrong reference data. The path is resolved from this module, which sits
 * two levels below the package both as `src/reference/*.ts` (Vitest) and as `dist/reference/*.js` (after tsc).
 */
export function readReferenceFile<T>(fileName: string, schema: z.ZodType<T>): T {
  const url = new URL(`../../data/reference/${fileName}`, import.meta.url);
  const parsed = schema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Reference data file ${fileName} is malformed: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** Freezes a loaded structure all the way down: reference data is shared by every caller of the process. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
