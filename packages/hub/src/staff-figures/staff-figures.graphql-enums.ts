import { graphqlEnum } from '../shared/graphql-enums.js';
import { MIN_PUBLISHED_HEADCOUNT, WITHHELD_REASONS } from './staff-figures-disclosure.js';

export const StaffFiguresWithheldReasonEnum = graphqlEnum(WITHHELD_REASONS, {
  name: 'StaffFiguresWithheldReason',
  description:
    `Why public staff figures are withheld (their values are then null). SMALL: fewer than ${MIN_PUBLISHED_HEADCOUNT} active staff ` +
    'accounts, whose figures would tell what a named person did. ALL_OR_NONE: no one or everyone of them did it, which ' +
    'would tell it of each of them. COMPLEMENTARY (the territory’s total): published with the rows, it would give away ' +
    'the figures of a withheld organisation (total minus the published rows).',
});

/** The description every nullable staff figure carries, after what it counts. */
export const WITHHELD_NOTE = 'Null when withheld: see `withheld`.';
