import type { Nature, Reservation } from '../notices/notice-enums.js';
import type { Procedure } from '../notices/response-times.js';

/** What happens to a demo notice after it is drafted. */
export type DemoOutcome = 'draft' | 'open' | 'corrected' | 'closed' | 'awarded' | 'partly-unsuccessful' | 'unsuccessful' | 'cancelled';

export interface DemoAward {
  supplierName: string;
  supplierSiret: string;
  sme: boolean;
  supplierCommune: string;
  supplierInseeCode?: string;
  amount: number;
  /** The contract's duration, which the DECP requires; a framework agreement's own when absent. */
  durationMonths?: number;
}

export interface DemoNotice {
  /** INSEE code of the buyer commune, or 'CAD' for the agglomeration. */
  buyer: string;
  title: string;
  description: string;
  nature: Nature;
  procedure: Procedure;
  cpv: string;
  place: string;
  publishedDaysAgo: number;
  responseDays: number;
  estimatedValue: number;
  lots: Array<{ title: string; cpv: string; estimatedValue: number; award?: DemoAward }>;
  outcome: DemoOutcome;
  socialClause?: boolean;
  environmentalClause?: boolean;
  reservedFor?: Reservation;
  framework?: { maximumAmount: number; durationMonths: number; supplierMode: 'SINGLE' | 'MULTIPLE' };
}

// Fictional suppliers with SIRETs whose Luhn keys are valid.
const SUPPLIERS = {
  batiVar: { supplierName: 'Bâti Var Construction', supplierSiret: '41234567000019', sme: true, supplierCommune: 'Draguignan', supplierInseeCode: '83050' },
  provenceVert: { supplierName: 'Provence Vert Paysage', supplierSiret: '52345678800018', sme: true, supplierCommune: 'Lorgues', supplierInseeCode: '83072' },
  esatArcs: { supplierName: 'ESAT Les Oliviers', supplierSiret: '30123456300015', sme: true, supplierCommune: 'Les Arcs', supplierInseeCode: '83004' },
  propreSud: { supplierName: 'Propre Sud Services', supplierSiret: '63456789500012', sme: true, supplierCommune: 'Toulon', supplierInseeCode: '83137' },
  numeriqueMed: { supplierName: 'Numérique Méditerranée', supplierSiret: '74567890400012', sme: false, supplierCommune: 'Marseille', supplierInseeCode: '13055' },
  routesAzur: { supplierName: 'Routes d’Azur TP', supplierSiret: '85678901100017', sme: false, supplierCommune: 'Le Muy', supplierInseeCode: '83086' },
} satisfies Record<string, Omit<DemoAward, 'amount'>>;

const award = (supplier: keyof typeof SUPPLIERS, amount: number, durationMonths?: number): DemoAward => ({ ...SUPPLIERS[supplier], amount, ...(durationMonths ? { durationMonths } : {}) });

export const DEMO_NOTICES: DemoNotice[] = [
  {
    buyer: '83050', title: 'Rénovation énergétique de l’école élémentaire Jean-Moulin', nature: 'WORKS', procedure: 'ADAPTED',
    description: 'Isolation des façades, remplacement des menuiseries extérieures et de la chaufferie de l’école élémentaire Jean-Moulin, en site occupé pendant les vacances scolaires.',
    cpv: '45321000-3', place: '83050', publishedDaysAgo: 6, responseDays: 35, estimatedValue: 780_000, outcome: 'open', environmentalClause: true, socialClause: true,
    lots: [
      { title: 'Isolation thermique par l’extérieur', cpv: '45321000-3', estimatedValue: 420_000 },
      { title: 'Menuiseries extérieures', cpv: '45421100-5', estimatedValue: 210_000 },
      { title: 'Chaufferie et ventilation', cpv: '45331000-6', estimatedValue: 150_000 },
    ],
  },
  {
    buyer: 'CAD', title: 'Entretien des espaces verts des zones d’activités communautaires', nature: 'SERVICES', procedure: 'OPEN',
    description: 'Tonte, taille, débroussaillement et arrosage des espaces verts des zones d’activités de la Dracénie, avec gestion différenciée et sans produits phytosanitaires.',
    cpv: '77310000-6', place: '83050', publishedDaysAgo: 3, responseDays: 36, estimatedValue: 360_000, outcome: 'open', environmentalClause: true, reservedFor: 'INSERTION',
    framework: { maximumAmount: 480_000, durationMonths: 48, supplierMode: 'SINGLE' },
    lots: [{ title: 'Entretien des espaces verts', cpv: '77310000-6', estimatedValue: 360_000 }],
  },
  {
    buyer: '83072', title: 'Fourniture de repas pour la restauration scolaire', nature: 'SUPPLIES', procedure: 'ADAPTED',
    description: 'Fourniture et livraison en liaison froide de repas pour les écoles maternelles et élémentaires de Lorgues, avec 50 % de produits durables dont 20 % biologiques.',
    cpv: '15894210-6', place: '83072', publishedDaysAgo: 2, responseDays: 25, estimatedValue: 190_000, outcome: 'open', environmentalClause: true,
    lots: [{ title: 'Repas en liaison froide', cpv: '15894210-6', estimatedValue: 190_000 }],
  },
  {
    buyer: '83148', title: 'Nettoyage des bâtiments communaux', nature: 'SERVICES', procedure: 'ADAPTED',
    description: 'Nettoyage courant de la mairie, de la médiathèque et des salles polyvalentes de Vidauban, avec produits écolabellisés.',
    cpv: '90911200-8', place: '83148', publishedDaysAgo: 10, responseDays: 24, estimatedValue: 96_000, outcome: 'corrected', socialClause: true,
    lots: [
      { title: 'Mairie et services administratifs', cpv: '90911200-8', estimatedValue: 54_000 },
      { title: 'Médiathèque et salles polyvalentes', cpv: '90911200-8', estimatedValue: 42_000 },
    ],
  },
  {
    buyer: 'CAD', title: 'Location longue durée de véhicules utilitaires électriques', nature: 'SUPPLIES', procedure: 'OPEN',
    description: 'Groupement de commandes de la Dracénie : location longue durée, entretien compris, de véhicules utilitaires légers électriques pour l’agglomération et les communes membres.',
    cpv: '34110000-1', place: '83050', publishedDaysAgo: 12, responseDays: 40, estimatedValue: 640_000, outcome: 'open', environmentalClause: true,
    framework: { maximumAmount: 900_000, durationMonths: 48, supplierMode: 'SINGLE' },
    lots: [{ title: 'Véhicules utilitaires légers électriques', cpv: '34144900-7', estimatedValue: 640_000 }],
  },
  {
    buyer: '83086', title: 'Réfection de la voirie du chemin des Vignes', nature: 'WORKS', procedure: 'ADAPTED',
    description: 'Reprise de la chaussée, création d’un trottoir et gestion des eaux pluviales sur le chemin des Vignes au Muy.',
    cpv: '45233140-2', place: '83086', publishedDaysAgo: 1, responseDays: 21, estimatedValue: 230_000, outcome: 'open',
    lots: [{ title: 'Voirie et réseaux divers', cpv: '45233140-2', estimatedValue: 230_000 }],
  },
  {
    buyer: '83004', title: 'Maintenance du parc informatique des écoles', nature: 'SERVICES', procedure: 'ADAPTED',
    description: 'Maintenance préventive et curative des ordinateurs, tablettes et vidéoprojecteurs des écoles des Arcs.',
    cpv: '50320000-4', place: '83004', publishedDaysAgo: 0, responseDays: 22, estimatedValue: 48_000, outcome: 'draft',
    lots: [{ title: 'Maintenance informatique', cpv: '50320000-4', estimatedValue: 48_000 }],
  },
  {
    buyer: '83050', title: 'Extension de la crèche municipale des Collettes', nature: 'WORKS', procedure: 'OPEN',
    description: 'Projet de brouillon : extension de la crèche municipale, en cours de rédaction par le service des marchés.',
    cpv: '45214100-1', place: '83050', publishedDaysAgo: 0, responseDays: 40, estimatedValue: 1_200_000, outcome: 'draft',
    lots: [{ title: 'Gros œuvre', cpv: '45223220-4', estimatedValue: 700_000 }],
  },
  {
    buyer: 'CAD', title: 'Téléphonie fixe et mobile des collectivités de la Dracénie', nature: 'SERVICES', procedure: 'OPEN',
    description: 'Groupement de commandes : services de téléphonie fixe, mobile et d’accès internet pour l’agglomération et les communes adhérentes.',
    cpv: '64210000-1', place: '83050', publishedDaysAgo: 120, responseDays: 35, estimatedValue: 820_000, outcome: 'awarded',
    framework: { maximumAmount: 1_100_000, durationMonths: 48, supplierMode: 'SINGLE' },
    lots: [
      { title: 'Téléphonie fixe', cpv: '64211000-8', estimatedValue: 380_000, award: award('numeriqueMed', 352_400) },
      { title: 'Téléphonie mobile', cpv: '64212000-5', estimatedValue: 440_000, award: award('numeriqueMed', 401_900) },
    ],
  },
  {
    buyer: '83072', title: 'Aménagement paysager du parc de la Mairie', nature: 'WORKS', procedure: 'ADAPTED',
    description: 'Plantations, arrosage goutte-à-goutte et cheminements du parc de la Mairie de Lorgues.',
    cpv: '45112710-5', place: '83072', publishedDaysAgo: 90, responseDays: 28, estimatedValue: 140_000, outcome: 'awarded', environmentalClause: true,
    lots: [
      { title: 'Plantations et arrosage', cpv: '45112710-5', estimatedValue: 95_000, award: award('provenceVert', 88_750, 6) },
      { title: 'Cheminements', cpv: '45233161-5', estimatedValue: 45_000, award: award('routesAzur', 47_200, 4) },
    ],
  },
  {
    buyer: '83141', title: 'Entretien des locaux scolaires par une structure d’insertion', nature: 'SERVICES', procedure: 'ADAPTED',
    description: 'Marché réservé aux établissements et services d’aide par le travail : entretien des locaux scolaires de Trans-en-Provence.',
    cpv: '90919300-5', place: '83141', publishedDaysAgo: 75, responseDays: 25, estimatedValue: 60_000, outcome: 'awarded', reservedFor: 'DISABILITY', socialClause: true,
    lots: [{ title: 'Entretien des écoles', cpv: '90919300-5', estimatedValue: 60_000, award: award('esatArcs', 57_300, 36) }],
  },
  {
    buyer: '83058', title: 'Transport scolaire vers le gymnase intercommunal', nature: 'SERVICES', procedure: 'ADAPTED',
    description: 'Transport des élèves de Flayosc vers le gymnase intercommunal, trois fois par semaine en période scolaire.',
    cpv: '60130000-8', place: '83058', publishedDaysAgo: 70, responseDays: 25, estimatedValue: 70_000, outcome: 'unsuccessful',
    lots: [{ title: 'Transport scolaire', cpv: '60130000-8', estimatedValue: 70_000 }],
  },
  {
    buyer: '83121', title: 'Restauration du lavoir de la place de la Révolution', nature: 'WORKS', procedure: 'ADAPTED',
    description: 'Restauration du lavoir communal : maçonnerie à la chaux, couverture en tuiles anciennes et reprise de l’alimentation en eau.',
    cpv: '45454100-5', place: '83121', publishedDaysAgo: 50, responseDays: 30, estimatedValue: 85_000, outcome: 'cancelled',
    lots: [{ title: 'Maçonnerie et couverture', cpv: '45454100-5', estimatedValue: 85_000 }],
  },
  {
    buyer: '83085', title: 'Fournitures administratives et papier recyclé', nature: 'SUPPLIES', procedure: 'ADAPTED',
    description: 'Fourniture de papier recyclé et de fournitures de bureau pour la mairie de La Motte.',
    cpv: '30192000-1', place: '83085', publishedDaysAgo: 40, responseDays: 21, estimatedValue: 18_000, outcome: 'closed', environmentalClause: true,
    lots: [{ title: 'Fournitures de bureau', cpv: '30192000-1', estimatedValue: 18_000 }],
  },
  {
    buyer: 'CAD', title: 'Collecte et traitement des déchets verts des déchèteries', nature: 'SERVICES', procedure: 'OPEN',
    description: 'Enlèvement, transport et valorisation des déchets verts des déchèteries communautaires.',
    cpv: '90513000-6', place: '83058', publishedDaysAgo: 60, responseDays: 35, estimatedValue: 520_000, outcome: 'partly-unsuccessful', environmentalClause: true,
    lots: [
      { title: 'Déchèteries du nord', cpv: '90513000-6', estimatedValue: 260_000, award: award('propreSud', 251_000, 48) },
      { title: 'Déchèteries du sud', cpv: '90513000-6', estimatedValue: 260_000 },
    ],
  },
  {
    buyer: '83056', title: 'Installation de bornes de recharge pour véhicules électriques', nature: 'WORKS', procedure: 'ADAPTED',
    description: 'Fourniture et pose de quatre bornes de recharge sur le parking de la mairie de Figanières.',
    cpv: '45310000-3', place: '83056', publishedDaysAgo: 4, responseDays: 26, estimatedValue: 52_000, outcome: 'open', environmentalClause: true,
    lots: [{ title: 'Bornes de recharge', cpv: '45310000-3', estimatedValue: 52_000 }],
  },
  {
    buyer: '83134', title: 'Mise en accessibilité de la salle des fêtes', nature: 'WORKS', procedure: 'ADAPTED',
    description: 'Création d’une rampe d’accès, adaptation des sanitaires et signalétique de la salle des fêtes de Taradeau.',
    cpv: '45262700-8', place: '83134', publishedDaysAgo: 8, responseDays: 30, estimatedValue: 75_000, outcome: 'open', socialClause: true,
    lots: [{ title: 'Travaux d’accessibilité', cpv: '45262700-8', estimatedValue: 75_000 }],
  },
];
