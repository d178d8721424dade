import type { Publisher } from './publisher.js';

// The public site as a visitor gets it from the publisher: plain HTML, no browser needed for these checks.

/** References on the open list, in the order shown: `/avis/` and the pages after it (followed by `rel="next"`). */
export async function openList(publisher: Publisher): Promise<string[]> {
  const references: string[] = [];
  const seen = new Set<string>();
  let pathname: string | undefined = '/avis/';
  while (pathname && !seen.has(pathname)) {
    seen.add(pathname);
    const { status, body } = await publisher.page(pathname);
    if (status !== 200) throw new Error(`${pathname} answered ${status}`);
    references.push(...[...body.matchAll(/data-notice="([^"]+)"/g)].map((match) => match[1]!));
    pathname = /<link rel="next" href="([^"]+)"/.exec(body.slice(0, body.indexOf('</head>')))?.[1];
  }
  return references;
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
