/** Topics of the catalogue, with the French label a reader sees; the list is closed so the site can group by it. */
export const TRAINING_TOPICS = [
  'PROCUREMENT_BASICS',
  'OFFER_ANALYSIS',
  'NEGOTIATION',
  'SUSTAINABLE_PROCUREMENT',
  'SOCIAL_CLAUSES',
  'ETHICS',
  'DIGITAL_PROCUREMENT',
  'SOURCING',
  'CONTRACT_MANAGEMENT',
  'OTHER',
] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

export const TRAINING_TOPIC_LABELS: Record<TrainingTopic, string> = {
  PROCUREMENT_BASICS: 'Fondamentaux de la commande publique',
  OFFER_ANALYSIS: 'Analyse des offres',
  NEGOTIATION: 'Négociation',
  SUSTAINABLE_PROCUREMENT: 'Achats durables',
  SOCIAL_CLAUSES: 'Clauses sociales et insertion',
  ETHICS: 'Déontologie',
  DIGITAL_PROCUREMENT: 'Dématérialisation',
  SOURCING: 'Sourçage et connaissance des fournisseurs',
  CONTRACT_MANAGEMENT: 'Exécution des marchés',
  OTHER: 'Autres',
};

/** INTERNAL: run by the agglomeration's procurement direction; EXTERNAL: a provider such as the CNFPT. */
export const PROVIDER_KINDS = ['INTERNAL', 'EXTERNAL'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const SESSION_STATUSES = ['SCHEDULED', 'CANCELLED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
