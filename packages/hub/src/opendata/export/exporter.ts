import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { Organisation } from '../../organisations/organisation.entity.js';
import { csvHeader, csvRows, CSV_BOM } from './csv.js';
import { decpMarches, type LeftOut } from './decp.js';
import { ocdsPackageHeader, ocdsReleases, type OcdsRelease } from './ocds.js';
import type { OpenDataNotice } from './open-data-notice.js';
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
  const outcome = (await exportOpenDataFiles(orm, { [format]: file }, options)).get(format)!;
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}

/**
 * Writes several open-data files at once (`{ ocds: path, csv: path }`), each as `exportOpenData` writes it alone,
 * byte for byte, and says of each whether it was written or why not: a file the schema refuses fails alone.
 *
 * The OCDS package and the CSV are written from one reading of the public notices. Reading them (three statements
 * a page, the rows turned into records) is most of either export: at 50,000 notices about 6 of the 8 to 10 CPU-s
 * of each, measured on the hub's own thread. The DECP reads only the awarded notices, apart.
 */
export async function exportOpenDataFiles(
  orm: MikroORM,
  files: Partial<Record<ExportFormat, string>>,
  options: ExportOptions,
): Promise<Map<ExportFormat, PromiseSettledResult<ExportSummary>>> {
  const outcomes = new Map<ExportFormat, PromiseSettledResult<ExportSummary>>();
  const started = EXPORT_FORMATS.filter((format) => files[format] !== undefined).map((format) => new FileWriting(orm, format, files[format]!, options));
  const decp = started.find((writing) => writing.format === 'decp');
  if (decp) {
    await decp.attempt(() => writeDecp(orm, decp.output, decp.summary));
    outcomes.set('decp', await decp.settle());
  }
  const fromAllNotices = started.filter((writing) => writing.format !== 'decp');
  if (fromAllNotices.length) {
    try {
      await writeFromAllNotices(orm, fromAllNotices);
    } catch (error) {
      // Reading the notices failed: every file of this reading fails with it.
      for (const writing of fromAllNotices) writing.fail(error);
    }
    for (const writing of fromAllNotices) outcomes.set(writing.format, await writing.settle());
  }
  return outcomes;
}

/** The writing of one file: its output, what it wrote so far, and the first error that stopped it. */
class FileWriting {
  readonly output: Output;
  readonly summary: ExportSummary;
  readonly writer: NoticeWriter | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    orm: MikroORM,
    readonly format: ExportFormat,
    file: string,
    options: ExportOptions,
  ) {
    this.output = Output.open(file);
    this.summary = { format, file, notices: 0, records: 0, leftOut: [], belowThreshold: 0 };
    if (format === 'csv') this.writer = csvWriter(this.output, this.summary, options);
    if (format === 'ocds') this.writer = ocdsWriter(orm, this.output, this.summary, options);
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  fail(error: unknown): void {
    this.failure ??= { error };
  }

  /** Runs one step of this file's writing unless it already failed; a failure stops this file only. */
  async attempt(step: () => Promise<void>): Promise<void> {
    if (this.failure) return;
    try {
      await step();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Renames the complete file into place, or removes what was written of a failed one. */
  async settle(): Promise<PromiseSettledResult<ExportSummary>> {
    if (!this.failure) {
      try {
        await this.output.close();
        await rename(this.output.temporary, this.summary.file);
        return { status: 'fulfilled', value: this.summary };
      } catch (error) {
        this.fail(error);
      }
    }
    this.output.abort();
    await rm(this.output.temporary, { force: true });
    return { status: 'rejected', reason: this.failure!.error };
  }
}

/** A file made of every public notice in turn: what comes before them, each notice, what comes after. */
interface NoticeWriter {
  start(): Promise<void>;
  notice(notice: OpenDataNotice): Promise<void>;
  finish(): Promise<void>;
}

/** One reading of every public notice, handed to each file still being written. */
async function writeFromAllNotices(orm: MikroORM, writings: FileWriting[]): Promise<void> {
  for (const writing of writings) await writing.attempt(() => writing.writer!.start());
  for await (const notice of publicNotices(orm)) {
    for (const writing of writings) await writing.attempt(() => writing.writer!.notice(notice));
    if (writings.every((writing) => writing.failed)) return;
  }
  for (const writing of writings) await writing.attempt(() => writing.writer!.finish());
}

function csvWriter(output: Output, summary: ExportSummary, options: ExportOptions): NoticeWriter {
  return {
    start: () => output.write(CSV_BOM + csvHeader()),
    async notice(notice) {
      summary.notices++;
      summary.records += notice.lots.length;
      await output.write(csvRows(notice, options.now));
    },
    finish: async () => undefined,
  };
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

function ocdsWriter(orm: MikroORM, output: Output, summary: ExportSummary, options: ExportOptions): NoticeWriter {
  const { ocdsRelease } = getValidators();
  const writeRelease = async (release: OcdsRelease) => {
    const id = String(release.id);
    if (!ocdsRelease(release)) throw new InvalidExportError(`OCDS release ${id}: ${firstError(ocdsRelease)}`);
    await output.write(`${summary.records ? ',' : ''}\n${JSON.stringify(release)}`);
    summary.records++;
  };
  return {
    async start() {
      const agglomeration = await (orm.em.fork() as EntityManager).findOne(Organisation, { kind: 'AGGLOMERATION' }, { fields: ['name'] });
      const header = ocdsPackageHeader({
        uri: options.ocdsUri ?? `urn:territoire-achats:ocds:${options.ocdsPrefix}`,
        publishedDate: options.now,
        publisher: agglomeration?.name ?? 'territoire-achats',
      });
      await output.write(`${JSON.stringify(header).slice(0, -1)},"releases":[`);
    },
    async notice(notice) {
      summary.notices++;
      for (const release of ocdsReleases(notice, options.ocdsPrefix, options.now)) await writeRelease(release);
    },
    async finish() {
      // The forward purchasing plan: `planning` releases, of the ocid its notice continues once launched.
      for await (const plan of publicPlannedPurchases(orm)) {
        for (const release of planningReleases(plan, options.ocdsPrefix)) await writeRelease(release);
      }
      // A release package holds at least one release: an empty hub has nothing to publish in OCDS.
      if (summary.records === 0) throw new InvalidExportError('no public notice: an OCDS release package needs at least one release');
      await output.write('\n]}\n');
    },
  };
}
