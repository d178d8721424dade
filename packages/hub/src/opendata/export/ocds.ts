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

/** A calendar day (YYYY-MM-DD) as an OCDS date-time: midnight UTC, as the day is all the source says. */
const dayInstant = (day: string) => new Date(`${day}T00:00:00Z`);

function addMonths(day: string, months: number): string {
  const date = dayInstant(day);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** An award's value in OCDS: euros, or the other currency the source gave (kept, never converted). */
function valueOf(award: OpenDataAward): { amount: number; currency: string } | null {
  if (award.amount !== null) return { amount: award.amount, currency: 'EUR' };
  return award.contract?.amountInCurrency ?? null;
}

/**
 * OCDS 1.1.5 releases of one notice, one per state it went through: `tender` at publication (with the values before
 * any correction), `tenderAmendment` for each corrigendum, `tenderCancellation` when declared sans suite, `award`
 * once lots are awarded (or a `tenderUpdate` when every decided lot is unsuccessful: the tender's status changed, and
 * nothing was awarded), and a `contract` release per signed contract (an award whose signature or notification date
 * is known: DECP, TED, eForms). No release repeats an unchanged state: the passing of the deadline changes nothing
 * in OCDS terms (a tender stays `active` until decided). A contract known only from its award or contract (DECP
 * essential data, an OCDS process whose tender the hub never read: `withoutCall`) had no call for competition in the
 * hub: its releases are `award` and `contract`, without a tender, the award naming what was bought (`items`). Lots use the lots
 * extension.
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
  const contractsOnly = notice.withoutCall;
  const tenderOf = (state: TenderState, fields: Record<string, unknown>) => ({
    id: notice.reference,
    title: state.title,
    description: state.description,
    procurementMethod: method.method,
    procurementMethodDetails: method.details,
    mainProcurementCategory: CATEGORIES[notice.nature],
    ...(notice.estimatedValuePublic && state.estimatedValue !== null ? { value: { amount: state.estimatedValue, currency: 'EUR' } } : {}),
    // A deadline at or before the publication is no period: imports of award notices stand one in for the missing
    // deadline, which is not published as a period of zero length.
    ...(state.submissionDeadline.getTime() > publishedAt.getTime()
      ? { tenderPeriod: { startDate: publishedAt.toISOString(), endDate: state.submissionDeadline.toISOString() } }
      : {}),
    submissionMethod: notice.electronicSubmission ? ['electronicSubmission'] : ['written'],
    ...(items.length ? { items } : {}),
    ...fields,
  });
  const base = (id: string, date: Date, tag: string[], tender: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => ({
    ocid,
    id: `${ocid}-${id}`,
    date: date.toISOString(),
    tag,
    initiationType: 'tender',
    language: 'fr',
    parties: [buyer, ...((extra.parties as unknown[]) ?? [])],
    buyer: { id: buyer.id, name: organisation.name },
    ...(tender ? { tender } : {}),
    ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== 'parties')),
  });

  const states = statesOf(notice);
  const current = states[states.length - 1]!;
  const releases: OcdsRelease[] = [];
  if (!contractsOnly) {
    releases.push(base('tender', publishedAt, ['tender'], tenderOf(states[0]!, { status: 'active', lots: lotsOf(notice, () => 'active') })));
    notice.corrigenda.forEach((corrigendum, index) => {
      const id = `amendment-${index + 1}`;
      releases.push(
        base(
          id,
          corrigendum.publishedAt,
          ['tenderAmendment'],
          tenderOf(states[index + 1]!, {
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
        ),
      );
    });
    if (notice.status === 'CANCELLED') {
      releases.push(base('cancellation', notice.cancelledAt ?? now, ['tenderCancellation'], tenderOf(current, { status: 'cancelled', lots: lotsOf(notice, () => 'cancelled') })));
      return releases;
    }
  }
  const decided = notice.lots.filter((lot) => lot.status === 'AWARDED' || lot.status === 'UNSUCCESSFUL');
  if (!decided.length) return releases;
  const awarded = decided.flatMap((lot) => (lot.award ? [{ lot, award: lot.award }] : []));
  const allDecided = notice.lots.every((lot) => lot.status !== 'OPEN');
  const decidedTender = () =>
    contractsOnly
      ? null
      : tenderOf(current, {
          status: !allDecided ? 'active' : notice.status === 'UNSUCCESSFUL' ? 'unsuccessful' : 'complete',
          lots: lotsOf(notice, (lot) => LOT_STATUS[lot.status as keyof typeof LOT_STATUS]),
        });
  if (!awarded.length) {
    // Every decided lot is unsuccessful: the tender's status changed, nothing was awarded.
    if (!contractsOnly) releases.push(base('unsuccessful', notice.closedAt ?? notice.submissionDeadline, ['tenderUpdate'], decidedTender()));
    return releases;
  }
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
    const value = valueOf(award);
    return {
      id: awardIdOf(notice, lot),
      title: lot.title,
      status: 'active',
      date: dayInstant(award.awardedOn).toISOString(),
      ...(value ? { value } : {}),
      suppliers: suppliers.map(({ id, name }) => ({ id, name })),
      // Without a tender, the award says what was bought: its description and CPV (OCDS `Award.items`).
      ...(contractsOnly
        ? {
            description: notice.description,
            ...(lot.cpv || notice.mainCpv ? { items: [{ id: '1', description: lot.title, classification: classification(lot.cpv || notice.mainCpv) }] } : {}),
          }
        : { relatedLots: [String(lot.number)] }),
    };
  });
  const lastDate = awarded.map(({ award }) => award.awardedOn).sort().at(-1)!;
  // A contract known only from its published data: its releases are dated by that publication (DECP
  // `datePublicationDonnees`, the hub's `publishedAt`), when its information was first published.
  const releaseDate = (day: string) => (contractsOnly ? publishedAt : dayInstant(day));
  releases.push(base('award', releaseDate(lastDate), ['award'], decidedTender(), { awards, parties: [...parties.values()] }));
  for (const { lot, award } of awarded) {
    const signedOn = award.contract?.notifiedOn;
    if (!signedOn) continue;
    const value = valueOf(award);
    const months = award.contract?.durationMonths;
    const endsOn = months ? addMonths(signedOn, months) : null;
    releases.push(
      base(`contract-${lot.number}`, releaseDate(signedOn), ['contract'], null, {
        contracts: [
          {
            id: `${notice.reference}-contract-${lot.number}`,
            awardID: awardIdOf(notice, lot),
            title: lot.title,
            // Active while it runs; terminated once its duration has passed.
            status: endsOn && dayInstant(endsOn).getTime() <= now.getTime() ? 'terminated' : 'active',
            ...(value ? { value } : {}),
            dateSigned: dayInstant(signedOn).toISOString(),
            ...(endsOn ? { period: { startDate: dayInstant(signedOn).toISOString(), endDate: dayInstant(endsOn).toISOString() } } : {}),
          },
        ],
      }),
    );
  }
  return releases;
}

const awardIdOf = (notice: OpenDataNotice, lot: OpenDataLot) => `${notice.reference}-lot-${lot.number}`;

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
