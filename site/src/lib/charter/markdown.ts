import MarkdownIt, { type Token } from 'markdown-it';

// The charter is Markdown written by an admin in the hub; the site renders it at build time with CommonMark rules.
// Raw HTML is shown as text, never rendered (`html: false`); links go only to web pages, e-mail addresses, phone
// numbers or places of this site; images are off, since a picture on another server would be an external asset.
// No tables either: Markdown cannot give them the caption every data table needs here.
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable('image');

const SAFE_LINK = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

const normalise = (text: string) => text.normalize('NFC').replace(/'/g, '’').replace(/\s+/g, ' ').trim().toLowerCase();

/** Heading tokens of level N carry the tag `hN`. */
const levelOf = (token: Token) => Number(token.tag.slice(1));

/**
 * The charter's text as HTML for a page whose `<h1>` is the charter's title. A leading level-1 heading that repeats
 * the title is dropped; the other headings move down so that the highest is an `<h2>`, and none skips a level
 * (one `<h1>` per page, headings in order).
 */
export function renderCharter(text: string, title: string): string {
  const tokens = markdown.parse(text, {});
  if (tokens[0]?.type === 'heading_open' && tokens[0].tag === 'h1' && normalise(tokens[1]?.content ?? '') === normalise(title)) {
    tokens.splice(0, 3);
  }
  const opens = tokens.filter((token) => token.type === 'heading_open');
  const highest = Math.min(...opens.map(levelOf));
  let previous = 1;
  for (const [index, token] of tokens.entries()) {
    if (token.type !== 'heading_open') continue;
    const level = Math.min(6, levelOf(token) - highest + 2, previous + 1);
    token.tag = `h${level}`;
    // heading_open, inline, heading_close
    tokens[index + 2]!.tag = token.tag;
    previous = level;
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}
