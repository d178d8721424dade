import { registerEnumType } from 'type-graphql';
import { ADVICE_STATES } from './advice-lifecycle.js';
import { ADVICE_MESSAGE_KINDS, ADVICE_STAGES, ADVICE_STAGE_LABELS } from './advice-stages.js';

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const AdviceStageEnum = enumObject(ADVICE_STAGES);
export const AdviceStateEnum = enumObject(ADVICE_STATES);
export const AdviceMessageKindEnum = enumObject(ADVICE_MESSAGE_KINDS);

registerEnumType(AdviceStageEnum, {
  name: 'AdviceStage',
  description: 'Stage of the purchasing chain: ' + ADVICE_STAGES.map((stage) => `${stage} (${ADVICE_STAGE_LABELS[stage]})`).join(', ') + '.',
});
registerEnumType(AdviceStateEnum, {
  name: 'AdviceState',
  description:
    'SUBMITTED: waiting for the direction to name an expert; ASSIGNED: an expert is to answer; ANSWERED: answered; CLOSED: done or withdrawn. ANSWERED and CLOSED requests may be reopened with a reason.',
});
registerEnumType(AdviceMessageKindEnum, {
  name: 'AdviceMessageKind',
  description: 'MESSAGE: a message of the thread; ANSWER: the expert’s answer; REOPENING / CLOSING: why the request was reopened or closed.',
});
