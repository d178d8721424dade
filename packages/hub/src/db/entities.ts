import { AdviceMessage } from '../advice/advice-message.entity.js';
import { AdviceRequest } from '../advice/advice-request.entity.js';
import { KnowledgeEntry } from '../advice/knowledge-entry.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { AuthToken } from '../auth/auth-token.entity.js';
import { SignInThrottle } from '../auth/sign-in-throttle.entity.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Award } from '../notices/award.entity.js';
import { Corrigendum } from '../notices/corrigendum.entity.js';
import { PurchasingGroup } from '../purchasing-groups/purchasing-group.entity.js';
import { FrameworkOrder } from '../framework-orders/framework-order.entity.js';
import { Correspondent } from '../network/correspondent.entity.js';
import { Lot } from '../notices/lot.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { Training } from '../trainings/training.entity.js';
import { TrainingSession } from '../trainings/training-session.entity.js';
import { Enrollment } from '../trainings/enrollment.entity.js';
import { EthicsCharter } from '../charter/ethics-charter.entity.js';
import { CharterSignature } from '../charter/charter-signature.entity.js';
import { WebhookAttempt } from '../webhooks/webhook-attempt.entity.js';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { PlannedPurchase } from '../planning/planned-purchase.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { MailAddress } from '../mail/mail-address.entity.js';
import { AlertSubscription } from '../alerts/alert-subscription.entity.js';
import { AlertAnnouncement } from '../alerts/alert-announcement.entity.js';
import { AlertProcessedEvent } from '../alerts/alert-processed-event.entity.js';
import { AlertSubscriptionGeneration } from '../alerts/alert-subscription-generation.entity.js';

export const ENTITIES = [
  Organisation,
  StaffMember,
  AuthToken,
  SignInThrottle,
  PurchasingFamily,
  Notice,
  Lot,
  Award,
  Corrigendum,
  AuditEntry,
  OutboxEvent,
  PurchasingGroup,
  FrameworkOrder,
  Correspondent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  Training,
  TrainingSession,
  Enrollment,
  EthicsCharter,
  CharterSignature,
  PlannedPurchase,
  AdviceRequest,
  AdviceMessage,
  KnowledgeEntry,
  MailMessage,
  MailAddress,
  AlertSubscription,
  AlertAnnouncement,
  AlertProcessedEvent,
  AlertSubscriptionGeneration,
];
