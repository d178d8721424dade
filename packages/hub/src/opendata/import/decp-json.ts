import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import streamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import type { ContractEssentials, ContractModification, SupplierId, SupplierRecord } from '../../notices/contract-essentials.js';
import { SUPPLIER_ID_TYPES } from '../../notices/contract-essentials.js';
import { BrokenRecordError, type ImportedNotice, type ParsedItem, type Parser } from './imported-notice.js';
import { decpProcedure, natureOfCpv } from './decp-mapping.js';
import { getCpvCatalogue } from '../../reference/cpv-catalogue.js';
import type { Nature } from '../../notices/notice-enums.js';
import { amountOf, clip, frenchIds, isoDay, positiveInt, rejectedIdWarning, zonedInstant } from './values.js';

type Json = Record<string, unknown>;

/**
 * DECP JSON, streamed record by record (a national file weighs hundreds of megabytes): v2 (`marches.marche[]`,
 * arrêtés of 22 December 2022) and v1.5 (`marches[]`, arrêté of 22 March 2019, data up to 2023). Concession
 * contracts are not imported: they are not calls for tenders with lots.
 */
export const parseDecpJson: Parser = async function* (file, onProgress) {
  const version = await decpVersion(file);
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    onProgress(bytes);
  });
  const records = StreamArray.streamArray();
  // Errors anywhere in the chain destroy its end, so the loop below sees them.
  pipeline(source, streamJson.parser(), Pick.pick({ filter: version === 2 ? 'marches.marche' : 'marches' }), records, () => undefined);
  const base = version === 2 ? 'marches.marche' : 'marches';
  try {
    for await (const item of records as AsyncIterable<{ key: number; value: unknown }>) {
      yield decpRecord(item.value, `${base}[${item.key}]`, version);
    }
  } catch (error) {
    if (error instanceof BrokenRecordError) throw error;
    throw new BrokenRecordError(`byte ${bytes}`, `JSON is not well-formed: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
};

/** v2 nests the list (`"marches": {"marche": [...]}`), v1.5 does not (`"marches": [...]`): the file's head says. */
async function decpVersion(file: string): Promise<1 | 2> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const match = /"marches"\s*:\s*([[{])/.exec(head);
    if (!match) throw new BrokenRecordError('$', 'a DECP file starts with {"marches": …}');
    return match[1] === '[' ? 1 : 2;
  } finally {
    await handle.close();
  }
}

const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const asBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined);
const asNumber = (value: unknown): number | undefined => {
  const number = amountOf(typeof value === 'number' || typeof value === 'string' ? value : null);
  return number === null ? undefined : number;
};
/** v2 wraps lists twice: `{"technique": ["…"]}`. */
const innerList = (value: unknown, key: string): string[] | undefined => {
  const list = asArray(asObject(value)[key]).map(asText).filter(Boolean);
  return list.length ? list : undefined;
};

function supplierId(raw: Json): SupplierId | null {
  const id = asText(raw.id);
  if (!id) return null;
  const type = asText(raw.typeIdentifiant).toUpperCase();
  return { type: (SUPPLIER_ID_TYPES as readonly string[]).includes(type) ? (type as SupplierId['type']) : 'SIRET', id };
}

/**
 * The holders of a contract. An id said to be a SIRET (or of no stated type) that is no SIRET nor SIREN (`abc`, a
 * wrong Luhn key) is kept as no identifier, with a warning naming its field (`path`: `titulaires`, or the CSV column
 * a tabular row gave in `_field`); the holder stays, by its name.
 */
function suppliersOf(list: unknown, path: string, warnings: string[]): SupplierRecord[] {
  return asArray(list).flatMap((entry, index) => {
    const raw = asObject(asObject(entry).titulaire ?? entry);
    const id = supplierId(raw);
    if (!id) return [];
    const field = asText(raw._field) || `${path}[${index}].id`;
    let rejected = false;
    const ids = id.type === 'SIRET' ? frenchIds(id.id, (written) => ((rejected = true), warnings.push(rejectedIdWarning(field, written)))) : null;
    const siret = ids?.siret ?? null;
    const name = asText(raw.denominationSociale) || (rejected ? 'Titulaire non identifié' : `${id.type} ${id.id}`);
    return [{ name, siret, otherId: siret || rejected ? null : id }];
  });
}

function modificationsOf(list: unknown, warnings: string[]): ContractModification[] {
  return asArray(list).flatMap((entry, index) => {
    const raw = asObject(asObject(entry).modification ?? entry);
    const notifiedOn = isoDay(asText(raw.dateNotificationModification));
    const publishedOn = isoDay(asText(raw.datePublicationDonneesModification)) ?? notifiedOn;
    if (!notifiedOn || !publishedOn) return [];
    const suppliers = suppliersOf(raw.titulaires, `modifications[${index}].titulaires`, warnings).flatMap((supplier) =>
      supplier.otherId ? [supplier.otherId] : supplier.siret ? [{ type: 'SIRET' as const, id: supplier.siret }] : [],
    );
    return [
      {
        id: positiveInt(asText(raw.id)) ?? index + 1,
        notifiedOn,
        publishedOn,
        ...(positiveInt(asText(raw.dureeMois)) ? { durationMonths: positiveInt(asText(raw.dureeMois))! } : {}),
        ...(asNumber(raw.montant) ? { amount: asNumber(raw.montant)! } : {}),
        ...(suppliers.length ? { suppliers } : {}),
      },
    ];
  });
}

function definedOnly<T extends object>(value: T): T {
  // A loop, not entries/filter/fromEntries: called once per row of a national file, whose garbage is most of the cost.
  const result: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) result[key] = value[key];
  return result as T;
}

/** What a tabular layout says that a DECP record does not: the consolidated file's category column. */
export interface DecpRecordHints {
  nature?: Nature | null;
}

export function decpRecord(value: unknown, location: string, version: 1 | 2, hints: DecpRecordHints = {}): ParsedItem {
  const record = asObject(value);
  const type = asText(record._type);
  if (type && !type.toLowerCase().startsWith('march')) {
    return { kind: 'skipped', skipped: { location, reason: `${type}: only contracts (marchés) are imported` } };
  }
  const id = asText(record.id);
  const buyerRaw = asObject(record.acheteur);
  const buyerField = asText(buyerRaw._field) || 'acheteur.id';
  const buyerId = asText(buyerRaw.id);
  if (!id) throw new BrokenRecordError(location, 'the contract has no id');
  if (!buyerId) throw new BrokenRecordError(`${location}.${buyerField}`, 'the contract names no buyer (no SIRET)');
  const warnings: string[] = [];
  // A buyer id that is no SIRET (`abc`, a wrong Luhn key) is not kept as one: the buyer is then known by its name,
  // with a warning; without a name (`acheteur.nom` is optional), by what the source wrote, as a name only
  // (« Acheteur 21750001630066 »), so that two such buyers stay two and neither gets an identifier.
  const buyerIds = frenchIds(buyerId, (written) => warnings.push(rejectedIdWarning(buyerField, written)));
  const buyerName = asText(buyerRaw.nom) || (buyerIds.siret || buyerIds.siren ? '' : `Acheteur ${buyerId}`);
  const amount = asNumber(record.montant);
  if (amount === undefined) throw new BrokenRecordError(`${location}.montant`, `${JSON.stringify(record.montant ?? null)} is not an amount`);
  const notifiedOn = isoDay(asText(record.dateNotification));
  if (!notifiedOn) throw new BrokenRecordError(`${location}.dateNotification`, `${JSON.stringify(record.dateNotification ?? null)} is not a date`);
  const publishedOn = isoDay(asText(record.datePublicationDonnees)) ?? notifiedOn;
  const cpv = asText(record.codeCPV) || null;
  // The consolidated file has no object: the CPV label says what was bought, as the national portals show it.
  const objet = asText(record.objet) || untitled(id, cpv);
  let procedure = decpProcedure(asText(record.procedure));
  if (!procedure) {
    procedure = 'OPEN';
    warnings.push(`procedure ${JSON.stringify(asText(record.procedure))}: recorded as open`);
  }
  const place = asObject(record.lieuExecution);
  const considerations = version === 2
    ? {
        socialConsiderations: innerList(record.considerationsSociales, 'considerationSociale'),
        environmentalConsiderations: innerList(record.considerationsEnvironnementales, 'considerationEnvironnementale'),
      }
    : {};
  const modifications = modificationsOf(record.modifications, warnings);
  const contract: ContractEssentials = definedOnly({
    contractId: id.length <= 16 ? id : undefined,
    notifiedOn,
    dataPublishedOn: publishedOn,
    durationMonths: positiveInt(asText(record.dureeMois)) ?? undefined,
    offersReceived: positiveInt(asText(record.offresRecues)) ?? undefined,
    ccag: asText(record.ccag) || undefined,
    priceForm: asText(record.formePrix) || undefined,
    priceTypes: innerList(record.typesPrix, 'typePrix'),
    techniques: innerList(record.techniques, 'technique'),
    executionModes: innerList(record.modalitesExecution, 'modaliteExecution'),
    frameworkContractId: asText(record.idAccordCadre) || undefined,
    innovative: asBoolean(record.marcheInnovant),
    advancePayment: asBoolean(record.attributionAvance),
    advanceRate: asNumber(record.tauxAvance),
    subcontractingDeclared: asBoolean(record.sousTraitanceDeclaree),
    groupingType: asText(record.typeGroupementOperateurs) || undefined,
    euOriginShare: asNumber(record.origineUE),
    frenchOriginShare: asNumber(record.origineFrance),
    placeOfPerformance: asText(place.code) && asText(place.typeCode) ? { code: asText(place.code), typeCode: asText(place.typeCode) } : undefined,
    ...considerations,
    modifications: modifications.length ? modifications : undefined,
  });
  const social = contract.socialConsiderations ?? [];
  const environmental = contract.environmentalConsiderations ?? [];
  const notice: ImportedNotice = {
    sourceSystem: 'DECP',
    kind: 'contract',
    sourceId: asText(record.uid) || `${buyerIds.siret ?? buyerIds.siren ?? buyerId.replace(/[\s.\u00a0]/g, '')}-${id}`,
    location,
    buyer: { name: buyerName, country: 'FR', ...buyerIds },
    title: clip(objet, 300),
    description: objet,
    nature: hints.nature ?? natureOfCpv(cpv),
    procedure,
    mainCpv: cpv,
    additionalCpvs: [],
    estimatedValue: null,
    publishedAt: zonedInstant(publishedOn, null, 'Europe/Paris'),
    submissionDeadline: null,
    buyerProfileUrl: null,
    contactEmail: null,
    socialClause: social.some((item) => item.startsWith('Clause') || item.startsWith('Critère')),
    environmentalClause: environmental.some((item) => item.startsWith('Clause') || item.startsWith('Critère')),
    reservedFor: social.includes('Marché réservé') ? 'DISABILITY' : 'NONE',
    framework: (contract.techniques ?? []).includes('Accord-cadre')
      ? { maximumAmount: null, durationMonths: contract.durationMonths ?? null, supplierMode: 'SINGLE' }
      : null,
    lots: [
      {
        number: 1,
        title: clip(objet, 300),
        cpv,
        estimatedValue: null,
        award: { suppliers: suppliersOf(record.titulaires, 'titulaires', warnings), sme: null, amount, awardedOn: notifiedOn, contract },
        unsuccessfulReason: null,
      },
    ],
    electronicSubmission: true,
    cancelled: false,
    warnings,
  };
  return { kind: 'notice', notice };
}

function untitled(id: string, cpv: string | null): string {
  const label = cpv ? getCpvCatalogue().get(cpv.replace(/\D/g, '').slice(0, 8))?.label : undefined;
  return label ? `${label} (marché ${id})` : `Marché ${id}`;
}
