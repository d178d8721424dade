import type { Publisher } from './publisher.js';

// The public site as a visitor gets it from the publisher: plain HTML, no browser needed for these checks.

/** References on the open list (`/avis/`), in the order shown. */
export async function openList(publisher: Publisher): Promise<string[]> {
  const { status, body } = await publisher.page('/avis/');
  if (status !== 200) throw new Error(`/avis/ answered ${status}`);
  return [...body.matchAll(/data-notice="([^"]+)"/g)].map((match) => match[1]!);
}

/** True once the notice's own page is online and shows its title. */
export async function noticePageShows(publisher: Publisher, reference: string, title: string): Promise<boolean> {
  const { status, body } = await publisher.page(`/avis/${reference}/`);
  return status === 200 && body.includes(title);
}

/** The notice is on the served site: its page, and the open list. */
export async function isOnSite(publisher: Publisher, reference: string, title: string): Promise<boolean> {
  return (await noticePageShows(publisher, reference, title)) && (await openList(publisher)).includes(reference);
}
