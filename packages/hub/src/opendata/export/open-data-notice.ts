import type { ContractEssentials, SupplierRecord } from '../../notices/contract-essentials.js';
import type { FieldChangeRecord } from '../../notices/corrigendum.entity.js';
import type { NoticeColumns } from '../../notices/notice-columns.js';
import type { LotStatus } from '../../notices/notice-enums.js';

/**
 * What the open-data files say of a public notice, as plain values read from SQL rows (see `public-notices.ts`):
 * the DECP, OCDS and CSV writers need no entity, and hydrating 10,000 notices with their lots cost most of an export.
 * Field names and meanings are the entities' own.
 */
export interface OpenDataNotice extends NoticeColumns {
  electronicSubmission: boolean;
  createdAt: Date;
  sourceSystem: string | null;
  sourceId: string | null;
  /**
   * Known only by its award or contract, no call for competition having been read by the hub: a contract's essential
   * data (DECP), or an OCDS contracting process whose tender the hub never read (an imported OCDS notice holds a
   * `sourceDate` once a release with the tender's title was read). Published in OCDS as `award` and `contract`
   * releases, without a tender that never was. See `isWithoutCall`.
   */
  withoutCall: boolean;
  organisation: OpenDataBuyer;
  familySlug: string | null;
  /** The planned purchase this notice launched (`planning/`), whose ocid it continues; null for most. */
  plannedPurchaseReference: string | null;
  /** By number. */
  lots: OpenDataLot[];
  /** In order of publication. */
  corrigenda: OpenDataCorrigendum[];
}

export interface OpenDataBuyer {
  id: string;
  name: string;
  /** May be a placeholder (see `organisations/siren-placeholder.ts`). */
  siren: string;
  siret: string | null;
  inseeCode: string | null;
}

export interface OpenDataLot {
  number: number;
  title: string;
  cpv: string;
  estimatedValue: number | null;
  status: LotStatus;
  award: OpenDataAward | null;
}

export interface OpenDataAward {
  id: string;
  createdAt: Date;
  supplierName: string;
  supplierSiret: string | null;
  sme: boolean | null;
  amount: number | null;
  coSuppliers: SupplierRecord[];
  contract: ContractEssentials | null;
  /** YYYY-MM-DD. */
  awardedOn: string;
}

export interface OpenDataCorrigendum {
  publishedAt: Date;
  reason: string;
  changes: FieldChangeRecord[];
}

/**
 * Whether an imported notice is known only by its award or contract: a DECP contract, or an OCDS process whose tender
 * the hub never read (the OCDS importer dates a notice, `Notice.sourceDate`, only when it reads a call).
 */
export function isWithoutCall(notice: { sourceSystem: string | null; sourceDate: Date | string | null | undefined }): boolean {
  return notice.sourceSystem === 'DECP' || (notice.sourceSystem === 'OCDS' && (notice.sourceDate ?? null) === null);
}
