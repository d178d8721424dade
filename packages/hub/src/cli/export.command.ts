import { EXPORT_FORMATS, exportOpenData, InvalidExportError, type ExportFormat } from '../opendata/export/exporter.js';
import type { HubConfig } from '../shared/config.js';
import { withMigratedDatabase } from './migrated-database.js';

const WHAT: Record<ExportFormat, string> = {
  decp: 'DECP contract(s)',
  ocds: 'OCDS release(s)',
  csv: 'CSV row(s), one per lot',
};

/** `pnpm hub export decp|ocds|csv --out FILE [--uri URI]`: one open-data file of every public notice. */
export async function exportCommand(config: HubConfig, format: string | undefined, options: { out?: string; uri?: string }): Promise<number> {
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format) || !options.out) {
    console.error('Usage: pnpm hub export decp|ocds|csv --out FILE [--uri URI of the published OCDS package]');
    return 2;
  }
  return withMigratedDatabase(config, async (orm) => {
    try {
      const summary = await exportOpenData(orm, format as ExportFormat, options.out!, {
        now: new Date(),
        ocdsPrefix: config.ocdsPrefix,
        ocdsUri: options.uri,
      });
      console.log(`Wrote ${summary.file}: ${summary.records} ${WHAT[summary.format]} from ${summary.notices} public notice(s)${summary.format === 'decp' ? ' with an awarded lot' : ''}.`);
      if (summary.leftOut.length) {
        console.log(`Left out of the DECP: ${summary.leftOut.length} awarded lot(s) from 40 k€:`);
        for (const item of summary.leftOut.slice(0, 20)) console.log(`  ${item.reference} lot ${item.lot}: ${item.reason}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof InvalidExportError) {
        console.error(`Export failed, no file written: ${error.message}`);
        return 1;
      }
      if (error instanceof Error && 'code' in error && typeof error.code === 'string' && ['ENOENT', 'EACCES', 'EISDIR', 'EROFS'].includes(error.code)) {
        console.error(`Cannot write ${options.out}: ${error.message}`);
        return 1;
      }
      throw error;
    }
  });
}
