import type { EntityManager } from '@mikro-orm/sqlite';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { isValidSiret } from '../notices/siret.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { Organisation } from './organisation.entity.js';
import { isPlaceholderSiren } from './siren-placeholder.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock };

/**
 * What is wrong with a SIRET for this organisation, or null: 14 digits with a valid key (La Poste's establishments
 * have their own rule, notices/siret.ts), within the organisation's SIREN when it has a real one (a SIRET is its
 * SIREN followed by the establishment's number).
 */
export function organisationSiretProblem(siret: string, organisation: Pick<Organisation, 'siren'>): string | null {
  if (!/^\d{14}$/.test(siret)) return `Le champ siret doit compter 14 chiffres (« ${siret} » en compte ${siret.replace(/\D/g, '').length}).`;
  if (!isValidSiret(siret)) return `Le champ siret n’est pas un SIRET valide : la clé de contrôle de ${siret} est fausse.`;
  if (!isPlaceholderSiren(organisation.siren) && siret.slice(0, 9) !== organisation.siren) {
    return `Le SIRET ${siret} n’est pas un établissement de cette organisation : il commence par ${siret.slice(0, 9)}, son SIREN est ${organisation.siren}.`;
  }
  return null;
}

/**
 * The establishment (SIRET) an organisation buys as: the DECP names the buyer by it, so a contract of a buyer
 * without one is left out of decp.json. Set by an admin (GraphQL `setOrganisationSiret`) or the operator
 * (`pnpm hub organisation siret`); imports learn it when none is known (opendata/import/buyers.ts).
 */
export class OrganisationSiretService {
  constructor(private readonly ctx: ServiceContext) {}

  /** `organisation` is a slug or a SIREN; `siret` null removes it. Audited, with an `organisation.updated` event. */
  async set(organisationKey: string, siret: string | null, from: 'api' | 'cli' | 'seed' = 'api'): Promise<Organisation> {
    const actor = from === 'api' ? this.requireAdmin() : null;
    return this.ctx.em.transactional(async (em) => {
      const organisation = await findOrganisation(em, organisationKey);
      const problems = new InputProblems();
      const value = siret === null ? null : siret.replace(/[\s.]/g, '');
      if (value !== null) {
        if (value === '') problems.add('siret', 'Le champ siret est obligatoire (null pour le retirer).', 'MISSING');
        else {
          const problem = organisationSiretProblem(value, organisation);
          if (problem) problems.add('siret', problem);
        }
      }
      problems.throwIfAny();
      if (value !== null) {
        const holder = await em.findOne(Organisation, { siret: value, id: { $ne: organisation.id } });
        if (holder) throw badInput('siret', `Le SIRET ${value} est déjà celui de ${holder.name} : un établissement n’achète que pour une organisation.`);
      }
      const previous = organisation.siret;
      if (previous === value) return organisation;
      organisation.siret = value;
      recordAudit(em, actor, 'setOrganisationSiret', { entityType: 'Organisation', entityId: organisation.id }, { from, previous, siret: value });
      recordEvent(em, 'organisation.updated', { siren: organisation.siren, slug: organisation.slug, fields: ['siret'] }, this.ctx.clock.now());
      return organisation;
    });
  }

  private requireAdmin(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    if (this.ctx.actor.role !== 'ADMIN') throw forbidden('Seule la direction de la commande publique fixe le SIRET d’une organisation.');
    return this.ctx.actor;
  }
}

/** By slug, or by SIREN (spaces ignored). */
export async function findOrganisation(em: EntityManager, key: string): Promise<Organisation> {
  const trimmed = key.trim();
  if (!trimmed) throw badInput('organisation', 'Le champ organisation est obligatoire (slug ou SIREN).', 'MISSING');
  const siren = trimmed.replace(/\s/g, '');
  const organisation = await em.findOne(Organisation, /^\d{9}$/.test(siren) ? { siren } : { slug: trimmed });
  if (!organisation) throw notFound(`L’organisation « ${trimmed} »`);
  return organisation;
}
