import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { organisationColumnsFor, organisationRecordFromRow, type OrganisationRecord } from '../organisations/organisation.read-model.js';
import { badInput } from '../shared/errors.js';
import type { PageRequest } from '../shared/pagination.js';
import { foldText } from '../shared/text.js';
import { lotRecordsOfNotices, type LotRecord } from './lot.read-model.js';
import type { SupplierMode } from './notice-enums.js';
import { PUBLIC_STATUSES, type NoticeStatus } from './notice-lifecycle.js';
import type { NoticeSort } from './notice-sort.js';
import type { Notice } from './notice.entity.js';
import type { NoticeFilter } from './notice.inputs.js';
import { dateOf, type Row } from '../shared/row-values.js';
import { noticeColumnsOf, type NoticeColumns } from './notice-columns.js';

/**
 * What a notice view is built from: the entity's columns as plain values. The public listing reads these straight
 * from SQL rows (`listPublicNotices`): hydrating a page of entities (and their lots) cost several times the whole
 * query, and nothing on that path changes them.
 */
export interface NoticeRecord extends NoticeColumns {
  buyerProfileUrl: string;
  contactEmail: string;
  frameworkMaximumAmount: number | null;
  frameworkSupplierMode: SupplierMode | null;
  updatedAt: Date;
  organisationId: string;
  familyId: string | null;
  purchasingGroupId: string | null;
}

export function noticeRecordOf(notice: Notice): NoticeRecord {
  return {
    id: notice.id,
    reference: notice.reference,
    title: notice.title,
    description: notice.description,
    status: notice.status,
    nature: notice.nature,
    procedure: notice.procedure,
    estimatedValue: notice.estimatedValue,
    estimatedValuePublic: notice.estimatedValuePublic,
    submissionDeadline: notice.submissionDeadline,
    publishedAt: notice.publishedAt,
    closedAt: notice.closedAt,
    buyerProfileUrl: notice.buyerProfileUrl,
    contactEmail: notice.contactEmail,
    socialClause: notice.socialClause,
    environmentalClause: notice.environmentalClause,
    reservedFor: notice.reservedFor,
    frameworkAgreement: notice.frameworkAgreement,
    frameworkMaximumAmount: notice.frameworkMaximumAmount,
    frameworkDurationMonths: notice.frameworkDurationMonths,
    frameworkSupplierMode: notice.frameworkSupplierMode,
    cancelledAt: notice.cancelledAt,
    cancellationReason: notice.cancellationReason,
    updatedAt: notice.updatedAt,
    organisationId: notice.organisation.id,
    familyId: notice.family?.id ?? null,
    mainCpv: notice.mainCpv,
    additionalCpvs: [...notice.additionalCpvs],
    placeOfPerformanceInsee: notice.placeOfPerformanceInsee,
    purchasingGroupId: notice.purchasingGroup?.id ?? null,
  };
}

/** Every column a view may need; never `search_text`, which only filters. */
const ALL_COLUMNS = [
  'id', 'reference', 'title', 'description', 'status', 'nature', 'procedure', 'estimated_value',
  'estimated_value_public', 'submission_deadline', 'published_at', 'closed_at', 'buyer_profile_url', 'contact_email',
  'social_clause', 'environmental_clause', 'reserved_for', 'framework_agreement', 'framework_maximum_amount',
  'framework_duration_months', 'framework_supplier_mode', 'cancelled_at', 'cancellation_reason', 'updated_at',
  'organisation_id', 'family_id', 'main_cpv', 'additional_cpvs', 'place_of_performance_insee', 'purchasing_group_id',
];

/** Read whatever the query asks: the key, the status as the public sees it, and what lots need. */
const ALWAYS = ['id', 'reference', 'status', 'submission_deadline', 'estimated_value_public', 'organisation_id'];

/**
 * The columns each field of `Notice` reads. The driver turns every column of every row into a JavaScript value,
 * so a page read with all of them costs about three times one read with those the listing shows. A field missing
 * here (one another feature adds) reads every column.
 */
const COLUMNS_OF_FIELD: Record<string, readonly string[]> = {
  __typename: [],
  reference: [],
  title: ['title'],
  description: ['description'],
  status: [],
  isOpen: [],
  nature: ['nature'],
  procedure: ['procedure'],
  estimatedValue: ['estimated_value'],
  submissionDeadline: [],
  publishedAt: ['published_at'],
  closedAt: ['closed_at'],
  buyerProfileUrl: ['buyer_profile_url'],
  contactEmail: ['contact_email'],
  socialClause: ['social_clause'],
  environmentalClause: ['environmental_clause'],
  reservedFor: ['reserved_for'],
  frameworkAgreement: ['framework_agreement', 'framework_maximum_amount', 'framework_duration_months', 'framework_supplier_mode'],
  cancelledAt: ['cancelled_at'],
  cancellationReason: ['cancellation_reason'],
  updatedAt: ['updated_at'],
  organisation: [],
  family: ['family_id'],
  mainCpv: ['main_cpv'],
  additionalCpvs: ['additional_cpvs'],
  placeOfPerformance: ['place_of_performance_insee'],
  lots: [],
  corrigenda: [],
  purchasingGroup: ['purchasing_group_id'],
  publicity: ['nature', 'main_cpv', 'estimated_value', 'published_at', 'framework_agreement', 'framework_maximum_amount'],
};

/** The `notice` columns to read for these fields of `Notice`; null fields means every column. */
export function noticeColumnsFor(fields: ReadonlySet<string> | null): string[] {
  if (!fields || [...fields].some((field) => !(field in COLUMNS_OF_FIELD))) return ALL_COLUMNS;
  return [...new Set([...ALWAYS, ...[...fields].flatMap((field) => COLUMNS_OF_FIELD[field] ?? [])])];
}

/**
 * A record from a row that may hold only some columns (`noticeColumnsFor`): the others come out undefined, or
 * null for nullable dates, and no field that reads them is resolved.
 */
function noticeRecordFromRow(row: Row): NoticeRecord {
  return {
    ...noticeColumnsOf(row),
    buyerProfileUrl: row.buyer_profile_url as string,
    contactEmail: row.contact_email as string,
    frameworkMaximumAmount: row.framework_maximum_amount as number | null,
    frameworkSupplierMode: row.framework_supplier_mode as SupplierMode | null,
    updatedAt: dateOf(row.updated_at),
    organisationId: row.organisation_id as string,
    familyId: (row.family_id ?? null) as string | null,
    purchasingGroupId: (row.purchasing_group_id ?? null) as string | null,
  };
}

/** Stored status and deadline conditions for a status as the public sees it at `now`. */
function whereStatus(query: Knex.QueryBuilder, status: NoticeStatus, now: Date): Knex.QueryBuilder {
  switch (status) {
    case 'PUBLISHED':
      return query.where('n.status', 'PUBLISHED').where('n.submission_deadline', '>', now);
    case 'CLOSED':
      return query
        .where('n.status', 'CLOSED')
        .orWhere((passed) => passed.where('n.status', 'PUBLISHED').where('n.submission_deadline', '<=', now));
    default:
      return query.where('n.status', status);
  }
}

/**
 * PUBLISHED and CLOSED together are every stored PUBLISHED or CLOSED row, whatever the deadline: the condition then
 * needs no deadline split, and "every public status" is simply "not a draft", which lets the database walk the
 * deadline index in order instead of sorting every row.
 */
function whereStatuses(query: Knex.QueryBuilder, statuses: ReadonlySet<NoticeStatus>, now: Date): void {
  if (PUBLIC_STATUSES.every((status) => statuses.has(status))) query.where('n.status', '<>', 'DRAFT');
  else if (statuses.has('PUBLISHED') && statuses.has('CLOSED')) query.whereIn('n.status', [...statuses]);
  else query.where((any) => statuses.forEach((status) => any.orWhere((one) => whereStatus(one, status, now))));
}

/** Adds the public filter to a query on `notice as n`: never a draft, then the filter's conditions, all of them. */
function wherePublic(knex: Knex, query: Knex.QueryBuilder, filter: NoticeFilter | undefined, now: Date): void {
  const statuses = filter?.statuses?.length ? filter.statuses : PUBLIC_STATUSES;
  if (statuses.includes('DRAFT')) throw badInput('filter.statuses', 'Un brouillon n’est jamais public : lisez draftNotices.');
  whereStatuses(query, new Set(statuses), now);
  if (filter?.organisationSiren) {
    const siren = filter.organisationSiren.trim();
    // A group's notice is listed by every member, not only by the coordinator that published it.
    query.where((either) =>
      either
        .whereIn('n.organisation_id', knex('organisation').select('id').where('siren', siren))
        .orWhereIn(
          'n.purchasing_group_id',
          knex('purchasing_group_member as m')
            .join('organisation as o', 'o.id', 'm.organisation_id')
            .select('m.purchasing_group_id')
            .where('o.siren', siren),
        ),
    );
  }
  if (filter?.communeInseeCode) query.where('n.place_of_performance_insee', filter.communeInseeCode.trim());
  if (filter?.familySlug) {
    query.whereIn('n.family_id', knex('purchasing_family').select('id').where('slug', filter.familySlug.trim()));
  }
  if (filter?.nature) query.where('n.nature', filter.nature);
  if (filter?.procedure) query.where('n.procedure', filter.procedure);
  if (filter?.cpvPrefix) {
    if (!/^\d{1,8}$/.test(filter.cpvPrefix.trim())) throw badInput('filter.cpvPrefix', 'Le champ filter.cpvPrefix compte de 1 à 8 chiffres.');
    query.where('n.main_cpv', 'like', `${filter.cpvPrefix.trim()}%`);
  }
  // Words are runs of [a-z0-9-] only, so none holds a LIKE wildcard and no escaping is needed.
  for (const word of foldText(filter?.text ?? '').split(/[^a-z0-9-]+/).filter((w) => w.length > 0).slice(0, 10)) {
    query.where('n.search_text', 'like', `%${word}%`);
  }
}

function orderBy(sort: NoticeSort): Array<{ column: string; order: 'asc' | 'desc' }> {
  switch (sort) {
    case 'DEADLINE_ASC':
      return [{ column: 'n.submission_deadline', order: 'asc' }, { column: 'n.reference', order: 'asc' }];
    case 'DEADLINE_DESC':
      return [{ column: 'n.submission_deadline', order: 'desc' }, { column: 'n.reference', order: 'asc' }];
    case 'PUBLISHED_DESC':
      return [{ column: 'n.published_at', order: 'desc' }, { column: 'n.reference', order: 'desc' }];
    case 'PUBLISHED_ASC':
      return [{ column: 'n.published_at', order: 'asc' }, { column: 'n.reference', order: 'asc' }];
  }
}

async function rows(em: EntityManager, query: Knex.QueryBuilder): Promise<Row[]> {
  // Through the ORM's connection, so the statement is logged (and counted by tests) and joins a transaction.
  return em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
}

export interface PublicNoticePage {
  records: NoticeRecord[];
  /** Each notice's buyer, joined to the page when the query selects it, by organisation id. */
  organisations: Map<string, OrganisationRecord>;
  /** Each notice's lots, read with the page when the query selects them, by notice id. */
  lots: Map<string, LotRecord[]>;
  total: number;
}

export interface PublicNoticeSelection {
  /** The fields of `Notice` the query selects; null: every field. */
  fields: ReadonlySet<string> | null;
  /** The fields of its `organisation`, and of its `lots`; null: every field. */
  organisationFields: ReadonlySet<string> | null;
  lotFields: ReadonlySet<string> | null;
}

/**
 * A page of public notices (never drafts), filtered and sorted, and how many match over every page. Only the
 * columns of the selected fields are read; the buyers come joined to the page and the lots (with their awards only
 * when selected) in one more statement, so that a page's views are complete and resolve without waiting.
 */
export async function listPublicNotices(
  em: EntityManager,
  filter: NoticeFilter | undefined,
  sort: NoticeSort,
  page: PageRequest,
  now: Date,
  selection: PublicNoticeSelection = { fields: null, organisationFields: null, lotFields: null },
): Promise<PublicNoticePage> {
  const { fields } = selection;
  const knex = em.getKnex();
  const withOrganisations = fields?.has('organisation') ?? false;
  const pageQuery = knex('notice as n').select(noticeColumnsFor(fields).map((column) => `n.${column}`));
  if (withOrganisations) {
    pageQuery
      .join('organisation as o', 'o.id', 'n.organisation_id')
      .select(organisationColumnsFor(selection.organisationFields).map((column) => `o.${column} as o_${column}`));
  }
  wherePublic(knex, pageQuery, filter, now);
  pageQuery.orderBy(orderBy(sort)).limit(page.limit).offset(page.offset);
  const countQuery = knex('notice as n').count({ total: '*' });
  wherePublic(knex, countQuery, filter, now);
  const [pageRows, [count]] = await Promise.all([rows(em, pageQuery), rows(em, countQuery)]);
  const records = pageRows.map(noticeRecordFromRow);
  const organisations = new Map<string, OrganisationRecord>();
  if (withOrganisations) {
    for (const row of pageRows) {
      const id = row.organisation_id as string;
      if (!organisations.has(id)) organisations.set(id, { ...organisationRecordFromRow(row, 'o_'), id });
    }
  }
  const lots = new Map<string, LotRecord[]>();
  if (fields?.has('lots') && records.length > 0) {
    for (const record of records) lots.set(record.id, []);
    for (const lot of await lotRecordsOfNotices(em, records.map((record) => record.id), selection.lotFields)) {
      lots.get(lot.noticeId)?.push(lot);
    }
  }
  return { records, organisations, lots, total: Number(count?.total ?? 0) };
}
