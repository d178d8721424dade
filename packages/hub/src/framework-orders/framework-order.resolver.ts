import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { FrameworkAgreementType } from '../notices/notice.type.js';
import type { Context } from '../shared/context.js';
import { StaffMutation } from '../shared/staff-only.js';
import { CONSUMPTION_METHOD, frameworkConsumption, type Consumption } from './framework-consumption.js';
import { FrameworkOrderInput } from './framework-order.inputs.js';
import { FrameworkOrderService } from './framework-order.service.js';
import { FrameworkOrderType } from './framework-order.type.js';
import { frameworkOrderLoaders } from './framework-order.loaders.js';
import { noticeLoaders } from '../notices/notice.loaders.js';

@Resolver(() => FrameworkAgreementType)
export class FrameworkOrderResolver {
  @StaffMutation(() => FrameworkOrderType, {
    roles: ['ADMIN', 'BUYER'],
    description: 'Records a subsequent contract or order under an awarded lot of a framework agreement, within its maximum.',
  })
  async recordFrameworkOrder(
    @Arg('reference', () => String, { description: 'Reference of the framework agreement’s notice.' }) reference: string,
    @Arg('input', () => FrameworkOrderInput) input: FrameworkOrderInput,
    @Ctx() ctx: Context,
  ): Promise<FrameworkOrderType> {
    return FrameworkOrderType.from(await new FrameworkOrderService(ctx).record(reference, input));
  }

  @FieldResolver(() => [FrameworkOrderType], { description: 'Subsequent contracts and orders, oldest first.' })
  async orders(@Root() framework: FrameworkAgreementType, @Ctx() ctx: Context): Promise<FrameworkOrderType[]> {
    const orders = await frameworkOrderLoaders(ctx).frameworkOrdersOfNotice.load(framework.noticeId);
    return orders.map((order) => FrameworkOrderType.from(order));
  }

  @FieldResolver(() => Float, { description: `Amount consumed so far: ${CONSUMPTION_METHOD}` })
  async consumedAmount(@Root() framework: FrameworkAgreementType, @Ctx() ctx: Context): Promise<number> {
    return (await this.consumption(framework, ctx)).consumedAmount;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Maximum amount minus the consumed amount; null without a maximum.' })
  async remainingAmount(@Root() framework: FrameworkAgreementType, @Ctx() ctx: Context): Promise<number | null> {
    return (await this.consumption(framework, ctx)).remainingAmount;
  }

  @FieldResolver(() => String, { description: 'How the consumed amount is computed.' })
  consumptionMethod(): string {
    return CONSUMPTION_METHOD;
  }

  private async consumption(framework: FrameworkAgreementType, ctx: Context): Promise<Consumption> {
    const [lots, orders] = await Promise.all([
      noticeLoaders(ctx).lotsOfNotice.load(framework.noticeId),
      frameworkOrderLoaders(ctx).frameworkOrdersOfNotice.load(framework.noticeId),
    ]);
    return frameworkConsumption({
      maximumAmount: framework.maximumAmount,
      awardAmounts: lots.map((lot) => lot.award?.getEntity().amount ?? null),
      orderAmounts: orders.map((order) => order.amount),
    });
  }
}
