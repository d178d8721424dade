import { getTerritory } from '../reference/territory.js';

/** The demo data names a buyer `CAD` (the agglomeration) or by the INSEE code of a member commune: its SIREN. */
export function demoBuyerSiren(buyer: string): string {
  const { agglomeration, communes } = getTerritory();
  if (buyer === 'CAD') return agglomeration.siren;
  const commune = communes.find((candidate) => candidate.inseeCode === buyer);
  if (!commune) throw new Error(`Demo buyer ${buyer} is not a member commune`);
  return commune.siren;
}
