import { Entity, Enum, Index, ManyToOne, OneToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { NATURES, RESERVATIONS, type Nature, type Reservation } from '../notices/notice-enums.js';
import { Notice } from '../notices/notice.entity.js';
import { PROCEDURES, type Procedure } from '../notices/response-times.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { AMOUNT_BAND_CODES, type AmountBand } from './amount-bands.js';
import { PLANNED_PURCHASE_STATUSES, type PlannedPurchaseStatus } from './planned-purchase-lifecycle.js';

/**
 * One line of an organisation's forward purchasing plan (programmation prévisionnelle des achats): what it means to
 * buy, roughly when and for roughly how much, so local businesses can prepare before the notice appears.
 */
@Entity({ tableName: 'planned_purchase' })
@Index({ properties: ['status', 'launchYear', 'launchQuarter'] })
export class PlannedPurchase extends BaseEntity {
  /** PREV-YYYY-ORG-NNNN, numbered per organisation and year of creation; also the OCDS ocid's suffix. */
  @Property({ type: 'string', length: 24 })
  @Unique()
  reference!: string;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Property({ type: 'text' })
  description: Opt<string> = '';

  @Enum({ items: () => NATURES, type: 'string' })
  nature!: Nature;

  @Property({ type: 'string', length: 10 })
  cpv!: string;

  @ManyToOne(() => PurchasingFamily, { ref: true, nullable: true })
  family: Ref<PurchasingFamily> | null = null;

  /** True when staff chose the family; otherwise it follows the CPV code. */
  @Property({ type: 'boolean' })
  familyChosenByBuyer: Opt<boolean> = false;

  @Property({ type: 'integer' })
  launchYear!: number;

  /** 1 to 4. */
  @Property({ type: 'integer' })
  launchQuarter!: number;

  @Enum({ items: () => AMOUNT_BAND_CODES, type: 'string' })
  amountBand!: AmountBand;

  @Enum({ items: () => PROCEDURES, type: 'string' })
  procedure!: Procedure;

  @Property({ type: 'string', length: 5, nullable: true })
  placeOfPerformanceInsee: string | null = null;

  @Property({ type: 'boolean' })
  environmentalClause: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  socialClause: Opt<boolean> = false;

  @Enum({ items: () => RESERVATIONS, type: 'string' })
  reservedFor: Opt<Reservation> = 'NONE';

  /** The service to ask (e.g. « Service de la commande publique »), never a person. */
  @Property({ type: 'string', length: 200 })
  contactService!: string;

  /** A function address; a staff member's own address is refused. */
  @Property({ type: 'string', length: 254 })
  contactEmail!: string;

  @Enum({ items: () => PLANNED_PURCHASE_STATUSES, type: 'string' })
  status: Opt<PlannedPurchaseStatus> = 'DRAFT';

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  withdrawalReason: string | null = null;

  /** The notice that launches it: set while that notice is a draft, public once it is published (LAUNCHED). */
  @OneToOne(() => Notice, { ref: true, nullable: true, owner: true, unique: true })
  notice: Ref<Notice> | null = null;

  @Property({ type: 'datetime', nullable: true })
  launchedAt: Date | null = null;

  @ManyToOne(() => StaffMember, { ref: true })
  createdBy!: Ref<StaffMember>;

  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}
