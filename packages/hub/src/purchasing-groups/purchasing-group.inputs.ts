import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A groupement de commandes. Members are SIRENs; the coordinator is always a member.' })
export class PurchasingGroupInput {
  @Field(() => String) subject!: string;
  @Field(() => String, { description: 'SIREN of the coordinator, who publishes the group’s notices.' })
  coordinatorSiren!: string;
  @Field(() => [String], { description: 'SIRENs of the members; the coordinator is added if missing.' })
  memberSirens!: string[];
  @Field(() => String, { description: 'Start of the agreement, YYYY-MM-DD.' }) agreementStart!: string;
  @Field(() => String, { nullable: true, description: 'End of the agreement, YYYY-MM-DD.' }) agreementEnd?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the convention and its documents are.' })
  documentsUrl?: string | null;
}
