import { createStaffAccount } from '../../staff/staff-account.service.js';
import { PASSWORD, SIREN, type TestHub } from '../../test-support/test-hub.js';

export const CANTEEN_EXPERT_EMAIL = 'restauration@agglo.test';

const SET_FAMILIES = 'mutation($id: ID!, $slugs: [String!]!) { setCorrespondentFamilies(staffMemberId: $id, familySlugs: $slugs) { slug } }';

/**
 * The expert the advice tests' canteen questions go to: a buyer of the agglomeration (password `PASSWORD`), named
 * correspondent for school catering (`restauration-collective`) by an administrator through the API. Its staff id.
 */
export async function addCanteenExpert(hub: TestHub, adminToken: string): Promise<string> {
  const { member } = await createStaffAccount(hub.orm.em.fork(), {
    email: CANTEEN_EXPERT_EMAIL,
    name: 'Experte Restauration',
    organisationSiren: SIREN.agglomeration,
    role: 'BUYER',
    password: PASSWORD,
  });
  const named = await hub.gql(SET_FAMILIES, { id: member.id, slugs: ['restauration-collective'] }, adminToken);
  if (named.errors) throw new Error(`could not name the canteen expert: ${JSON.stringify(named.errors)}`);
  return member.id;
}
