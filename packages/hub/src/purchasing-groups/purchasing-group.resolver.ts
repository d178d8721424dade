import { Arg, Ctx, ID, Resolver } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { PurchasingGroupInput } from './purchasing-group.inputs.js';
import { PurchasingGroupService } from './purchasing-group.service.js';
import { PurchasingGroupType } from './purchasing-group.type.js';

@Resolver(() => PurchasingGroupType)
export class PurchasingGroupResolver {
  @StaffQuery(() => [PurchasingGroupType], { description: 'Purchasing groups of the signed-in staff’s organisation; every one for admins.' })
  async purchasingGroups(@Ctx() ctx: Context): Promise<PurchasingGroupType[]> {
    const groups = await new PurchasingGroupService(ctx).readable();
    return groups.map((group) => PurchasingGroupType.from(group));
  }

  @StaffQuery(() => PurchasingGroupType, { description: 'A purchasing group the signed-in staff’s organisation belongs to.' })
  async purchasingGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PurchasingGroupType> {
    return PurchasingGroupType.from(await new PurchasingGroupService(ctx).byId(id));
  }

  @StaffMutation(() => PurchasingGroupType, { roles: ['ADMIN'], description: 'Creates a groupement de commandes.' })
  async createPurchasingGroup(@Arg('input', () => PurchasingGroupInput) input: PurchasingGroupInput, @Ctx() ctx: Context) {
    return PurchasingGroupType.from(await new PurchasingGroupService(ctx).create(input));
  }

  @StaffMutation(() => PurchasingGroupType, { roles: ['ADMIN'], description: 'Changes a groupement de commandes: every field is replaced.' })
  async updatePurchasingGroup(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PurchasingGroupInput) input: PurchasingGroupInput,
    @Ctx() ctx: Context,
  ) {
    return PurchasingGroupType.from(await new PurchasingGroupService(ctx).update(id, input));
  }
}
