import type { ProviderKind, TrainingTopic } from '../trainings/training-topics.js';

/** Demo staff by first name; the emails are those of DEMO_STAFF. */
export const DEMO_PEOPLE = {
  camille: 'commande.publique.admin@demo.dracenie.example',
  nadia: 'acheteur.agglo@demo.dracenie.example',
  julien: 'acheteur@demo.draguignan.example',
  luc: 'lecteur@demo.draguignan.example',
  sophie: 'acheteuse@demo.lorgues.example',
  marc: 'acheteur@demo.vidauban.example',
  claire: 'acheteuse@demo.lemuy.example',
  isabelle: 'formatrice@demo.dracenie.example',
} as const;
export type DemoPerson = keyof typeof DEMO_PEOPLE;

/**
 * What happens to a demo enrolment: past sessions end ATTENDED or ABSENT; coming ones are approved (the admin
 * enrolled them) or PENDING (the person asked and waits for the employer's agreement).
 */
export type DemoOutcome = 'attended' | 'absent' | 'approved' | 'pending';

export interface DemoSession {
  /** Days from the seed's "now" to the session's first day (negative: in the past). */
  inDays: number;
  place: string | null;
  remote?: boolean;
  capacity: number;
  enrolled: Array<[DemoPerson, DemoOutcome]>;
}

export interface DemoTraining {
  title: string;
  topic: TrainingTopic;
  description: string;
  providerKind: ProviderKind;
  providerName: string;
  durationHours: number;
  sessions: DemoSession[];
}

const CNFPT = 'CNFPT – délégation Provence-Alpes-Côte d’Azur';
const DIRECTION = 'Direction de la commande publique de la Dracénie';
const HOTEL = 'Hôtel d’agglomération, salle Pierre-Brossolette, Draguignan';
const CNFPT_VAR = 'CNFPT, antenne du Var, La Garde';

export const DEMO_TRAININGS: DemoTraining[] = [
  {
    title: 'Les fondamentaux de la commande publique',
    topic: 'PROCUREMENT_BASICS',
    description:
      'Principes de la commande publique, définition et computation des besoins, seuils et procédures, publicité, délais, dématérialisation des échanges. Pour les agents qui prennent un poste d’acheteur ou de correspondant achats.',
    providerKind: 'EXTERNAL',
    providerName: CNFPT,
    durationHours: 14,
    sessions: [
      { inDays: -420, place: CNFPT_VAR, capacity: 15, enrolled: [['marc', 'attended'], ['claire', 'attended']] },
      { inDays: 38, place: CNFPT_VAR, capacity: 15, enrolled: [['luc', 'pending']] },
    ],
  },
  {
    title: 'Analyse des offres : critères, notation et rapport d’analyse',
    topic: 'OFFER_ANALYSIS',
    description:
      'Choisir et pondérer des critères liés à l’objet du marché, construire une méthode de notation, détecter une offre anormalement basse et rédiger un rapport d’analyse qui tient devant le juge. Cas pratiques tirés de marchés de la Dracénie.',
    providerKind: 'INTERNAL',
    providerName: DIRECTION,
    durationHours: 7,
    sessions: [
      { inDays: -300, place: HOTEL, capacity: 10, enrolled: [['nadia', 'attended'], ['julien', 'attended'], ['sophie', 'attended'], ['marc', 'absent']] },
      { inDays: -35, place: HOTEL, capacity: 10, enrolled: [['marc', 'attended'], ['claire', 'attended']] },
      { inDays: 21, place: HOTEL, capacity: 3, enrolled: [['luc', 'approved'], ['nadia', 'approved'], ['claire', 'pending'], ['sophie', 'pending']] },
    ],
  },
  {
    title: 'Négocier en procédure adaptée',
    topic: 'NEGOTIATION',
    description:
      'Préparer la négociation (objectifs, marges, ordre des points), conduire les échanges dans le respect de l’égalité de traitement et en garder la trace. Jeux de rôle acheteur / fournisseur.',
    providerKind: 'EXTERNAL',
    providerName: CNFPT,
    durationHours: 7,
    sessions: [
      { inDays: -180, place: CNFPT_VAR, capacity: 12, enrolled: [['julien', 'attended'], ['nadia', 'attended']] },
      { inDays: 52, place: CNFPT_VAR, capacity: 12, enrolled: [['sophie', 'approved']] },
    ],
  },
  {
    title: 'Achats durables : clauses environnementales et coût du cycle de vie',
    topic: 'SUSTAINABLE_PROCUREMENT',
    description:
      'Intégrer des considérations environnementales à chaque étape : définition du besoin, spécifications techniques, labels, critères et coût du cycle de vie. Préparer l’obligation d’au moins une considération environnementale issue de la loi Climat et résilience.',
    providerKind: 'EXTERNAL',
    providerName: CNFPT,
    durationHours: 7,
    sessions: [
      { inDays: -95, place: null, remote: true, capacity: 20, enrolled: [['nadia', 'attended'], ['sophie', 'attended'], ['julien', 'attended'], ['claire', 'attended']] },
      { inDays: 66, place: null, remote: true, capacity: 20, enrolled: [] },
    ],
  },
  {
    title: 'Clauses sociales et marchés réservés',
    topic: 'SOCIAL_CLAUSES',
    description:
      'Clause d’insertion, critère de performance sociale, marchés réservés aux ESAT, EA et SIAE : choisir le bon outil, calibrer les heures d’insertion et suivre leur exécution avec le facilitateur du territoire.',
    providerKind: 'INTERNAL',
    providerName: DIRECTION,
    durationHours: 3.5,
    sessions: [
      { inDays: -60, place: HOTEL, capacity: 12, enrolled: [['julien', 'attended'], ['marc', 'attended'], ['luc', 'attended']] },
      { inDays: 14, place: HOTEL, remote: true, capacity: 12, enrolled: [['claire', 'approved'], ['marc', 'pending']] },
    ],
  },
  {
    title: 'Déontologie de l’acheteur public',
    topic: 'ETHICS',
    description:
      'Conflits d’intérêts, délit de favoritisme, prise illégale d’intérêts, cadeaux et invitations, relations avec les fournisseurs : la charte de déontologie de la Dracénie commentée, cas par cas, et la conduite à tenir en cas de doute.',
    providerKind: 'INTERNAL',
    providerName: DIRECTION,
    durationHours: 3.5,
    sessions: [
      {
        inDays: -115,
        place: HOTEL,
        capacity: 25,
        enrolled: [['nadia', 'attended'], ['julien', 'attended'], ['sophie', 'attended'], ['marc', 'attended'], ['claire', 'attended'], ['luc', 'absent']],
      },
      { inDays: 30, place: HOTEL, capacity: 25, enrolled: [['luc', 'approved']] },
    ],
  },
  {
    title: 'Dématérialisation : profil d’acheteur, signature électronique et données essentielles',
    topic: 'DIGITAL_PROCUREMENT',
    description:
      'Publier une consultation sur le profil d’acheteur, recevoir et ouvrir les plis, signer électroniquement, notifier, puis publier les données essentielles (DECP) dans les délais.',
    providerKind: 'INTERNAL',
    providerName: DIRECTION,
    durationHours: 3.5,
    sessions: [
      { inDays: -240, place: null, remote: true, capacity: 15, enrolled: [['sophie', 'attended'], ['claire', 'attended'], ['marc', 'attended']] },
      { inDays: 9, place: null, remote: true, capacity: 15, enrolled: [['julien', 'approved']] },
    ],
  },
  {
    title: 'Sourçage et connaissance du tissu économique local',
    topic: 'SOURCING',
    description:
      'Rencontrer les entreprises avant la consultation sans fausser la concurrence : méthode, traçabilité des échanges, allotissement favorable aux PME et rencontres acheteurs-fournisseurs du territoire.',
    providerKind: 'INTERNAL',
    providerName: DIRECTION,
    durationHours: 3.5,
    sessions: [{ inDays: 45, place: HOTEL, capacity: 10, enrolled: [['nadia', 'approved'], ['julien', 'pending']] }],
  },
  {
    title: 'Exécution financière des marchés : avances, révision des prix et pénalités',
    topic: 'CONTRACT_MANAGEMENT',
    description:
      'Avance, retenue de garantie, révision et actualisation des prix, délai global de paiement, pénalités et réfaction : sécuriser l’exécution financière avec le comptable public.',
    providerKind: 'EXTERNAL',
    providerName: CNFPT,
    durationHours: 7,
    sessions: [{ inDays: -520, place: CNFPT_VAR, capacity: 15, enrolled: [['nadia', 'attended'], ['marc', 'attended']] }],
  },
];

/**
 * The charter the direction published; every demo staff member signs it except the viewer of Draguignan and the
 * trainer (no one publishes without signing; a trainer does not publish). The agglomeration's three accounts being
 * neither all nor none signed, its figures are public, as are the territory's (see staff-figures-disclosure.ts).
 */
export const DEMO_CHARTER = {
  publishedDaysAgo: 130,
  unsigned: ['luc', 'isabelle'] as DemoPerson[],
  title: 'Charte de déontologie de l’achat public en Dracénie',
  text: `# Charte de déontologie de l’achat public en Dracénie

Cette charte engage chaque agent de la Communauté d’agglomération Dracénie Provence Verdon et de ses communes membres
qui prépare, passe ou exécute un marché public. Elle rappelle les règles du code de la commande publique, du code
pénal et du statut de la fonction publique, et la conduite attendue quand la règle laisse un doute.

## 1. Impartialité et égalité de traitement
Je traite tous les candidats de la même manière : même information, même délai, mêmes réponses, publiées pour tous.

## 2. Conflits d’intérêts
Je déclare par écrit à ma hiérarchie tout lien personnel, familial, financier ou associatif avec une entreprise
candidate ou susceptible de l’être, et je me retire de la procédure concernée.

## 3. Cadeaux, invitations et avantages
Je refuse tout cadeau, repas ou invitation d’un fournisseur, actuel ou potentiel, hormis les objets publicitaires de
valeur symbolique. Je signale toute sollicitation.

## 4. Confidentialité
Je ne communique aucune information sur une consultation en cours (estimation, candidats, offres, analyse) en dehors
des voies prévues par la procédure.

## 5. Relations avec les fournisseurs
Les échanges préalables (sourçage) sont ouverts, tracés et ne donnent à aucune entreprise un avantage sur les autres.

## 6. Traçabilité
Je conserve la trace de mes choix : définition du besoin, procédure retenue, analyse des offres, négociations.

## 7. Signalement
En cas de doute ou de pression, je saisis le référent déontologue. Les lanceurs d’alerte sont protégés (loi du
9 décembre 2016 dite « Sapin II »).

## 8. Ce que la loi punit
Le délit de favoritisme (article 432-14 du code pénal) et la prise illégale d’intérêts (article 432-12) exposent
leur auteur à des peines d’emprisonnement et d’amende, indépendamment de toute sanction disciplinaire.
`,
};
