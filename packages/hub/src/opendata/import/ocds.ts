import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import streamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import type { ContractEssentials, SupplierRecord } from '../../notices/contract-essentials.js';
import type { Nature } from '../../notices/notice-enums.js';
import type { Procedure } from '../../notices/response-times.js';
import { parisDateOf } from '../../shared/paris-calendar.js';
import { decpProcedure, natureOfCpv } from './decp-mapping.js';
import { BrokenRecordError, type ImportedAward, type ImportedBuyer, type ImportedLot, type ImportedNotice, type NoticeUpdate, type ParsedItem, type Parser } from './imported-notice.js';
import { clip, frenchIds, isoDay, rejectedIdWarning, timeZoneOf, zonedInstant } from './values.js';

type Json = Record<string, unknown>;

/**
 * OCDS 1.1 release packages (`{"releases": [...]}`) and record packages (`{"records": [...]}`), streamed. One
 * contracting process (`ocid`) is one notice:
 *
 * - a record package gives each process as a record: its `compiledRelease` (the publisher's merge of its releases),
 *   or its embedded releases, merged here;
 * - a release package gives releases: those of one ocid that follow each other (as publishers and the hub's own
 *   export write them) are merged here in the order of their `date`, as OCDS merges releases into a compiled release
 *   (later values replace earlier ones, objects are merged key by key, arrays of objects with an `id` by id).
 *
 * Each process is mapped once merged (`ocds-mapping` below, the table in MAPPING.md). Its date is its latest
 * release's: the importer never lets an earlier-dated release replace what a later one said (`sourceDate`), so
 * importing releases of one process split over several files ends the same in any order.
 */
export const parseOcds: Parser = async function* (file, onProgress) {
  const kind = await packageKind(file);
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    onProgress(bytes);
  });
  const items = StreamArray.streamArray();
  pipeline(source, streamJson.parser(), Pick.pick({ filter: kind }), items, () => undefined);
  let group: { ocid: string; first: number; last: number; releases: Json[] } | null = null;
  try {
    for await (const item of items as AsyncIterable<{ key: number; value: unknown }>) {
      const location = `${kind}[${item.key}]`;
      if (kind === 'records') {
        yield recordItem(item.value, location);
        continue;
      }
      const release = checkedRelease(item.value, location);
      const ocid = release.ocid as string;
      if (group && group.ocid === ocid) {
        group.releases.push(release);
        group.last = item.key;
        continue;
      }
      if (group) yield processItem(group.releases, groupLocation(group), null);
      group = { ocid, first: item.key, last: item.key, releases: [release] };
    }
    if (group) yield processItem(group.releases, groupLocation(group), null);
  } catch (error) {
    if (error instanceof BrokenRecordError) throw error;
    throw new BrokenRecordError(`byte ${bytes}`, `JSON is not well-formed: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
};

function groupLocation(group: { ocid: string; first: number; last: number }): string {
  const where = group.first === group.last ? `releases[${group.first}]` : `releases[${group.first}] to releases[${group.last}]`;
  return `${where} (ocid ${group.ocid})`;
}

/** Which package it is, from the file's head: the first of `"releases": [` and `"records": [` at the top level. */
async function packageKind(file: string): Promise<'releases' | 'records'> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const match = /"(releases|records)"\s*:\s*\[/.exec(buffer.subarray(0, bytesRead).toString('utf8'));
    if (!match) throw new BrokenRecordError('$', 'an OCDS package has "releases": [...] or "records": [...]');
    return match[1] as 'releases' | 'records';
  } finally {
    await handle.close();
  }
}

const isObject = (value: unknown): value is Json => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const asObject = (value: unknown): Json => (isObject(value) ? value : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** An OCDS date-time (ISO 8601, RFC 3339): a calendar day that exists, a time, an offset. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant an OCDS date-time names; a day or a time without offset is read in the buyer's time zone. */
export function ocdsInstant(value: string, timeZone = 'Europe/Paris'): Date | null {
  const match = DATE_TIME.exec(value.trim());
  if (!match || !isoDay(match[1]) || Number(match[2] ?? 0) > 23 || Number(match[3] ?? 0) > 59 || Number(match[4] ?? 0) > 59) return null;
  if (!match[5]) return zonedInstant(match[1]!, match[2] ? `${match[2]}:${match[3]}` : null, timeZone);
  const result = new Date(value.trim());
  return Number.isNaN(result.getTime()) ? null : result;
}

/**
 * Fails the file on a value present but not of its type, naming its path: a date that is no date-time, an amount
 * that is no number, a currency that is no ISO 4217 code, an ocid that is no text. Checked on each release as read,
 * so the path is the release's own, before releases are merged.
 */
function checkedRelease(value: unknown, location: string): Json {
  if (!isObject(value)) throw new BrokenRecordError(location, 'a release is a JSON object');
  if (typeof value.ocid !== 'string' || !value.ocid.trim()) throw new BrokenRecordError(`${location}.ocid`, `${JSON.stringify(value.ocid ?? null)} is not an ocid`);
  if (value.ocid.length > 120) throw new BrokenRecordError(`${location}.ocid`, 'an ocid of more than 120 characters');
  const date = (path: string, item: unknown) => {
    if (item === undefined || item === null) return;
    if (typeof item !== 'string' || !ocdsInstant(item)) throw new BrokenRecordError(`${location}.${path}`, `${JSON.stringify(item)} is not a date-time`);
  };
  const amount = (path: string, money: unknown) => {
    if (money === undefined || money === null) return;
    const { amount: figure, currency } = asObject(money);
    if (figure !== undefined && figure !== null && (typeof figure !== 'number' || !Number.isFinite(figure))) {
      throw new BrokenRecordError(`${location}.${path}.amount`, `${JSON.stringify(figure)} is not an amount`);
    }
    if (currency !== undefined && currency !== null && (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))) {
      throw new BrokenRecordError(`${location}.${path}.currency`, `${JSON.stringify(currency)} is not a currency code`);
    }
  };
  const period = (path: string, item: unknown) => {
    date(`${path}.startDate`, asObject(item).startDate);
    date(`${path}.endDate`, asObject(item).endDate);
  };
  date('date', value.date);
  const tender = asObject(value.tender);
  period('tender.tenderPeriod', tender.tenderPeriod);
  amount('tender.value', tender.value);
  asArray(tender.lots).forEach((lot, index) => amount(`tender.lots[${index}].value`, asObject(lot).value));
  asArray(value.awards).forEach((award, index) => {
    date(`awards[${index}].date`, asObject(award).date);
    amount(`awards[${index}].value`, asObject(award).value);
  });
  asArray(value.contracts).forEach((contract, index) => {
    date(`contracts[${index}].dateSigned`, asObject(contract).dateSigned);
    period(`contracts[${index}].period`, asObject(contract).period);
    amount(`contracts[${index}].value`, asObject(contract).value);
  });
  return value;
}

/**
 * OCDS merging, as a compiled release is built from releases (standard, « Merging »): releases in order of `date`;
 * a later value replaces an earlier one; `null` removes it; objects merge key by key; an array of objects that all
 * have an `id` merges by id (identifier merge); any other array is replaced whole.
 */
export function mergeReleases(releases: Json[]): Json {
  const ordered = releases
    .map((release, index) => ({ release, index, at: ocdsInstant(asText(release.date))?.getTime() ?? 0 }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const compiled: Json = {};
  for (const { release } of ordered) mergeInto(compiled, release);
  return compiled;
}

function mergeInto(target: Json, source: Json): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === null) {
      delete target[key];
    } else if (isObject(value)) {
      const inner = isObject(target[key]) ? (target[key] as Json) : {};
      mergeInto(inner, value);
      target[key] = inner;
    } else if (Array.isArray(value) && value.length && value.every((item) => isObject(item) && item.id !== undefined)) {
      const current = Array.isArray(target[key]) ? (target[key] as unknown[]).filter(isObject) : [];
      const byId = new Map(current.map((item) => [String(item.id), item]));
      for (const item of value as Json[]) {
        const existing = byId.get(String(item.id));
        if (existing) {
          mergeInto(existing, item);
        } else {
          const copy: Json = {};
          mergeInto(copy, item);
          current.push(copy);
          byId.set(String(item.id), copy);
        }
      }
      target[key] = current;
    } else {
      target[key] = value;
    }
  }
}

/** A record: its compiled release, else its embedded releases merged; linked releases alone say too little. */
function recordItem(value: unknown, location: string): ParsedItem {
  const record = asObject(value);
  const ocid = asText(record.ocid);
  const at = ocid ? `${location} (ocid ${ocid})` : location;
  const releases = asArray(record.releases).filter(isObject);
  if (isObject(record.compiledRelease)) {
    const compiled = checkedRelease({ ...record.compiledRelease, ocid: record.compiledRelease.ocid ?? record.ocid }, `${location}.compiledRelease`);
    return processItem([compiled], at, releases);
  }
  const embedded = releases.filter((release) => release.tender || release.awards || release.contracts || release.planning);
  if (!embedded.length) {
    return { kind: 'skipped', skipped: { location: at, reason: 'a record with neither compiledRelease nor embedded releases (linked releases only): nothing to import' } };
  }
  return processItem(
    embedded.map((release, index) => checkedRelease({ ...release, ocid: release.ocid ?? record.ocid }, `${location}.releases[${index}]`)),
    at,
    releases,
  );
}

/**
 * One contracting process: its releases merged, then mapped. `listed` are a record's releases (embedded or linked),
 * whose tags and dates say when the tender was first published when the compiled release does not.
 */
function processItem(releases: Json[], location: string, listed: Json[] | null): ParsedItem {
  const release = releases.length === 1 ? releases[0]! : mergeReleases(releases);
  const all = [...releases, ...(listed ?? [])];
  const tenderDates = all
    .filter((item) => asArray(item.tag).includes('tender') && typeof item.date === 'string')
    .map((item) => ocdsInstant(item.date as string))
    .filter((date): date is Date => date !== null)
    .sort((a, b) => a.getTime() - b.getTime());
  const dates = all
    .map((item) => (typeof item.date === 'string' ? ocdsInstant(item.date) : null))
    .filter((date): date is Date => date !== null)
    .sort((a, b) => a.getTime() - b.getTime());
  return mapRelease(release, location, { firstTender: tenderDates[0] ?? null, earliest: dates[0] ?? null, latest: dates.at(-1) ?? null });
}

const CATEGORIES: Record<string, Nature> = { works: 'WORKS', goods: 'SUPPLIES', services: 'SERVICES' };
const METHODS: Record<string, Procedure> = { open: 'OPEN', selective: 'RESTRICTED', limited: 'NEGOTIATED_WITHOUT_PUBLICATION', direct: 'NEGOTIATED_WITHOUT_PUBLICATION' };

/**
 * A party's French identifiers from its `identifier` and `additionalIdentifiers` (schemes FR-SIRET, FR-SIREN, FR-RCS).
 * An id of scheme FR-SIRET or FR-SIREN that is neither (`abc`, a wrong Luhn key) is none, with a warning naming its
 * field (`path` is the party's: `parties[2]`); an RCS number, which is not one, is read quietly when it holds a SIREN.
 */
function partyIds(party: Json, path: string, warnings: string[]): { siret: string | null; siren: string | null; french: boolean } {
  const identifiers = [party.identifier, ...asArray(party.additionalIdentifiers)].map(asObject);
  let siret: string | null = null;
  let siren: string | null = null;
  let french = false;
  identifiers.forEach((identifier, index) => {
    const scheme = asText(identifier.scheme).toUpperCase();
    if (!scheme.startsWith('FR-')) return;
    french = true;
    const field = `${path}.${index === 0 ? 'identifier' : `additionalIdentifiers[${index - 1}]`}.id`;
    const checked = scheme === 'FR-SIRET' || scheme === 'FR-SIREN';
    const ids = frenchIds(asText(identifier.id), checked ? (written) => warnings.push(rejectedIdWarning(field, written)) : undefined);
    siret ??= scheme === 'FR-SIRET' ? ids.siret : null;
    siren ??= ids.siren;
  });
  // The hub's own party ids (FR-SIREN-…, FR-SIRET-…) say it as well.
  const own = /^FR-(SIRET|SIREN)-(\d+)$/.exec(asText(party.id));
  if (own) {
    const ids = frenchIds(own[2], (written) => warnings.push(rejectedIdWarning(`${path}.id`, written)));
    siret ??= ids.siret;
    siren ??= ids.siren;
    french = true;
  }
  return { siret, siren: siren ?? (siret ? siret.slice(0, 9) : null), french };
}

/**
 * One compiled release as the hub's notice. Field by field against the OCDS 1.1 release schema: MAPPING.md, « OCDS,
 * in ». `dates.firstTender` is the earliest release tagged `tender` (the publication when `tenderPeriod.startDate`
 * is not given); `dates.earliest` and `dates.latest` the process's first and latest releases, the latest dating what
 * the notice holds.
 */
export function mapRelease(release: Json, location: string, dates: { firstTender: Date | null; earliest: Date | null; latest: Date | null }): ParsedItem {
  const ocid = asText(release.ocid);
  const tender = isObject(release.tender) ? release.tender : null;
  // The call is published by a tender that says what is bought (its title); a tender section without one is the
  // part of an update or an award release that names lots' statuses or a new deadline, not a call of its own.
  const call = tender && asText(tender.title) ? tender : null;
  const contracts = asArray(release.contracts).filter(isObject);
  const releaseId = asText(release.id) || '?';
  // Awards; a contract that names its suppliers (contract suppliers extension, `contracts[].suppliers`) stands for
  // the award it does not come with.
  let awards = asArray(release.awards).filter(isObject).filter((award) => !['cancelled', 'unsuccessful'].includes(asText(award.status)));
  if (!call && !awards.length) awards = contracts.filter((contract) => asArray(contract.suppliers).some(isObject)).map(awardOfContract);
  if (!call && !awards.length && !tender && !contracts.length) {
    if (release.planning) {
      return {
        kind: 'skipped',
        skipped: { location, reason: 'a planning release (no tender yet): planned purchases are the hub’s own plan, written by its staff, not imported' },
      };
    }
    return { kind: 'skipped', skipped: { location, reason: 'a release with neither tender nor awards: nothing to import' } };
  }
  const warnings: string[] = [];
  const parties = asArray(release.parties).filter(isObject);
  const partyById = new Map(parties.map((party) => [asText(party.id), party]));
  const buyerRef = asObject(release.buyer);
  const buyerParty = partyById.get(asText(buyerRef.id)) ?? parties.find((party) => asArray(party.roles).includes('buyer')) ?? buyerRef;
  const partyPath = (party: Json, otherwise: string) => (parties.includes(party) ? `parties[${parties.indexOf(party)}]` : otherwise);
  const buyerIds = partyIds(buyerParty, partyPath(buyerParty, 'buyer'), warnings);
  const buyer: ImportedBuyer = {
    name: asText(buyerParty.name) || asText(buyerRef.name),
    siret: buyerIds.siret,
    siren: buyerIds.siren,
    country: buyerIds.french ? 'FR' : countryOf(buyerParty),
  };
  const timeZone = timeZoneOf(buyer.country);
  const instant = (value: unknown) => (typeof value === 'string' ? ocdsInstant(value, timeZone) : null);
  const day = (value: unknown) => {
    const at = instant(value);
    return at ? parisDateOf(at) : null;
  };

  const euros = (money: unknown, path: string): number | null => {
    const value = asObject(money);
    if (typeof value.amount !== 'number') return null;
    const currency = asText(value.currency) || 'EUR';
    if (currency !== 'EUR') {
      warnings.push(`${path}: ${value.amount} ${currency} is not in euros: left empty`);
      return null;
    }
    return value.amount;
  };

  // Lots (lots extension), else the process is one lot; awards find their lot by relatedLots.
  const sourceLots = asArray(tender?.lots).filter(isObject);
  const lotNumbers = new Map<string, number>();
  sourceLots.forEach((lot, index) => {
    const digits = /^\d{1,6}$/.test(asText(lot.id)) ? Number(asText(lot.id)) : null;
    lotNumbers.set(asText(lot.id), digits && ![...lotNumbers.values()].includes(digits) ? digits : index + 1);
  });

  if (!call && !awards.length) {
    // A tender update, amendment or cancellation without the tender's title, or contracts without their award: a
    // change to a process the hub must already hold, applied by the importer (`update`), else skipped saying so.
    const tenderPeriod = asObject(tender?.tenderPeriod);
    const deadline = instant(tenderPeriod.endDate);
    const update: NoticeUpdate = {
      requires: tender
        ? `release ${releaseId} changes a call the hub does not hold (no tender.title): import the release of its tender first, or the releases of the process together`
        : `release ${releaseId}: contracts for awardID ${contracts.map((contract) => asText(contract.awardID) || '?').join(', ')} without their award (no awards[].suppliers) in a process the hub does not hold: import the award first, or the releases of the process together`,
      ...(deadline ? { submissionDeadline: deadline } : {}),
      ...(isObject(tender?.value) ? { estimatedValue: euros(tender.value, 'tender.value') } : {}),
      ...(asText(tender?.description) ? { description: asText(tender?.description) } : {}),
      ...(asText(tender?.status) === 'cancelled' ? { cancelled: true } : {}),
      lots: sourceLots.flatMap((lot) => {
        const status = asText(lot.status);
        const reason = status === 'unsuccessful' ? 'Lot infructueux' : status === 'cancelled' ? 'Lot sans suite' : null;
        return reason ? [{ number: lotNumbers.get(asText(lot.id))!, unsuccessfulReason: reason }] : [];
      }),
      contracts: contracts.map((contract) => {
        const period = asObject(contract.period);
        return {
          awardId: asText(contract.awardID),
          notifiedOn: day(contract.dateSigned),
          durationMonths: monthsBetween(day(period.startDate), day(period.endDate)),
        };
      }),
    };
    return {
      kind: 'notice',
      notice: {
        ...emptyNotice(ocid, location, buyer),
        kind: 'update',
        submissionDeadline: update.submissionDeadline ?? null,
        estimatedValue: update.estimatedValue ?? null,
        description: update.description ?? '',
        sourceDate: dates.latest,
        sourcePaths: { submissionDeadline: 'tender.tenderPeriod.endDate', estimatedValue: 'tender.value.amount', description: 'tender.description' },
        update,
        warnings,
      },
    };
  }
  if (!buyer.name) throw new BrokenRecordError(`${location}.buyer.name`, 'the buyer has no name');

  // Items: the first one's CPV classification is the main CPV; the others, and additional classifications, the rest.
  const items = asArray(tender?.items).filter(isObject);
  const cpvOf = (classification: unknown): string | null => {
    const value = asObject(classification);
    return asText(value.scheme).toUpperCase() === 'CPV' && asText(value.id) ? asText(value.id) : null;
  };
  const itemCpvs = items.flatMap((item) => [cpvOf(item.classification), ...asArray(item.additionalClassifications).map(cpvOf)]).filter((code): code is string => Boolean(code));
  const awardCpvs = awards.flatMap((award) => asArray(award.items).filter(isObject).map((item) => cpvOf(item.classification))).filter((code): code is string => Boolean(code));
  const mainCpv = itemCpvs[0] ?? awardCpvs[0] ?? null;
  const category = asText(tender?.mainProcurementCategory);
  const nature = CATEGORIES[category] ?? natureOfCpv(mainCpv);

  let procedure: Procedure | null = decpProcedure(asText(tender?.procurementMethodDetails)) ?? METHODS[asText(tender?.procurementMethod)] ?? null;
  if (!procedure) {
    procedure = 'OPEN';
    warnings.push(tender ? `tender.procurementMethod ${JSON.stringify(asText(tender.procurementMethod))}: recorded as open` : 'no tender, no procurement method: recorded as open');
  }

  const lots = new Map<number, ImportedLot>();
  // Without a tender, the award says what was bought: its title, else its description (publishers of essential data
  // write the contract's object there).
  const title = clip(asText(tender?.title) || asText(awards[0]?.title) || asText(awards[0]?.description) || `Procédure ${ocid}`, 300);
  for (const lot of sourceLots) {
    const number = lotNumbers.get(asText(lot.id))!;
    const status = asText(lot.status);
    const lotCpv = items.find((item) => asText(item.relatedLot) === asText(lot.id));
    lots.set(number, {
      number,
      title: clip(asText(lot.title) || title, 300),
      cpv: lotCpv ? cpvOf(lotCpv.classification) : null,
      estimatedValue: euros(lot.value, `tender.lots[${asText(lot.id)}].value`),
      award: null,
      unsuccessfulReason: status === 'unsuccessful' ? 'Lot infructueux' : status === 'cancelled' ? 'Lot sans suite' : null,
    });
  }
  const contractOf = new Map(contracts.map((contract) => [asText(contract.awardID), contract]));
  awards.forEach((award, index) => {
    const path = `awards[${asText(award.id) || index}]`;
    const related = asArray(award.relatedLots).map(asText);
    // Without relatedLots, an award is of the only lot there is.
    const number = related.length ? lotNumbers.get(related[0]!) : sourceLots.length <= 1 ? (lotNumbers.values().next().value ?? 1) : undefined;
    if (number === undefined) {
      warnings.push(`${path}: relatedLots ${JSON.stringify(related)} names no lot of tender.lots: not imported`);
      return;
    }
    const suppliers: SupplierRecord[] = asArray(award.suppliers)
      .filter(isObject)
      .map((reference, supplier) => {
        const party = partyById.get(asText(reference.id)) ?? reference;
        const ids = partyIds(party, partyPath(party, `${path}.suppliers[${supplier}]`), warnings);
        return { name: clip(asText(party.name) || asText(reference.name), 300), siret: ids.siret };
      })
      .filter((supplier) => supplier.name);
    if (!suppliers.length) {
      warnings.push(`${path}: no supplier named: not imported`);
      return;
    }
    const contract = contractOf.get(asText(award.id));
    const value = asObject(award.value);
    const amount = euros(award.value, `${path}.value`);
    const signedOn = day(contract?.dateSigned);
    const period = asObject(contract?.period);
    const months = monthsBetween(day(period.startDate), day(period.endDate));
    const essentials: ContractEssentials = {
      // The award's id, which a contract release read later names (`contracts[].awardID`).
      ...(asText(award.id) ? { sourceAwardIds: [asText(award.id)] } : {}),
      ...(signedOn ? { notifiedOn: signedOn } : {}),
      ...(months ? { durationMonths: months } : {}),
      ...(amount === null && typeof value.amount === 'number' && asText(value.currency) && asText(value.currency) !== 'EUR'
        ? { amountInCurrency: { amount: value.amount, currency: asText(value.currency) } }
        : {}),
    };
    const previous = lots.get(number);
    const imported: ImportedAward = {
      suppliers,
      sme: null,
      amount,
      awardedOn: day(award.date) ?? signedOn,
      contract: Object.keys(essentials).length ? essentials : null,
    };
    if (previous?.award) {
      // Two awards of one lot (a framework agreement with several holders): one award with all the holders.
      const merged = previous.award;
      merged.suppliers.push(...suppliers.filter((supplier) => !merged.suppliers.some((known) => (known.siret ?? known.name) === (supplier.siret ?? supplier.name))));
      merged.amount = merged.amount !== null && amount !== null ? merged.amount + amount : (merged.amount ?? amount);
      if (asText(award.id)) merged.contract = { ...(merged.contract ?? {}), sourceAwardIds: [...(merged.contract?.sourceAwardIds ?? []), asText(award.id)] };
      return;
    }
    lots.set(number, {
      number,
      title: clip(previous?.title || asText(award.title) || title, 300),
      cpv: previous?.cpv ?? null,
      estimatedValue: previous?.estimatedValue ?? null,
      award: imported,
      unsuccessfulReason: null,
    });
  });

  const tenderPeriod = asObject(tender?.tenderPeriod);
  // The publication: the tender period's start, else the first release tagged tender; an award without tender (a
  // contract known from its award only) is published by its first release.
  const publishedAt = instant(tenderPeriod.startDate) ?? dates.firstTender;
  if (call && !publishedAt) warnings.push('neither tender.tenderPeriod.startDate nor a release tagged tender: the first release date stands in for the publication');
  const submissionMethods = asArray(tender?.submissionMethod).map(asText);
  const notice: ImportedNotice = {
    sourceSystem: 'OCDS',
    sourceId: ocid,
    kind: call ? 'call' : 'award',
    location,
    buyer,
    title,
    description: asText(tender?.description) || asText(awards[0]?.description) || title,
    nature,
    procedure,
    mainCpv,
    additionalCpvs: [...itemCpvs.slice(1), ...awardCpvs],
    estimatedValue: euros(tender?.value, 'tender.value'),
    publishedAt: publishedAt ?? dates.earliest,
    submissionDeadline: instant(tenderPeriod.endDate),
    electronicSubmission: submissionMethods.length === 0 || submissionMethods.includes('electronicSubmission'),
    buyerProfileUrl: asText(asObject(buyerParty.contactPoint).url) || null,
    contactEmail: asText(asObject(buyerParty.contactPoint).email) || null,
    socialClause: false,
    environmentalClause: false,
    reservedFor: 'NONE',
    framework: null,
    lots: [...lots.values()].sort((a, b) => a.number - b.number),
    cancelled: asText(tender?.status) === 'cancelled',
    // A call is always dated: an OCDS notice without `sourceDate` is one whose tender the hub never read (its
    // open-data export then has no tender, `export/open-data-notice.ts`, `withoutCall`).
    sourceDate: dates.latest ?? (call ? (publishedAt ?? dates.earliest ?? new Date(0)) : null),
    sourcePaths: {
      publishedAt: 'tender.tenderPeriod.startDate',
      submissionDeadline: 'tender.tenderPeriod.endDate',
      estimatedValue: 'tender.value.amount',
      title: tender ? 'tender.title' : 'awards[0].title',
      description: 'tender.description',
      'buyer.name': 'parties[buyer].name',
      buyerProfileUrl: 'parties[buyer].contactPoint.url',
      contactEmail: 'parties[buyer].contactPoint.email',
    },
    warnings,
  };
  return { kind: 'notice', notice };
}

/**
 * The award a contract stands for when it comes without one but names its suppliers (the contract suppliers extension,
 * `contracts[].suppliers`): its id is the contract's `awardID`, so that the contract's dates apply to it.
 */
function awardOfContract(contract: Json): Json {
  return {
    id: asText(contract.awardID) || asText(contract.id),
    title: contract.title,
    description: contract.description,
    status: 'active',
    date: contract.dateSigned,
    value: contract.value,
    suppliers: contract.suppliers,
    items: contract.items,
  };
}

/** The fields of a notice a change to a process (`kind: 'update'`) does not give: never written. */
function emptyNotice(ocid: string, location: string, buyer: ImportedBuyer): ImportedNotice {
  return {
    sourceSystem: 'OCDS',
    sourceId: ocid,
    kind: 'update',
    location,
    buyer,
    title: '',
    description: '',
    nature: 'SERVICES',
    procedure: 'OPEN',
    mainCpv: null,
    additionalCpvs: [],
    estimatedValue: null,
    publishedAt: null,
    submissionDeadline: null,
    electronicSubmission: true,
    buyerProfileUrl: null,
    contactEmail: null,
    socialClause: false,
    environmentalClause: false,
    reservedFor: 'NONE',
    framework: null,
    lots: [],
    cancelled: false,
    warnings: [],
  };
}

function countryOf(party: Json): string | null {
  const country = asText(asObject(party.address).countryName).toLowerCase();
  return country === 'france' ? 'FR' : null;
}

/** Whole months from one day to another (a contract's period), null when either is unknown or the end is not after. */
function monthsBetween(start: string | null, end: string | null): number | null {
  if (!start || !end || end <= start) return null;
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return months > 0 ? months : null;
}
