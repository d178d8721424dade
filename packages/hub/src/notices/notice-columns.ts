import { dateOf, jsonOf, nullableDateOf, nullableNumberOf, type Row } from '../shared/row-values.js';
import type { Nature, Reservation } from './notice-enums.js';
import type { NoticeStatus } from './notice-lifecycle.js';
import type { Procedure } from './response-times.js';

/**
 * The notice's own columns as every plain-row reader needs them: the public listing's read model
 * (`notice.read-model.ts`) and the open-data exports (`opendata/export/public-notices.ts`) both start from these,
 * then add what their views need. Field names and meanings are the entity's.
 */
export interface NoticeColumns {
  id: string;
  reference: string;
  title: string;
  description: string;
  status: NoticeStatus;
  nature: Nature;
  procedure: Procedure;
  mainCpv: string;
  additionalCpvs: string[];
  estimatedValue: number | null;
  estimatedValuePublic: boolean;
  placeOfPerformanceInsee: string | null;
  submissionDeadline: Date;
  publishedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  socialClause: boolean;
  environmentalClause: boolean;
  reservedFor: Reservation;
  frameworkAgreement: boolean;
  frameworkDurationMonths: number | null;
}

/**
 * From a row of the `notice` table with its column names. The listing reads only the columns its query selects:
 * a column left out comes out undefined (or empty, null), and no field that reads it is resolved.
 */
export function noticeColumnsOf(row: Row): NoticeColumns {
  return {
    id: row.id as string,
    reference: row.reference as string,
    title: row.title as string,
    description: row.description as string,
    status: row.status as NoticeStatus,
    nature: row.nature as Nature,
    procedure: row.procedure as Procedure,
    mainCpv: row.main_cpv as string,
    additionalCpvs: row.additional_cpvs === undefined ? [] : jsonOf<string[]>(row.additional_cpvs),
    estimatedValue: nullableNumberOf(row.estimated_value),
    estimatedValuePublic: Boolean(row.estimated_value_public),
    placeOfPerformanceInsee: (row.place_of_performance_insee ?? null) as string | null,
    submissionDeadline: dateOf(row.submission_deadline),
    publishedAt: nullableDateOf(row.published_at),
    closedAt: nullableDateOf(row.closed_at),
    cancelledAt: nullableDateOf(row.cancelled_at),
    cancellationReason: (row.cancellation_reason ?? null) as string | null,
    socialClause: Boolean(row.social_clause),
    environmentalClause: Boolean(row.environmental_clause),
    reservedFor: row.reserved_for as Reservation,
    frameworkAgreement: Boolean(row.framework_agreement),
    frameworkDurationMonths: nullableNumberOf(row.framework_duration_months),
  };
}
