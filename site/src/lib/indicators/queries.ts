// The documents the site sends for the indicators: the figures of one scope (INDICATORS_FIELDS, typed by
// types.ts), the first read and the batches of scopes (load.ts).

const SHARE = 'noticeCount noticeShare amount amountShare';
const SAVINGS = 'lotCount estimatedAmount awardedAmount savedAmount rate';
const SUSTAINABILITY = `target meetsTarget environmental { ${SHARE} } social { ${SHARE} } reserved { ${SHARE} } sustainable { ${SHARE} }`;
const BREAKDOWN = 'key label noticeCount awardedAmount';
/** Every field of `Indicators` the site reads; types.ts picks the same ones. */
export const INDICATORS_FIELDS = `year organisationSiren noticeCount awardedLotCount awardedAmount
  sustainability { ${SUSTAINABILITY} }
  suppliers { sme { amount share } territory { amount share } departement { amount share } }
  savings { ${SAVINGS} }
  byCommune { ${BREAKDOWN} } byNature { ${BREAKDOWN} } byProcedure { ${BREAKDOWN} }
  byFamily { ${BREAKDOWN} sustainability { ${SUSTAINABILITY} } savings { ${SAVINGS} } }
  methods { notices amounts sustainability suppliers savings }`;

const FIGURES = `fragment SiteFigures on Indicators { ${INDICATORS_FIELDS} }`;
export const FIRST_QUERY = `query SiteIndicators { indicatorYears organisations { siren slug name } indicators { ...SiteFigures } } ${FIGURES}`;

/** When the first read fails: the buyers alone (they make the indicator pages), then the years. */
export const ORGANISATIONS_QUERY = 'query SiteIndicatorOrganisations { organisations { siren slug name } }';
export const YEARS_QUERY = 'query SiteIndicatorYears { indicatorYears }';

export type Scope = { year: number } | { siren: string } | { all: true };

/**
 * One document asking for each scope under its own alias (s0, s1…), which is also its variable's name. The hub
 * reads its records once per request, so a batch costs about what one scope does.
 */
export function scopesQuery(scopes: Scope[]): { query: string; variables: Record<string, number | string> } {
  const names = scopes.map((_, index) => `s${index}`);
  const parameters = scopes.flatMap((scope, index) =>
    'all' in scope ? [] : [`$${names[index]}: ${'year' in scope ? 'Int!' : 'String!'}`],
  );
  const fields = scopes.map((scope, index) => {
    if ('all' in scope) return `${names[index]}: indicators { ...SiteFigures }`;
    const argument = 'year' in scope ? 'year' : 'organisationSiren';
    return `${names[index]}: indicators(${argument}: $${names[index]}) { ...SiteFigures }`;
  });
  const variables = Object.fromEntries(
    scopes.flatMap((scope, index) => ('all' in scope ? [] : [[names[index], 'year' in scope ? scope.year : scope.siren]])),
  );
  const declared = parameters.length > 0 ? `(${parameters.join(', ')})` : '';
  return { query: `query SiteIndicatorScopes${declared} { ${fields.join(' ')} } ${FIGURES}`, variables };
}
