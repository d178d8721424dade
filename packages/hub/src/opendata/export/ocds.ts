import type { Procedure } from '../../notices/response-times.js';
import { isPlaceholderSiren } from '../../organisations/siren-placeholder.js';
import { getCpvCatalogue } from '../../reference/cpv-catalogue.js';
import type { OpenDataAward, OpenDataBuyer, OpenDataLot, OpenDataNotice } from './open-data-notice.js';
import { OCDS_LOTS_EXTENSION_URL } from './schemas.js';

export type OcdsRelease = Record<string, unknown>;

export const OPEN_LICENCE_URL = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';

export const METHODS: Record<Procedure, { method: string; details: string }> = {
  ADAPTED: { method: 'open', details: 'Procédure adaptée' },
  OPEN: { method: 'open', details: "Appel d'offres ouvert" },
  RESTRICTED: { method: 'selective', details: "Appel d'offres restreint" },
  NEGOTIATED: { method: 'selective', details: 'Procédure avec négociation' },
  COMPETITIVE_DIALOGUE: { method: 'selective', details: 'Dialogue compétitif' },
  NEGOTIATED_WITHOUT_PUBLICATION: { method: 'limited', details: 'Marché négocié sans publicité ni mise en concurrence préalable' },
};
export const CATEGORIES = { WORKS: 'works', SUPPLIES: 'goods', SERVICES: 'services' } as const;
const LOT_STATUS = { OPEN: 'active', AWARDED: 'complete', UNSUCCESSFUL: 'unsuccessful', CANCELLED: 'cancelled' } as const;

/**
 * The ocid of a notice: stable, since a notice's reference never changes. A notice that launched a planned purchase
 * goes on with the contracting process its planning release began, under the planned purchase's reference.
 */
export const ocidOf = (prefix: string, notice: Pick<OpenDataNotice, 'reference' | 'plannedPurchaseReference'>) =>
  `${prefix}-${notice.plannedPurchaseReference ?? notice.reference}`;

export function partyOf(organisation: OpenDataBuyer): Record<string, unknown> {
  const hasSiren = !isPlaceholderSiren(organisation.siren);
  return {
    id: hasSiren ? `FR-SIREN-${organisation.siren}` : `hub-${organisation.id}`,
    name: organisation.name,
    ...(organisation.siret ? { identifier: { scheme: 'FR-SIRET', id: organisation.siret, legalName: organisation.name } } : {}),
    ...(!organisation.siret && hasSiren ? { identifier: { scheme: 'FR-SIREN', id: organisation.siren, legalName: organisation.name } } : {}),
    roles: ['buyer'],
  };
}

function suppliersOf(award: OpenDataAward): Array<{ id: string; name: string; siret: string | null }> {
  const all = [{ name: award.supplierName, siret: award.supplierSiret }, ...award.coSuppliers];
  return all.map((supplier, index) => ({
    id: supplier.siret ? `FR-SIRET-${supplier.siret}` : `${award.id}-${index + 1}`,
    name: supplier.name,
    siret: supplier.siret,
  }));
}

export function classification(code: string) {
  const entry = getCpvCatalogue().get(code);
  return { scheme: 'CPV', id: (entry?.code8 ?? code).slice(0, 8), ...(entry ? { description: entry.label } : {}) };
}

/** Values of the correctable fields as they stood before any correction, then after each one. */
interface TenderState {
  title: string;
  description: string;
  submissionDeadline: Date;
  estimatedValue: number | null;
}

function statesOf(notice: OpenDataNotice): TenderState[] {
  const current: TenderState = {
    title: notice.title,
    description: notice.description,
    submissionDeadline: notice.submissionDeadline,
    estimatedValue: notice.estimatedValue,
  };
  const { corrigenda } = notice;
  const states: TenderState[] = [{ ...current }];
  // Walk back from the current values: each corrigendum recorded what it changed from.
  for (const corrigendum of [...corrigenda].reverse()) {
    const before = { ...states[0]! };
    for (const change of corrigendum.changes) {
      if (change.field === 'title' && change.before) before.title = change.before;
      if (change.field === 'description' && change.before) before.description = change.before;
      if (change.field === 'submissionDeadline' && change.before) before.submissionDeadline = new Date(change.before);
      if (change.field === 'estimatedValue') before.estimatedValue = change.before === null ? null : Number(change.before);
    }
    states.unshift(before);
  }
  return states;
}

function lotsOf(notice: OpenDataNotice, lotStatus: (lot: OpenDataLot) => string) {
  return notice.lots.map((lot) => ({
    id: String(lot.number),
    title: lot.title,
    status: lotStatus(lot),
    ...(notice.estimatedValuePublic && lot.estimatedValue !== null ? { value: { amount: lot.estimatedValue, currency: 'EUR' } } : {}),
  }));
}

/**
 * OCDS 1.1.5 releases of one notice, one per state it went through: `tender` at publication (with the values before
 * any correction), `tenderAmendment` for each corrigendum, `tenderUpdate` once the deadline has passed,
 * `tenderCancellation` when declared sans suite, `award` once lots are decided. Lots use the lots extension.
 */
export function ocdsReleases(notice: OpenDataNotice, prefix: string, now: Date): OcdsRelease[] {
  const ocid = ocidOf(prefix, notice);
  const { organisation } = notice;
  const buyer = partyOf(organisation);
  const method = METHODS[notice.procedure];
  const additional = notice.additionalCpvs.map(classification);
  const items = notice.mainCpv
    ? [{ id: '1', description: notice.title, classification: classification(notice.mainCpv), ...(additional.length ? { additionalClassifications: additional } : {}) }]
    : [];
  const publishedAt = notice.publishedAt ?? notice.createdAt;
  const base = (id: string, date: Date, tag: string[], state: TenderState, tender: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ocid,
    id: `${ocid}-${id}`,
    date: date.toISOString(),
    tag,
    initiationType: 'tender',
    language: 'fr',
    parties: [buyer, ...((extra.parties as unknown[]) ?? [])],
    buyer: { id: buyer.id, name: organisation.name },
    tender: {
      id: notice.reference,
      title: state.title,
      description: state.description,
      procurementMethod: method.method,
      procurementMethodDetails: method.details,
      mainProcurementCategory: CATEGORIES[notice.nature],
      ...(notice.estimatedValuePublic && state.estimatedValue !== null ? { value: { amount: state.estimatedValue, currency: 'EUR' } } : {}),
      tenderPeriod: { startDate: publishedAt.toISOString(), endDate: state.submissionDeadline.toISOString() },
      submissionMethod: notice.electronicSubmission ? ['electronicSubmission'] : ['written'],
      ...(items.length ? { items } : {}),
      ...tender,
    },
    ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== 'parties')),
  });

  const states = statesOf(notice);
  const releases: OcdsRelease[] = [];
  releases.push(base('tender', publishedAt, ['tender'], states[0]!, { status: 'active', lots: lotsOf(notice, () => 'active') }));
  notice.corrigenda.forEach((corrigendum, index) => {
    const id = `amendment-${index + 1}`;
    releases.push(
      base(id, corrigendum.publishedAt, ['tenderAmendment'], states[index + 1]!, {
        status: 'active',
        lots: lotsOf(notice, () => 'active'),
        amendments: [
          {
            id: String(index + 1),
            date: corrigendum.publishedAt.toISOString(),
            rationale: corrigendum.reason,
            description: corrigendum.changes.map((change) => `${change.field}: ${change.before ?? '—'} → ${change.after ?? '—'}`).join('; '),
            amendsReleaseID: releases[releases.length - 1]!.id,
            releaseID: `${ocid}-${id}`,
          },
        ],
      }),
    );
  });
  const current = states[states.length - 1]!;
  const deadlinePassed = notice.submissionDeadline.getTime() <= now.getTime();
  if (notice.status === 'CANCELLED') {
    releases.push(base('cancellation', notice.cancelledAt ?? now, ['tenderCancellation'], current, { status: 'cancelled', lots: lotsOf(notice, () => 'cancelled') }));
    return releases;
  }
  if (deadlinePassed) {
    releases.push(base('closed', notice.closedAt ?? notice.submissionDeadline, ['tenderUpdate'], current, { status: 'active', lots: lotsOf(notice, () => 'active') }));
  }
  const decided = notice.lots.filter((lot) => lot.status === 'AWARDED' || lot.status === 'UNSUCCESSFUL');
  if (decided.length) {
    const awarded = decided.flatMap((lot) => {
      const { award } = lot;
      return award ? [{ lot, award }] : [];
    });
    const parties = new Map<string, Record<string, unknown>>();
    const awards = awarded.map(({ lot, award }) => {
      const suppliers = suppliersOf(award);
      for (const supplier of suppliers) {
        parties.set(supplier.id, {
          id: supplier.id,
          name: supplier.name,
          ...(supplier.siret ? { identifier: { scheme: 'FR-SIRET', id: supplier.siret, legalName: supplier.name } } : {}),
          roles: ['supplier'],
        });
      }
      return {
        id: `${notice.reference}-lot-${lot.number}`,
        title: lot.title,
        status: 'active',
        date: new Date(`${award.awardedOn}T00:00:00Z`).toISOString(),
        ...(award.amount !== null ? { value: { amount: award.amount, currency: 'EUR' } } : {}),
        suppliers: suppliers.map(({ id, name }) => ({ id, name })),
        relatedLots: [String(lot.number)],
      };
    });
    const allDecided = notice.lots.every((lot) => lot.status !== 'OPEN');
    const lastDate = awarded.map(({ award }) => award.awardedOn).sort().at(-1);
    releases.push(
      base('award', lastDate ? new Date(`${lastDate}T00:00:00Z`) : (notice.closedAt ?? now), ['award'], current, {
        status: !allDecided ? 'active' : notice.status === 'UNSUCCESSFUL' ? 'unsuccessful' : 'complete',
        lots: lotsOf(notice, (lot) => LOT_STATUS[lot.status as keyof typeof LOT_STATUS]),
      }, { awards, parties: [...parties.values()] }),
    );
  }
  return releases;
}

export function ocdsPackageHeader(options: { uri: string; publishedDate: Date; publisher: string }) {
  return {
    uri: options.uri,
    version: '1.1',
    extensions: [OCDS_LOTS_EXTENSION_URL],
    publishedDate: options.publishedDate.toISOString(),
    publisher: { name: options.publisher },
    license: OPEN_LICENCE_URL,
  };
}
