// Generated from schema.graphql by site/scripts/generate-hub-types.mjs: do not edit, run `pnpm site:types`.
// Every GraphQL type of the hub as JSON brings it: a nullable field may be null, a list is an array.

/** A link to a document the asker points to. */
export interface AdviceAttachment {
  label: string;
  url: string;
}

export interface AdviceAttachmentInput {
  /** What the document is; the link’s host when left out. */
  label?: string | null;
  /** An http(s) address. */
  url: string;
}

/** The advice requests of one year about one purchasing family; never who. */
export interface AdviceFamilyStatistics {
  /** Of them, how many have had an answer. Null when withheld: see `withheld`. */
  answeredCount: number | null;
  family: PurchasingFamily;
  /** Why medianWorkingDaysToFirstAnswer is null although requests were answered; null when it is published or nothing was answered. */
  medianWithheld: AdviceFiguresWithheldReason | null;
  /** Median of the working days from the question to its first answer, among the answered requests (the day of the question not counted; Saturdays, Sundays and French public holidays not counted; 0: answered the same day). Null when nothing was answered or when withheld. */
  medianWorkingDaysToFirstAnswer: number | null;
  /** Requests asked (whatever became of them). Null when withheld: see `withheld`. */
  requestCount: number | null;
  /** Why requestCount, answeredCount and the median are null; null when they are published. */
  withheld: AdviceFiguresWithheldReason | null;
}

/** Why public advice figures are withheld (their values are then null). SMALL: the requests were asked by fewer than 3 people, whose questions the figures would describe. COMPLEMENTARY: enough people, but published with the year’s total the figures would give away those of the SMALL groups (total minus the published groups). FEW_EXPERTS (medians only): the first answers were written by fewer than 3 experts, whose own pace the median would show. */
export type AdviceFiguresWithheldReason = 'COMPLEMENTARY' | 'FEW_EXPERTS' | 'SMALL';

/** One message of an advice request’s thread. */
export interface AdviceMessage {
  author: StaffMember;
  body: string;
  id: string;
  kind: AdviceMessageKind;
  postedAt: string;
}

/** MESSAGE: a message of the thread; ANSWER: the expert’s answer; REOPENING / CLOSING: why the request was reopened or closed. */
export type AdviceMessageKind = 'ANSWER' | 'CLOSING' | 'MESSAGE' | 'REOPENING';

/** A commune’s request for advice to the agglomeration’s procurement direction. */
export interface AdviceRequest {
  /** Who asked. */
  askedBy: StaffMember;
  assignedAt: string | null;
  attachments: AdviceAttachment[];
  closedAt: string | null;
  /** When the answer is due: working days after the request (or its last reopening). */
  dueAt: string;
  /** The expert of the direction who answers; null while the admins have to name one. */
  expert: StaffMember | null;
  family: PurchasingFamily;
  firstAnsweredAt: string | null;
  id: string;
  /** The thread, oldest first: messages, answers, reasons for closing and reopening. */
  messages: AdviceMessage[];
  /** The asking organisation. */
  organisation: Organisation;
  /** Awaiting an answer past its due date, when read. */
  overdue: boolean;
  /** Its answer is in the knowledge base. */
  publishedInKnowledgeBase: boolean;
  question: string;
  /** E.g. CONSEIL-2026-0007. */
  reference: string;
  /** The notice the question is about, when you may read it. */
  relatedNotice: Notice | null;
  /** The planned purchase the question is about, when you may read it. */
  relatedPlannedPurchase: PlannedPurchase | null;
  stage: AdviceStage;
  /** French name of the stage. */
  stageLabel: string;
  state: AdviceState;
  subject: string;
  submittedAt: string;
  /** YYYY-MM-DD: when the asker would like an answer. */
  wishedAnswerDate: string | null;
}

export interface AdviceRequestConnection {
  edges: AdviceRequestEdge[];
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over every page. */
  totalCount: number;
}

export interface AdviceRequestEdge {
  cursor: string;
  node: AdviceRequest;
}

export interface AdviceRequestFilter {
  /** Only the requests you are the expert of. */
  mine?: boolean | null;
  /** Only the requests awaiting an answer past their due date (admins, or your own with `mine`). */
  overdue?: boolean | null;
  states?: AdviceState[] | null;
}

/** Stage of the purchasing chain: NEED (Définition du besoin), SOURCING (Sourçage des fournisseurs), PROCEDURE (Choix de la procédure), DRAFTING (Rédaction de la consultation), ANALYSIS (Analyse des offres), NEGOTIATION (Négociation), EXECUTION (Exécution du marché). */
export type AdviceStage = 'ANALYSIS' | 'DRAFTING' | 'EXECUTION' | 'NEED' | 'NEGOTIATION' | 'PROCEDURE' | 'SOURCING';

/** The advice requests of one year at one stage of the purchasing chain; never who. */
export interface AdviceStageStatistics {
  /** Of them, how many have had an answer. Null when withheld: see `withheld`. */
  answeredCount: number | null;
  /** The stage in French, e.g. « Analyse des offres ». */
  label: string;
  /** Why medianWorkingDaysToFirstAnswer is null although requests were answered; null when it is published or nothing was answered. */
  medianWithheld: AdviceFiguresWithheldReason | null;
  /** Median of the working days from the question to its first answer, among the answered requests (the day of the question not counted; Saturdays, Sundays and French public holidays not counted; 0: answered the same day). Null when nothing was answered or when withheld. */
  medianWorkingDaysToFirstAnswer: number | null;
  /** Requests asked (whatever became of them). Null when withheld: see `withheld`. */
  requestCount: number | null;
  stage: AdviceStage;
  /** Why requestCount, answeredCount and the median are null; null when they are published. */
  withheld: AdviceFiguresWithheldReason | null;
}

/** SUBMITTED: waiting for the direction to name an expert; ASSIGNED: an expert is to answer; ANSWERED: answered; CLOSED: done or withdrawn. ANSWERED and CLOSED requests may be reopened with a reason. */
export type AdviceState = 'ANSWERED' | 'ASSIGNED' | 'CLOSED' | 'SUBMITTED';

/** The advice the agglomeration’s procurement direction gives the communes, as public aggregates: never a question, an asker or an expert, and no figure describing one or two people. */
export interface AdviceStatistics {
  /** The fewest distinct people a published figure may describe. */
  minimumPeople: number;
  /** Years with at least one request, most recent first. */
  years: AdviceYearStatistics[];
}

/** The advice requests asked in one year (Paris calendar), as aggregates: the year’s total, then per stage and per family. */
export interface AdviceYearStatistics {
  /** Of them, how many have had an answer. Null when withheld: see `withheld`. */
  answeredCount: number | null;
  /** Every purchasing family, in the families’ order. */
  families: AdviceFamilyStatistics[];
  /** Why medianWorkingDaysToFirstAnswer is null although requests were answered; null when it is published or nothing was answered. */
  medianWithheld: AdviceFiguresWithheldReason | null;
  /** Median of the working days from the question to its first answer, among the answered requests (the day of the question not counted; Saturdays, Sundays and French public holidays not counted; 0: answered the same day). Null when nothing was answered or when withheld. */
  medianWorkingDaysToFirstAnswer: number | null;
  /** Requests asked (whatever became of them). Null when withheld: see `withheld`. */
  requestCount: number | null;
  /** Every stage of the purchasing chain, in the chain’s order. */
  stages: AdviceStageStatistics[];
  /** Why requestCount, answeredCount and the median are null; null when they are published. */
  withheld: AdviceFiguresWithheldReason | null;
  year: number;
}

export interface AlertCriterionCount {
  kind: AlertCriterionKind;
  /** Confirmed subscriptions setting this kind of criterion. */
  subscriptions: number;
}

/** A kind of criterion of an e-mail alert. NONE: no criterion, every notice; PLANNED_PURCHASES: planned purchases too. */
export type AlertCriterionKind = 'AMOUNT' | 'BUYERS' | 'COMMUNES' | 'CPV_PREFIXES' | 'FAMILIES' | 'KEYWORDS' | 'NONE' | 'PLANNED_PURCHASES' | 'PROCEDURES';

/** How many subscribe to the e-mail alerts: counts only, no address. */
export interface AlertSubscriptionCounts {
  /** Confirmed ones per kind of criterion (one counts in each kind it sets). */
  byCriterion: AlertCriterionCount[];
  confirmed: number;
  /** Confirmed ones mailed a daily digest. */
  daily: number;
  /** Confirmed ones mailed at each match. */
  immediate: number;
  /** Waiting for their confirmation link (deleted after 7 days). */
  pending: number;
}

/** Estimated amount, euros excl. VAT: BELOW_40K moins de 40 000 € HT; FROM_40K_TO_90K de 40 000 € à 90 000 € HT; FROM_90K_TO_216K de 90 000 € à 216 000 € HT; FROM_216K_TO_1M de 216 000 € à 1 000 000 € HT; FROM_1M_TO_5M de 1 000 000 € à 5 000 000 € HT; ABOVE_5M plus de 5 000 000 € HT. */
export type AmountBand = 'ABOVE_5M' | 'BELOW_40K' | 'FROM_1M_TO_5M' | 'FROM_40K_TO_90K' | 'FROM_90K_TO_216K' | 'FROM_216K_TO_1M';

export interface AmountShare {
  /** Euros excl. VAT. */
  amount: number;
  /** 0 to 1 of the awarded amount; null when nothing is awarded. */
  share: number | null;
}

export interface AskAdviceInput {
  /** At most 10 links. */
  attachments?: AdviceAttachmentInput[] | null;
  /** The purchasing family, e.g. restauration. */
  familySlug: string;
  /** Admins only: the organisation asking, when they record a request for it. Default: your own. */
  organisationSiren?: string | null;
  question: string;
  /** A notice the question is about, e.g. 2026-LOR-0003. */
  relatedNoticeReference?: string | null;
  /** A planned purchase of the forward plan the question is about, e.g. PREV-2027-LOR-0002. */
  relatedPlannedPurchaseReference?: string | null;
  stage: AdviceStage;
  /** A short title, e.g. « Choix de procédure pour la cantine ». */
  subject: string;
  /** YYYY-MM-DD, today or later. */
  wishedAnswerDate?: string | null;
}

/** Attribution of a lot. */
export interface Award {
  /** Euros excl. VAT; null when an imported award gave no amount. */
  amount: number | null;
  /** Date of the award decision, YYYY-MM-DD. */
  awardedOn: string;
  /** Other holders when the lot went to several suppliers (multi-attributaire). */
  coSuppliers: CoSupplier[];
  /** The supplier is a small or medium enterprise (PME); null when unknown. */
  sme: boolean | null;
  supplierCommune: string | null;
  supplierName: string;
  /** Null when the source of an imported award gave none. */
  supplierSiret: string | null;
}

export interface AwardLotInput {
  /** Euros excl. VAT. */
  amount: number;
  /** Date of the award decision, YYYY-MM-DD. */
  awardedOn: string;
  /** Duration of the contract in months, 1 to 120 (a framework agreement’s own when omitted). DECP requires it: a contract without one is left out of decp.json. */
  durationMonths?: number | null;
  /** Small or medium enterprise. */
  sme: boolean;
  supplierCommune?: string | null;
  /** INSEE code of the supplier’s commune. */
  supplierInseeCode?: string | null;
  supplierName: string;
  /** 14 digits; checked with its Luhn key. */
  supplierSiret: string;
}

/** How many staff signed the current charter: aggregates only. */
export interface CharterAdoption {
  /** Active staff accounts of the territory. Null when withheld: see `withheld`. */
  headcount: number | null;
  /** Organisations that have active staff accounts, by kind then name; each with its figures or why they are withheld. */
  organisations: OrganisationCharterAdoption[];
  /** Of them, how many signed the current version. Null when withheld: see `withheld`. */
  signedCount: number | null;
  /** signedCount / headcount, from 0 to 1. Null when withheld: see `withheld`. */
  signedShare: number | null;
  version: number;
  /** Why the territory’s headcount, signedCount and signedShare are null; null when they are published. */
  withheld: StaffFiguresWithheldReason | null;
}

export interface CharterSignature {
  signedAt: string;
  version: number;
}

export interface CharterVersionInput {
  /** The whole text, in Markdown. */
  text: string;
  /** E.g. « Charte de déontologie de l’achat public ». */
  title: string;
}

/** A commune of the Var: a place of performance, and a buyer when it is a member. */
export interface Commune {
  inseeCode: string;
  name: string;
  /** The commune as a buyer, when it is one. */
  organisation: Organisation | null;
  /** Population totale (INSEE), for member communes. */
  population: number | null;
  postalCodes: string[];
  slug: string;
}

/** Avis rectificatif: when and why a published notice was corrected. */
export interface Corrigendum {
  changes: FieldChange[];
  publishedAt: string;
  reason: string;
}

/** Another holder of a lot awarded to several suppliers. */
export interface CoSupplier {
  name: string;
  siret: string | null;
}

/** A code of the Common Procurement Vocabulary (CPV 2008) with its French label. */
export interface Cpv {
  /** Code with its check digit, e.g. 45210000-2. */
  code: string;
  label: string;
}

export interface CreateNoticeInput {
  additionalCpvs?: string[] | null;
  buyerProfileUrl?: string | null;
  contactEmail?: string | null;
  description?: string | null;
  /** Offers are received electronically (shorter minimum delay). */
  electronicSubmission?: boolean | null;
  environmentalClause?: boolean | null;
  estimatedValue?: number | null;
  estimatedValuePublic?: boolean | null;
  /** Set the family instead of deriving it from the main CPV. */
  familySlug?: string | null;
  frameworkAgreement?: FrameworkAgreementInput | null;
  /** Replaces the lots, numbered 1, 2… in this order. */
  lots?: LotInput[] | null;
  mainCpv?: string | null;
  nature?: Nature | null;
  /** SIREN of the buyer; defaults to the signed-in buyer’s own. */
  organisationSiren?: string | null;
  placeOfPerformanceInseeCode?: string | null;
  /** Reference of the published planned purchase this notice launches (null: none); it shows as launched once the notice is published. */
  plannedPurchaseReference?: string | null;
  procedure?: Procedure | null;
  /** A purchasing group the notice is published for; only its coordinator may. */
  purchasingGroupId?: string | null;
  reservedFor?: Reservation | null;
  socialClause?: boolean | null;
  submissionDeadline?: string | null;
  title?: string | null;
}

export interface CreatePlannedPurchaseInput {
  amountBand?: AmountBand | null;
  /** A function address of that service, never a person’s own. */
  contactEmail?: string | null;
  /** The service to contact, e.g. « Service de la commande publique ». */
  contactService?: string | null;
  /** Main CPV 2008 code. */
  cpv?: string | null;
  description?: string | null;
  /** An environmental clause is intended. */
  environmentalClause?: boolean | null;
  /** Set the family instead of deriving it from the CPV code (null: derive again). */
  familySlug?: string | null;
  /** Quarter of the expected launch, 1 to 4. */
  launchQuarter?: number | null;
  /** Year of the expected launch. */
  launchYear?: number | null;
  nature?: Nature | null;
  /** SIREN of the buyer; defaults to the signed-in staff member’s own. */
  organisationSiren?: string | null;
  placeOfPerformanceInseeCode?: string | null;
  /** The procedure expected. */
  procedure?: Procedure | null;
  /** A reserved lot or contract is intended. */
  reservedFor?: Reservation | null;
  /** A social clause (insertion) is intended. */
  socialClause?: boolean | null;
  /** Objet: what will be bought. */
  subject?: string | null;
}

export interface CreateWebhookEndpointInput {
  description?: string | null;
  /** Domain event types to receive; empty or absent means all. */
  eventTypes?: string[] | null;
  /** https:// (http:// only on this machine in production). */
  url: string;
}

/** A staff member’s place in a training session. */
export interface Enrollment {
  approval: EnrollmentApproval;
  attendanceRecordedAt: string | null;
  /** Path of the attendance certificate on the hub (GET with the Bearer token), once attended. */
  certificatePath: string | null;
  id: string;
  /** Order of the request in its session; the waiting list moves up in this order. */
  queuePosition: number;
  /** The video-conference link, for those holding a seat. */
  remoteUrl: string | null;
  requestedAt: string;
  session: TrainingSession;
  staffMember: StaffMember;
  status: EnrollmentStatus;
}

/** The employer’s agreement, given by an admin. */
export type EnrollmentApproval = 'APPROVED' | 'PENDING' | 'REFUSED';

/** REGISTERED holds a seat; WAITLISTED waits in request order; ATTENDED / ABSENT are recorded after the start. */
export type EnrollmentStatus = 'ABSENT' | 'ATTENDED' | 'CANCELLED' | 'REGISTERED' | 'WAITLISTED';

/** A version of the charte de déontologie: public. */
export interface EthicsCharter {
  publishedAt: string;
  /** Markdown. */
  text: string;
  title: string;
  version: number;
}

/** The correspondents of one organisation for one purchasing family. */
export interface FamilyCorrespondents {
  correspondents: StaffMember[];
  family: PurchasingFamily;
}

export interface FamilyIndicators {
  awardedAmount: number;
  /** INSEE code, enum value or family slug; null: not given. */
  key: string | null;
  label: string;
  noticeCount: number;
  savings: SavingsIndicator;
  sustainability: SustainabilityIndicators;
}

/** One field changed by a correction, from what to what. */
export interface FieldChange {
  after: string | null;
  before: string | null;
  field: string;
  /** French label of the field, e.g. « Date limite de remise des offres ». */
  label: string;
}

/** Accord-cadre. */
export interface FrameworkAgreement {
  /** Amount consumed so far: Sum of the initial award of each lot (the first order under the agreement) and of every subsequent order recorded under it, euros excl. VAT. */
  consumedAmount: number;
  /** How the consumed amount is computed. */
  consumptionMethod: string;
  durationMonths: number;
  /** Maximum amount, euros excl. VAT. */
  maximumAmount: number | null;
  /** Subsequent contracts and orders, oldest first. */
  orders: FrameworkOrder[];
  /** Maximum amount minus the consumed amount; null without a maximum. */
  remainingAmount: number | null;
  supplierMode: SupplierMode;
}

export interface FrameworkAgreementInput {
  durationMonths: number;
  maximumAmount?: number | null;
  supplierMode: SupplierMode;
}

/** A marché subséquent or bon de commande under a framework agreement. */
export interface FrameworkOrder {
  /** Euros excl. VAT. */
  amount: number;
  lotNumber: number;
  /** YYYY-MM-DD. */
  orderedOn: string;
  reference: string;
  supplierName: string;
  supplierSiret: string;
}

/** A subsequent contract or purchase order awarded under a framework agreement. */
export interface FrameworkOrderInput {
  /** Euros excl. VAT. */
  amount: number;
  lotNumber: number;
  /** YYYY-MM-DD. */
  orderedOn: string;
  /** The buyer’s reference of the order, unique within the agreement. */
  reference: string;
  supplierName: string;
  /** 14 digits; checked with its Luhn key. */
  supplierSiret: string;
}

/** Counts and amounts for one commune, nature, procedure or family. */
export interface IndicatorBreakdown {
  awardedAmount: number;
  /** INSEE code, enum value or family slug; null: not given. */
  key: string | null;
  label: string;
  noticeCount: number;
}

/** How each figure is computed, in French, for readers of the figures. */
export interface IndicatorMethods {
  amounts: string;
  notices: string;
  savings: string;
  suppliers: string;
  sustainability: string;
}

/** Public aggregates computed from the notices and awards; nothing typed in by hand. */
export interface Indicators {
  /** Euros excl. VAT. */
  awardedAmount: number;
  awardedLotCount: number;
  /** Per commune of performance. */
  byCommune: IndicatorBreakdown[];
  byFamily: FamilyIndicators[];
  byNature: IndicatorBreakdown[];
  byProcedure: IndicatorBreakdown[];
  /** Null: every family. */
  familySlug: string | null;
  methods: IndicatorMethods;
  noticeCount: number;
  /** Null: every organisation. */
  organisationSiren: string | null;
  savings: SavingsIndicator;
  suppliers: SupplierIndicators;
  sustainability: SustainabilityIndicators;
  /** Null: every year. */
  year: number | null;
}

/** How many notices, and how much awarded amount, meet a criterion. */
export interface IndicatorShare {
  /** Euros excl. VAT. */
  amount: number;
  /** 0 to 1; null when nothing is awarded. */
  amountShare: number | null;
  noticeCount: number;
  /** 0 to 1; null without notices. */
  noticeShare: number | null;
}

/** A question and its answer from the direction, published without names for every commune’s staff. */
export interface KnowledgeEntry {
  answer: string;
  family: PurchasingFamily;
  id: string;
  publishedAt: string;
  question: string;
  stage: AdviceStage;
  stageLabel: string;
  title: string;
}

export interface KnowledgeEntryConnection {
  edges: KnowledgeEntryEdge[];
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over every page. */
  totalCount: number;
}

export interface KnowledgeEntryEdge {
  cursor: string;
  node: KnowledgeEntry;
}

export interface KnowledgeEntryInput {
  /** The answer rewritten without names. */
  answer: string;
  /** The question rewritten without names: no person, address or organisation. */
  question: string;
  /** A title without names. */
  title: string;
}

export interface KnowledgeSearchInput {
  familySlug?: string | null;
  stage?: AdviceStage | null;
  /** Words that must all appear (case and accents ignored). */
  text?: string | null;
}

export interface Lot {
  award: Award | null;
  cpv: Cpv;
  /** Euros excl. VAT, when public. */
  estimatedValue: number | null;
  number: number;
  status: LotStatus;
  title: string;
  unsuccessfulReason: string | null;
}

export interface LotCorrectionInput {
  estimatedValue?: number | null;
  number: number;
  title?: string | null;
}

export interface LotInput {
  cpv: string;
  estimatedValue?: number | null;
  title: string;
}

export type LotStatus = 'AWARDED' | 'CANCELLED' | 'OPEN' | 'UNSUCCESSFUL';

export interface Mutation {
  /** Staff only. The expert (or an admin) answers a request; the asker is told. */
  answerAdviceRequest: AdviceRequest;
  /** Staff only. Roles: ADMIN. Gives the employer’s agreement to a training request. */
  approveEnrollment: Enrollment;
  /** Staff only. Roles: ADMIN, BUYER. Asks the procurement direction for advice; the family’s correspondent in the direction is named expert, else the admins are. */
  askAdvice: AdviceRequest;
  /** Staff only. Roles: ADMIN. Names (or changes) the expert who answers a request. */
  assignAdviceRequest: AdviceRequest;
  /** Staff only. Roles: ADMIN, BUYER. Awards a lot once the deadline has passed. */
  awardLot: Notice;
  /** Staff only. Withdraws before the start; the seat goes to the first on the waiting list. */
  cancelEnrollment: Enrollment;
  /** Staff only. Roles: ADMIN, BUYER. Declares a published or closed notice sans suite. */
  cancelNotice: Notice;
  /** Staff only. Roles: ADMIN. Cancels a session before it starts, and its enrolments. */
  cancelTrainingSession: TrainingSession;
  /** Staff only. Closes a request (answered, or withdrawn), with an optional note. */
  closeAdviceRequest: AdviceRequest;
  /** Staff only. Roles: ADMIN, BUYER. Corrects a published notice (avis rectificatif); the public notice shows every correction. */
  correctNotice: Notice;
  /** Staff only. Roles: ADMIN, BUYER. Creates a draft notice. */
  createNotice: Notice;
  /** Staff only. Roles: ADMIN, BUYER. Records a planned purchase, as a draft. */
  createPlannedPurchase: PlannedPurchase;
  /** Staff only. Roles: ADMIN. Creates a groupement de commandes. */
  createPurchasingGroup: PurchasingGroup;
  /** Staff only. Roles: ADMIN. Adds a training to the catalogue. */
  createTraining: Training;
  /** Staff only. Roles: ADMIN. Adds a receiver of the hub’s events; the answer holds its signing secret, which is never shown again. */
  createWebhookEndpoint: WebhookEndpointWithSecret;
  /** Staff only. Roles: ADMIN, BUYER. Declares a lot infructueux. */
  declareLotUnsuccessful: Notice;
  /** Staff only. Roles: ADMIN. Removes an endpoint with its deliveries. */
  deleteWebhookEndpoint: boolean;
  /** Staff only. Asks for a seat: REGISTERED while seats are left, WAITLISTED after. Admins may enrol someone (staffMemberId). */
  enrollInTrainingSession: Enrollment;
  /** Signs a staff member in. Failed attempts make the next ones wait, per e-mail and client address and per e-mail for addresses that never signed in to it (RATE_LIMITED with retryAfter). */
  login: Session;
  /** Staff only. Revokes the token of this request. */
  logout: boolean;
  /** Staff only. Writes in a request’s thread (the asking organisation’s buyers, the expert, admins). */
  postAdviceMessage: AdviceRequest;
  /** Staff only. The expert (or an admin) publishes an answered request in the knowledge base, rewritten without any name. */
  publishAdviceAnswer: KnowledgeEntry;
  /** Staff only. Roles: ADMIN. Publishes a new version; every staff member must sign it again. */
  publishCharterVersion: EthicsCharter;
  /** Staff only. Roles: ADMIN, BUYER. Publishes a draft: needs a lot, valid CPV codes and the minimum response time of its procedure. */
  publishNotice: Notice;
  /** Staff only. Roles: ADMIN, BUYER. Announces a draft planned purchase in the public plan. */
  publishPlannedPurchase: PlannedPurchase;
  /** Staff only. Roles: ADMIN, TRAINER. Records attendance once the session has started: its trainer or an admin. */
  recordAttendance: Enrollment;
  /** Staff only. Roles: ADMIN, BUYER. Records a subsequent contract or order under an awarded lot of a framework agreement, within its maximum. */
  recordFrameworkOrder: FrameworkOrder;
  /** Staff only. Roles: ADMIN. Sends a delivery again, with the same webhook-id; a finished one starts a new round of retries. */
  redeliverWebhook: WebhookDelivery;
  /** Staff only. Roles: ADMIN. Refuses a training request; its seat goes to the waiting list. */
  refuseEnrollment: Enrollment;
  /** Staff only. Reopens an answered or closed request, saying why; the answer is due anew. */
  reopenAdviceRequest: AdviceRequest;
  /** Staff only. Roles: ADMIN. Replaces the signing secret (shown this once); deliveries carry both signatures for 24 h meanwhile. */
  rotateWebhookSecret: WebhookEndpointWithSecret;
  /** Staff only. Roles: ADMIN. Schedules a session of a training. */
  scheduleTrainingSession: TrainingSession;
  /** Staff only. Roles: ADMIN, BUYER. Makes a staff member the correspondent of exactly these families for their organisation (empty: none). */
  setCorrespondentFamilies: PurchasingFamily[];
  /** Staff only. Roles: ADMIN. Sets the SIRET an organisation buys as (null removes it): 14 digits with a valid key, within the organisation’s SIREN, used by no other organisation. Its contracts from 40 k€ then appear in decp.json. */
  setOrganisationSiret: OrganisationSiret;
  /** Staff only. Signs the current version (give the version you read); signing twice changes nothing. */
  signCharter: CharterSignature;
  /** Staff only. Roles: ADMIN, BUYER. Changes a draft; published notices are corrected instead. */
  updateDraftNotice: Notice;
  /** Staff only. Roles: ADMIN, BUYER. Changes a draft or published planned purchase; a change to a published one is announced. */
  updatePlannedPurchase: PlannedPurchase;
  /** Staff only. Roles: ADMIN. Changes a groupement de commandes: every field is replaced. */
  updatePurchasingGroup: PurchasingGroup;
  /** Staff only. Roles: ADMIN. Changes or archives a training; its slug stays. */
  updateTraining: Training;
  /** Staff only. Roles: ADMIN. Moves or resizes a session before it starts. */
  updateTrainingSession: TrainingSession;
  /** Staff only. Roles: ADMIN. Changes an endpoint’s URL, event types, description, or pauses / resumes it. */
  updateWebhookEndpoint: WebhookEndpoint;
  /** Staff only. Roles: ADMIN, BUYER. Takes a draft or published planned purchase out of the plan; the reason is public once it had been published. */
  withdrawPlannedPurchase: PlannedPurchase;
}

/** Nature of the contract: travaux, fournitures, services. */
export type Nature = 'SERVICES' | 'SUPPLIES' | 'WORKS';

/** Avis d’appel public à la concurrence. */
export interface Notice {
  additionalCpvs: Cpv[];
  /** The consultation on the buyer profile: documents and offers. */
  buyerProfileUrl: string;
  cancellationReason: string | null;
  cancelledAt: string | null;
  closedAt: string | null;
  /** A function address of the buyer, never a person’s. */
  contactEmail: string;
  /** Every correction, oldest first. */
  corrigenda: Corrigendum[];
  description: string;
  environmentalClause: boolean;
  /** Euros excl. VAT; null when the buyer keeps it private. */
  estimatedValue: number | null;
  /** From the main CPV unless the buyer set it. */
  family: PurchasingFamily | null;
  frameworkAgreement: FrameworkAgreement | null;
  /** Published and its deadline is in the future, computed when read. */
  isOpen: boolean;
  lots: Lot[];
  mainCpv: Cpv;
  nature: Nature;
  organisation: Organisation;
  /** Lieu d’exécution. */
  placeOfPerformance: Commune | null;
  /** The planned purchase this notice launches: it was announced in the plan (see its publishedAt). */
  plannedPurchase: PlannedPurchase | null;
  procedure: Procedure;
  /** The publicity the law requires, from the nature, the estimated value of all lots together (public or not), the buyer and the publication day (now for a draft), with the thresholds in force that day. Null when no estimate is known or the day is before the dated thresholds. */
  publicity: Publicity | null;
  publishedAt: string | null;
  /** The groupement de commandes the notice is published for; each member lists it. */
  purchasingGroup: NoticePurchasingGroup | null;
  /** Human reference, e.g. 2026-DRA-0042. */
  reference: string;
  reservedFor: Reservation;
  socialClause: boolean;
  status: NoticeStatus;
  /** Date limite de remise des offres. */
  submissionDeadline: string;
  title: string;
  updatedAt: string;
}

export interface NoticeConnection {
  edges: NoticeEdge[];
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over every page. */
  totalCount: number;
}

/** An avis rectificatif: the fields to change and why. Unset fields keep their value. */
export interface NoticeCorrectionInput {
  additionalCpvs?: string[] | null;
  buyerProfileUrl?: string | null;
  contactEmail?: string | null;
  description?: string | null;
  environmentalClause?: boolean | null;
  estimatedValue?: number | null;
  lots?: LotCorrectionInput[] | null;
  placeOfPerformanceInseeCode?: string | null;
  reason: string;
  reservedFor?: Reservation | null;
  socialClause?: boolean | null;
  submissionDeadline?: string | null;
  title?: string | null;
}

/** A notice as a buyer drafts it. Every field but the organisation can change while it is a draft. */
export interface NoticeDraftInput {
  additionalCpvs?: string[] | null;
  buyerProfileUrl?: string | null;
  contactEmail?: string | null;
  description?: string | null;
  /** Offers are received electronically (shorter minimum delay). */
  electronicSubmission?: boolean | null;
  environmentalClause?: boolean | null;
  estimatedValue?: number | null;
  estimatedValuePublic?: boolean | null;
  /** Set the family instead of deriving it from the main CPV. */
  familySlug?: string | null;
  frameworkAgreement?: FrameworkAgreementInput | null;
  /** Replaces the lots, numbered 1, 2… in this order. */
  lots?: LotInput[] | null;
  mainCpv?: string | null;
  nature?: Nature | null;
  placeOfPerformanceInseeCode?: string | null;
  /** Reference of the published planned purchase this notice launches (null: none); it shows as launched once the notice is published. */
  plannedPurchaseReference?: string | null;
  procedure?: Procedure | null;
  /** A purchasing group the notice is published for; only its coordinator may. */
  purchasingGroupId?: string | null;
  reservedFor?: Reservation | null;
  socialClause?: boolean | null;
  submissionDeadline?: string | null;
  title?: string | null;
}

export interface NoticeEdge {
  cursor: string;
  node: Notice;
}

export interface NoticeFilter {
  /** INSEE code of the place of performance. */
  communeInseeCode?: string | null;
  /** Digits the main CPV code starts with. */
  cpvPrefix?: string | null;
  familySlug?: string | null;
  nature?: Nature | null;
  organisationSiren?: string | null;
  procedure?: Procedure | null;
  /** Default: every public status. PUBLISHED selects notices still open at the time of the query. */
  statuses?: NoticeStatus[] | null;
  /** Words of the title, description or reference. */
  text?: string | null;
}

/** The groupement de commandes a notice is published for. */
export interface NoticePurchasingGroup {
  /** Publishes the notice on behalf of the members. */
  coordinator: Organisation;
  /** Every organisation of the group, the coordinator first. */
  members: Organisation[];
  subject: string;
}

/** DEADLINE_ASC: soonest deadline first; PUBLISHED_DESC: latest published first. */
export type NoticeSort = 'DEADLINE_ASC' | 'DEADLINE_DESC' | 'PUBLISHED_ASC' | 'PUBLISHED_DESC';

/** PUBLISHED is returned only while the submission deadline is in the future; after it, CLOSED. */
export type NoticeStatus = 'AWARDED' | 'CANCELLED' | 'CLOSED' | 'DRAFT' | 'PUBLISHED' | 'UNSUCCESSFUL';

/** A public buyer of the territory. */
export interface Organisation {
  /** INSEE code of a commune. */
  inseeCode: string | null;
  kind: OrganisationKind;
  name: string;
  population: number | null;
  /** Null only for a buyer imported without one (e.g. a foreign authority). */
  siren: string | null;
  slug: string;
}

/** Counts for one organisation; never who, and none that would describe one or two people. */
export interface OrganisationCharterAdoption {
  /** Active staff accounts of the organisation. Null when withheld: see `withheld`. */
  headcount: number | null;
  organisation: Organisation;
  /** Of them, how many signed the current version. Null when withheld: see `withheld`. */
  signedCount: number | null;
  /** signedCount / headcount, from 0 to 1. Null when withheld: see `withheld`. */
  signedShare: number | null;
  /** Why headcount, signedCount and signedShare are null; null when they are published. */
  withheld: StaffFiguresWithheldReason | null;
}

export interface OrganisationCharterStatus {
  headcount: number;
  organisation: Organisation;
  signedCount: number;
  /** Active staff who have not signed the current version, by name. */
  unsigned: StaffMember[];
}

/** Who to ask in one organisation, for one purchasing family. */
export interface OrganisationCorrespondents {
  correspondents: StaffMember[];
  organisation: Organisation;
}

export type OrganisationKind = 'AGGLOMERATION' | 'COMMUNE' | 'OTHER_PUBLIC_BODY';

/** An organisation and the establishment (SIRET) it buys as. */
export interface OrganisationSiret {
  organisation: Organisation;
  /** The SIRET the DECP names as buyer; null while unknown. */
  siret: string | null;
}

/** Counts for one organisation; never who, and none that would describe one or two people. */
export interface OrganisationTrainingFigures {
  /** Active staff accounts of the organisation. Null when withheld: see `withheld`. */
  headcount: number | null;
  organisation: Organisation;
  /** Of them, how many attended a session in the window. Null when withheld: see `withheld`. */
  trainedCount: number | null;
  /** trainedCount / headcount, from 0 to 1. Null when withheld: see `withheld`. */
  trainedShare: number | null;
  /** Why headcount, trainedCount and trainedShare are null; null when they are published. */
  withheld: StaffFiguresWithheldReason | null;
}

/** Relay page information. */
export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
}

/** How a buyer’s notices were announced in the forward purchasing plan. */
export interface PlanAnnouncementFigures {
  /** Of those, notices whose planned purchase was published at least three calendar months before them (Paris). */
  announcedEarly: number;
  /** Of those, notices that launched a planned purchase. */
  announcedNotices: number;
  /** announcedEarly / publishedNotices, percent with one decimal; null without a notice. */
  earlyShare: number | null;
  /** Null for the territory’s total. */
  organisation: Organisation | null;
  /** Notices published in the period (written in the hub; imported ones are left out). */
  publishedNotices: number;
}

export interface PlanAnnouncementIndicators {
  /** Buyers with a notice in the period: the agglomeration first, then by name. */
  buyers: PlanAnnouncementFigures[];
  total: PlanAnnouncementFigures;
  /** The year of publication of the notices; null for every year. */
  year: number | null;
}

/** A line of a buyer’s forward purchasing plan (programmation prévisionnelle des achats). */
export interface PlannedPurchase {
  amountBand: AmountBand;
  /** Upper edge of the band, euros excl. VAT (excluded); null for the last band. */
  amountMax: number | null;
  /** Lower edge of the band, euros excl. VAT (included). */
  amountMin: number;
  /** A function address of that service, never a person’s. */
  contactEmail: string;
  /** The service to contact, never a person. */
  contactService: string;
  cpv: Cpv;
  description: string;
  /** An environmental clause is intended. */
  environmentalClause: boolean;
  /** From the CPV code unless staff set it. */
  family: PurchasingFamily | null;
  /** Quarter of the expected launch, 1 to 4 (Paris calendar). */
  launchQuarter: number;
  /** The expected quarter as a key, e.g. 2027-T2. */
  launchQuarterKey: string;
  /** When the expected quarter begins. */
  launchQuarterStart: string;
  /** Year of the expected launch. */
  launchYear: number;
  /** When the notice that launched it was published. */
  launchedAt: string | null;
  nature: Nature;
  /** The notice that launched it, once published (LAUNCHED). */
  notice: Notice | null;
  organisation: Organisation;
  /** Lieu d’exécution, when known. */
  placeOfPerformance: Commune | null;
  /** The procedure expected. */
  procedure: Procedure;
  /** When it was announced in the plan. */
  publishedAt: string | null;
  /** Reference, e.g. PREV-2026-DRA-0003. */
  reference: string;
  /** A reserved contract or lot is intended. */
  reservedFor: Reservation;
  /** A social clause is intended. */
  socialClause: boolean;
  status: PlannedPurchaseStatus;
  /** Objet: what will be bought. */
  subject: string;
  updatedAt: string;
  withdrawalReason: string | null;
  withdrawnAt: string | null;
}

export interface PlannedPurchaseConnection {
  edges: PlannedPurchaseEdge[];
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over every page. */
  totalCount: number;
}

export interface PlannedPurchaseEdge {
  cursor: string;
  node: PlannedPurchase;
}

export interface PlannedPurchaseFilter {
  /** INSEE code of the place of performance, or of the buying commune when none is set. */
  communeInseeCode?: string | null;
  familySlug?: string | null;
  launchQuarter?: number | null;
  launchYear?: number | null;
  organisationSiren?: string | null;
}

/** A planned purchase as staff draft it. Unset fields keep their value. */
export interface PlannedPurchaseInput {
  amountBand?: AmountBand | null;
  /** A function address of that service, never a person’s own. */
  contactEmail?: string | null;
  /** The service to contact, e.g. « Service de la commande publique ». */
  contactService?: string | null;
  /** Main CPV 2008 code. */
  cpv?: string | null;
  description?: string | null;
  /** An environmental clause is intended. */
  environmentalClause?: boolean | null;
  /** Set the family instead of deriving it from the CPV code (null: derive again). */
  familySlug?: string | null;
  /** Quarter of the expected launch, 1 to 4. */
  launchQuarter?: number | null;
  /** Year of the expected launch. */
  launchYear?: number | null;
  nature?: Nature | null;
  placeOfPerformanceInseeCode?: string | null;
  /** The procedure expected. */
  procedure?: Procedure | null;
  /** A reserved lot or contract is intended. */
  reservedFor?: Reservation | null;
  /** A social clause (insertion) is intended. */
  socialClause?: boolean | null;
  /** Objet: what will be bought. */
  subject?: string | null;
}

/** DRAFT: staff only; PUBLISHED: announced in the plan; WITHDRAWN: taken out of the plan, with a reason; LAUNCHED: a published notice launched it. */
export type PlannedPurchaseStatus = 'DRAFT' | 'LAUNCHED' | 'PUBLISHED' | 'WITHDRAWN';

/** ADAPTED: procédure adaptée (MAPA); OPEN / RESTRICTED: appel d’offres ouvert / restreint; NEGOTIATED: procédure avec négociation; COMPETITIVE_DIALOGUE: dialogue compétitif; NEGOTIATED_WITHOUT_PUBLICATION: marché négocié sans publicité. */
export type Procedure = 'ADAPTED' | 'COMPETITIVE_DIALOGUE' | 'NEGOTIATED' | 'NEGOTIATED_WITHOUT_PUBLICATION' | 'OPEN' | 'RESTRICTED';

/** The publicity the law requires of a consultation, from its nature, estimated value, buyer and launch day, with the dated thresholds. */
export interface Publicity {
  /** The procedures the law allows at this value. */
  allowedProcedures: Procedure[];
  /** The EU threshold for this nature and buyer, euros excl. VAT. */
  europeanThreshold: number;
  /** Why, in French: the thresholds reached and the articles; a private estimate is not given. */
  explanation: string;
  /** The level in French, e.g. « Publicité au BOAMP ou dans un journal d’annonces légales ». */
  label: string;
  level: PublicityLevel;
  /** Whether the main CPV code is one of the social and other specific services (school catering, health, legal, security…): EU threshold of 750 000 € and procédure adaptée allowed at any value (R2123-1 3°). */
  socialOrSpecificService: boolean;
  /** The texts that set the thresholds applied. */
  sources: string[];
  /** First day (YYYY-MM-DD) of the thresholds applied. */
  thresholdsFrom: string;
}

/** NONE: below the dispensation threshold (R2122-8); ADAPTED: publicité adaptée (below 90 k€); NATIONAL: BOAMP or a legal-notices journal; EUROPEAN: Official Journal of the EU and BOAMP. */
export type PublicityLevel = 'ADAPTED' | 'EUROPEAN' | 'NATIONAL' | 'NONE';

/** A famille d’achats; a notice belongs to the family of its main CPV. */
export interface PurchasingFamily {
  /** CPV prefixes (digits) that belong to the family. */
  cpvPrefixes: string[];
  description: string;
  name: string;
  slug: string;
}

/** A groupement de commandes, as its members’ staff read it. */
export interface PurchasingGroup {
  /** YYYY-MM-DD. */
  agreementEnd: string | null;
  /** YYYY-MM-DD. */
  agreementStart: string;
  /** Publishes the notice on behalf of the members. */
  coordinator: Organisation;
  documentsUrl: string | null;
  id: string;
  /** Every organisation of the group, the coordinator first. */
  members: Organisation[];
  subject: string;
}

/** A groupement de commandes. Members are SIRENs; the coordinator is always a member. */
export interface PurchasingGroupInput {
  /** End of the agreement, YYYY-MM-DD. */
  agreementEnd?: string | null;
  /** Start of the agreement, YYYY-MM-DD. */
  agreementStart: string;
  /** SIREN of the coordinator, who publishes the group’s notices. */
  coordinatorSiren: string;
  /** Where the convention and its documents are. */
  documentsUrl?: string | null;
  /** SIRENs of the members; the coordinator is added if missing. */
  memberSirens: string[];
  subject: string;
}

export interface Query {
  /** Staff only. One advice request by reference (CONSEIL-2026-0007), if you may read it. */
  adviceRequest: AdviceRequest | null;
  /** Staff only. Advice requests you may read: your organisation’s and those you are the expert of; every one for admins. Most urgent first. */
  adviceRequests: AdviceRequestConnection;
  /** Public figures of advice to the communes: requests per stage and per family of each year, and the median working days to a first answer. */
  adviceStatistics: AdviceStatistics;
  /** Staff only. Roles: ADMIN. How many subscribe to the e-mail alerts: confirmed, pending, per mode and per kind of criterion. Counts only: no address is ever given. */
  alertSubscriptionCounts: AlertSubscriptionCounts;
  /** Share of staff who signed the current charter: counts only, withheld where they would describe one or two people; null before any charter. */
  charterAdoption: CharterAdoption | null;
  /** Staff only. Roles: ADMIN. Who has not signed the current charter, per organisation (one organisation with organisationSiren). */
  charterSignatureStatus: OrganisationCharterStatus[];
  /** Coming sessions (scheduled, not started), soonest first; at most 200. */
  comingTrainingSessions: TrainingSession[];
  /** The member communes of the agglomeration, largest first. */
  communes: Commune[];
  /** A CPV code, with or without its check digit. */
  cpv: Cpv | null;
  /** CPV codes whose label or code matches every word, accents ignored. */
  cpvSearch: Cpv[];
  /** Staff only. Drafts the signed-in staff member may read: their organisation’s, or every one for admins. */
  draftNotices: NoticeConnection;
  /** The current charte de déontologie, or an earlier version. */
  ethicsCharter: EthicsCharter | null;
  /** Staff only. For one purchasing family, who to ask in each organisation: the agglomeration first, then by name. */
  familyCorrespondents: OrganisationCorrespondents[];
  /** Years with a publication or an award, most recent first: only years `indicators(year:)` answers for (2000 to this year). */
  indicatorYears: number[];
  /** Aggregates of a year (or every year), an organisation (or all) and a family (or all), computed from the records. */
  indicators: Indicators;
  /** Staff only. The knowledge base: answered questions published without names, newest first; by stage, family and words. */
  knowledgeEntries: KnowledgeEntryConnection;
  /** Staff only. The signed-in staff member. */
  me: StaffMember;
  /** Staff only. The signed-in staff member’s signature of the current version, if any. */
  myCharterSignature: CharterSignature | null;
  /** Staff only. The signed-in staff member’s enrolments, most recent session first. */
  myEnrollments: Enrollment[];
  /** Staff only. Sessions the signed-in staff member runs as trainer, soonest first. */
  myTrainerSessions: TrainingSession[];
  /** A public notice by its reference (a draft only for its own staff). */
  notice: Notice | null;
  /** Public notices (never drafts), filtered and sorted; at most 200 a page. */
  notices: NoticeConnection;
  organisation: Organisation | null;
  /** Staff only. The correspondents of one organisation, per purchasing family. */
  organisationCorrespondents: FamilyCorrespondents[];
  /** Every public buyer: the agglomeration first, then by name. */
  organisations: Organisation[];
  /** Staff only. Roles: ADMIN. Training requests waiting for the employer’s agreement. */
  pendingEnrollments: Enrollment[];
  /** Per buyer, the share of notices announced in the forward purchasing plan at least three months before their publication. */
  planAnnouncementIndicators: PlanAnnouncementIndicators;
  /** A planned purchase by its reference: one that was published (withdrawn ones too), or a draft for its own staff. */
  plannedPurchase: PlannedPurchase | null;
  /** The public forward purchasing plan: published and launched planned purchases (or the public statuses asked for, WITHDRAWN included), soonest quarter first; at most 200 a page. */
  plannedPurchases: PlannedPurchaseConnection;
  purchasingFamilies: PurchasingFamily[];
  /** Staff only. A purchasing group the signed-in staff’s organisation belongs to. */
  purchasingGroup: PurchasingGroup;
  /** Staff only. Purchasing groups of the signed-in staff’s organisation; every one for admins. */
  purchasingGroups: PurchasingGroup[];
  /** Staff only. Everyone in a session, in request order: for its trainer and admins. */
  sessionEnrollments: Enrollment[];
  /** Staff only. The planned purchases of the signed-in staff member’s organisation (every one for admins), drafts included; latest change first. */
  staffPlannedPurchases: PlannedPurchaseConnection;
  training: Training | null;
  /** Staff only. Livret de formation: every session attended. Your own, or anyone’s for admins (staffMemberId). */
  trainingRecord: TrainingRecord;
  /** A session by id, past or coming. */
  trainingSession: TrainingSession | null;
  /** How many staff were trained in the last 24 months: counts only, withheld where they would describe one or two people. */
  trainingStatistics: TrainingStatistics;
  /** The training catalogue (formations), by topic then title; archived ones on request. */
  trainings: Training[];
  /** Staff only. Roles: ADMIN. Deliveries, newest first, with their attempts; at most 100 a page. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** Staff only. Roles: ADMIN. Every webhook endpoint, oldest first. */
  webhookEndpoints: WebhookEndpoint[];
  /** Staff only. Roles: ADMIN. The event types an endpoint may subscribe to. */
  webhookEventTypes: string[];
}

/** NONE; DISABILITY: reserved to ESAT and EA; INSERTION: reserved to SIAE. */
export type Reservation = 'DISABILITY' | 'INSERTION' | 'NONE';

/** Estimated versus awarded amount of the awarded lots with an estimate. */
export interface SavingsIndicator {
  awardedAmount: number;
  estimatedAmount: number;
  lotCount: number;
  rate: number | null;
  /** Estimated minus awarded; negative when awards exceed estimates. */
  savedAmount: number;
}

/** A bearer token, shown once; `me` tells who it belongs to. */
export interface Session {
  expiresAt: string;
  /** Send it as `Authorization: Bearer <token>`. */
  token: string;
}

/** Why public staff figures are withheld (their values are then null). SMALL: fewer than 3 active staff accounts, whose figures would tell what a named person did. ALL_OR_NONE: no one or everyone of them did it, which would tell it of each of them. COMPLEMENTARY (the territory’s total): published with the rows, it would give away the figures of a withheld organisation (total minus the published rows). */
export type StaffFiguresWithheldReason = 'ALL_OR_NONE' | 'COMPLEMENTARY' | 'SMALL';

export interface StaffMember {
  active: boolean;
  email: string;
  id: string;
  name: string;
  organisation: Organisation;
  role: StaffRole;
}

export type StaffRole = 'ADMIN' | 'BUYER' | 'TRAINER' | 'VIEWER';

export interface SupplierIndicators {
  /** Awarded to suppliers in the département (Var). */
  departement: AmountShare;
  /** Awarded to small and medium enterprises. */
  sme: AmountShare;
  /** Awarded to suppliers in a commune of the agglomeration. */
  territory: AmountShare;
}

/** Framework agreement with one or several suppliers. */
export type SupplierMode = 'MULTIPLE' | 'SINGLE';

/** Clauses and reserved contracts, against the target. */
export interface SustainabilityIndicators {
  environmental: IndicatorShare;
  /** The share of sustainable notices reaches the target. */
  meetsTarget: boolean | null;
  /** Reserved for the disability or insertion sectors. */
  reserved: IndicatorShare;
  social: IndicatorShare;
  /** At least one of the three. */
  sustainable: IndicatorShare;
  /** Target share of sustainable notices, 0 to 1 (configured per family). */
  target: number;
}

/** A training of the catalogue (formation): public. */
export interface Training {
  /** false once archived: no longer offered. */
  active: boolean;
  /** Scheduled sessions not started yet, soonest first. */
  comingSessions: TrainingSession[];
  description: string;
  /** Hours of one session. */
  durationHours: number;
  id: string;
  providerKind: TrainingProviderKind;
  /** E.g. « CNFPT » or « Direction de la commande publique ». */
  providerName: string;
  /** Stable identifier for links, e.g. analyse-des-offres. */
  slug: string;
  title: string;
  topic: TrainingTopic;
  /** French name of the topic, e.g. « Achats durables ». */
  topicLabel: string;
}

export interface TrainingInput {
  description: string;
  /** Hours of one session, as printed on the certificate. */
  durationHours: number;
  providerKind: TrainingProviderKind;
  /** E.g. « CNFPT » or « Direction de la commande publique ». */
  providerName: string;
  title: string;
  topic: TrainingTopic;
}

/** INTERNAL: run by the procurement direction; EXTERNAL: by a provider such as the CNFPT. */
export type TrainingProviderKind = 'EXTERNAL' | 'INTERNAL';

export interface TrainingRecord {
  /** Attended sessions, most recent first. */
  entries: Enrollment[];
  sessionsAttended: number;
  staffMember: StaffMember;
  totalHours: number;
}

/** A dated session of a training. */
export interface TrainingSession {
  cancellationReason: string | null;
  capacity: number;
  endsAt: string;
  id: string;
  /** Held (also) by video conference; the link is sent to enrolled staff. */
  isRemote: boolean;
  /** Address or room. */
  place: string | null;
  /** Free seats now; 0 means new requests join the waiting list. */
  seatsLeft: number;
  startsAt: string;
  status: TrainingSessionStatus;
  training: Training;
}

export interface TrainingSessionInput {
  capacity: number;
  endsAt: string;
  /** Address or room; a session needs a place, a remote link or both. */
  place?: string | null;
  /** Video-conference link, shown to staff only. */
  remoteUrl?: string | null;
  startsAt: string;
  /** A staff member with the TRAINER role, who records attendance. */
  trainerId?: string | null;
  trainingSlug: string;
}

export type TrainingSessionStatus = 'CANCELLED' | 'SCHEDULED';

export interface TrainingSessionUpdateInput {
  /** More seats promote the waiting list; fewer than taken is refused. */
  capacity?: number | null;
  endsAt?: string | null;
  place?: string | null;
  remoteUrl?: string | null;
  startsAt?: string | null;
  trainerId?: string | null;
}

/** Professionalisation of the buyers’ network, as aggregates only. */
export interface TrainingStatistics {
  /** Active staff accounts of the territory. Null when withheld: see `withheld`. */
  headcount: number | null;
  /** Hours of training followed in the window (attendances × duration). Null when the territory's figures are withheld: it would tell them. */
  hoursOfTraining: number | null;
  /** Organisations that have active staff accounts, by kind then name; each with its figures or why they are withheld. */
  organisations: OrganisationTrainingFigures[];
  /** Sessions with at least one attendee in the window. Null when the territory's figures are withheld: it would tell them. */
  sessionsHeld: number | null;
  /** Start of the window: 24 months before the query. */
  since: string;
  /** Of them, how many attended at least one session in the window. Null when withheld: see `withheld`. */
  trainedCount: number | null;
  /** trainedCount / headcount, from 0 to 1. Null when withheld: see `withheld`. */
  trainedShare: number | null;
  /** Why the territory’s headcount, trainedCount, trainedShare, sessionsHeld and hoursOfTraining are null; null when they are published. */
  withheld: StaffFiguresWithheldReason | null;
}

/** Topic of a training; `topicLabel` gives its French name. */
export type TrainingTopic = 'CONTRACT_MANAGEMENT' | 'DIGITAL_PROCUREMENT' | 'ETHICS' | 'NEGOTIATION' | 'OFFER_ANALYSIS' | 'OTHER' | 'PROCUREMENT_BASICS' | 'SOCIAL_CLAUSES' | 'SOURCING' | 'SUSTAINABLE_PROCUREMENT';

export interface TrainingUpdateInput {
  /** false archives the training: it leaves the public catalogue. */
  active?: boolean | null;
  description?: string | null;
  durationHours?: number | null;
  providerKind?: TrainingProviderKind | null;
  providerName?: string | null;
  title?: string | null;
  topic?: TrainingTopic | null;
}

export interface UpdateWebhookEndpointInput {
  /** false pauses the endpoint; true resumes it and clears disabledReason. */
  active?: boolean | null;
  description?: string | null;
  /** Empty means all. */
  eventTypes?: string[] | null;
  url?: string | null;
}

/** One HTTP request of a delivery. */
export interface WebhookAttempt {
  at: string;
  durationMs: number;
  /** Network error or timeout. */
  error: string | null;
  /** Null when no answer came. */
  httpStatus: number | null;
  /** The beginning of the answer’s body. */
  responseExcerpt: string | null;
}

/** One event for one endpoint. */
export interface WebhookDelivery {
  /** Attempts made, over every round. */
  attemptCount: number;
  /** Oldest first. */
  attempts: WebhookAttempt[];
  createdAt: string;
  deliveredAt: string | null;
  endpointId: string;
  endpointUrl: string;
  eventId: string;
  eventOccurredAt: string;
  eventType: string;
  /** Also the webhook-id header, the same on every attempt. */
  id: string;
  lastError: string | null;
  /** When the next attempt is due, while PENDING. */
  nextAttemptAt: string | null;
  status: WebhookDeliveryStatus;
}

export interface WebhookDeliveryConnection {
  edges: WebhookDeliveryEdge[];
  pageInfo: PageInfo;
  /** Number of nodes matching the filter, over every page. */
  totalCount: number;
}

export interface WebhookDeliveryEdge {
  cursor: string;
  node: WebhookDelivery;
}

/** PENDING: not delivered yet (due, waiting for a retry, or behind older deliveries of its endpoint). */
export type WebhookDeliveryStatus = 'FAILED' | 'PENDING' | 'SUCCEEDED';

/** A receiver of the hub’s events. Its signing secret is shown once, never here. */
export interface WebhookEndpoint {
  active: boolean;
  createdAt: string;
  description: string;
  /** Why the endpoint stopped receiving (410 Gone, or an admin). */
  disabledReason: string | null;
  /** Event types delivered; empty means every type. */
  eventTypes: string[];
  id: string;
  updatedAt: string;
  url: string;
}

/** Returned only by creation and rotation: store the secret now. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  /** The whsec_ signing secret, shown this once. */
  secret: string;
}
