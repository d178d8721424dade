import type { Nature } from '../../notices/notice-enums.js';
import type { ImportedNotice } from './imported-notice.js';
import type { Procedure } from '../../notices/response-times.js';
import { foldText } from '../../shared/text.js';

/** DECP procedures (v1.5 and v2 wordings) to the hub's; compared folded, so accents and apostrophes do not matter. */
const PROCEDURES: Array<[string, Procedure]> = [
  ['procedure adaptee', 'ADAPTED'],
  ['appel d offres ouvert', 'OPEN'],
  ['appel d offres restreint', 'RESTRICTED'],
  ['dialogue competitif', 'COMPETITIVE_DIALOGUE'],
  ['sans publicite', 'NEGOTIATED_WITHOUT_PUBLICATION'],
  ['negoci', 'NEGOTIATED'],
];

export function decpProcedure(value: string | null | undefined): Procedure | null {
  const folded = foldText(value ?? '').replace(/[^a-z]+/g, ' ');
  return PROCEDURES.find(([words]) => folded.includes(words))?.[1] ?? null;
}

/** DECP has no works/supplies/services field: the CPV division says (45 works, up to 44 and 48 supplies, the rest services). */
export function natureOfCpv(cpv: string | null): Nature {
  const division = Number((cpv ?? '').slice(0, 2));
  if (division === 45) return 'WORKS';
  if (division > 0 && (division <= 44 || division === 48)) return 'SUPPLIES';
  return 'SERVICES';
}

/** The hub's procedures in DECP v2 wording (its enum), for the export. */
export const DECP_PROCEDURE: Record<Procedure, string> = {
  ADAPTED: 'Procédure adaptée',
  OPEN: "Appel d'offres ouvert",
  RESTRICTED: "Appel d'offres restreint",
  NEGOTIATED: 'Procédure avec négociation',
  COMPETITIVE_DIALOGUE: 'Dialogue compétitif',
  NEGOTIATED_WITHOUT_PUBLICATION: 'Marché passé sans publicité ni mise en concurrence préalable',
};

/**
 * What makes two DECP records the same contract apart from its holders: the rows of one contract (one per holder
 * in the tabular layouts) repeat it. Two records of one uid that differ here are two contracts under one
 * identifier: DECP identifies a contract by its uid (acheteur.id + id) and publishes its changes as
 * `modifications`, never as a second record, so the first record is the contract and the other is refused.
 */
export function contractSignature(notice: ImportedNotice): string {
  const award = notice.lots[0]?.award;
  return JSON.stringify([notice.buyer.siret ?? notice.buyer.siren, notice.mainCpv, notice.procedure, notice.title, award?.amount ?? null, award?.awardedOn ?? null]);
}

/** Which of the compared values differ, for the message. */
export function signatureDifference(a: string, b: string): string {
  const names = ['acheteur.id', 'codeCPV', 'procedure', 'objet', 'montant', 'dateNotification'];
  const left = JSON.parse(a) as unknown[];
  const right = JSON.parse(b) as unknown[];
  return names.filter((_, index) => JSON.stringify(left[index]) !== JSON.stringify(right[index])).join(', ');
}
