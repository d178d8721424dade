import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Context } from '../shared/context.js';
import { AdviceMessage } from './advice-message.entity.js';
import { KnowledgeEntry } from './knowledge-entry.entity.js';

/** Batches what a page of requests shows beside each one, so a page costs the same few statements whatever its size. */
export interface AdviceLoaders {
  messagesOfRequest: DataLoader<string, AdviceMessage[]>;
  publishedRequest: DataLoader<string, boolean>;
}

const perRequest = new WeakMap<Context, AdviceLoaders>();

export function adviceLoaders(ctx: Context): AdviceLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = createAdviceLoaders(ctx.em);
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

function createAdviceLoaders(em: EntityManager): AdviceLoaders {
  return {
    messagesOfRequest: new DataLoader(async (ids) => {
      const messages = await em.find(
        AdviceMessage,
        { request: { $in: [...ids] } },
        { populate: ['author'], orderBy: [{ postedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
      );
      const groups = new Map<string, AdviceMessage[]>(ids.map((id) => [id, []]));
      for (const message of messages) groups.get(message.request.id)?.push(message);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    publishedRequest: new DataLoader(async (ids) => {
      const entries = await em.find(KnowledgeEntry, { request: { $in: [...ids] } }, { fields: ['request'] });
      const published = new Set(entries.map((entry) => entry.request.id));
      return ids.map((id) => published.has(id));
    }),
  };
}
