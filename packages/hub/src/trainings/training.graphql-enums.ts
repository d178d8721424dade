import { registerEnumType } from 'type-graphql';
import { ENROLLMENT_APPROVALS, ENROLLMENT_STATUSES } from './enrollment-enums.js';
import { PROVIDER_KINDS, SESSION_STATUSES, TRAINING_TOPICS } from './training-topics.js';

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const TrainingTopicEnum = enumObject(TRAINING_TOPICS);
export const ProviderKindEnum = enumObject(PROVIDER_KINDS);
export const SessionStatusEnum = enumObject(SESSION_STATUSES);
export const EnrollmentStatusEnum = enumObject(ENROLLMENT_STATUSES);
export const EnrollmentApprovalEnum = enumObject(ENROLLMENT_APPROVALS);

registerEnumType(TrainingTopicEnum, { name: 'TrainingTopic', description: 'Topic of a training; `topicLabel` gives its French name.' });
registerEnumType(ProviderKindEnum, {
  name: 'TrainingProviderKind',
  description: 'INTERNAL: run by the procurement direction; EXTERNAL: by a provider such as the CNFPT.',
});
registerEnumType(SessionStatusEnum, { name: 'TrainingSessionStatus' });
registerEnumType(EnrollmentStatusEnum, {
  name: 'EnrollmentStatus',
  description: 'REGISTERED holds a seat; WAITLISTED waits in request order; ATTENDED / ABSENT are recorded after the start.',
});
registerEnumType(EnrollmentApprovalEnum, { name: 'EnrollmentApproval', description: 'The employer’s agreement, given by an admin.' });
