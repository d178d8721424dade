import type { PlanReference } from './plan-catalogue.js';
import type { PlannedPurchase } from './types.js';

/** A planned purchase as the hub's public API gives it; tests override what they look at. */
export function aPlannedPurchase(overrides: Partial<PlannedPurchase> = {}): PlannedPurchase {
  return {
    reference: 'PREV-2026-DRA-0001',
    subject: 'Rénovation énergétique du gymnase',
    description: 'Isolation et chauffage.',
    status: 'PUBLISHED',
    nature: 'WORKS',
    procedure: 'ADAPTED',
    launchYear: 2027,
    launchQuarter: 2,
    launchQuarterKey: '2027-T2',
    launchQuarterStart: '2027-03-31T22:00:00.000Z',
    amountBand: 'FROM_216K_TO_1M',
    amountMin: 216_000,
    amountMax: 1_000_000,
    environmentalClause: true,
    socialClause: false,
    reservedFor: 'NONE',
    contactService: 'Service de la commande publique',
    contactEmail: 'marches@ville.example',
    publishedAt: '2026-10-01T08:00:00.000Z',
    withdrawnAt: null,
    withdrawalReason: null,
    launchedAt: null,
    updatedAt: '2026-10-01T08:00:00.000Z',
    cpv: { code: '45321000-3', label: 'Travaux d’isolation thermique' },
    family: { slug: 'batiments', name: 'Bâtiments' },
    organisation: { siren: '218300507', slug: 'draguignan', name: 'Draguignan', kind: 'COMMUNE', inseeCode: '83050' },
    placeOfPerformance: null,
    notice: null,
    ...overrides,
  };
}

export const PLAN_REFERENCE: PlanReference = {
  communes: [
    { inseeCode: '83050', name: 'Draguignan', slug: 'draguignan', postalCodes: ['83300'], population: 40_000, organisation: { slug: 'draguignan' } },
    { inseeCode: '83072', name: 'Lorgues', slug: 'lorgues', postalCodes: ['83510'], population: 9_000, organisation: { slug: 'lorgues' } },
  ],
  organisations: [
    { siren: '218300507', slug: 'draguignan', name: 'Draguignan', kind: 'COMMUNE', inseeCode: '83050', population: 40_000 },
  ],
  families: [
    { slug: 'batiments', name: 'Bâtiments', description: 'Travaux', cpvPrefixes: ['45'] },
    { slug: 'nettoyage', name: 'Nettoyage', description: 'Nettoyage', cpvPrefixes: ['909'] },
  ],
};
