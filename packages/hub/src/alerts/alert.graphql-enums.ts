import { graphqlEnum } from '../shared/graphql-enums.js';
import { ALERT_CRITERION_KINDS } from './alert-subscription-counts.js';

export const AlertCriterionKindEnum = graphqlEnum(ALERT_CRITERION_KINDS, {
  name: 'AlertCriterionKind',
  description: 'A kind of criterion of an e-mail alert. NONE: no criterion, every notice; PLANNED_PURCHASES: planned purchases too.',
});
