/**
 * The services sociaux et autres services spécifiques (SSS): the "light regime" of Annex XIV of Directive
 * 2014/24/EU, listed by CPV code in the avis annexed to the code de la commande publique (avis relatif aux contrats
 * de la commande publique ayant pour objet des services sociaux et autres services spécifiques). For them:
 * - the procédure adaptée is allowed whatever the estimated value (R2123-1 3°);
 * - the EU threshold is 750 000 € HT for a pouvoir adjudicateur and 1 000 000 € HT for an entité adjudicatrice
 *   (directive 2014/24/EU art. 4 d, 2014/25/EU art. 15 c): fixed amounts, not revised every two years.
 *
 * The annex gives single codes and ranges "from X to Y" in the CPV numbering. A single code is that code only (the
 * annex writes "85000000-9 to 85323000-9" when it means a family, so "98000000-3" does not take in the laundries of
 * 98310000); a range takes every code from X to Y and Y's own subdivisions, which share Y's leading digits. Transcribed from Annex XIV of Directive 2014/24/EU
 * (Official Journal of the EU, L 94, 28 March 2014); the eForms code list `social-service-cpv` (SDK 1.15.1,
 * CC BY 4.0) is a subset of it and is checked against it in the tests.
 */
const RANGES: ReadonlyArray<readonly [string, string]> = [
  // Health, social and related services
  ['75200000', '75200000'],
  ['75231200', '75231200'],
  ['75231240', '75231240'],
  ['79611000', '79611000'],
  ['79622000', '79622000'],
  ['79624000', '79624000'],
  ['79625000', '79625000'],
  ['85000000', '85323000'],
  ['98133000', '98133000'],
  ['98133100', '98133100'],
  ['98200000', '98200000'],
  ['98500000', '98500000'],
  ['98513000', '98514000'],
  // Administrative social, educational, healthcare and cultural services
  ['75000000', '75000000'],
  ['75121000', '75121000'],
  ['75122000', '75122000'],
  ['75124000', '75124000'],
  ['79995000', '79995200'],
  ['80000000', '80660000'],
  ['92000000', '92700000'],
  ['79950000', '79956000'],
  // Compulsory social security services; benefit services
  ['75300000', '75340000'],
  // Other community, social and personal services; religious services
  ['98000000', '98000000'],
  ['98120000', '98120000'],
  ['98130000', '98133110'],
  // Hotel and restaurant services (including school catering and canteens)
  ['55100000', '55410000'],
  ['55510000', '55524000'],
  // Legal services, to the extent not excluded (the representation and advice of L2512-5 10° are out of the code)
  ['79100000', '79140000'],
  ['75231100', '75231100'],
  // Other administrative services and government services; provision of services to the community
  ['75100000', '75120000'],
  ['75123000', '75123000'],
  ['75125000', '75131000'],
  ['75200000', '75231000'],
  // Prison related services, public security and rescue services
  ['75231210', '75231230'],
  ['75240000', '75252000'],
  ['79430000', '79430000'],
  ['98113100', '98113100'],
  // Investigation and security services
  ['79700000', '79723000'],
  // International services
  ['98900000', '98910000'],
  // Postal services
  ['64000000', '64122000'],
  // Miscellaneous services
  ['50116510', '50116510'],
  ['71550000', '71550000'],
];

/** The eight digits of a CPV code ("55524000-9" → "55524000"); null when it has not that shape. */
function digitsOf(cpv: string): string | null {
  const match = /^(\d{8})(?:-\d)?$/.exec(cpv.trim());
  return match ? match[1]! : null;
}

/** The last code a range's upper bound covers: its subdivisions share its significant leading digits. */
function upperBound(code: string): string {
  const significant = code.replace(/0+$/, '');
  return significant.padEnd(8, '9');
}

/** Whether a CPV code (with or without its check digit) names a social or other specific service of Annex XIV. */
export function isSocialOrSpecificService(cpv: string): boolean {
  const digits = digitsOf(cpv);
  if (!digits) return false;
  return RANGES.some(([from, to]) => (from === to ? digits === from : from <= digits && digits <= upperBound(to)));
}

/** EU thresholds of the light regime, euros excl. VAT (fixed by the directives, not revised every two years). */
export const SOCIAL_SPECIFIC_SERVICES_EU_THRESHOLD = Object.freeze({
  contractingAuthorities: 750_000,
  utilities: 1_000_000,
});
