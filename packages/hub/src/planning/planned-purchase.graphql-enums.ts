import { graphqlEnum } from '../shared/graphql-enums.js';
import { AMOUNT_BANDS, type AmountBand } from './amount-bands.js';
import { PLANNED_PURCHASE_STATUSES } from './planned-purchase-lifecycle.js';

export const PlannedPurchaseStatusEnum = graphqlEnum(PLANNED_PURCHASE_STATUSES, {
  name: 'PlannedPurchaseStatus',
  description:
    'DRAFT: staff only; PUBLISHED: announced in the plan; WITHDRAWN: taken out of the plan, with a reason; LAUNCHED: a published notice launched it.',
});
export const AmountBandEnum = graphqlEnum(AMOUNT_BANDS.map((band): AmountBand => band.code), {
  name: 'AmountBand',
  description: `Estimated amount, euros excl. VAT: ${AMOUNT_BANDS.map((band) => `${band.code} ${band.label}`).join('; ')}.`,
});
