import { Field, Float, ObjectType } from 'type-graphql';
import { ProcedureEnum } from './notice.graphql-enums.js';
import type { Nature } from './notice-enums.js';
import {
  PUBLICITY_LABELS,
  PUBLICITY_LEVELS,
  publicityExplanation,
  type PublicityLevel,
  type PublicityRequirement,
} from './publicity.js';
import type { Procedure } from './response-times.js';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const PublicityLevelEnum = graphqlEnum(PUBLICITY_LEVELS, {
  name: 'PublicityLevel',
  description:
    'NONE: below the dispensation threshold (R2122-8); ADAPTED: publicité adaptée (below 90 k€); NATIONAL: BOAMP or a legal-notices journal; EUROPEAN: Official Journal of the EU and BOAMP.',
});

@ObjectType('Publicity', {
  simpleResolvers: true,
  description: 'The publicity the law requires of a consultation, from its nature, estimated value, buyer and launch day, with the dated thresholds.',
})
export class PublicityType {
  @Field(() => PublicityLevelEnum) level!: PublicityLevel;
  @Field(() => String, { description: 'The level in French, e.g. « Publicité au BOAMP ou dans un journal d’annonces légales ».' })
  label!: string;
  @Field(() => String, { description: 'Why, in French: the thresholds reached and the articles; a private estimate is not given.' })
  explanation!: string;
  @Field(() => [ProcedureEnum], { description: 'The procedures the law allows at this value.' })
  allowedProcedures!: Procedure[];
  @Field(() => Float, { description: 'The EU threshold for this nature and buyer, euros excl. VAT.' })
  europeanThreshold!: number;
  @Field(() => Boolean, {
    description:
      'Whether the main CPV code is one of the social and other specific services (school catering, health, legal, security…): EU threshold of 750 000 € and procédure adaptée allowed at any value (R2123-1 3°).',
  })
  socialOrSpecificService!: boolean;
  @Field(() => String, { description: 'First day (YYYY-MM-DD) of the thresholds applied.' })
  thresholdsFrom!: string;
  @Field(() => [String], { description: 'The texts that set the thresholds applied.' })
  sources!: string[];

  static from(requirement: PublicityRequirement, nature: Nature, publicValue: number | null): PublicityType {
    return Object.assign(new PublicityType(), {
      level: requirement.level,
      label: PUBLICITY_LABELS[requirement.level],
      explanation: publicityExplanation(requirement, nature, publicValue),
      allowedProcedures: [...requirement.allowedProcedures],
      europeanThreshold: requirement.europeanThreshold,
      socialOrSpecificService: requirement.socialOrSpecificService,
      thresholdsFrom: requirement.thresholdsFrom,
      sources: [...requirement.sources],
    });
  }
}
