import { describe, expect, it } from 'vitest';
import { renderCharter } from './markdown.js';

const headings = (html: string) => [...html.matchAll(/<(h[1-6])>([^<]*)<\/h[1-6]>/g)].map((match) => `${match[1]} ${match[2]}`);

describe('rendering the charter’s Markdown', () => {
  it.each([
    ['drops a first heading that repeats the title and starts the rest at h2', '# Charte de l’achat\n\n## Un\n\n## Deux', ['h2 Un', 'h2 Deux']],
    ['matches the title whatever its apostrophe, case and spaces', "#  charte de l'achat \n\n## Un", ['h2 Un']],
    ['keeps a first heading that says something else, one level down', '# Préambule\n\n## Un\n\n### Un bis', ['h2 Préambule', 'h3 Un', 'h4 Un bis']],
    ['moves a text written from h3 up to h2', '### Un\n\n#### Un bis', ['h2 Un', 'h3 Un bis']],
    ['closes the gaps of a text that skips levels', '## Un\n\n#### Quatre\n\n###### Six\n\n## Deux', ['h2 Un', 'h3 Quatre', 'h4 Six', 'h2 Deux']],
    ['renders a text without headings as paragraphs', 'Premier paragraphe.\n\nSecond.', []],
  ])('%s', (_, text, expected) => {
    const html = renderCharter(text, 'Charte de l’achat');
    expect(headings(html)).toEqual(expected);
    expect(html).not.toMatch(/<h1/);
    expect(html).toMatch(/<\/h\d>\s*$|<\/p>\s*$/);
  });

  it.each([
    ['a script', 'texte <script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an HTML block', '<div onclick="alert(1)">bloc</div>', '&lt;div onclick=&quot;alert(1)&quot;&gt;bloc&lt;/div&gt;'],
    ['an inline tag', 'du <b>gras</b>', 'du &lt;b&gt;gras&lt;/b&gt;'],
    ['an iframe', '<iframe src="https://example.org"></iframe>', '&lt;iframe src=&quot;https://example.org&quot;&gt;&lt;/iframe&gt;'],
  ])('shows %s as text instead of rendering it', (_, text, escaped) => {
    const html = renderCharter(text, 'Charte');
    expect(html).toContain(escaped);
    expect(html).not.toMatch(/<(script|div|b|iframe)[\s>]/);
  });

  it.each([
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['vbscript:msgbox(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['data:image/png;base64,AAAA', false],
    ['file:///etc/passwd', false],
    ['//example.org/page', false],
    ['https://www.legifrance.gouv.fr/', true],
    ['http://example.org', true],
    ['mailto:deontologie@example.org', true],
    ['tel:+33494000000', true],
    ['/formations/', true],
    ['#signalement', true],
  ])('links to %s: %s', (url, linked) => {
    const html = renderCharter(`[le lien](${url})`, 'Charte');
    expect(html.includes('<a href='), html).toBe(linked);
  });

  it('shows an image as a link to it at most, never loads it', () => {
    const html = renderCharter('![logo](https://example.org/logo.png)', 'Charte');
    expect(html).not.toContain('<img');
  });

  it('renders lists, emphasis and quotes', () => {
    const html = renderCharter('- *un*\n- **deux**\n\n> cité', 'Charte');
    expect(html).toContain('<ul>\n<li><em>un</em></li>\n<li><strong>deux</strong></li>\n</ul>');
    expect(html).toContain('<blockquote>\n<p>cité</p>\n</blockquote>');
  });
});
