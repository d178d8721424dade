import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { FrameworkOrder } from './framework-order.entity.js';

@ObjectType('FrameworkOrder', { simpleResolvers: true, description: 'A marché subséquent or bon de commande under a framework agreement.' })
export class FrameworkOrderType {
  @Field(() => Int) lotNumber!: number;
  @Field(() => String) reference!: string;
  @Field(() => String) supplierName!: string;
  @Field(() => String) supplierSiret!: string;
  @Field(() => Float, { description: 'Euros excl. VAT.' }) amount!: number;
  @Field(() => String, { description: 'YYYY-MM-DD.' }) orderedOn!: string;

  static from(order: FrameworkOrder): FrameworkOrderType {
    return Object.assign(new FrameworkOrderType(), {
      lotNumber: order.lotNumber,
      reference: order.reference,
      supplierName: order.supplierName,
      supplierSiret: order.supplierSiret,
      amount: order.amount,
      orderedOn: order.orderedOn,
    });
  }
}
