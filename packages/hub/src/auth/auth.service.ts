import type { EntityManager } from '@mikro-orm/sqlite';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { badInput, unauthenticated } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../shared/actor.js';
import { AuthToken } from './auth-token.entity.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import { recordSignInFailure, recordSignInSuccess, reserveSignInAttempt } from './sign-in-throttle.js';
import { generateToken, hashToken } from './token.js';

type AuthContext = { em: EntityManager; clock: Clock; config: HubConfig; address: string; actor: Actor | null };

export class AuthService {
  constructor(private readonly ctx: AuthContext) {}

  async login(emailInput: string, password: string): Promise<{ token: string; expiresAt: Date }> {
    const email = emailInput.trim().toLowerCase();
    if (!email) throw badInput('email', 'L’adresse e-mail est obligatoire.', 'MISSING');
    if (email.length > 254) throw badInput('email', 'L’adresse e-mail est trop longue (254 caractères au plus).');
    if (password.length > 1024) throw badInput('password', 'Le mot de passe est trop long (1 024 caractères au plus).');
    // Counted before the check, in one step per counter: parallel attempts cannot all pass one limit.
    const attempt = await reserveSignInAttempt(this.ctx.em, email, this.ctx.address, this.ctx.clock.now());

    const member = await this.ctx.em.findOne(StaffMember, { email }, { populate: ['passwordHash'] });
    // Verify against a decoy when the email is unknown, so the answer takes as long either way.
    const valid = await verifyPassword(member?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!member || !valid || !member.active) {
      await recordSignInFailure(this.ctx.em, this.ctx.clock.now());
      throw unauthenticated('Adresse e-mail ou mot de passe incorrect.');
    }
    await recordSignInSuccess(this.ctx.em, attempt, this.ctx.clock.now());

    const token = generateToken();
    const expiresAt = new Date(this.ctx.clock.now().getTime() + this.ctx.config.tokenTtlHours * 3600_000);
    await this.ctx.em.transactional(async (em) => {
      em.persist(em.create(AuthToken, { tokenHash: hashToken(token), staffMember: member, expiresAt }));
      recordAudit(em, { staffMemberId: member.id, organisationId: member.organisation.id, role: member.role, tokenHash: '' }, 'login', {
        entityType: 'StaffMember',
        entityId: member.id,
      });
    });
    return { token, expiresAt };
  }

  async logout(): Promise<boolean> {
    const actor = this.ctx.actor;
    if (!actor) throw unauthenticated();
    await this.ctx.em.transactional(async (em) => {
      await em.nativeUpdate(AuthToken, { tokenHash: actor.tokenHash }, { revokedAt: this.ctx.clock.now() });
      recordAudit(em, actor, 'logout', { entityType: 'StaffMember', entityId: actor.staffMemberId });
    });
    return true;
  }
}

/** The actor behind a bearer token, or null when the token is unknown, expired, revoked or its owner inactive. */
export async function authenticate(em: EntityManager, token: string, now: Date): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const row = await em.findOne(
    AuthToken,
    { tokenHash, revokedAt: null, expiresAt: { $gt: now } },
    { populate: ['staffMember'] },
  );
  const member = row?.staffMember.getEntity();
  if (!member || !member.active) return null;
  return { staffMemberId: member.id, organisationId: member.organisation.id, role: member.role, tokenHash };
}
