import { escapeHtml } from '../shared/html.js';

/**
 * The one layout of the hub's HTML mails (alerts, advice): a French document, sans-serif, narrow column. `body` is
 * HTML already escaped by the caller; the title is escaped here.
 */
export function htmlMailDocument(title: string, body: string): string {
  const { start, end } = htmlMailDocumentEdges(title);
  return `${start}${body}${end}`;
}

/**
 * What `htmlMailDocument` puts before and after the body, for a caller that keeps the start of a document and its
 * body from one mail to the next and adds only what differs (the alerts' footer links).
 */
export function htmlMailDocumentEdges(title: string): { start: string; end: string } {
  return {
    start: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">`,
    end: '</body></html>',
  };
}

/** The signature paragraph under a mail's HTML body, in grey. */
export function htmlMailSignature(lines: readonly string[]): string {
  return `<p style="color:#555;font-size:90%">${lines.map(escapeHtml).join('<br>')}</p>`;
}
