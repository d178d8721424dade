import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('IndicatorShare', { description: 'How many notices, and how much awarded amount, meet a criterion.' })
export class IndicatorShareType {
  @Field(() => Int) noticeCount!: number;
  @Field(() => Float, { nullable: true, description: '0 to 1; null without notices.' }) noticeShare!: number | null;
  @Field(() => Float, { description: 'Euros excl. VAT.' }) amount!: number;
  @Field(() => Float, { nullable: true, description: '0 to 1; null when nothing is awarded.' }) amountShare!: number | null;
}

@ObjectType('AmountShare')
export class AmountShareType {
  @Field(() => Float, { description: 'Euros excl. VAT.' }) amount!: number;
  @Field(() => Float, { nullable: true, description: '0 to 1 of the awarded amount; null when nothing is awarded.' })
  share!: number | null;
}

@ObjectType('SustainabilityIndicators', { description: 'Clauses and reserved contracts, against the target.' })
export class SustainabilityType {
  @Field(() => IndicatorShareType) environmental!: IndicatorShareType;
  @Field(() => IndicatorShareType) social!: IndicatorShareType;
  @Field(() => IndicatorShareType, { description: 'Reserved for the disability or insertion sectors.' }) reserved!: IndicatorShareType;
  @Field(() => IndicatorShareType, { description: 'At least one of the three.' }) sustainable!: IndicatorShareType;
  @Field(() => Float, { description: 'Target share of sustainable notices, 0 to 1 (configured per family).' }) target!: number;
  @Field(() => Boolean, { nullable: true, description: 'The share of sustainable notices reaches the target.' })
  meetsTarget!: boolean | null;
}

@ObjectType('SupplierIndicators')
export class SupplierIndicatorsType {
  @Field(() => AmountShareType, { description: 'Awarded to small and medium enterprises.' }) sme!: AmountShareType;
  @Field(() => AmountShareType, { description: 'Awarded to suppliers in a commune of the agglomeration.' })
  territory!: AmountShareType;
  @Field(() => AmountShareType, { description: 'Awarded to suppliers in the département (Var).' }) departement!: AmountShareType;
}

@ObjectType('SavingsIndicator', { description: 'Estimated versus awarded amount of the awarded lots with an estimate.' })
export class SavingsType {
  @Field(() => Int) lotCount!: number;
  @Field(() => Float) estimatedAmount!: number;
  @Field(() => Float) awardedAmount!: number;
  @Field(() => Float, { description: 'Estimated minus awarded; negative when awards exceed estimates.' }) savedAmount!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType('IndicatorBreakdown', { description: 'Counts and amounts for one commune, nature, procedure or family.' })
export class BreakdownType {
  @Field(() => String, { nullable: true, description: 'INSEE code, enum value or family slug; null: not given.' })
  key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int) noticeCount!: number;
  @Field(() => Float) awardedAmount!: number;
}

@ObjectType('FamilyIndicators')
export class FamilyIndicatorsType extends BreakdownType {
  @Field(() => SustainabilityType) sustainability!: SustainabilityType;
  @Field(() => SavingsType) savings!: SavingsType;
}

@ObjectType('IndicatorMethods', { description: 'How each figure is computed, in French, for readers of the figures.' })
export class IndicatorMethodsType {
  @Field(() => String) notices!: string;
  @Field(() => String) amounts!: string;
  @Field(() => String) sustainability!: string;
  @Field(() => String) suppliers!: string;
  @Field(() => String) savings!: string;
}

@ObjectType('Indicators', { description: 'Public aggregates computed from the notices and awards; nothing typed in by hand.' })
export class IndicatorsType {
  @Field(() => Int, { nullable: true, description: 'Null: every year.' }) year!: number | null;
  @Field(() => String, { nullable: true, description: 'Null: every organisation.' }) organisationSiren!: string | null;
  @Field(() => String, { nullable: true, description: 'Null: every family.' }) familySlug!: string | null;
  @Field(() => Int) noticeCount!: number;
  @Field(() => Int) awardedLotCount!: number;
  @Field(() => Float, { description: 'Euros excl. VAT.' }) awardedAmount!: number;
  @Field(() => SustainabilityType) sustainability!: SustainabilityType;
  @Field(() => SupplierIndicatorsType) suppliers!: SupplierIndicatorsType;
  @Field(() => SavingsType) savings!: SavingsType;
  @Field(() => [BreakdownType], { description: 'Per commune of performance.' }) byCommune!: BreakdownType[];
  @Field(() => [BreakdownType]) byNature!: BreakdownType[];
  @Field(() => [BreakdownType]) byProcedure!: BreakdownType[];
  @Field(() => [FamilyIndicatorsType]) byFamily!: FamilyIndicatorsType[];
  @Field(() => IndicatorMethodsType) methods!: IndicatorMethodsType;
}
