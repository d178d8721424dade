import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import type { HubConfig } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { CharterSignature } from './charter-signature.entity.js';
import { EthicsCharter } from './ethics-charter.entity.js';

export async function currentCharter(em: EntityManager): Promise<EthicsCharter | null> {
  const [latest] = await em.find(EthicsCharter, {}, { orderBy: { version: 'desc' }, limit: 1 });
  return latest ?? null;
}

/**
 * Nobody publishes a tender without having committed to the charter: whoever publishes or corrects a notice
 * (buyers and admins alike) must have signed its current version. Off with CHARTER_POLICY=false; nothing to
 * check while no charter is published.
 */
export async function assertCharterSigned(em: EntityManager, actor: Actor, config: Pick<HubConfig, 'charterPolicy'>): Promise<void> {
  if (!config.charterPolicy) return;
  const charter = await currentCharter(em);
  if (!charter) return;
  if (await em.count(CharterSignature, { charter, staffMember: actor.staffMemberId })) return;
  throw new AppError(
    'CHARTER_NOT_SIGNED',
    `Signez la version ${charter.version} de la charte de déontologie (signCharter) avant de publier ou de rectifier une consultation.`,
    { version: charter.version },
  );
}
