import { Field, InputType } from 'type-graphql';

@InputType()
export class CharterVersionInput {
  @Field(() => String, { description: 'E.g. « Charte de déontologie de l’achat public ».' }) title!: string;
  @Field(() => String, { description: 'The whole text, in Markdown.' }) text!: string;
}
