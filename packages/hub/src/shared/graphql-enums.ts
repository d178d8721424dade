import { registerEnumType } from 'type-graphql';
import { NOTICE_STATUSES } from '../notices/notice-lifecycle.js';
import { LOT_STATUSES, NATURES, RESERVATIONS, SUPPLIER_MODES } from '../notices/notice-enums.js';
import { PROCEDURES } from '../notices/response-times.js';
import { ORGANISATION_KINDS } from '../organisations/organisation.entity.js';
import { STAFF_ROLES } from '../staff/staff-role.js';

/** GraphQL enums are built from the same `as const` lists the domain uses, so they cannot drift. */
function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const NoticeStatusEnum = enumObject(NOTICE_STATUSES);
export const NatureEnum = enumObject(NATURES);
export const ProcedureEnum = enumObject(PROCEDURES);
export const ReservationEnum = enumObject(RESERVATIONS);
export const SupplierModeEnum = enumObject(SUPPLIER_MODES);
export const LotStatusEnum = enumObject(LOT_STATUSES);
export const OrganisationKindEnum = enumObject(ORGANISATION_KINDS);
export const StaffRoleEnum = enumObject(STAFF_ROLES);

registerEnumType(NoticeStatusEnum, {
  name: 'NoticeStatus',
  description: 'PUBLISHED is returned only while the submission deadline is in the future; after it, CLOSED.',
});
registerEnumType(NatureEnum, { name: 'Nature', description: 'Nature of the contract: travaux, fournitures, services.' });
registerEnumType(ProcedureEnum, {
  name: 'Procedure',
  description:
    'ADAPTED: procédure adaptée (MAPA); OPEN / RESTRICTED: appel d’offres ouvert / restreint; NEGOTIATED: procédure avec négociation; COMPETITIVE_DIALOGUE: dialogue compétitif; NEGOTIATED_WITHOUT_PUBLICATION: marché négocié sans publicité.',
});
registerEnumType(ReservationEnum, {
  name: 'Reservation',
  description: 'NONE; DISABILITY: reserved to ESAT and EA; INSERTION: reserved to SIAE.',
});
registerEnumType(SupplierModeEnum, { name: 'SupplierMode', description: 'Framework agreement with one or several suppliers.' });
registerEnumType(LotStatusEnum, { name: 'LotStatus' });
registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind' });
registerEnumType(StaffRoleEnum, { name: 'StaffRole' });
