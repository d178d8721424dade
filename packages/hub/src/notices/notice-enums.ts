export const NATURES = ['WORKS', 'SUPPLIES', 'SERVICES'] as const;
export type Nature = (typeof NATURES)[number];

/** DISABILITY: reserved to ESAT/EA (L2113-12); INSERTION: reserved to SIAE (L2113-13). */
export const RESERVATIONS = ['NONE', 'DISABILITY', 'INSERTION'] as const;
export type Reservation = (typeof RESERVATIONS)[number];

export const SUPPLIER_MODES = ['SINGLE', 'MULTIPLE'] as const;
export type SupplierMode = (typeof SUPPLIER_MODES)[number];

export const LOT_STATUSES = ['OPEN', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
