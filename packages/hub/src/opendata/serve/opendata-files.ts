import type { ExportFormat } from '../export/exporter.js';

export interface OpenDataFile {
  format: ExportFormat;
  contentType: string;
}

/**
 * The public open-data files, by the name they are served (and downloaded) under: `GET /opendata/<name>`.
 * OCDS has no registered media type: it is JSON. `header=present` tells CSV readers the first line names the columns
 * (RFC 4180).
 */
export const OPEN_DATA_FILES: Readonly<Record<string, OpenDataFile>> = {
  'decp.json': { format: 'decp', contentType: 'application/json; charset=utf-8' },
  'ocds.json': { format: 'ocds', contentType: 'application/json; charset=utf-8' },
  'lots.csv': { format: 'csv', contentType: 'text/csv; charset=utf-8; header=present' },
};

export const openDataFile = (name: string): OpenDataFile | undefined => (Object.hasOwn(OPEN_DATA_FILES, name) ? OPEN_DATA_FILES[name] : undefined);

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
