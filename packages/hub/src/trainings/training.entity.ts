import { Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { PROVIDER_KINDS, TRAINING_TOPICS, type ProviderKind, type TrainingTopic } from './training-topics.js';

/** A catalogue entry (formation); its sessions are scheduled separately. */
@Entity({ tableName: 'training' })
export class Training extends BaseEntity {
  @Property({ type: 'string', length: 120 })
  @Unique()
  slug!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Enum({ items: () => TRAINING_TOPICS, type: 'string' })
  topic!: TrainingTopic;

  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: () => PROVIDER_KINDS, type: 'string' })
  providerKind!: ProviderKind;

  /** E.g. « Direction de la commande publique » or « CNFPT – délégation Provence-Alpes-Côte d’Azur ». */
  @Property({ type: 'string', length: 200 })
  providerName!: string;

  /** Hours of one session, as on the certificate; half hours happen (3.5 h). */
  @Property({ type: 'double' })
  durationHours!: number;

  /** Archived entries leave the public catalogue but keep their sessions and certificates. */
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;
}
