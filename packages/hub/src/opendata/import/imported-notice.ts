import type { ContractEssentials, SupplierRecord } from '../../notices/contract-essentials.js';
import type { Nature, Reservation, SupplierMode } from '../../notices/notice-enums.js';
import type { Procedure } from '../../notices/response-times.js';

/** Where a notice comes from; with its identifier there, it finds the notice again on the next import. */
export const SOURCE_SYSTEMS = ['BOAMP', 'TED', 'DECP', 'OCDS'] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

export interface ImportedBuyer {
  name: string;
  /** 14 digits when the source gave a SIRET. */
  siret: string | null;
  /** 9 digits: from the SIRET, or given alone. */
  siren: string | null;
  /** ISO 3166 alpha-2 country when the source says (FR, BE, UK…). */
  country: string | null;
}

export interface ImportedAward {
  /** The first is the main holder; the others become co-suppliers. */
  suppliers: SupplierRecord[];
  sme: boolean | null;
  /** Euros excl. VAT; null when unknown (« montant indéfini », another currency). */
  amount: number | null;
  /** YYYY-MM-DD; null when the source gives no date (the importer then uses the publication date). */
  awardedOn: string | null;
  contract: ContractEssentials | null;
}

export interface ImportedLot {
  number: number;
  title: string;
  /** As written in the source: normalised (or refused) by the importer. */
  cpv: string | null;
  estimatedValue: number | null;
  award: ImportedAward | null;
  /** Set when the source says this lot was not awarded (infructueux, sans suite). */
  unsuccessfulReason: string | null;
}

/** One notice read from a source file, before it meets the database. */
export interface ImportedNotice {
  sourceSystem: SourceSystem;
  sourceId: string;
  /**
   * What the record describes: a call for competition (its dates are the call's); an award notice, which decides the
   * lots of a call and whose own publication date, after the award by nature, is not the call's; or a contract's
   * essential data (DECP), a record complete in itself that no call precedes in the hub; or a change to a notice the
   * hub must already hold (`update`: an OCDS tender update or contract release alone), which says what it changes.
   */
  kind: 'call' | 'award' | 'contract' | 'update';
  /** Where in the file, for messages: an XPath-like path, an array index or a CSV line. */
  location: string;
  buyer: ImportedBuyer;
  title: string;
  description: string;
  nature: Nature;
  procedure: Procedure;
  mainCpv: string | null;
  additionalCpvs: string[];
  estimatedValue: number | null;
  publishedAt: Date | null;
  submissionDeadline: Date | null;
  /**
   * False when the source says tenders may not be submitted electronically (BOAMP `PARTICIPATION_ELECTRONIQUE_NON`,
   * eForms BT-17 `not-allowed`); true otherwise, electronic submission being the rule since 1 October 2018.
   */
  electronicSubmission: boolean;
  buyerProfileUrl: string | null;
  contactEmail: string | null;
  socialClause: boolean;
  environmentalClause: boolean;
  reservedFor: Reservation;
  framework: { maximumAmount: number | null; durationMonths: number | null; supplierMode: SupplierMode } | null;
  lots: ImportedLot[];
  cancelled: boolean;
  /**
   * The date of the record when the source dates its records (an OCDS process's latest release): a record dated
   * before what the hub holds fills only what is missing (`Notice.sourceDate`, `Award.sourceDate`). Absent for the
   * formats whose records are not dated so.
   */
  sourceDate?: Date | null;
  /** The source's path of a hub field (`publishedAt` → `tender.tenderPeriod.startDate`), for the messages. */
  sourcePaths?: Record<string, string>;
  /** What the parser could not keep (another currency, an unknown code…), shown in the summary. */
  warnings: string[];
  /** For `kind: 'update'`: what the record changes. */
  update?: NoticeUpdate;
}

/**
 * A change to a notice the hub holds, from a record that cannot stand alone (an OCDS `tenderUpdate`,
 * `tenderAmendment` or `tenderCancellation` without the tender's title; a `contract` release without its award).
 * Only what it says is changed; a record dated before what the notice holds changes nothing.
 */
export interface NoticeUpdate {
  /** Why the record is skipped when the hub holds no notice it changes, naming the record and the missing field. */
  requires: string;
  submissionDeadline?: Date;
  estimatedValue?: number | null;
  description?: string;
  cancelled?: boolean;
  /** Lots the record decides without an award: unsuccessful or cancelled, by number. */
  lots: Array<{ number: number; unsuccessfulReason: string }>;
  /** Contracts signed for awards the hub holds, by the award's id at the source (`Award.contract.sourceAwardIds`). */
  contracts: Array<{ awardId: string; notifiedOn: string | null; durationMonths: number | null }>;
}

/** A record the parser read but that is not imported, and why (a concession in a DECP file…). */
export interface SkippedRecord {
  location: string;
  reason: string;
}

export type ParsedItem = { kind: 'notice'; notice: ImportedNotice } | { kind: 'skipped'; skipped: SkippedRecord };

/** A record that cannot be read: the whole file fails, naming the record. */
export class BrokenRecordError extends Error {
  constructor(
    readonly location: string,
    message: string,
  ) {
    super(`${location}: ${message}`);
    this.name = 'BrokenRecordError';
  }
}

/** What every parser reports as it reads, so the command can draw its progress. */
export type ProgressListener = (bytesRead: number) => void;

/** A parser reads one file and yields its records in order, without holding the file in memory when it is large. */
export type Parser = (file: string, onProgress: ProgressListener) => AsyncGenerator<ParsedItem>;
