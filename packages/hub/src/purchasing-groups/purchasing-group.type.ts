import { Field, ID, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { PurchasingGroup } from './purchasing-group.entity.js';

/** What the public sees of the group carrying a notice: no dates or documents of the convention. */
@ObjectType('NoticePurchasingGroup', { simpleResolvers: true, description: 'The groupement de commandes a notice is published for.' })
export class NoticePurchasingGroupType {
  @Field(() => String) subject!: string;
  @Field(() => OrganisationType, { description: 'Publishes the notice on behalf of the members.' })
  coordinator!: OrganisationType;
  @Field(() => [OrganisationType], { description: 'Every organisation of the group, the coordinator first.' })
  members!: OrganisationType[];

  static from(group: PurchasingGroup): NoticePurchasingGroupType {
    const members = orderedMembers(group);
    return Object.assign(new NoticePurchasingGroupType(), {
      subject: group.subject,
      coordinator: OrganisationType.from(group.coordinator.getEntity()),
      members: members.map((member) => OrganisationType.from(member)),
    });
  }
}

@ObjectType('PurchasingGroup', { simpleResolvers: true, description: 'A groupement de commandes, as its members’ staff read it.' })
export class PurchasingGroupType extends NoticePurchasingGroupType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'YYYY-MM-DD.' }) agreementStart!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) agreementEnd!: string | null;
  @Field(() => String, { nullable: true }) documentsUrl!: string | null;

  static override from(group: PurchasingGroup): PurchasingGroupType {
    return Object.assign(new PurchasingGroupType(), NoticePurchasingGroupType.from(group), {
      id: group.id,
      agreementStart: group.agreementStart,
      agreementEnd: group.agreementEnd,
      documentsUrl: group.documentsUrl,
    });
  }
}

function orderedMembers(group: PurchasingGroup) {
  const coordinatorId = group.coordinator.id;
  return group.members
    .getItems()
    .slice()
    .sort((a, b) => Number(b.id === coordinatorId) - Number(a.id === coordinatorId) || a.name.localeCompare(b.name, 'fr'));
}
