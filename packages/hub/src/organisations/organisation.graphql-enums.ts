import { graphqlEnum } from '../shared/graphql-enums.js';
import { ORGANISATION_KINDS } from './organisation.entity.js';

export const OrganisationKindEnum = graphqlEnum(ORGANISATION_KINDS, { name: 'OrganisationKind' });
