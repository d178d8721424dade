import { graphqlEnum } from '../shared/graphql-enums.js';
import { ADVICE_STATES } from './advice-lifecycle.js';
import { ADVICE_MESSAGE_KINDS, ADVICE_STAGES, ADVICE_STAGE_LABELS } from './advice-stages.js';

export const AdviceStageEnum = graphqlEnum(ADVICE_STAGES, {
  name: 'AdviceStage',
  description: 'Stage of the purchasing chain: ' + ADVICE_STAGES.map((stage) => `${stage} (${ADVICE_STAGE_LABELS[stage]})`).join(', ') + '.',
});
export const AdviceStateEnum = graphqlEnum(ADVICE_STATES, {
  name: 'AdviceState',
  description:
    'SUBMITTED: waiting for the direction to name an expert; ASSIGNED: an expert is to answer; ANSWERED: answered; CLOSED: done or withdrawn. ANSWERED and CLOSED requests may be reopened with a reason.',
});
export const AdviceMessageKindEnum = graphqlEnum(ADVICE_MESSAGE_KINDS, {
  name: 'AdviceMessageKind',
  description: 'MESSAGE: a message of the thread; ANSWER: the expert’s answer; REOPENING / CLOSING: why the request was reopened or closed.',
});
