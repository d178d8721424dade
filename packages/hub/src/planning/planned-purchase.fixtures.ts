/** A planned purchase staff can record and publish at the test clock's time (1 December 2026): launch in 2027 T2. */
export function plannedPurchaseInput(overrides: Record<string, unknown> = {}) {
  return {
    subject: 'Rénovation énergétique de l’école Jean-Moulin',
    description: 'Isolation par l’extérieur, remplacement des menuiseries et de la chaufferie.',
    cpv: '45321000-3',
    launchYear: 2027,
    launchQuarter: 2,
    amountBand: 'FROM_216K_TO_1M',
    procedure: 'ADAPTED',
    placeOfPerformanceInseeCode: '83050',
    environmentalClause: true,
    socialClause: true,
    reservedFor: 'NONE',
    contactService: 'Service de la commande publique',
    contactEmail: 'marches@ville.example',
    ...overrides,
  };
}

export const PLAN_FIELDS = `reference subject status nature launchYear launchQuarter launchQuarterKey launchQuarterStart
  amountBand amountMin amountMax procedure environmentalClause socialClause reservedFor contactService contactEmail
  publishedAt withdrawnAt withdrawalReason launchedAt cpv { code label } family { slug } organisation { siren }
  placeOfPerformance { inseeCode name } notice { reference status publishedAt }`;

export const CREATE_PLAN = `mutation($input: CreatePlannedPurchaseInput!) { createPlannedPurchase(input: $input) { ${PLAN_FIELDS} } }`;
export const UPDATE_PLAN = `mutation($reference: String!, $input: PlannedPurchaseInput!) { updatePlannedPurchase(reference: $reference, input: $input) { ${PLAN_FIELDS} } }`;
export const PUBLISH_PLAN = `mutation($reference: String!) { publishPlannedPurchase(reference: $reference) { ${PLAN_FIELDS} } }`;
export const WITHDRAW_PLAN = `mutation($reference: String!, $reason: String!) { withdrawPlannedPurchase(reference: $reference, reason: $reason) { ${PLAN_FIELDS} } }`;
export const PLAN = `query($reference: String!) { plannedPurchase(reference: $reference) { ${PLAN_FIELDS} } }`;
export const PLAN_LIST = `query($filter: PlannedPurchaseFilter) { plannedPurchases(filter: $filter, first: 200) { totalCount edges { node { reference status } } } }`;
