import { Field, Float, InputType, Int } from 'type-graphql';
import {
  NatureEnum,
  NoticeStatusEnum,
  ProcedureEnum,
  ReservationEnum,
  SupplierModeEnum,
} from './notice.graphql-enums.js';
import type { Nature, Reservation, SupplierMode } from './notice-enums.js';
import type { NoticeStatus } from './notice-lifecycle.js';
import type { Procedure } from './response-times.js';

@InputType()
export class NoticeFilter {
  @Field(() => [NoticeStatusEnum], {
    nullable: true,
    description: 'Default: every public status. PUBLISHED selects notices still open at the time of the query.',
  })
  statuses?: NoticeStatus[];
  @Field(() => String, { nullable: true }) organisationSiren?: string;
  @Field(() => String, { nullable: true, description: 'INSEE code of the place of performance.' })
  communeInseeCode?: string;
  @Field(() => String, { nullable: true }) familySlug?: string;
  @Field(() => NatureEnum, { nullable: true }) nature?: Nature;
  @Field(() => ProcedureEnum, { nullable: true }) procedure?: Procedure;
  @Field(() => String, { nullable: true, description: 'Digits the main CPV code starts with.' }) cpvPrefix?: string;
  @Field(() => String, { nullable: true, description: 'Words of the title, description or reference.' })
  text?: string;
}

@InputType()
export class FrameworkAgreementInput {
  @Field(() => Float, { nullable: true }) maximumAmount?: number | null;
  @Field(() => Int) durationMonths!: number;
  @Field(() => SupplierModeEnum) supplierMode!: SupplierMode;
}

@InputType()
export class LotInput {
  @Field(() => String) title!: string;
  @Field(() => String) cpv!: string;
  @Field(() => Float, { nullable: true }) estimatedValue?: number | null;
}

@InputType({ description: 'A notice as a buyer drafts it. Every field but the organisation can change while it is a draft.' })
export class NoticeDraftInput {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => NatureEnum, { nullable: true }) nature?: Nature;
  @Field(() => ProcedureEnum, { nullable: true }) procedure?: Procedure;
  @Field(() => String, { nullable: true }) mainCpv?: string;
  @Field(() => [String], { nullable: true }) additionalCpvs?: string[];
  @Field(() => String, { nullable: true, description: 'Set the family instead of deriving it from the main CPV.' })
  familySlug?: string | null;
  @Field(() => Float, { nullable: true }) estimatedValue?: number | null;
  @Field(() => Boolean, { nullable: true }) estimatedValuePublic?: boolean;
  @Field(() => String, { nullable: true }) placeOfPerformanceInseeCode?: string | null;
  @Field(() => Date, { nullable: true }) submissionDeadline?: Date;
  @Field(() => Boolean, { nullable: true, description: 'Offers are received electronically (shorter minimum delay).' })
  electronicSubmission?: boolean;
  @Field(() => String, { nullable: true }) buyerProfileUrl?: string;
  @Field(() => String, { nullable: true }) contactEmail?: string;
  @Field(() => Boolean, { nullable: true }) socialClause?: boolean;
  @Field(() => Boolean, { nullable: true }) environmentalClause?: boolean;
  @Field(() => ReservationEnum, { nullable: true }) reservedFor?: Reservation;
  @Field(() => FrameworkAgreementInput, { nullable: true }) frameworkAgreement?: FrameworkAgreementInput | null;
  @Field(() => [LotInput], { nullable: true, description: 'Replaces the lots, numbered 1, 2… in this order.' })
  lots?: LotInput[];
  @Field(() => String, { nullable: true, description: 'A purchasing group the notice is published for; only its coordinator may.' })
  purchasingGroupId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Reference of the published planned purchase this notice launches (null: none); it shows as launched once the notice is published.',
  })
  plannedPurchaseReference?: string | null;
}

@InputType()
export class CreateNoticeInput extends NoticeDraftInput {
  @Field(() => String, { nullable: true, description: 'SIREN of the buyer; defaults to the signed-in buyer’s own.' })
  organisationSiren?: string;
}

@InputType()
export class LotCorrectionInput {
  @Field(() => Int) number!: number;
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => Float, { nullable: true }) estimatedValue?: number | null;
}

@InputType({ description: 'An avis rectificatif: the fields to change and why. Unset fields keep their value.' })
export class NoticeCorrectionInput {
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => Date, { nullable: true }) submissionDeadline?: Date;
  @Field(() => Float, { nullable: true }) estimatedValue?: number | null;
  @Field(() => String, { nullable: true }) buyerProfileUrl?: string;
  @Field(() => String, { nullable: true }) contactEmail?: string;
  @Field(() => Boolean, { nullable: true }) socialClause?: boolean;
  @Field(() => Boolean, { nullable: true }) environmentalClause?: boolean;
  @Field(() => ReservationEnum, { nullable: true }) reservedFor?: Reservation;
  @Field(() => String, { nullable: true }) placeOfPerformanceInseeCode?: string | null;
  @Field(() => [String], { nullable: true }) additionalCpvs?: string[];
  @Field(() => [LotCorrectionInput], { nullable: true }) lots?: LotCorrectionInput[];
}

@InputType()
export class AwardLotInput {
  @Field(() => String) supplierName!: string;
  @Field(() => String, { description: '14 digits; checked with its Luhn key.' }) supplierSiret!: string;
  @Field(() => Boolean, { description: 'Small or medium enterprise.' }) sme!: boolean;
  @Field(() => String, { nullable: true }) supplierCommune?: string | null;
  @Field(() => String, { nullable: true, description: 'INSEE code of the supplier’s commune.' })
  supplierInseeCode?: string | null;
  @Field(() => Float, { description: 'Euros excl. VAT.' }) amount!: number;
  @Field(() => String, { description: 'Date of the award decision, YYYY-MM-DD.' }) awardedOn!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Duration of the contract in months, 1 to 120 (a framework agreement’s own when omitted). DECP requires it: a contract without one is left out of decp.json.',
  })
  durationMonths?: number | null;
}
