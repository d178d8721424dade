/** What the indicators read of a notice: plain values, so the aggregation is a pure function of the records. */
export interface IndicatorAward {
  /** Euros excl. VAT; null when unknown (such awards are left out of every amount). */
  amount: number | null;
  /** Null when unknown: counted as not an SME. */
  sme: boolean | null;
  supplierInseeCode: string | null;
  /** YYYY-MM-DD. */
  awardedOn: string;
}

export interface IndicatorLot {
  estimatedValue: number | null;
  award: IndicatorAward | null;
}

export interface IndicatorNotice {
  organisationSiren: string;
  familySlug: string | null;
  familyName: string | null;
  nature: string;
  procedure: string;
  placeInsee: string | null;
  placeName: string | null;
  /** Paris calendar date of publication, YYYY-MM-DD. */
  publishedOn: string;
  cancelled: boolean;
  environmentalClause: boolean;
  socialClause: boolean;
  reserved: boolean;
  /** Its awarded lots as loadIndicatorRecords reads them (a lot without award counts in no figure). */
  lots: IndicatorLot[];
}

export interface IndicatorScope {
  year: number | null;
  organisationSiren: string | null;
  familySlug: string | null;
}

export interface IndicatorOptions {
  /** 0 to 1. */
  defaultTarget: number;
  familyTargets: ReadonlyMap<string, number>;
  /** INSEE codes of the agglomeration's communes. */
  territoryInsee: ReadonlySet<string>;
  /** "83": the département's INSEE prefix. */
  departementCode: string;
}
