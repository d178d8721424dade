import type { Commune, Lot, Notice, Organisation, PurchasingFamily } from '../hub/types.js';
import type { SiteData } from '../notices/catalogue.js';

// Readable fixtures for unit tests: a valid public notice, changed only where a test cares.

export const DRACENIE: Organisation = {
  siren: '200040947',
  slug: 'dracenie-provence-verdon-agglomeration',
  name: 'Dracénie Provence Verdon agglomération',
  kind: 'AGGLOMERATION',
  inseeCode: null,
  population: 110000,
};

export const LORGUES_BUYER: Organisation = {
  siren: '218300721',
  slug: 'lorgues',
  name: 'Lorgues',
  kind: 'COMMUNE',
  inseeCode: '83072',
  population: 9500,
};

export const LORGUES: Commune = {
  inseeCode: '83072',
  name: 'Lorgues',
  slug: 'lorgues',
  postalCodes: ['83510'],
  population: 9500,
  organisation: { slug: 'lorgues' },
};

export const LE_MUY: Commune = {
  inseeCode: '83086',
  name: 'Le Muy',
  slug: 'le-muy',
  postalCodes: ['83490'],
  population: 9900,
  organisation: null,
};

export const GREEN_SPACES: PurchasingFamily = {
  slug: 'espaces-verts',
  name: 'Espaces verts',
  description: 'Entretien et création d’espaces verts.',
  cpvPrefixes: ['77'],
};

export const BUILDINGS: PurchasingFamily = {
  slug: 'batiment',
  name: 'Bâtiment',
  description: 'Travaux de bâtiment.',
  cpvPrefixes: ['45'],
};

export function aLot(overrides: Partial<Lot> = {}): Lot {
  return {
    number: 1,
    title: 'Lot unique',
    cpv: { code: '77310000-6', label: 'Réalisation et entretien d’espaces verts' },
    estimatedValue: 80000,
    status: 'OPEN',
    award: null,
    unsuccessfulReason: null,
    ...overrides,
  };
}

export function aNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    reference: '2026-DRA-0001',
    title: 'Entretien des espaces verts',
    description: 'Tonte, taille et désherbage des espaces verts communautaires.',
    status: 'PUBLISHED',
    isOpen: true,
    organisation: DRACENIE,
    nature: 'SERVICES',
    procedure: 'ADAPTED',
    mainCpv: { code: '77310000-6', label: 'Réalisation et entretien d’espaces verts' },
    additionalCpvs: [],
    family: { slug: GREEN_SPACES.slug, name: GREEN_SPACES.name },
    estimatedValue: 120000,
    placeOfPerformance: null,
    submissionDeadline: '2026-12-14T11:00:00.000Z',
    publishedAt: '2026-11-10T08:00:00.000Z',
    closedAt: null,
    buyerProfileUrl: 'https://marches.example.org/consultation/1',
    contactEmail: 'commande-publique@dracenie.example.org',
    socialClause: false,
    environmentalClause: true,
    reservedFor: 'NONE',
    frameworkAgreement: null,
    lots: [aLot()],
    corrigenda: [],
    cancelledAt: null,
    cancellationReason: null,
    updatedAt: '2026-11-10T08:00:00.000Z',
    plannedPurchase: null,
    publicity: {
      level: 'NATIONAL',
      label: 'Publicité au BOAMP ou dans un journal d’annonces légales',
      explanation:
        'La valeur estimée du marché, 120 000 € HT, est d’au moins 90 000 € HT et inférieure à 216 000 € HT, le seuil européen pour des services : un avis est publié au BOAMP ou dans un journal d’annonces légales (article R2131-12, seuils en vigueur depuis le 1er avril 2026).',
    },
    ...overrides,
  };
}

/** A notice whose deadline has passed and whose lots are all awarded. */
export function anAwardedNotice(overrides: Partial<Notice> = {}): Notice {
  return aNotice({
    status: 'AWARDED',
    isOpen: false,
    submissionDeadline: '2026-06-01T10:00:00.000Z',
    closedAt: '2026-06-01T10:00:00.000Z',
    lots: [
      aLot({
        status: 'AWARDED',
        award: {
          supplierName: 'Jardins du Var SARL',
          supplierSiret: '12345678900011',
          sme: true,
          supplierCommune: 'Lorgues',
          amount: 76500,
          awardedOn: '2026-07-03',
        },
      }),
    ],
    ...overrides,
  });
}

export function siteData(notices: Notice[], builtAt = new Date('2026-12-01T09:00:00Z')): SiteData {
  return {
    builtAt,
    notices,
    organisations: [DRACENIE, LORGUES_BUYER],
    communes: [LORGUES, LE_MUY],
    families: [GREEN_SPACES, BUILDINGS],
  };
}
