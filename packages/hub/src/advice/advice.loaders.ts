import DataLoader from 'dataloader';
import { groupBy, perRequest } from '../shared/per-request.js';
import { AdviceMessage } from './advice-message.entity.js';
import { KnowledgeEntry } from './knowledge-entry.entity.js';

/** Batches what a page of requests shows beside each one, so a page costs the same few statements whatever its size. */
export const adviceLoaders = perRequest(({ em }) => ({
  messagesOfRequest: groupBy(
    (ids) =>
      em.find(
        AdviceMessage,
        { request: { $in: [...ids] } },
        { populate: ['author'], orderBy: [{ postedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
      ),
    (message) => message.request.id,
  ),
  publishedRequest: new DataLoader<string, boolean>(async (ids) => {
    const entries = await em.find(KnowledgeEntry, { request: { $in: [...ids] } }, { fields: ['request'] });
    const published = new Set(entries.map((entry) => entry.request.id));
    return ids.map((id) => published.has(id));
  }),
}));
