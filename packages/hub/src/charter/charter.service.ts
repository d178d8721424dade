import type { EntityManager } from '@mikro-orm/sqlite';
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { isAdmin } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { AppError, InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { currentCharter } from './charter-policy.js';
import { CharterSignature } from './charter-signature.entity.js';
import type { CharterVersionInput } from './charter.inputs.js';
import { EthicsCharter } from './ethics-charter.entity.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

const title = z.string().trim().max(200, 'ne peut dépasser 200 caractères');
const text = z.string().trim().max(100_000, 'ne peut dépasser 100 000 caractères');

/** An absent or blank value is MISSING; one the rule refuses is INVALID. */
function check<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    throw badInput(field, `Le champ ${field} est obligatoire.`, 'MISSING');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, `Le champ ${field} ${result.error.issues[0]?.message ?? 'est invalide'}.`);
  return result.data;
}

/** Versions of the charte de déontologie and the signatures of staff. */
export class CharterService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A new version becomes current at once, and nobody has signed it yet: every staff member signs again. */
  async publishVersion(input: CharterVersionInput): Promise<EthicsCharter> {
    const actor = this.requireActor();
    if (!isAdmin(actor)) throw forbidden('Seule la direction de la commande publique publie la charte.');
    const problems = new InputProblems();
    const values = { title: problems.check(() => check('title', title, input.title)), text: problems.check(() => check('text', text, input.text)) };
    problems.throwIfAny();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const previous = await currentCharter(em);
      // Two admins publishing at once both compute the same number: the unique version makes one of them a CONFLICT.
      const charter = em.create(EthicsCharter, {
        version: (previous?.version ?? 0) + 1,
        title: values.title!,
        text: values.text!,
        publishedAt: now,
        publishedBy: em.getReference(StaffMember, actor.staffMemberId),
      });
      recordAudit(em, actor, 'publishCharterVersion', { entityType: 'EthicsCharter', entityId: charter.id }, { version: charter.version });
      recordEvent(em, 'charter.published', { version: charter.version }, now);
      return charter;
    });
  }

  /** Signs the current version; `version` is the one the person read, so a newer one cannot be signed unread. */
  async sign(version: number): Promise<CharterSignature> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const charter = await currentCharter(em);
      if (!charter) throw notFound('La charte de déontologie');
      if (charter.version !== version) {
        throw new AppError('CONFLICT', `La version ${version} n’est pas la version en vigueur : lisez la version ${charter.version}, puis signez-la.`, {
          currentVersion: charter.version,
        });
      }
      const existing = await em.findOne(CharterSignature, { charter, staffMember: actor.staffMemberId });
      if (existing) return existing;
      const signature = em.create(CharterSignature, {
        charter,
        staffMember: em.getReference(StaffMember, actor.staffMemberId),
        signedAt: now,
      });
      recordAudit(em, actor, 'signCharter', { entityType: 'EthicsCharter', entityId: charter.id }, { version });
      // The public share of signatories changes; the event names the version only, never who signed.
      recordEvent(em, 'charter.signed', { version }, now);
      return signature;
    });
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }
}
