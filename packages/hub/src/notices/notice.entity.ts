import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  Property,
  Unique,
  type Ref, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { PROCEDURES, type Procedure } from './response-times.js';
import { NATURES, RESERVATIONS, SUPPLIER_MODES, type Nature, type Reservation, type SupplierMode } from './notice-enums.js';
import { NOTICE_STATUSES, type NoticeStatus } from './notice-lifecycle.js';
import { Lot } from './lot.entity.js';
import { Corrigendum } from './corrigendum.entity.js';
import { PurchasingGroup } from '../purchasing-groups/purchasing-group.entity.js';

@Entity({ tableName: 'notice' })
@Index({ properties: ['status', 'submissionDeadline'] })
@Index({ properties: ['status', 'publishedAt'] })
@Index({ properties: ['submissionDeadline', 'reference'] })
@Index({ properties: ['publishedAt', 'reference'] })
// Imports find a notice again by its identifier at the source, so importing a file twice updates instead of duplicating.
@Unique({ properties: ['sourceSystem', 'sourceId'] })
export class Notice extends BaseEntity {
  @Property({ type: 'string', length: 20 })
  @Unique()
  reference!: string;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @Enum({ items: () => NATURES, type: 'string' })
  nature!: Nature;

  @Enum({ items: () => PROCEDURES, type: 'string' })
  procedure!: Procedure;

  @Property({ type: 'string', length: 10 })
  mainCpv!: string;

  @Property({ type: 'json' })
  additionalCpvs: Opt<string[]> = [];

  @ManyToOne(() => PurchasingFamily, { ref: true, nullable: true })
  family: Ref<PurchasingFamily> | null = null;

  /** True when a buyer chose the family; otherwise it follows the main CPV. */
  @Property({ type: 'boolean' })
  familyChosenByBuyer: Opt<boolean> = false;

  @Property({ type: 'double', nullable: true })
  estimatedValue: number | null = null;

  @Property({ type: 'boolean' })
  estimatedValuePublic: Opt<boolean> = true;

  @Property({ type: 'string', length: 5, nullable: true })
  @Index()
  placeOfPerformanceInsee: string | null = null;

  @Property({ type: 'datetime' })
  submissionDeadline!: Date;

  @Property({ type: 'boolean' })
  electronicSubmission: Opt<boolean> = true;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'string', length: 500 })
  buyerProfileUrl!: string;

  @Property({ type: 'string', length: 254 })
  contactEmail!: string;

  @Property({ type: 'boolean' })
  socialClause: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  environmentalClause: Opt<boolean> = false;

  @Enum({ items: () => RESERVATIONS, type: 'string' })
  reservedFor: Opt<Reservation> = 'NONE';

  @Property({ type: 'boolean' })
  frameworkAgreement: Opt<boolean> = false;

  @Property({ type: 'double', nullable: true })
  frameworkMaximumAmount: number | null = null;

  @Property({ type: 'integer', nullable: true })
  frameworkDurationMonths: number | null = null;

  @Enum({ items: () => SUPPLIER_MODES, type: 'string', nullable: true })
  frameworkSupplierMode: SupplierMode | null = null;

  /** Set when the notice is published by a group's coordinator on behalf of its members. */
  @ManyToOne(() => PurchasingGroup, { ref: true, nullable: true })
  purchasingGroup: Ref<PurchasingGroup> | null = null;

  @Enum({ items: () => NOTICE_STATUSES, type: 'string' })
  status: Opt<NoticeStatus> = 'DRAFT';

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  /** Title, description and reference folded (lowercase, no accents) for word search on any database. */
  @Property({ type: 'text', lazy: true })
  searchText: Opt<string> = '';

  /** For an imported notice, the inactive import account (see `opendata/import/import-account.ts`). */
  @ManyToOne(() => StaffMember, { ref: true })
  createdBy!: Ref<StaffMember>;

  /** Where an imported notice comes from (BOAMP, TED, DECP, OCDS); null for a notice written here. */
  @Property({ type: 'string', length: 10, nullable: true })
  sourceSystem: string | null = null;

  /** Its identifier there (BOAMP IDWEB, TED publication number, DECP contract id, OCDS ocid). */
  @Property({ type: 'string', length: 120, nullable: true })
  sourceId: string | null = null;

  /**
   * The date of the source record the notice's call values (title, dates, value, lots) come from, when the source
   * dates its records (an OCDS release's `date`): a record dated before it fills only what is missing, so importing
   * releases in any order ends the same. Null for the other formats.
   */
  @Property({ type: 'datetime', nullable: true })
  sourceDate: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  importedAt: Date | null = null;

  /**
   * For an imported notice, the content hash of the one source record it was last written from
   * (`opendata/import/record-hash.ts`), or null when several records of one file made it: importing that record again
   * skips it without reading the notice. The importer's bookkeeping: written without a new version, never serialised.
   */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  sourceHash: string | null = null;

  @OneToMany(() => Lot, (lot) => lot.notice, { orderBy: { number: 'asc' } })
  lots = new Collection<Lot>(this);

  @OneToMany(() => Corrigendum, (corrigendum) => corrigendum.notice, { orderBy: { publishedAt: 'asc' } })
  corrigenda = new Collection<Corrigendum>(this);

  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}
