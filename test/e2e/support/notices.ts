import { graphql } from '../../site/support/hub-process.js';
import { createDraft, type DraftOptions } from './staff.js';

export interface PublishedNotice {
  reference: string;
  title: string;
  /** The hub's publication instant: also the `timestamp` of its notice.published event, which identifies its delivery. */
  publishedAt: string;
}

/** Publishes a draft; resolves when the mutation has returned, as staff see it. */
export async function publish(graphqlUrl: string, token: string, reference: string): Promise<string> {
  const { publishNotice } = await graphql<{ publishNotice: { publishedAt: string } }>(
    graphqlUrl,
    'mutation($reference: String!) { publishNotice(reference: $reference) { publishedAt } }',
    { reference },
    token,
  );
  return publishNotice.publishedAt;
}

/** Creates and publishes a notice of the signed-in buyer. */
export async function publishNew(graphqlUrl: string, token: string, options: DraftOptions): Promise<PublishedNotice> {
  const reference = await createDraft(graphqlUrl, token, options);
  return { reference, title: options.title, publishedAt: await publish(graphqlUrl, token, reference) };
}
