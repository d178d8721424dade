import { graphqlEnum } from '../shared/graphql-enums.js';
import { ENROLLMENT_APPROVALS, ENROLLMENT_STATUSES } from './enrollment-enums.js';
import { PROVIDER_KINDS, SESSION_STATUSES, TRAINING_TOPICS } from './training-topics.js';

export const TrainingTopicEnum = graphqlEnum(TRAINING_TOPICS, { name: 'TrainingTopic', description: 'Topic of a training; `topicLabel` gives its French name.' });
export const ProviderKindEnum = graphqlEnum(PROVIDER_KINDS, {
  name: 'TrainingProviderKind',
  description: 'INTERNAL: run by the procurement direction; EXTERNAL: by a provider such as the CNFPT.',
});
export const SessionStatusEnum = graphqlEnum(SESSION_STATUSES, { name: 'TrainingSessionStatus' });
export const EnrollmentStatusEnum = graphqlEnum(ENROLLMENT_STATUSES, {
  name: 'EnrollmentStatus',
  description: 'REGISTERED holds a seat; WAITLISTED waits in request order; ATTENDED / ABSENT are recorded after the start.',
});
export const EnrollmentApprovalEnum = graphqlEnum(ENROLLMENT_APPROVALS, { name: 'EnrollmentApproval', description: 'The employer’s agreement, given by an admin.' });
