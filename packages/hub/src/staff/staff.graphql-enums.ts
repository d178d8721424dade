import { STAFF_ROLES } from '../shared/actor.js';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const StaffRoleEnum = graphqlEnum(STAFF_ROLES, { name: 'StaffRole' });
