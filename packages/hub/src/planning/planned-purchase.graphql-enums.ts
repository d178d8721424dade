import { registerEnumType } from 'type-graphql';
import { AMOUNT_BANDS, type AmountBand } from './amount-bands.js';
import { PLANNED_PURCHASE_STATUSES, type PlannedPurchaseStatus } from './planned-purchase-lifecycle.js';

export const PlannedPurchaseStatusEnum = Object.fromEntries(PLANNED_PURCHASE_STATUSES.map((value) => [value, value])) as {
  [K in PlannedPurchaseStatus]: K;
};
export const AmountBandEnum = Object.fromEntries(AMOUNT_BANDS.map((band) => [band.code, band.code])) as { [K in AmountBand]: K };

registerEnumType(PlannedPurchaseStatusEnum, {
  name: 'PlannedPurchaseStatus',
  description:
    'DRAFT: staff only; PUBLISHED: announced in the plan; WITHDRAWN: taken out of the plan, with a reason; LAUNCHED: a published notice launched it.',
});
registerEnumType(AmountBandEnum, {
  name: 'AmountBand',
  description: `Estimated amount, euros excl. VAT: ${AMOUNT_BANDS.map((band) => `${band.code} ${band.label}`).join('; ')}.`,
});
