import { Field, Int, ObjectType } from 'type-graphql';
import type { AlertCriterionKind } from './alert-subscription-counts.js';
import { AlertCriterionKindEnum } from './alert.graphql-enums.js';

@ObjectType('AlertCriterionCount', { simpleResolvers: true })
export class AlertCriterionCountType {
  @Field(() => AlertCriterionKindEnum) kind!: AlertCriterionKind;
  @Field(() => Int, { description: 'Confirmed subscriptions setting this kind of criterion.' }) subscriptions!: number;
}

@ObjectType('AlertSubscriptionCounts', { simpleResolvers: true, description: 'How many subscribe to the e-mail alerts: counts only, no address.' })
export class AlertSubscriptionCountsType {
  @Field(() => Int) confirmed!: number;
  @Field(() => Int, { description: 'Waiting for their confirmation link (deleted after 7 days).' }) pending!: number;
  @Field(() => Int, { description: 'Confirmed ones mailed at each match.' }) immediate!: number;
  @Field(() => Int, { description: 'Confirmed ones mailed a daily digest.' }) daily!: number;
  @Field(() => [AlertCriterionCountType], { description: 'Confirmed ones per kind of criterion (one counts in each kind it sets).' })
  byCriterion!: AlertCriterionCountType[];
}
