/** The public listing the site and visitors load most: one page of notices with their lots and buyer. */
export const PAGE_SIZE = 50;

export const NOTICES_QUERY = `{ notices(first: ${PAGE_SIZE}) { totalCount edges { cursor node { reference title submissionDeadline status organisation { name siren } lots { number title cpv { code label } estimatedValue } } } } }`;

export const REQUEST = {
  path: '/graphql',
  method: 'POST',
  // Apollo's CSRF prevention accepts a POST only with a JSON content type (or a preflight header).
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: NOTICES_QUERY }),
};
