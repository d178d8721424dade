/**
 * The fields an avis rectificatif may change, with the French label the public notice shows. A correction that
 * touches a lot records the field as `lot.<number>.<field>`.
 */
export const CORRECTABLE_FIELDS = {
  title: 'Objet du marché',
  description: 'Description',
  submissionDeadline: 'Date limite de remise des offres',
  estimatedValue: 'Valeur estimée (HT)',
  buyerProfileUrl: 'Lien vers la consultation',
  contactEmail: 'Contact',
  socialClause: 'Clause sociale',
  environmentalClause: 'Clause environnementale',
  reservedFor: 'Marché réservé',
  placeOfPerformanceInsee: 'Lieu d’exécution',
  additionalCpvs: 'Codes CPV complémentaires',
} as const;
export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;

const LOT_FIELDS: Record<string, string> = { title: 'intitulé', estimatedValue: 'valeur estimée (HT)' };

export function fieldLabel(field: string): string {
  const lot = /^lot\.(\d+)\.(\w+)$/.exec(field);
  if (lot) return `Lot ${lot[1]} : ${LOT_FIELDS[lot[2] ?? ''] ?? lot[2]}`;
  return (CORRECTABLE_FIELDS as Record<string, string>)[field] ?? field;
}

/** How a value is recorded in a corrigendum: stable text, instants in ISO 8601 UTC. */
export function recordValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return String(value);
}
