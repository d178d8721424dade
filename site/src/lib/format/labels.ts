import type {
  LotStatus,
  Nature,
  NoticeStatus,
  OrganisationKind,
  Procedure,
  Reservation,
  SupplierMode,
} from '../hub/types.js';

// `satisfies Record<…>` makes the compiler list any enum value the hub adds and we forget to translate.

export const NATURE_LABELS = {
  WORKS: 'Travaux',
  SUPPLIES: 'Fournitures',
  SERVICES: 'Services',
} as const satisfies Record<Nature, string>;

export const PROCEDURE_LABELS = {
  ADAPTED: 'Procédure adaptée (MAPA)',
  OPEN: 'Appel d’offres ouvert',
  RESTRICTED: 'Appel d’offres restreint',
  NEGOTIATED: 'Procédure avec négociation',
  COMPETITIVE_DIALOGUE: 'Dialogue compétitif',
  NEGOTIATED_WITHOUT_PUBLICATION: 'Marché négocié sans publicité ni mise en concurrence',
} as const satisfies Record<Procedure, string>;

export const STATUS_LABELS = {
  DRAFT: 'Brouillon',
  PUBLISHED: 'Ouvert',
  CLOSED: 'Clos',
  AWARDED: 'Attribué',
  UNSUCCESSFUL: 'Infructueux',
  CANCELLED: 'Sans suite',
} as const satisfies Record<NoticeStatus, string>;

export const LOT_STATUS_LABELS = {
  OPEN: 'En cours',
  AWARDED: 'Attribué',
  UNSUCCESSFUL: 'Infructueux',
  CANCELLED: 'Sans suite',
} as const satisfies Record<LotStatus, string>;

export const RESERVATION_LABELS = {
  NONE: 'Non réservé',
  DISABILITY: 'Réservé aux entreprises adaptées et ESAT',
  INSERTION: 'Réservé aux structures d’insertion par l’activité économique (SIAE)',
} as const satisfies Record<Reservation, string>;

export const SUPPLIER_MODE_LABELS = {
  SINGLE: 'mono-attributaire',
  MULTIPLE: 'multi-attributaire',
} as const satisfies Record<SupplierMode, string>;

export const ORGANISATION_KIND_LABELS = {
  AGGLOMERATION: 'Communauté d’agglomération',
  COMMUNE: 'Commune',
  OTHER_PUBLIC_BODY: 'Autre organisme public',
} as const satisfies Record<OrganisationKind, string>;

/** "1 avis", "3 avis ouverts": French plurals for the counts the site announces. */
export function countLabel(count: number, singular: string, plural: string): string {
  const n = new Intl.NumberFormat('fr-FR').format(count);
  return `${n} ${count <= 1 ? singular : plural}`;
}
