import { Field, InputType, Int } from 'type-graphql';
import type { Nature, Reservation } from '../notices/notice-enums.js';
import type { Procedure } from '../notices/response-times.js';
import { NatureEnum, ProcedureEnum, ReservationEnum } from '../notices/notice.graphql-enums.js';
import type { AmountBand } from './amount-bands.js';
import { AmountBandEnum } from './planned-purchase.graphql-enums.js';

@InputType({ description: 'A planned purchase as staff draft it. Unset fields keep their value.' })
export class PlannedPurchaseInput {
  @Field(() => String, { nullable: true, description: 'Objet: what will be bought.' }) subject?: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => NatureEnum, { nullable: true }) nature?: Nature;
  @Field(() => String, { nullable: true, description: 'Main CPV 2008 code.' }) cpv?: string;
  @Field(() => String, { nullable: true, description: 'Set the family instead of deriving it from the CPV code (null: derive again).' })
  familySlug?: string | null;
  @Field(() => Int, { nullable: true, description: 'Year of the expected launch.' }) launchYear?: number;
  @Field(() => Int, { nullable: true, description: 'Quarter of the expected launch, 1 to 4.' }) launchQuarter?: number;
  @Field(() => AmountBandEnum, { nullable: true }) amountBand?: AmountBand;
  @Field(() => ProcedureEnum, { nullable: true, description: 'The procedure expected.' }) procedure?: Procedure;
  @Field(() => String, { nullable: true }) placeOfPerformanceInseeCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'An environmental clause is intended.' }) environmentalClause?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'A social clause (insertion) is intended.' }) socialClause?: boolean;
  @Field(() => ReservationEnum, { nullable: true, description: 'A reserved lot or contract is intended.' }) reservedFor?: Reservation;
  @Field(() => String, { nullable: true, description: 'The service to contact, e.g. « Service de la commande publique ».' })
  contactService?: string;
  @Field(() => String, { nullable: true, description: 'A function address of that service, never a person’s own.' })
  contactEmail?: string;
}

@InputType()
export class CreatePlannedPurchaseInput extends PlannedPurchaseInput {
  @Field(() => String, { nullable: true, description: 'SIREN of the buyer; defaults to the signed-in staff member’s own.' })
  organisationSiren?: string;
}

@InputType()
export class PlannedPurchaseFilter {
  @Field(() => String, { nullable: true }) organisationSiren?: string;
  @Field(() => String, { nullable: true }) familySlug?: string;
  @Field(() => String, { nullable: true, description: 'INSEE code of the place of performance, or of the buying commune when none is set.' })
  communeInseeCode?: string;
  @Field(() => Int, { nullable: true }) launchYear?: number;
  @Field(() => Int, { nullable: true }) launchQuarter?: number;
}
