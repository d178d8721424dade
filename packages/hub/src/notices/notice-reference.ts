import type { EntityManager } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { lastReferenceNumber } from '../shared/reference-numbers.js';
import { Notice } from './notice.entity.js';

/**
 * References read `YYYY-ORG-NNNN`, numbered per organisation and year (e.g. 2026-DRA-0042). ORG is the organisation's
 * reference code, three letters or, for the buyers created once all of those were taken, four (2026-MARS-0001):
 * `organisations/reference-codes.ts`. A prefix ends with its dash, so DRA's numbering never reads DRAG's.
 */
export function formatReference(year: number, organisationCode: string, sequence: number): string {
  return `${year}-${organisationCode}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The next free reference of this organisation and year. Call it inside the transaction that stores the notice: it
 * holds the numbering of that prefix for every hub on the database until the commit, so two hubs creating notices
 * at once never take the same number.
 */
export async function nextReference(em: EntityManager, year: number, organisationCode: string): Promise<string> {
  const prefix = `${year}-${organisationCode}-`;
  await runAloneAcrossHubs(em, `reference:${prefix}`);
  return formatReference(year, organisationCode, (await lastReferenceNumber(em, Notice, prefix)) + 1);
}
