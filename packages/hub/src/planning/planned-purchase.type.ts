import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Nature, Reservation } from '../notices/notice-enums.js';
import type { Procedure } from '../notices/response-times.js';
import { NatureEnum, ProcedureEnum, ReservationEnum } from '../notices/notice.graphql-enums.js';
import { amountBand, type AmountBand } from './amount-bands.js';
import { quarterKey, quarterStart, type LaunchQuarter } from './launch-quarter.js';
import type { PlannedPurchaseStatus } from './planned-purchase-lifecycle.js';
import { AmountBandEnum, PlannedPurchaseStatusEnum } from './planned-purchase.graphql-enums.js';
import type { PlannedPurchase } from './planned-purchase.entity.js';

/** The public view of a planned purchase: who in the buyer wrote it never shows. */
@ObjectType('PlannedPurchase', {
  simpleResolvers: true,
  description: 'A line of a buyer’s forward purchasing plan (programmation prévisionnelle des achats).',
})
export class PlannedPurchaseType {
  /** Internal keys for relation loaders; not fields. */
  plannedPurchaseId!: string;
  organisationId!: string;
  familyId!: string | null;
  cpvCode!: string;
  placeOfPerformanceInsee!: string | null;
  noticeId!: string | null;

  @Field(() => String, { description: 'Reference, e.g. PREV-2026-DRA-0003.' }) reference!: string;
  @Field(() => String, { description: 'Objet: what will be bought.' }) subject!: string;
  @Field(() => String) description!: string;
  @Field(() => PlannedPurchaseStatusEnum) status!: PlannedPurchaseStatus;
  @Field(() => NatureEnum) nature!: Nature;
  @Field(() => Int, { description: 'Year of the expected launch.' }) launchYear!: number;
  @Field(() => Int, { description: 'Quarter of the expected launch, 1 to 4 (Paris calendar).' }) launchQuarter!: number;
  @Field(() => String, { description: 'The expected quarter as a key, e.g. 2027-T2.' }) launchQuarterKey!: string;
  @Field(() => Date, { description: 'When the expected quarter begins.' }) launchQuarterStart!: Date;
  @Field(() => AmountBandEnum) amountBand!: AmountBand;
  @Field(() => Float, { description: 'Lower edge of the band, euros excl. VAT (included).' }) amountMin!: number;
  @Field(() => Float, { nullable: true, description: 'Upper edge of the band, euros excl. VAT (excluded); null for the last band.' })
  amountMax!: number | null;
  @Field(() => ProcedureEnum, { description: 'The procedure expected.' }) procedure!: Procedure;
  @Field(() => Boolean, { description: 'An environmental clause is intended.' }) environmentalClause!: boolean;
  @Field(() => Boolean, { description: 'A social clause is intended.' }) socialClause!: boolean;
  @Field(() => ReservationEnum, { description: 'A reserved contract or lot is intended.' }) reservedFor!: Reservation;
  @Field(() => String, { description: 'The service to contact, never a person.' }) contactService!: string;
  @Field(() => String, { description: 'A function address of that service, never a person’s.' }) contactEmail!: string;
  @Field(() => Date, { nullable: true, description: 'When it was announced in the plan.' }) publishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => String, { nullable: true }) withdrawalReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the notice that launched it was published.' }) launchedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;

  static from(plan: PlannedPurchase): PlannedPurchaseType {
    const quarter: LaunchQuarter = { year: plan.launchYear, quarter: plan.launchQuarter as LaunchQuarter['quarter'] };
    const band = amountBand(plan.amountBand);
    return Object.assign(new PlannedPurchaseType(), {
      plannedPurchaseId: plan.id,
      organisationId: plan.organisation.id,
      familyId: plan.family?.id ?? null,
      cpvCode: plan.cpv,
      placeOfPerformanceInsee: plan.placeOfPerformanceInsee,
      // The notice shows only once it launched the plan: while it is a draft, it is secret.
      noticeId: plan.status === 'LAUNCHED' ? (plan.notice?.id ?? null) : null,
      reference: plan.reference,
      subject: plan.subject,
      description: plan.description,
      status: plan.status,
      nature: plan.nature,
      launchYear: plan.launchYear,
      launchQuarter: plan.launchQuarter,
      launchQuarterKey: quarterKey(quarter),
      launchQuarterStart: quarterStart(quarter),
      amountBand: plan.amountBand,
      amountMin: band.min,
      amountMax: band.max,
      procedure: plan.procedure,
      environmentalClause: plan.environmentalClause,
      socialClause: plan.socialClause,
      reservedFor: plan.reservedFor,
      contactService: plan.contactService,
      contactEmail: plan.contactEmail,
      publishedAt: plan.publishedAt,
      withdrawnAt: plan.withdrawnAt,
      withdrawalReason: plan.withdrawalReason,
      launchedAt: plan.launchedAt,
      updatedAt: plan.updatedAt,
    });
  }
}
