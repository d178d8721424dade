import { escapeHtml } from '../shared/html.js';

/**
 * The one layout of the hub's HTML mails (alerts, advice): a French document, sans-serif, narrow column. `body` is
 * HTML already escaped by the caller; the title is escaped here.
 */
export function htmlMailDocument(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">${body}</body></html>`;
}

/** The signature paragraph under a mail's HTML body, in grey. */
export function htmlMailSignature(lines: readonly string[]): string {
  return `<p style="color:#555;font-size:90%">${lines.map(escapeHtml).join('<br>')}</p>`;
}
