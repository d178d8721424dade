import type { EntityManager } from '@mikro-orm/sqlite';
import { Notice } from './notice.entity.js';

/** References read `YYYY-ORG-NNNN`, numbered per organisation and year (e.g. 2026-DRA-0042). */
export function formatReference(year: number, organisationCode: string, sequence: number): string {
  return `${year}-${organisationCode}-${String(sequence).padStart(4, '0')}`;
}

export async function nextReference(em: EntityManager, year: number, organisationCode: string): Promise<string> {
  const prefix = `${year}-${organisationCode}-`;
  const last = await em.findOne(
    Notice,
    { reference: { $like: `${prefix}%` } },
    { orderBy: { reference: 'desc' }, fields: ['reference'] },
  );
  const sequence = last ? Number(last.reference.slice(prefix.length)) + 1 : 1;
  return formatReference(year, organisationCode, sequence);
}
