import type { Nature } from '../../notices/notice-enums.js';
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
