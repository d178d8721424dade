import type { MikroORM } from '@mikro-orm/sqlite';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAdmin } from '../../auth/access-policy.js';
import { authenticate } from '../../auth/auth.service.js';
import { bearerToken } from '../../auth/token.js';
import type { Clock } from '../../shared/clock.js';
import type { ErrorCode } from '../../shared/errors.js';
import { slugify } from '../../shared/slug.js';
import { TRAINING_TOPIC_LABELS } from '../training-topics.js';
import { Enrollment } from '../enrollment.entity.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import type { CertificateData } from './certificate-text.js';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/;

function refuse(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message } });
}

/**
 * GET /certificates/<enrollment id>.pdf with `Authorization: Bearer <token>`: the attestation de formation of an
 * attended session, for the staff member it names and for admins. Generated on each request, never cached.
 */
export function registerCertificateRoute(app: FastifyInstance, orm: MikroORM, clock: Clock): void {
  app.get<{ Params: { file: string } }>('/certificates/:file', async (request, reply) => {
    const id = FILE.exec(request.params.file)?.[1];
    if (!id) return refuse(reply, 404, 'NOT_FOUND', 'No such certificate');
    const token = bearerToken(request.headers.authorization);
    if (!token) return refuse(reply, 401, 'UNAUTHENTICATED', 'Send Authorization: Bearer <token>');
    const em = orm.em.fork();
    const now = clock.now();
    const actor = await authenticate(em, token, now);
    if (!actor) return refuse(reply, 401, 'UNAUTHENTICATED', 'Invalid or expired token');

    const enrollment = await em.findOne(
      Enrollment,
      { id },
      { populate: ['session', 'session.training', 'staffMember', 'staffMember.organisation'] },
    );
    if (!enrollment) return refuse(reply, 404, 'NOT_FOUND', 'No such certificate');
    if (enrollment.staffMember.id !== actor.staffMemberId && !isAdmin(actor)) {
      return refuse(reply, 403, 'FORBIDDEN', 'A certificate is for the person it names and for admins');
    }
    if (enrollment.status !== 'ATTENDED') {
      return refuse(reply, 409, 'INVALID_TRANSITION', 'No certificate: attendance at this session is not recorded');
    }
    const data = certificateData(enrollment, now);
    const pdf = await renderCertificatePdf(data);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="attestation-${slugify(data.trainingTitle).slice(0, 60)}-${data.startsAt.toISOString().slice(0, 10)}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}

function certificateData(enrollment: Enrollment, now: Date): CertificateData {
  const session = enrollment.session.getEntity();
  const training = session.training.getEntity();
  const member = enrollment.staffMember.getEntity();
  return {
    reference: enrollment.id,
    personName: member.name,
    organisationName: member.organisation.getEntity().name,
    trainingTitle: training.title,
    topicLabel: TRAINING_TOPIC_LABELS[training.topic],
    providerName: training.providerName,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    place: session.place,
    remote: session.remoteUrl !== null,
    durationHours: training.durationHours,
    issuedAt: now,
  };
}
