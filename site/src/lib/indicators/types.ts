import type * as Hub from '../hub/schema.generated.js';
import type { Selected } from '../hub/types.js';

// The hub's `Indicators`, as the site asks for them (INDICATORS_FIELDS in queries.ts): picked from the types
// generated from schema.graphql, so a field the site reads that leaves the schema fails the site's type-check.

export type IndicatorShare = Pick<Hub.IndicatorShare, 'noticeCount' | 'noticeShare' | 'amount' | 'amountShare'>;
export type AmountShare = Pick<Hub.AmountShare, 'amount' | 'share'>;
export type Savings = Pick<Hub.SavingsIndicator, 'lotCount' | 'estimatedAmount' | 'awardedAmount' | 'savedAmount' | 'rate'>;
export type Sustainability = Pick<Hub.SustainabilityIndicators, 'target' | 'meetsTarget'> & {
  environmental: Selected<Hub.SustainabilityIndicators['environmental'], IndicatorShare>;
  social: Selected<Hub.SustainabilityIndicators['social'], IndicatorShare>;
  reserved: Selected<Hub.SustainabilityIndicators['reserved'], IndicatorShare>;
  sustainable: Selected<Hub.SustainabilityIndicators['sustainable'], IndicatorShare>;
};
export type Breakdown = Pick<Hub.IndicatorBreakdown, 'key' | 'label' | 'noticeCount' | 'awardedAmount'>;
export type FamilyIndicators = Pick<Hub.FamilyIndicators, 'key' | 'label' | 'noticeCount' | 'awardedAmount'> & {
  sustainability: Selected<Hub.FamilyIndicators['sustainability'], Sustainability>;
  savings: Selected<Hub.FamilyIndicators['savings'], Savings>;
};
export type Indicators = Pick<Hub.Indicators, 'year' | 'organisationSiren' | 'noticeCount' | 'awardedLotCount' | 'awardedAmount'> & {
  sustainability: Selected<Hub.Indicators['sustainability'], Sustainability>;
  suppliers: Selected<
    Hub.Indicators['suppliers'],
    {
      sme: Selected<Hub.SupplierIndicators['sme'], AmountShare>;
      territory: Selected<Hub.SupplierIndicators['territory'], AmountShare>;
      departement: Selected<Hub.SupplierIndicators['departement'], AmountShare>;
    }
  >;
  savings: Selected<Hub.Indicators['savings'], Savings>;
  byCommune: Selected<Hub.Indicators['byCommune'], Breakdown>;
  byNature: Selected<Hub.Indicators['byNature'], Breakdown>;
  byProcedure: Selected<Hub.Indicators['byProcedure'], Breakdown>;
  byFamily: Selected<Hub.Indicators['byFamily'], FamilyIndicators>;
  methods: Selected<Hub.Indicators['methods'], Pick<Hub.IndicatorMethods, 'notices' | 'amounts' | 'sustainability' | 'suppliers' | 'savings'>>;
};
