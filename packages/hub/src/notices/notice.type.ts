import { Field, Float, Int, ObjectType } from 'type-graphql';
import {
  LotStatusEnum,
  NatureEnum,
  NoticeStatusEnum,
  ProcedureEnum,
  ReservationEnum,
  SupplierModeEnum,
} from './notice.graphql-enums.js';
import type { LotStatus, Nature, Reservation, SupplierMode } from './notice-enums.js';
import type { NoticeStatus } from './notice-lifecycle.js';
import { effectiveStatus } from './notice-lifecycle.js';
import type { Procedure } from './response-times.js';
import type { Notice } from './notice.entity.js';
import type { LotRecord } from './lot.read-model.js';
import { noticeRecordOf, type NoticeRecord } from './notice.read-model.js';
import type { Corrigendum } from './corrigendum.entity.js';
import { fieldLabel } from './correctable-fields.js';
import { CpvType } from '../cpv/cpv.type.js';
import { cpvTypeOf } from './cpv-view.js';
import type { OrganisationType } from '../organisations/organisation.type.js';

@ObjectType('FrameworkAgreement', { simpleResolvers: true, description: 'Accord-cadre.' })
export class FrameworkAgreementType {
  @Field(() => Float, { nullable: true, description: 'Maximum amount, euros excl. VAT.' }) maximumAmount!: number | null;
  @Field(() => Int) durationMonths!: number;
  @Field(() => SupplierModeEnum) supplierMode!: SupplierMode;
  /** Internal key for the orders and consumption resolvers; not a field. */
  noticeId!: string;
}

@ObjectType('CoSupplier', { simpleResolvers: true, description: 'Another holder of a lot awarded to several suppliers.' })
export class CoSupplierType {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) siret!: string | null;
}

@ObjectType('Award', { simpleResolvers: true, description: 'Attribution of a lot.' })
export class AwardType {
  @Field(() => String) supplierName!: string;
  @Field(() => String, { nullable: true, description: 'Null when the source of an imported award gave none.' })
  supplierSiret!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The supplier is a small or medium enterprise (PME); null when unknown.' })
  sme!: boolean | null;
  @Field(() => String, { nullable: true }) supplierCommune!: string | null;
  @Field(() => Float, { nullable: true, description: 'Euros excl. VAT; null when an imported award gave no amount.' })
  amount!: number | null;
  @Field(() => String, { description: 'Date of the award decision, YYYY-MM-DD.' }) awardedOn!: string;
  @Field(() => [CoSupplierType], { description: 'Other holders when the lot went to several suppliers (multi-attributaire).' })
  coSuppliers!: CoSupplierType[];
}

@ObjectType('Lot', { simpleResolvers: true })
export class LotType {
  @Field(() => Int) number!: number;
  @Field(() => String) title!: string;
  /** A plain field, not a resolver: a page of 50 notices shows 150 lots, each resolver call costs. */
  @Field(() => CpvType) cpv!: CpvType;
  @Field(() => Float, { nullable: true, description: 'Euros excl. VAT, when public.' }) estimatedValue!: number | null;
  @Field(() => LotStatusEnum) status!: LotStatus;
  @Field(() => AwardType, { nullable: true }) award!: AwardType | null;
  @Field(() => String, { nullable: true }) unsuccessfulReason!: string | null;

  static from(lot: LotRecord, valuesPublic: boolean): LotType {
    const award = lot.award;
    return Object.assign(new LotType(), {
      number: lot.number,
      title: lot.title,
      cpv: lot.cpv === undefined ? undefined : cpvTypeOf(lot.cpv),
      estimatedValue: valuesPublic ? lot.estimatedValue : null,
      status: lot.status,
      unsuccessfulReason: lot.unsuccessfulReason,
      award: award
        ? Object.assign(new AwardType(), {
            supplierName: award.supplierName,
            supplierSiret: award.supplierSiret,
            sme: award.sme,
            supplierCommune: award.supplierCommune,
            amount: award.amount,
            awardedOn: award.awardedOn,
            coSuppliers: award.coSuppliers.map((supplier) =>
              Object.assign(new CoSupplierType(), { name: supplier.name, siret: supplier.siret }),
            ),
          })
        : null,
    });
  }
}

@ObjectType('FieldChange', { simpleResolvers: true, description: 'One field changed by a correction, from what to what.' })
export class FieldChangeType {
  @Field(() => String) field!: string;
  @Field(() => String, { description: 'French label of the field, e.g. « Date limite de remise des offres ».' })
  label!: string;
  @Field(() => String, { nullable: true }) before!: string | null;
  @Field(() => String, { nullable: true }) after!: string | null;
}

@ObjectType('Corrigendum', { simpleResolvers: true, description: 'Avis rectificatif: when and why a published notice was corrected.' })
export class CorrigendumType {
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String) reason!: string;
  @Field(() => [FieldChangeType]) changes!: FieldChangeType[];

  static from(corrigendum: Corrigendum): CorrigendumType {
    return Object.assign(new CorrigendumType(), {
      publishedAt: corrigendum.publishedAt,
      reason: corrigendum.reason,
      changes: corrigendum.changes.map((change) =>
        Object.assign(new FieldChangeType(), { ...change, label: fieldLabel(change.field) }),
      ),
    });
  }
}

export interface ReadAlong {
  organisation?: OrganisationType | undefined;
  lots?: LotType[] | undefined;
}

@ObjectType('Notice', { simpleResolvers: true, description: 'Avis d’appel public à la concurrence.' })
export class NoticeType {
  /** Internal keys for relation loaders; not fields. */
  noticeId!: string;
  /** Relations read with the notice (the public listing reads a page's buyers and lots with it); not a field. */
  read: ReadAlong = {};
  organisationId!: string;
  familyId!: string | null;
  mainCpvCode!: string;
  additionalCpvCodes!: string[];
  placeOfPerformanceInsee!: string | null;
  purchasingGroupId!: string | null;
  /** The estimate as stored, public or not, and a framework agreement's maximum: the publicity rule reads them. */
  estimateForRules!: number | null;
  frameworkMaximumForRules!: number | null;

  @Field(() => String, { description: 'Human reference, e.g. 2026-DRA-0042.' }) reference!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => NoticeStatusEnum) status!: NoticeStatus;
  @Field(() => Boolean, { description: 'Published and its deadline is in the future, computed when read.' })
  isOpen!: boolean;
  @Field(() => NatureEnum) nature!: Nature;
  @Field(() => ProcedureEnum) procedure!: Procedure;
  @Field(() => Float, { nullable: true, description: 'Euros excl. VAT; null when the buyer keeps it private.' })
  estimatedValue!: number | null;
  @Field(() => Date, { description: 'Date limite de remise des offres.' }) submissionDeadline!: Date;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { description: 'The consultation on the buyer profile: documents and offers.' })
  buyerProfileUrl!: string;
  @Field(() => String, { description: 'A function address of the buyer, never a person’s.' }) contactEmail!: string;
  @Field(() => Boolean) socialClause!: boolean;
  @Field(() => Boolean) environmentalClause!: boolean;
  @Field(() => ReservationEnum) reservedFor!: Reservation;
  @Field(() => FrameworkAgreementType, { nullable: true }) frameworkAgreement!: FrameworkAgreementType | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true }) cancellationReason!: string | null;
  @Field(() => Date) updatedAt!: Date;

  static from(notice: Notice, now: Date): NoticeType {
    return NoticeType.fromRecord(noticeRecordOf(notice), now);
  }

  /** From plain values, as the public listing reads them (`notice.read-model.ts`), with what it read along. */
  static fromRecord(notice: NoticeRecord, now: Date, read: ReadAlong = {}): NoticeType {
    const status = effectiveStatus(notice.status, notice.submissionDeadline, now);
    return Object.assign(new NoticeType(), {
      read,
      noticeId: notice.id,
      organisationId: notice.organisationId,
      familyId: notice.familyId,
      mainCpvCode: notice.mainCpv,
      additionalCpvCodes: notice.additionalCpvs,
      placeOfPerformanceInsee: notice.placeOfPerformanceInsee,
      purchasingGroupId: notice.purchasingGroupId,
      estimatedValuePublic: notice.estimatedValuePublic,
      estimateForRules: notice.estimatedValue,
      frameworkMaximumForRules: notice.frameworkAgreement ? notice.frameworkMaximumAmount : null,
      reference: notice.reference,
      title: notice.title,
      description: notice.description,
      status,
      isOpen: status === 'PUBLISHED',
      nature: notice.nature,
      procedure: notice.procedure,
      estimatedValue: notice.estimatedValuePublic ? notice.estimatedValue : null,
      submissionDeadline: notice.submissionDeadline,
      publishedAt: notice.publishedAt,
      closedAt: notice.closedAt ?? (status === 'CLOSED' && notice.status === 'PUBLISHED' ? notice.submissionDeadline : null),
      buyerProfileUrl: notice.buyerProfileUrl,
      contactEmail: notice.contactEmail,
      socialClause: notice.socialClause,
      environmentalClause: notice.environmentalClause,
      reservedFor: notice.reservedFor,
      frameworkAgreement: notice.frameworkAgreement
        ? Object.assign(new FrameworkAgreementType(), {
            maximumAmount: notice.frameworkMaximumAmount,
            durationMonths: notice.frameworkDurationMonths ?? 0,
            supplierMode: notice.frameworkSupplierMode ?? 'SINGLE',
            noticeId: notice.id,
          })
        : null,
      cancelledAt: notice.cancelledAt,
      cancellationReason: notice.cancellationReason,
      updatedAt: notice.updatedAt,
    });
  }

  estimatedValuePublic!: boolean;
}
