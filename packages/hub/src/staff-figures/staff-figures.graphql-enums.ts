import { graphqlEnum } from '../shared/graphql-enums.js';
import { MIN_PUBLISHED_HEADCOUNT, WITHHELD_REASONS } from './staff-figures-disclosure.js';

export const StaffFiguresWithheldReasonEnum = graphqlEnum(WITHHELD_REASONS, {
  name: 'StaffFiguresWithheldReason',
  description:
    `Why public staff figures are withheld (their values are then null). SMALL: fewer than ${MIN_PUBLISHED_HEADCOUNT} active staff ` +
    'accounts, whose figures would tell what a named person did. COMPLEMENTARY: enough accounts, but published with the ' +
    'territory’s total they would give away the figures of the SMALL organisations (total minus the published rows).',
});

/** The description every nullable staff figure carries, after what it counts. */
export const WITHHELD_NOTE = 'Null when withheld: see `withheld`.';
