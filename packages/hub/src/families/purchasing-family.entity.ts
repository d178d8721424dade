import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';

@Entity({ tableName: 'purchasing_family' })
export class PurchasingFamily extends BaseEntity {
  @Property({ type: 'string', length: 80 })
  @Unique()
  slug!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'json' })
  cpvPrefixes: Opt<string[]> = [];

  @Property({ type: 'integer' })
  position: Opt<number> = 0;
}
