/** The stages of the purchasing chain on which the direction gives advice, in the chain's order. */
export const ADVICE_STAGES = ['NEED', 'SOURCING', 'PROCEDURE', 'DRAFTING', 'ANALYSIS', 'NEGOTIATION', 'EXECUTION'] as const;
export type AdviceStage = (typeof ADVICE_STAGES)[number];

export const ADVICE_STAGE_LABELS: Readonly<Record<AdviceStage, string>> = {
  NEED: 'Définition du besoin',
  SOURCING: 'Sourçage des fournisseurs',
  PROCEDURE: 'Choix de la procédure',
  DRAFTING: 'Rédaction de la consultation',
  ANALYSIS: 'Analyse des offres',
  NEGOTIATION: 'Négociation',
  EXECUTION: 'Exécution du marché',
};

/** MESSAGE: a message of the thread; ANSWER: the expert's answer; REOPENING / CLOSING: the reason given. */
export const ADVICE_MESSAGE_KINDS = ['MESSAGE', 'ANSWER', 'REOPENING', 'CLOSING'] as const;
export type AdviceMessageKind = (typeof ADVICE_MESSAGE_KINDS)[number];
