import { Field, Float, InputType, Int } from 'type-graphql';

@InputType({ description: 'A subsequent contract or purchase order awarded under a framework agreement.' })
export class FrameworkOrderInput {
  @Field(() => Int) lotNumber!: number;
  @Field(() => String, { description: 'The buyer’s reference of the order, unique within the agreement.' }) reference!: string;
  @Field(() => String) supplierName!: string;
  @Field(() => String, { description: '14 digits; checked with its Luhn key.' }) supplierSiret!: string;
  @Field(() => Float, { description: 'Euros excl. VAT.' }) amount!: number;
  @Field(() => String, { description: 'YYYY-MM-DD.' }) orderedOn!: string;
}
