import type { EntityManager } from '@mikro-orm/sqlite';
import { Notice } from '../notices/notice.entity.js';
import type { Procedure } from '../notices/response-times.js';
import { getVarCommune } from '../reference/territory.js';
import { foldText, type MatchableNotice } from './alert-criteria.js';

/** What the alerts read of a notice: what the matching rules need, and what a mail shows. Public fields only. */
export interface AlertNotice extends MatchableNotice {
  reference: string;
  title: string;
  buyerName: string;
  communeName: string | null;
  familyName: string | null;
  deadline: Date;
  status: string;
  /** The last correction's reason, for a "corrected" alert. */
  correctionReason: string | null;
  cancellationReason: string | null;
  /** `foldText(text)`, computed once per notice rather than once per subscription. */
  foldedText: string;
}

export async function loadAlertNotices(em: EntityManager, references: string[]): Promise<Map<string, AlertNotice>> {
  if (references.length === 0) return new Map();
  const notices = await em.find(Notice, { reference: { $in: [...new Set(references)] } }, { populate: ['lots', 'organisation', 'family', 'corrigenda'] });
  return new Map(notices.map((notice) => [notice.reference, toAlertNotice(notice)]));
}

export function toAlertNotice(notice: Notice): AlertNotice {
  const organisation = notice.organisation.getEntity();
  const family = notice.family?.getEntity() ?? null;
  const lots = notice.lots.getItems();
  const corrigenda = notice.corrigenda.getItems();
  const communeInsee = notice.placeOfPerformanceInsee ?? organisation.inseeCode;
  const text = [notice.title, notice.description, ...lots.map((lot) => lot.title)].join(' \n ');
  return {
    reference: notice.reference,
    title: notice.title,
    buyerName: organisation.name,
    buyerSlug: organisation.slug,
    communeInsee,
    communeName: communeInsee ? (getVarCommune(communeInsee)?.name ?? null) : null,
    familySlug: family?.slug ?? null,
    familyName: family?.name ?? null,
    cpvCodes: [notice.mainCpv, ...notice.additionalCpvs, ...lots.map((lot) => lot.cpv)],
    text,
    foldedText: foldText(text),
    estimatedValue: notice.estimatedValuePublic ? notice.estimatedValue : null,
    procedure: notice.procedure as Procedure,
    deadline: notice.submissionDeadline,
    status: notice.status,
    correctionReason: corrigenda.at(-1)?.reason ?? null,
    cancellationReason: notice.cancellationReason,
  };
}
