import type { EntityManager } from '@mikro-orm/sqlite';
import { runAloneAcrossHubs } from '../db/across-hubs.js';
import { lastReferenceNumber } from '../shared/reference-numbers.js';
import { PlannedPurchase } from './planned-purchase.entity.js';

/**
 * References read `PREV-YYYY-ORG-NNNN` (prévision), numbered per organisation and year of creation. They never look
 * like a notice's (`YYYY-ORG-NNNN`), so one ocid can start with a planned purchase and go on with its notice.
 */
export function formatPlanReference(year: number, organisationCode: string, sequence: number): string {
  return `PREV-${year}-${organisationCode}-${String(sequence).padStart(4, '0')}`;
}

/** The next free reference; inside the storing transaction, which holds the prefix's numbering across hubs until it commits. */
export async function nextPlanReference(em: EntityManager, year: number, organisationCode: string): Promise<string> {
  const prefix = `PREV-${year}-${organisationCode}-`;
  await runAloneAcrossHubs(em, `reference:${prefix}`);
  return formatPlanReference(year, organisationCode, (await lastReferenceNumber(em, PlannedPurchase, prefix)) + 1);
}
