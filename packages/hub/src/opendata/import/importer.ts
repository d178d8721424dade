import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DriverException, FlushMode, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { recordAudit } from '../../audit/audit-log.js';
import { recordEvent } from '../../events/domain-events.js';
import { PurchasingFamily } from '../../families/purchasing-family.entity.js';
import type { ContractEssentials, SupplierRecord } from '../../notices/contract-essentials.js';
import type { LotStatus } from '../../notices/notice-enums.js';
import type { NoticeStatus } from '../../notices/notice-lifecycle.js';
import { formatReference } from '../../notices/notice-reference.js';
import { familyForCpv } from '../../reference/purchasing-families.js';
import { getVarCommune } from '../../reference/territory.js';
import { parisDateOf } from '../../shared/paris-calendar.js';
import { lastReferenceNumbers } from '../../shared/reference-numbers.js';
import { Notice } from '../../notices/notice.entity.js';
import { foldText } from '../../shared/text.js';
import { BuyerDirectory } from './buyers.js';
import { normaliseCpv } from './cpv-policy.js';
import { recordProblems } from './notice-rules.js';
import { contractSignature, signatureDifference } from './decp-mapping.js';
import { detectFormat, PARSERS, UnknownFormatError, type ImportFormat } from './detect-format.js';
import { importAccountId } from './import-account.js';
import { BrokenRecordError, type ImportedLot, type ImportedNotice } from './imported-notice.js';
import { emptySummary, nothingImportedReason, tallySkipped, tallyWarning, type ImportSummary } from './import-summary.js';
import { assign, NoticeStore, runStatement, type LotState, type NoticeState, type StoredNotice, type Values } from './notice-store.js';
import { importRulesFingerprint, recordHash } from './record-hash.js';
import { SeenContracts, type SeenContract } from './seen-contracts.js';
import { clip, zonedInstant } from './values.js';
import { onPostgreSql, runAloneAcrossHubsForEach } from '../../db/across-hubs.js';

export type { ImportSummary } from './import-summary.js';

/** The file could not be imported; nothing of it was written. */
export class ImportFailure extends Error {
  constructor(
    readonly file: string,
    readonly location: string | null,
    readonly reason: string,
  ) {
    super(`${file}: ${location ? `${location}: ` : ''}${reason}`);
    this.name = 'ImportFailure';
  }
}

export interface ImportOptions {
  now: Date;
  /** Called as the file is read: bytes so far, file size, records so far. */
  onProgress?: (bytesRead: number, totalBytes: number, records: number) => void;
  /** Records written at once (one lookup, multi-row inserts); memory holds one batch whatever the file's size. */
  batchSize?: number;
}

/**
 * Imports one file in one transaction: every record is mapped to its buyer, notice, lots and awards, found again by
 * its source identifier so that importing twice updates instead of duplicating. Imported notices bypass the rules
 * of live publication (minimum response time, a deadline in the future) but keep field validation. A record that
 * cannot be read fails the whole file, which leaves the database as it was.
 */
export async function importFile(orm: MikroORM, file: string, options: ImportOptions): Promise<ImportSummary> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (error) {
    throw new ImportFailure(file, null, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let format: ImportFormat;
  try {
    format = await detectFormat(file);
  } catch (error) {
    if (error instanceof UnknownFormatError) throw new ImportFailure(file, null, `unknown format: ${error.message}`);
    throw new ImportFailure(file, null, `cannot read the file (${(error as Error).message})`);
  }
  const summary = emptySummary(file, format);
  let location: string | null = null;
  const batchSize = options.batchSize ?? 500;
  try {
    // Flush when the importer says, not before every query: the unit of work only holds the organisations an
    // import creates and its audit entry and event; notices, lots and awards are written by NoticeStore.
    await orm.em.fork({ flushMode: FlushMode.COMMIT }).transactional(async (em) => {
      const restoreCache = await largerPageCache(em as EntityManager);
      try {
        const run = await ImportRun.start(em as EntityManager, options.now, summary);
        let bytes = 0;
        // Read → map → write: the parser reads and maps records one at a time; a batch of them is written at once.
        let batch: ImportedNotice[] = [];
        const write = async () => {
          await run.writeBatch(batch, (where) => (location = where));
          batch = [];
          options.onProgress?.(bytes, size, summary.records);
        };
        for await (const item of PARSERS[format](file, (read) => {
          bytes = read;
          options.onProgress?.(bytes, size, summary.records);
        })) {
          summary.records++;
          if (item.kind === 'skipped') {
            tallySkipped(summary, item.skipped);
            continue;
          }
          batch.push(item.notice);
          if (batch.length >= batchSize) await write();
        }
        await write();
        location = null;
        const nothing = nothingImportedReason(summary);
        if (nothing) throw new ImportFailure(file, null, nothing);
        await run.finish(basename(file), format);
      } finally {
        // After a failure too (the connection stays in the pool); a failed restore must not hide the import's error.
        await restoreCache().catch(() => undefined);
      }
    });
  } catch (error) {
    if (error instanceof ImportFailure) throw error;
    if (error instanceof BrokenRecordError) throw new ImportFailure(file, error.location, error.message.slice(error.location.length + 2));
    if (error instanceof DriverException) throw new ImportFailure(file, location, databaseReason(error));
    throw new ImportFailure(file, location, (error as Error).message);
  }
  return summary;
}

type NoticeValues = Values;

/** The state of one file's import: caches that survive the batches, counters, the reference sequences. */
class ImportRun {
  private readonly sequences = new Map<string, number>();
  /**
   * The batch's new notices, in the order they were created, with the prefix of their reference: numbered together
   * once the batch is mapped (`numberNewNotices`), so that the last numbers of the batch's new prefixes are read in
   * one statement instead of one per buyer and year.
   */
  private readonly unnumbered = new Map<NoticeState, { year: number; code: string }>();
  private accountId: string | null = null;
  private readonly rules = importRulesFingerprint();

  private constructor(
    private readonly em: EntityManager,
    private readonly now: Date,
    private readonly summary: ImportSummary,
    private readonly buyers: BuyerDirectory,
    private readonly families: Map<string, string>,
    private readonly store: NoticeStore,
    /** The records written by this run, with what makes them one contract and where the first was. */
    private readonly seen: SeenContracts,
  ) {}

  static async start(em: EntityManager, now: Date, summary: ImportSummary): Promise<ImportRun> {
    const families = await em.find(PurchasingFamily, {}, { fields: ['id', 'slug'] });
    const buyers = await BuyerDirectory.load(em);
    // The families and organisations read are kept as ids: out of the unit of work, which every batch's flush walks.
    em.clear();
    return new ImportRun(em, now, summary, buyers, new Map(families.map((family) => [family.slug, family.id])), new NoticeStore(em), await SeenContracts.create(em));
  }

  private warn(location: string, message: string) {
    tallyWarning(this.summary, `${location}: ${message}`);
  }

  /**
   * Maps a batch of records onto the notices they describe and writes them: one lookup of the batch's identifiers
   * (notices with lots and awards, and the identifiers this file already wrote), the rules applied record by record
   * in file order, then multi-row writes. `locate` follows the record at work, for the message of a failure.
   */
  async writeBatch(records: ImportedNotice[], locate: (location: string) => void): Promise<void> {
    // The keys and content hashes (which read no database) are worked out while SQLite still writes the previous
    // batch, instead of after waiting for it with nothing to do.
    const keys = records.map(sourceKey);
    const hashes = records.map((record) => recordHash(record, this.rules));
    await this.writing;
    if (records.length === 0) return;
    const seenBefore = await this.seen.lookup(keys);
    const seenNow = new Map<string, SeenContract>();
    const bySystem = new Map<string, string[]>();
    for (const record of records) bySystem.set(record.sourceSystem, [...(bySystem.get(record.sourceSystem) ?? []), record.sourceId]);
    const stored = new Map<string, StoredNotice>();
    for (const [system, ids] of bySystem) for (const [id, notice] of await this.store.stored(system, ids)) stored.set(`${system}:${id}`, notice);
    // A record the hub holds a notice written from, unchanged, is skipped before its notice is read (`unchanged`).
    const inBatch = new Set<string>();
    const skip = records.map((record, index) => {
      const key = keys[index]!;
      const first = !inBatch.has(key) && !seenBefore.has(key);
      inBatch.add(key);
      return first && record.kind !== 'update' && this.unchanged(stored.get(key), hashes[index]!);
    });
    // The notices of the other records, with their lots and awards: only those the hub holds.
    const toLoad = new Map<string, string[]>();
    records.forEach((record, index) => {
      if (skip[index] || !stored.has(keys[index]!)) return;
      toLoad.set(record.sourceSystem, [...(toLoad.get(record.sourceSystem) ?? []), record.sourceId]);
    });
    const states = new Map<string, NoticeState>();
    for (const [system, ids] of toLoad) for (const [id, state] of await this.store.load(system, ids)) states.set(`${system}:${id}`, state);
    for (const [index, record] of records.entries()) {
      locate(record.location);
      if (skip[index]) this.skipUnchanged(record, seenNow);
      else await this.write(record, states, (key) => seenNow.get(key) ?? seenBefore.get(key), seenNow, hashes[index]!);
    }
    locate(records.length === 1 ? records[0]!.location : `${records[0]!.location} to ${records.at(-1)!.location}`);
    await this.numberNewNotices();
    await this.buyers.writeNew(this.em);
    // The import account, if the batch created it, before the notices that point to it.
    await this.em.flush();
    // Written, and known by id from here: a flush computes the changes of every entity the unit of work holds, so the
    // organisations of earlier batches (thousands in a national file) would be walked again by every batch's flush.
    this.em.clear();
    // Not awaited here: the parser reads the next batch while SQLite writes this one. Statements run in order on the
    // transaction's connection, so the next batch's lookups see these rows; its first step awaits this write.
    this.writing = this.store.write().then(() => this.seen.add(seenNow));
    this.writing.catch(() => undefined);
  }

  /**
   * Whether a record, the first of its source identifier in this file, would change nothing: the notice was last
   * written from this very record (same content, same rules), alone, and importing it again is idempotent. Unless
   * the clock alone would change it: an open notice whose deadline has passed since is closed by applying the record.
   */
  private unchanged(stored: StoredNotice | undefined, hash: string): boolean {
    if (!stored || stored.sourceHash !== hash) return false;
    return !(stored.status === 'PUBLISHED' && stored.submissionDeadline.getTime() <= this.now.getTime());
  }

  /**
   * A record skipped as unchanged: counted, its warnings told again as when it was applied, and seen, so that a later
   * record of the same identifier in the file is checked against it (another holder of the contract, or another
   * contract under its uid).
   */
  private skipUnchanged(source: ImportedNotice, seenNow: Map<string, SeenContract>): void {
    seenNow.set(sourceKey(source), { signature: source.kind === 'contract' ? contractSignature(source) : '', location: source.location, outcome: 'unchanged' });
    for (const warning of source.warnings) this.warn(source.location, warning);
    // Refused now (a CPV code that is none), it would change nothing either, and is counted as refused.
    if (this.cpv(source.mainCpv, source.location, 'main CPV') === null) return;
    this.summary.unchanged++;
  }

  /** The previous batch's write, finished (or its failure thrown) before anything else reads the database. */
  private writing: Promise<void> = Promise.resolve();

  private async write(
    source: ImportedNotice,
    states: Map<string, NoticeState>,
    seenFirst: (key: string) => SeenContract | undefined,
    seenNow: Map<string, SeenContract>,
    hash: string,
  ): Promise<void> {
    const problems = recordProblems(source, this.now, source.kind === 'call' ? source.publishedAt : null);
    if (problems.length) {
      // Refused like a notice entered through the API: nothing of it is written, and the summary names each field.
      // Named by the source's own path when the parser gave it (OCDS `tender.tenderPeriod.endDate`), else the hub's.
      const field = (name: string) => source.sourcePaths?.[name] ?? name;
      tallySkipped(this.summary, { location: source.location, reason: problems.map((problem) => `${field(problem.field)} ${problem.reason}`).join('; ') });
      return;
    }
    if (source.kind === 'update') return this.applyUpdate(source, states.get(sourceKey(source)));
    const key = sourceKey(source);
    // A DECP CSV may list a contract's holders on rows far apart: later rows add co-suppliers to the same notice,
    // provided they describe the same contract (decp-mapping.ts, contractSignature).
    const first = seenFirst(key);
    const again = first !== undefined;
    const signature = source.kind === 'contract' ? contractSignature(source) : '';
    if (first && first.signature !== signature) {
      const differing = signatureDifference(first.signature, signature);
      tallySkipped(this.summary, { location: source.location, reason: `uid ${source.sourceId} already read (${first.location}) with another ${differing}: the first record is the contract (DECP identifies a contract by its uid)` });
      return;
    }
    const seen: SeenContract = first ?? { signature, location: source.location, outcome: 'created' };
    if (!first) seenNow.set(key, seen);
    for (const warning of source.warnings) this.warn(source.location, warning);
    const mainCpv = this.cpv(source.mainCpv, source.location, 'main CPV');
    if (mainCpv === null) return;
    const existing = states.get(key);
    const buyer = await this.buyers.resolve(this.em, source.buyer, existing?.values.organisation as string | undefined);
    const notice = existing ?? this.newNotice(source, buyer.id);
    if (!existing) states.set(key, notice);
    let changed = false;
    // A dated record (OCDS) older than what the notice holds fills only what is missing: it never puts back what a
    // later record changed, so records imported in any order end the same.
    const held = (existing?.values.sourceDate as Date | null | undefined) ?? null;
    const stale = Boolean(existing && held && source.sourceDate && source.sourceDate.getTime() < held.getTime());
    const lots = source.lots.length ? source.lots : [this.singleLot(source, mainCpv)];
    for (const lot of lots) changed = this.writeLot(notice, lot, mainCpv, source, again, Boolean(existing), stale) || changed;
    // An award notice that follows a notice already in the hub decides its lots, never rewrites the call: its own
    // publication date, title and missing deadline are the award's, not the call's.
    const values =
      stale
        ? this.decidedValues({ ...source, cancelled: notice.values.status === 'CANCELLED' }, notice)
        : source.kind === 'award' && existing
          ? this.decidedValues(source, notice)
          : { ...this.noticeValues(source, notice, buyer.id, mainCpv), ...(source.kind === 'call' && source.sourceDate ? { sourceDate: source.sourceDate } : {}) };
    changed = assign(notice, values) || changed;
    // A new notice's text is folded once it has its reference (`numberNewNotices`).
    if (!this.unnumbered.has(notice)) withSearchText(notice);
    // Written from this record alone, or from several records of this file: only the former may be skipped next time.
    assign(notice, { sourceHash: again ? null : hash });
    if (!existing) {
      this.summary.created++;
    } else if (changed && !again) {
      assign(notice, { importedAt: this.now });
      this.summary.updated++;
      seen.outcome = 'updated';
    } else if (!again) {
      this.summary.unchanged++;
      seen.outcome = 'unchanged';
    } else if (changed && seen.outcome === 'unchanged') {
      // A later record of the file changed a notice its first record left as it was (a holder added to a contract):
      // the notice is updated, with its audit entry and event, once.
      assign(notice, { importedAt: this.now });
      this.summary.unchanged--;
      this.summary.updated++;
      seen.outcome = 'updated';
      seenNow.set(key, seen);
    }
    this.store.keep(notice);
  }

  /**
   * A record that changes a notice the hub holds (`kind: 'update'`, see `NoticeUpdate`): its tender changes apply to a
   * call the hub read (a notice with a `sourceDate`) when the record is not older than it, its contracts to the awards
   * they name; a record the hub holds nothing for is skipped with the reason the parser gave. The notice is then dated
   * by the record, so that an older release of the call read afterwards does not put back what it changed.
   */
  private applyUpdate(source: ImportedNotice, notice: NoticeState | undefined): void {
    const update = source.update!;
    const tenderChanges =
      update.submissionDeadline !== undefined || update.estimatedValue !== undefined || update.description !== undefined || update.cancelled || update.lots.length > 0;
    const held = (notice?.values.sourceDate as Date | null | undefined) ?? null;
    const lotOfContract = (awardId: string) => {
      const awarded = notice!.lots.filter((lot) => lot.award);
      // By the award's id at the source; an award the hub holds alone is the one a contract names.
      return (
        awarded.find((lot) => ((lot.award!.values.contract as ContractEssentials | null)?.sourceAwardIds ?? []).includes(awardId)) ??
        (awarded.length === 1 ? awarded[0] : undefined)
      );
    };
    const applicable = notice && ((tenderChanges && held !== null) || update.contracts.some((signed) => lotOfContract(signed.awardId)));
    if (!notice || !applicable) {
      tallySkipped(this.summary, { location: source.location, reason: update.requires });
      return;
    }
    for (const warning of source.warnings) this.warn(source.location, warning);
    let changed = false;
    const newer = !held || !source.sourceDate || source.sourceDate.getTime() >= held.getTime();
    if (tenderChanges && held !== null && newer) {
      for (const decided of update.lots) {
        const lot = notice.lots.find((candidate) => candidate.values.number === decided.number);
        if (!lot) {
          this.warn(source.location, `tender.lots: lot ${decided.number} is not a lot of the notice: left alone`);
        } else if (lot.values.status === 'OPEN') {
          changed = assign(lot, { status: 'UNSUCCESSFUL', unsuccessfulReason: decided.unsuccessfulReason }) || changed;
        }
      }
      const deadline = update.submissionDeadline ?? (notice.values.submissionDeadline as Date);
      const cancelled = update.cancelled || notice.values.status === 'CANCELLED';
      const status = this.statusOf({ ...source, cancelled }, notice, deadline);
      changed =
        assign(notice, {
          ...(update.submissionDeadline ? { submissionDeadline: update.submissionDeadline } : {}),
          ...(update.estimatedValue !== undefined ? { estimatedValue: update.estimatedValue } : {}),
          ...(update.description ? { description: clip(update.description, 20_000) } : {}),
          status,
          closedAt: status === 'PUBLISHED' || status === 'CANCELLED' ? null : deadline.getTime() <= this.now.getTime() ? deadline : null,
          cancelledAt: cancelled ? ((notice.values.cancelledAt as Date | null) ?? this.now) : null,
          ...(source.sourceDate ? { sourceDate: source.sourceDate } : {}),
        }) || changed;
      if (!this.unnumbered.has(notice)) withSearchText(notice);
    }
    for (const signed of update.contracts) {
      const lot = lotOfContract(signed.awardId);
      if (!lot) {
        this.warn(source.location, `contracts: awardID ${signed.awardId || '?'} names no award of the notice: left alone`);
        continue;
      }
      const award = lot.award!;
      const awardHeld = (award.values.sourceDate as Date | null) ?? null;
      if (awardHeld && source.sourceDate && source.sourceDate.getTime() < awardHeld.getTime()) continue;
      const contract = (award.values.contract as ContractEssentials | null) ?? {};
      changed =
        assign(award, {
          contract: {
            ...contract,
            ...(signed.notifiedOn ? { notifiedOn: signed.notifiedOn } : {}),
            ...(signed.durationMonths ? { durationMonths: signed.durationMonths } : {}),
          },
          ...(source.sourceDate ? { sourceDate: source.sourceDate } : {}),
        }) || changed;
    }
    // The notice is now more than the one record it may have been written from.
    assign(notice, { sourceHash: null });
    // A notice this file created is counted once, as created.
    if (changed && !notice.isNew) {
      assign(notice, { importedAt: this.now });
      this.summary.updated++;
    } else if (!notice.isNew) {
      this.summary.unchanged++;
    }
    this.store.keep(notice);
  }

  /**
   * A new notice with its mandatory columns (everything else is assigned like an update), its reference to come: it
   * is numbered with the batch's other new notices (`numberNewNotices`), per buyer and year of publication.
   */
  private newNotice(source: ImportedNotice, organisationId: string): NoticeState {
    const published = source.publishedAt ?? this.now;
    const notice = this.store.newNotice({
      reference: '',
      organisation: organisationId,
      createdBy: null,
      title: '',
      description: '',
      nature: source.nature,
      procedure: source.procedure,
      mainCpv: '',
      submissionDeadline: published,
      buyerProfileUrl: '',
      contactEmail: '',
      sourceSystem: source.sourceSystem,
      sourceId: source.sourceId,
      importedAt: this.now,
    });
    this.unnumbered.set(notice, { year: Number(parisDateOf(published).slice(0, 4)), code: this.buyers.codeOf(organisationId) });
    return notice;
  }

  /**
   * References as the hub writes them (2017-PAR-0001), numbered per buyer and year of publication, given to the
   * batch's new notices in the order they were created, with the import account as their author. The last numbers
   * of the prefixes this import has not numbered yet are read in one statement.
   */
  private async numberNewNotices(): Promise<void> {
    if (this.unnumbered.size === 0) return;
    const created = [...this.unnumbered];
    this.unnumbered.clear();
    const fresh = [...new Set(created.map(([, { year, code }]) => `${year}-${code}-`))].filter((prefix) => !this.sequences.has(prefix));
    if (fresh.length) {
      // The prefixes' numbering stays this import's until it commits: a hub creating a notice of one of these buyers
      // and years meanwhile waits instead of taking a number the import hands out.
      await runAloneAcrossHubsForEach(this.em, fresh.map((prefix) => `reference:${prefix}`));
      for (const [prefix, last] of await lastReferenceNumbers(this.em, Notice, fresh)) this.sequences.set(prefix, last);
    }
    this.accountId ??= await importAccountId(this.em, created[0]![0].values.organisation as string);
    for (const [notice, { year, code }] of created) {
      const prefix = `${year}-${code}-`;
      const number = this.sequences.get(prefix)! + 1;
      this.sequences.set(prefix, number);
      notice.values.reference = formatReference(year, code, number);
      notice.values.createdBy = this.accountId;
      withSearchText(notice);
    }
  }

  /**
   * CPV policy: a code of CPV 2008 is normalised with its check digit; an 8-digit code that CPV 2008 lacks (older
   * versions of the vocabulary) is kept as written, with a warning; a code that is not a CPV code at all skips the
   * record with its reason; a notice without any code keeps an empty code, with a warning.
   */
  private cpv(raw: string | null, location: string, what: string): string | null {
    const result = normaliseCpv(raw);
    if (result.kind === 'malformed') {
      tallySkipped(this.summary, { location, reason: `${what} ${JSON.stringify(raw)} is not a CPV code` });
      return null;
    }
    if (result.kind === 'unknown') this.warn(location, `${what} ${result.code} is not in CPV 2008: kept as written`);
    if (result.kind === 'missing') this.warn(location, `no ${what} in the source`);
    return result.code;
  }

  private singleLot(source: ImportedNotice, mainCpv: string): ImportedLot {
    return { number: 1, title: source.title, cpv: mainCpv, estimatedValue: source.estimatedValue, award: null, unsuccessfulReason: null };
  }

  private noticeValues(source: ImportedNotice, notice: NoticeState, organisationId: string, mainCpv: string): NoticeValues {
    const current = notice.values;
    const publishedAt = source.publishedAt ?? (current.publishedAt as Date | null) ?? this.now;
    const awardDates = source.lots.map((lot) => lot.award?.awardedOn).filter((day): day is string => Boolean(day)).sort();
    // An award notice or a DECP contract gives no deadline: the first award date (or the publication) stands in, so
    // that the notice is never listed as open.
    const deadline = source.submissionDeadline ?? (awardDates[0] ? (zonedInstant(awardDates[0], null, 'Europe/Paris') ?? publishedAt) : publishedAt);
    const additional = [...new Set(source.additionalCpvs.map((code) => this.cpvQuiet(code)).filter((code): code is string => Boolean(code)))].filter(
      (code) => code !== mainCpv,
    );
    const family = familyForCpv(mainCpv);
    const status = this.statusOf(source, notice, deadline);
    const place = source.lots[0]?.award?.contract?.placeOfPerformance;
    return {
      organisation: organisationId,
      title: clip(source.title, 300),
      description: clip(source.description || source.title, 20_000),
      nature: source.nature,
      procedure: source.procedure,
      mainCpv,
      additionalCpvs: additional,
      family: family && this.families.has(family.slug) ? this.families.get(family.slug)! : null,
      estimatedValue: source.estimatedValue,
      placeOfPerformanceInsee: place?.typeCode === 'Code commune' && getVarCommune(place.code) ? place.code : ((current.placeOfPerformanceInsee as string | null) ?? null),
      submissionDeadline: deadline,
      electronicSubmission: source.electronicSubmission,
      publishedAt,
      buyerProfileUrl: httpUrl(source.buyerProfileUrl),
      contactEmail: email(source.contactEmail),
      socialClause: source.socialClause,
      environmentalClause: source.environmentalClause,
      reservedFor: source.reservedFor,
      frameworkAgreement: source.framework !== null,
      frameworkMaximumAmount: source.framework?.maximumAmount ?? null,
      frameworkDurationMonths: source.framework?.durationMonths ?? null,
      frameworkSupplierMode: source.framework?.supplierMode ?? null,
      status,
      closedAt: status === 'PUBLISHED' || status === 'CANCELLED' ? null : deadline.getTime() <= this.now.getTime() ? deadline : null,
      cancelledAt: status === 'CANCELLED' ? ((current.cancelledAt as Date | null) ?? this.now) : null,
    };
  }

  /** What an award notice changes on the notice it follows: only what its lots' decisions derive. */
  private decidedValues(source: ImportedNotice, notice: NoticeState): NoticeValues {
    const deadline = notice.values.submissionDeadline as Date;
    const status = this.statusOf(source, notice, deadline);
    return {
      status,
      closedAt: status === 'PUBLISHED' || status === 'CANCELLED' ? null : ((notice.values.closedAt as Date | null) ?? (deadline.getTime() <= this.now.getTime() ? deadline : null)),
      cancelledAt: status === 'CANCELLED' ? ((notice.values.cancelledAt as Date | null) ?? this.now) : null,
    };
  }

  private cpvQuiet(code: string): string | null {
    const result = normaliseCpv(code);
    return result.kind === 'known' || result.kind === 'unknown' ? result.code : null;
  }

  /** Derived, never taken from the source: cancelled, else decided lots, else closed once the deadline passed. */
  private statusOf(source: ImportedNotice, notice: NoticeState, deadline: Date): NoticeStatus {
    if (source.cancelled) return 'CANCELLED';
    const statuses = notice.lots.map((lot) => lot.values.status as LotStatus);
    if (statuses.length && statuses.every((status) => status !== 'OPEN')) return statuses.includes('AWARDED') ? 'AWARDED' : 'UNSUCCESSFUL';
    return deadline.getTime() <= this.now.getTime() ? 'CLOSED' : 'PUBLISHED';
  }

  /** Lots keep their identity by number; a lot the source does not mention is left alone (imports never delete). */
  private writeLot(notice: NoticeState, source: ImportedLot, mainCpv: string, record: ImportedNotice, again: boolean, existed: boolean, stale = false): boolean {
    let lot = notice.lots.find((candidate) => candidate.values.number === source.number);
    let changed = false;
    const known = Boolean(lot) && existed;
    if (known && stale && lot!.values.status !== 'OPEN') {
      // An older record of a lot already decided: only an award the hub lacks is added.
      return source.award && !lot!.award ? this.writeAward(lot!, source, record, again) : false;
    }
    if (!lot) {
      lot = this.store.newLot({ notice: notice.values.id, number: source.number, title: '', cpv: '' });
      notice.lots.push(lot);
      changed = true;
    }
    const cpv = source.cpv ? (this.cpvQuiet(source.cpv) ?? mainCpv) : mainCpv;
    const current = lot.values.status as LotStatus;
    const status: LotStatus = source.award ? 'AWARDED' : source.unsuccessfulReason ? 'UNSUCCESSFUL' : current;
    // A lot the call described keeps the call's description when an award notice decides it.
    const described = (record.kind === 'award' || stale) && known ? {} : { title: clip(source.title || record.title, 300), cpv, estimatedValue: source.estimatedValue };
    changed =
      assign(lot, {
        ...described,
        status,
        unsuccessfulReason: source.unsuccessfulReason ?? (status === 'UNSUCCESSFUL' ? lot.values.unsuccessfulReason : null),
      }) || changed;
    if (source.award) changed = this.writeAward(lot, source, record, again) || changed;
    return changed;
  }

  private writeAward(lot: LotState, source: ImportedLot, record: ImportedNotice, again: boolean): boolean {
    const award = source.award!;
    const [main, ...others] = award.suppliers;
    const existing = lot.award;
    const coSuppliers = (existing?.values.coSuppliers as SupplierRecord[] | undefined) ?? [];
    if (again && existing) {
      // Another row of the same contract: one more holder.
      // Holders are told apart by SIRET (or other identifier), by name only when the source gives none: two
      // establishments of one company, or two companies of one name, are two holders.
      const contract = existing.values.contract as ContractEssentials | null;
      const known = new Set([
        holderKey({ name: existing.values.supplierName as string, siret: existing.values.supplierSiret as string | null, otherId: contract?.mainSupplierId }),
        ...coSuppliers.map(holderKey),
      ]);
      const added = award.suppliers.filter((supplier) => !known.has(holderKey(supplier)));
      if (!added.length) return false;
      assign(existing, { coSuppliers: [...coSuppliers, ...added], contract: withJointBid(contract, record) });
      return true;
    }
    if (!main) return false;
    // A dated record (OCDS) older than the one the award comes from never replaces it.
    const held = (existing?.values.sourceDate as Date | null | undefined) ?? null;
    if (held && record.sourceDate && record.sourceDate.getTime() < held.getTime()) return false;
    // The establishment that signed the contract, when the source names it: the organisation's SIRET may be another's.
    const buyerSiret = record.buyer.siret ? { buyerSiret: record.buyer.siret } : {};
    const contract: ContractEssentials | null =
      award.contract || main.otherId || record.buyer.siret ? { ...(award.contract ?? {}), ...(main.otherId ? { mainSupplierId: main.otherId } : {}), ...buyerSiret } : null;
    const holders = withHolders(
      coSuppliers.filter((supplier) => holderKey(supplier) !== holderKey(main)),
      others.map((supplier) => ({ ...supplier, name: clip(supplier.name, 300) })),
    );
    const values = {
      supplierName: clip(main.name, 300),
      supplierSiret: main.siret,
      sme: award.sme,
      amount: award.amount,
      awardedOn: award.awardedOn ?? parisDateOf(record.publishedAt ?? this.now),
      // Imports never delete: holders met on other rows of the contract (DECP) stay, so importing again changes nothing.
      coSuppliers: holders,
      contract: holders.length ? withJointBid(contract, record) : contract,
      sourceDate: record.sourceDate ?? null,
    };
    if (existing) return assign(existing, values);
    lot.award = this.store.newAward({ lot: lot.values.id, ...values });
    return true;
  }

  async finish(file: string, format: ImportFormat): Promise<void> {
    await this.writing;
    for (const merged of await this.buyers.mergeNamedOnly(this.em)) this.warn('buyers', merged);
    const { created, updated, unchanged } = this.summary;
    this.summary.organisationsCreated = this.buyers.created;
    const details = { file, format, created, updated, unchanged, skipped: this.summary.skipped, organisationsCreated: this.buyers.created };
    // A file that changes nothing leaves no trace, so importing it again is truly idempotent.
    if (created + updated > 0) {
      recordAudit(this.em, null, 'importOpenData', { entityType: 'ImportFile', entityId: randomUUID() }, details);
      recordEvent(this.em, 'opendata.imported', { file, format, created, updated }, this.now);
    }
    await this.em.flush();
    await this.seen.drop();
  }
}

/** SQLite's page cache during an import, in KiB: bounded, whatever the file's size. */
const IMPORT_PAGE_CACHE_KIB = 64 * 1024;

/**
 * A larger page cache for the import's connection, given back at the end. SQLite's default (2 MiB) holds a few
 * thousand pages: past some tens of thousands of notices, each insert into the notice table's indexes reads back
 * pages it had to evict (twice the CPU per row at 100,000 rows). Only the cache: durability is untouched.
 */
async function largerPageCache(em: EntityManager): Promise<() => Promise<void>> {
  if (onPostgreSql(em)) return async () => undefined;
  const [row] = await runStatement(em, 'pragma cache_size');
  const previous = Number(row?.cache_size ?? -2000);
  await runStatement(em, `pragma cache_size = -${IMPORT_PAGE_CACHE_KIB}`, 'run');
  return async () => void (await runStatement(em, `pragma cache_size = ${previous}`, 'run'));
}

/** The notice's folded search text, from its reference, title and description. */
function withSearchText(notice: NoticeState): void {
  const v = notice.values;
  assign(notice, { searchText: foldText(`${v.reference as string} ${v.title as string} ${v.description as string}`) });
}

function sourceKey(source: ImportedNotice): string {
  return `${source.sourceSystem}:${source.sourceId}`;
}

/**
 * A DECP record is one contract: several holders of it are a group of economic operators (a joint bid), whose form
 * the consolidated files do not give. A contract of which the source states the group's form keeps it.
 */
function withJointBid(contract: ContractEssentials | null, record: ImportedNotice): ContractEssentials | null {
  if (record.kind !== 'contract' || contract?.groupingType) return contract;
  return { ...(contract ?? {}), jointBid: true };
}

function withHolders(known: SupplierRecord[], added: SupplierRecord[]): SupplierRecord[] {
  const keys = new Set(known.map(holderKey));
  return [...known, ...added.filter((supplier) => !keys.has(holderKey(supplier)))];
}

function holderKey(supplier: SupplierRecord): string {
  if (supplier.siret) return `siret:${supplier.siret}`;
  if (supplier.otherId?.id) return `${supplier.otherId.type}:${supplier.otherId.id}`;
  return `name:${foldText(supplier.name)}`;
}

function httpUrl(value: string | null): string {
  const text = value?.trim() ?? '';
  if (!text) return '';
  const withScheme = /^https?:\/\//i.test(text) ? text : /^www\./i.test(text) ? `http://${text}` : '';
  try {
    return withScheme && withScheme.length <= 500 ? new URL(withScheme).toString() : '';
  } catch {
    return '';
  }
}

function email(value: string | null): string {
  const text = value?.trim().toLowerCase() ?? '';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 254 ? text : '';
}

/**
 * A database error as an operator reads it: its code and the driver's words, never the SQL statement (MikroORM puts
 * the whole statement, values and all, before the driver's message).
 */
function databaseReason(error: DriverException): string {
  const driverMessage = error.message.slice(error.message.lastIndexOf(' - ') + 3);
  const busy = /SQLITE_BUSY/.test(driverMessage) ? ' (another process was writing to the same file)' : '';
  return `the database refused the write: ${driverMessage}${busy}`;
}
