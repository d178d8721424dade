import { importFile, ImportFailure, type ImportSummary } from '../opendata/import/importer.js';
import { FORMAT_LABELS } from '../opendata/import/detect-format.js';
import { progressFor } from '../opendata/import/progress.js';
import type { HubConfig } from '../shared/config.js';
import { withMigratedDatabase } from './migrated-database.js';

/**
 * `pnpm hub import FILE…`: each file in its own transaction, in order. A file that fails is reported with the
 * record at fault and leaves the database as it was; the others still import. Exit 1 if any failed.
 */
export async function importCommand(config: HubConfig, files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('Usage: pnpm hub import FILE… (BOAMP or TED XML notices, DECP JSON, DECP CSV, OCDS release or record packages)');
    return 2;
  }
  return withMigratedDatabase(config, async (orm) => {
    let failed = 0;
    for (const file of files) {
      const progress = progressFor(file, process.stderr);
      try {
        const summary = await importFile(orm, file, { now: new Date(), onProgress: (bytes, total, records) => progress.update(bytes, total, records) });
        progress.stop();
        printSummary(summary);
      } catch (error) {
        progress.stop();
        if (!(error instanceof ImportFailure)) throw error;
        console.error(`Import failed, nothing written: ${error.message}`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  });
}

function printSummary(summary: ImportSummary): void {
  console.log(
    `${summary.file} (${FORMAT_LABELS[summary.format]}): ${summary.created} created, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.skipped} skipped; ${summary.organisationsCreated} new buyer(s).`,
  );
  for (const { reason, count, examples } of summary.skippedReasons) console.log(`  skipped ${count}: ${reason} (${examples.join(', ')}${count > examples.length ? ', …' : ''})`);
  const shown = summary.warnings.slice(0, 20);
  for (const warning of shown) console.log(`  warning: ${warning}`);
  if (summary.warningCount > shown.length) console.log(`  … and ${summary.warningCount - shown.length} more warning(s)`);
}
