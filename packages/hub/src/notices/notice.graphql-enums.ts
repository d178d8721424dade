import { graphqlEnum } from '../shared/graphql-enums.js';
import { LOT_STATUSES, NATURES, RESERVATIONS, SUPPLIER_MODES } from './notice-enums.js';
import { NOTICE_STATUSES } from './notice-lifecycle.js';
import { PROCEDURES } from './response-times.js';

export const NoticeStatusEnum = graphqlEnum(NOTICE_STATUSES, {
  name: 'NoticeStatus',
  description: 'PUBLISHED is returned only while the submission deadline is in the future; after it, CLOSED.',
});
export const NatureEnum = graphqlEnum(NATURES, { name: 'Nature', description: 'Nature of the contract: travaux, fournitures, services.' });
export const ProcedureEnum = graphqlEnum(PROCEDURES, {
  name: 'Procedure',
  description:
    'ADAPTED: procédure adaptée (MAPA); OPEN / RESTRICTED: appel d’offres ouvert / restreint; NEGOTIATED: procédure avec négociation; COMPETITIVE_DIALOGUE: dialogue compétitif; NEGOTIATED_WITHOUT_PUBLICATION: marché négocié sans publicité.',
});
export const ReservationEnum = graphqlEnum(RESERVATIONS, {
  name: 'Reservation',
  description: 'NONE; DISABILITY: reserved to ESAT and EA; INSERTION: reserved to SIAE.',
});
export const SupplierModeEnum = graphqlEnum(SUPPLIER_MODES, { name: 'SupplierMode', description: 'Framework agreement with one or several suppliers.' });
export const LotStatusEnum = graphqlEnum(LOT_STATUSES, { name: 'LotStatus' });
