import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/** The official schemas, copied into `packages/hub/data/opendata/` (see its README for sources and licences). */
const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../data/opendata');
const readJson = (path: string) => JSON.parse(readFileSync(join(DATA_DIR, path), 'utf8')) as Record<string, unknown>;
// ajv-formats is CommonJS with a default export: ESM sees the module object.
const Ajv04 = ((Ajv04Module as unknown as { default?: typeof Ajv04Module }).default ?? Ajv04Module) as unknown as typeof Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: unknown) => void;

export const DECP_SCHEMA_ID = 'https://raw.githubusercontent.com/139bercy/format-commande-publique/master/marches.json';
export const OCDS_RELEASE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';
export const OCDS_LOTS_EXTENSION_URL = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json';

/** RFC 7386 JSON merge patch: how OCDS extensions extend the release schema. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export interface Validators {
  /** The whole DECP v2.0.3 document. */
  decpDocument: ValidateFunction;
  /** One `marche` of it, to check records as they are written. */
  decpMarche: ValidateFunction;
  /** The OCDS 1.1.5 release package, against the release schema patched with the lots extension. */
  ocdsPackage: ValidateFunction;
  ocdsRelease: ValidateFunction;
}

let validators: Validators | undefined;

export function getValidators(): Validators {
  if (validators) return validators;
  // strict: false, because the official schemas use annotation keywords of their own (codelist, mergeStrategy…).
  const decp = new Ajv({ strict: false, allErrors: false });
  addFormats(decp);
  decp.addSchema(readJson('decp/schema_decp_v2.0.3.json'), DECP_SCHEMA_ID);
  const ocds = new Ajv04({ strict: false, allErrors: false });
  addFormats(ocds);
  const release = mergePatch(readJson('ocds/release-schema.json'), readJson('ocds/extensions/lots/release-schema.json')) as Record<string, unknown>;
  ocds.addSchema(release, OCDS_RELEASE_SCHEMA_ID);
  validators = {
    decpDocument: decp.getSchema(DECP_SCHEMA_ID)!,
    decpMarche: decp.compile({ $ref: `${DECP_SCHEMA_ID}#/definitions/marche` }),
    ocdsPackage: ocds.compile(readJson('ocds/release-package-schema.json')),
    ocdsRelease: ocds.getSchema(OCDS_RELEASE_SCHEMA_ID)!,
  };
  return validators;
}

/** The first error of a failed validation, as a sentence: where and what. */
export function firstError(validate: ValidateFunction): string {
  const error = validate.errors?.[0];
  if (!error) return 'invalid';
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : ''}`;
}
