import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';

@ObjectType('PlanAnnouncementFigures', { simpleResolvers: true, description: 'How a buyer’s notices were announced in the forward purchasing plan.' })
export class PlanAnnouncementFiguresType {
  @Field(() => OrganisationType, { nullable: true, description: 'Null for the territory’s total.' }) organisation!: OrganisationType | null;
  @Field(() => Int, { description: 'Notices published in the period (written in the hub; imported ones are left out).' })
  publishedNotices!: number;
  @Field(() => Int, { description: 'Of those, notices that launched a planned purchase.' }) announcedNotices!: number;
  @Field(() => Int, { description: 'Of those, notices whose planned purchase was published at least three calendar months before them (Paris).' })
  announcedEarly!: number;
  @Field(() => Float, { nullable: true, description: 'announcedEarly / publishedNotices, percent with one decimal; null without a notice.' })
  earlyShare!: number | null;
}

@ObjectType('PlanAnnouncementIndicators', { simpleResolvers: true })
export class PlanAnnouncementIndicatorsType {
  @Field(() => Int, { nullable: true, description: 'The year of publication of the notices; null for every year.' }) year!: number | null;
  @Field(() => PlanAnnouncementFiguresType) total!: PlanAnnouncementFiguresType;
  @Field(() => [PlanAnnouncementFiguresType], { description: 'Buyers with a notice in the period: the agglomeration first, then by name.' })
  buyers!: PlanAnnouncementFiguresType[];
}
