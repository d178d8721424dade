import type { EntityManager } from '@mikro-orm/sqlite';
import { isValidSiret } from '../notices/siret.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationSiretService } from '../organisations/organisation-siret.service.js';
import { getTerritory } from '../reference/territory.js';
import type { Clock } from '../shared/clock.js';

/**
 * DEMO VALUES, NOT THE REAL ESTABLISHMENTS. The SIRENs of the agglomeration and its communes are real (INSEE, via
 * the reference data), but which establishment (NIC) of each one buys is not known to the project: each demo buyer
 * gets its SIREN followed by the first NIC 0001x whose key is valid, so the demo's contracts reach decp.json. An
 * operator sets the real ones with `pnpm hub organisation siret --organisation <slug> --set <SIRET>` (README).
 */
export function demoSiret(siren: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const siret = `${siren}0001${digit}`;
    if (isValidSiret(siret)) return siret;
  }
  throw new Error(`No demo SIRET with NIC 0001x for SIREN ${siren}`);
}

/** Gives every organisation of the territory still without a SIRET its demo one; returns how many were set. */
export async function seedDemoSirets(em: EntityManager, clock: Clock): Promise<number> {
  const { agglomeration, communes } = getTerritory();
  const sirens = [agglomeration.siren, ...communes.map((commune) => commune.siren)];
  const service = new OrganisationSiretService({ em, actor: null, clock });
  let set = 0;
  for (const organisation of await em.find(Organisation, { siren: { $in: sirens }, siret: null })) {
    await service.set(organisation.siren, demoSiret(organisation.siren), 'seed');
    set++;
  }
  return set;
}
