import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { purchasingGroupLoaders } from '../purchasing-groups/purchasing-group.loaders.js';
import { NoticePurchasingGroupType } from '../purchasing-groups/purchasing-group.type.js';
import type { Context } from '../shared/context.js';
import { NoticeType } from './notice.type.js';

// The notice's side of its tie to a groupement de commandes: the group's public view, read through its loader.
@Resolver(() => NoticeType)
export class NoticePurchasingGroupResolver {
  @FieldResolver(() => NoticePurchasingGroupType, {
    nullable: true,
    description: 'The groupement de commandes the notice is published for; each member lists it.',
  })
  async purchasingGroup(@Root() notice: NoticeType, @Ctx() ctx: Context): Promise<NoticePurchasingGroupType | null> {
    if (!notice.purchasingGroupId) return null;
    const group = await purchasingGroupLoaders(ctx).purchasingGroup.load(notice.purchasingGroupId);
    return group ? NoticePurchasingGroupType.from(group) : null;
  }
}
