import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { Organisation } from '../../organisations/organisation.entity.js';
import { csvHeader, csvRows, CSV_BOM } from './csv.js';
import { decpMarches, type LeftOut } from './decp.js';
import { ocdsPackageHeader, ocdsReleases } from './ocds.js';
import { publicNotices } from './public-notices.js';
import { planningReleases, publicPlannedPurchases } from '../../planning/planned-purchase.ocds.js';
import { firstError, getValidators } from './schemas.js';

export const EXPORT_FORMATS = ['decp', 'ocds', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  now: Date;
  ocdsPrefix: string;
  /** The package's `uri`: where the file is published. */
  ocdsUri?: string;
}

export interface ExportSummary {
  format: ExportFormat;
  file: string;
  /** Public notices read: for the DECP, those with an awarded lot (the only ones it can list). */
  notices: number;
  /** DECP contracts, OCDS releases or CSV rows written. */
  records: number;
  leftOut: LeftOut[];
  /** DECP: awarded lots under the threshold of article R2196-1, which the DECP does not list. */
  belowThreshold: number;
}

/** A record the official schema refuses: a bug of ours, so the export fails rather than publish it. */
export class InvalidExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExportError';
  }
}

class Output {
  private constructor(
    private readonly stream: WriteStream,
    readonly temporary: string,
  ) {}

  static open(file: string): Output {
    const temporary = `${file}.part-${process.pid}`;
    return new Output(createWriteStream(temporary, { encoding: 'utf8' }), temporary);
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }

  abort(): void {
    this.stream.destroy();
  }
}

/**
 * Writes one open-data file of every public notice, streaming (one page of notices in memory) and checking each
 * DECP contract and OCDS release against the official schema as it goes. The file appears complete or not at all:
 * it is written beside its name and renamed at the end.
 *
 * Every record is validated, not a sample: with the validators compiled once per process, checking 30,000 OCDS
 * releases costs about 0.3 s (10,000 DECP contracts 0.05 s), a sixth of the export at most, and a record the
 * schema refuses must never be published.
 */
export async function exportOpenData(orm: MikroORM, format: ExportFormat, file: string, options: ExportOptions): Promise<ExportSummary> {
  const summary: ExportSummary = { format, file, notices: 0, records: 0, leftOut: [], belowThreshold: 0 };
  const output = Output.open(file);
  try {
    if (format === 'csv') await writeCsv(orm, output, summary, options);
    if (format === 'decp') await writeDecp(orm, output, summary);
    if (format === 'ocds') await writeOcds(orm, output, summary, options);
    await output.close();
    await rename(output.temporary, file);
    return summary;
  } catch (error) {
    output.abort();
    await rm(output.temporary, { force: true });
    throw error;
  }
}

async function writeCsv(orm: MikroORM, output: Output, summary: ExportSummary, options: ExportOptions) {
  await output.write(CSV_BOM + csvHeader());
  for await (const notice of publicNotices(orm)) {
    summary.notices++;
    summary.records += notice.lots.length;
    await output.write(csvRows(notice, options.now));
  }
}

async function writeDecp(orm: MikroORM, output: Output, summary: ExportSummary) {
  const { decpMarche } = getValidators();
  await output.write('{"marches":{"marche":[');
  // The DECP lists awarded lots only (decpMarches): notices without one are not even read.
  for await (const notice of publicNotices(orm, undefined, { awardedOnly: true })) {
    summary.notices++;
    const { marches, leftOut, belowThreshold } = decpMarches(notice);
    summary.leftOut.push(...leftOut);
    summary.belowThreshold += belowThreshold;
    for (const marche of marches) {
      const id = String(marche.id);
      if (!decpMarche(marche)) throw new InvalidExportError(`DECP of ${notice.reference} (${id}): ${firstError(decpMarche)}`);
      await output.write(`${summary.records ? ',' : ''}\n${JSON.stringify(marche)}`);
      summary.records++;
    }
  }
  await output.write('\n]}}\n');
}

async function writeOcds(orm: MikroORM, output: Output, summary: ExportSummary, options: ExportOptions) {
  const { ocdsRelease } = getValidators();
  const agglomeration = await (orm.em.fork() as EntityManager).findOne(Organisation, { kind: 'AGGLOMERATION' }, { fields: ['name'] });
  const header = ocdsPackageHeader({
    uri: options.ocdsUri ?? `urn:territoire-achats:ocds:${options.ocdsPrefix}`,
    publishedDate: options.now,
    publisher: agglomeration?.name ?? 'territoire-achats',
  });
  await output.write(`${JSON.stringify(header).slice(0, -1)},"releases":[`);
  for await (const notice of publicNotices(orm)) {
    summary.notices++;
    for (const release of ocdsReleases(notice, options.ocdsPrefix, options.now)) {
      const id = String(release.id);
      if (!ocdsRelease(release)) throw new InvalidExportError(`OCDS release ${id}: ${firstError(ocdsRelease)}`);
      await output.write(`${summary.records ? ',' : ''}\n${JSON.stringify(release)}`);
      summary.records++;
    }
  }
  // The forward purchasing plan: `planning` releases, of the ocid its notice continues once launched.
  for await (const plan of publicPlannedPurchases(orm)) {
    for (const release of planningReleases(plan, options.ocdsPrefix)) {
      const id = String(release.id);
      if (!ocdsRelease(release)) throw new InvalidExportError(`OCDS release ${id}: ${firstError(ocdsRelease)}`);
      await output.write(`${summary.records ? ',' : ''}\n${JSON.stringify(release)}`);
      summary.records++;
    }
  }
  // A release package holds at least one release: an empty hub has nothing to publish in OCDS.
  if (summary.records === 0) throw new InvalidExportError('no public notice: an OCDS release package needs at least one release');
  await output.write('\n]}\n');
}
