import 'reflect-metadata';
import { GraphQLDateTime } from 'graphql-scalars';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker } from 'type-graphql';
import { AlertSubscriptionCountsResolver } from '../alerts/alert-subscription-counts.resolver.js';
import { AdviceFiguresResolver } from '../advice/advice-figures.resolver.js';
import { AdviceResolver } from '../advice/advice.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { CommuneResolver } from '../communes/commune.resolver.js';
import { CpvResolver } from '../cpv/cpv.resolver.js';
import { PurchasingFamilyResolver } from '../families/purchasing-family.resolver.js';
import { PurchasingGroupResolver } from '../purchasing-groups/purchasing-group.resolver.js';
import { NoticePurchasingGroupResolver } from '../notices/notice-purchasing-group.resolver.js';
import { FrameworkOrderResolver } from '../framework-orders/framework-order.resolver.js';
import { CorrespondentResolver } from '../network/correspondent.resolver.js';
import { IndicatorResolver } from '../indicators/indicator.resolver.js';
import { NoticeResolver } from '../notices/notice.resolver.js';
import { OrganisationResolver } from '../organisations/organisation.resolver.js';
import { OrganisationSiretResolver } from '../organisations/organisation-siret.resolver.js';
import type { Context } from '../shared/context.js';
import { unauthenticated } from '../shared/errors.js';
import { CharterResolver } from '../charter/charter.resolver.js';
import { EnrollmentResolver } from '../trainings/enrollment.resolver.js';
import { TrainingResolver, TrainingSessionResolver } from '../trainings/training.resolver.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';
import { NoticePlanResolver, PlannedPurchaseResolver } from '../planning/planned-purchase.resolver.js';
import { PlanAnnouncementResolver } from '../planning/plan-announcement.resolver.js';
import { guardTextArguments } from './text-arguments.js';

/** @Authorized() needs a signed-in actor; @Authorized(roles) also one of those roles. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  // Anonymous is always "sign in first", whatever roles the field wants; a wrong role is FORBIDDEN.
  if (!context.actor) throw unauthenticated();
  return roles.length === 0 || roles.includes(context.actor.role);
};

export async function buildHubSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      TrainingResolver,
      TrainingSessionResolver,
      EnrollmentResolver,
      CharterResolver,
      NoticeResolver,
      OrganisationResolver,
      OrganisationSiretResolver,
      PurchasingFamilyResolver,
      CommuneResolver,
      CpvResolver,
      AuthResolver,
      WebhookResolver,
      PurchasingGroupResolver,
      NoticePurchasingGroupResolver,
      FrameworkOrderResolver,
      CorrespondentResolver,
      IndicatorResolver,
      PlannedPurchaseResolver,
      NoticePlanResolver,
      AdviceResolver,
      AdviceFiguresResolver,
      PlanAnnouncementResolver,
      AlertSubscriptionCountsResolver,
    ],
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: false, // inputs are checked by the domain's own rules, which name the refused field
  });
  return guardTextArguments(schema);
}
