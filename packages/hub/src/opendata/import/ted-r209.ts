import type { SupplierRecord } from '../../notices/contract-essentials.js';
import type { Nature } from '../../notices/notice-enums.js';
import type { Procedure } from '../../notices/response-times.js';
import { BrokenRecordError, type ImportedLot, type ImportedNotice, type Parser } from './imported-notice.js';
import { countAt, cpvOf, dayAt, elementLocation, eurosOf, foreignAmount, frenchIdsAt, moneyOf } from './xml-values.js';
import { all, at, child, children, has, readXmlTree, textAt, textOf, type XmlElement } from './xml-tree.js';
import { clip, countryCode, timeZoneOf, zonedInstant } from './values.js';

const NATURES: Record<string, Nature> = { WORKS: 'WORKS', SUPPLIES: 'SUPPLIES', SERVICES: 'SERVICES' };
const CODED_NATURES: Record<string, Nature> = { '1': 'WORKS', '2': 'SUPPLIES', '4': 'SERVICES' };

const PROCEDURES: Record<string, Procedure> = {
  PT_OPEN: 'OPEN',
  PT_RESTRICTED: 'RESTRICTED',
  PT_COMPETITIVE_NEGOTIATION: 'NEGOTIATED',
  PT_NEGOTIATED_WITH_PRIOR_CALL: 'NEGOTIATED',
  PT_INNOVATION_PARTNERSHIP: 'NEGOTIATED',
  PT_COMPETITIVE_DIALOGUE: 'COMPETITIVE_DIALOGUE',
  PT_NEGOTIATED_WITHOUT_PUBLICATION: 'NEGOTIATED_WITHOUT_PUBLICATION',
  PT_AWARD_CONTRACT_WITHOUT_CALL: 'NEGOTIATED_WITHOUT_PUBLICATION',
  PT_AWARD_CONTRACT_WITHOUT_PUBLICATION: 'NEGOTIATED_WITHOUT_PUBLICATION',
};

/** TED document types the hub imports: calls for competition, award notices, design contests, DPS, PINs. */
const IMPORTED_DOCUMENT_TYPES = new Set(['0', '3', '7', 'D', 'Y', 'P', 'F', 'M', 'R']);

/**
 * A TED notice in the TED_EXPORT XML, schema R2.0.9 (the 2014 directive forms F01–F25). The form in its original
 * language is read; an award notice that names the contract notice it follows (REF_NOTICE) updates that notice.
 */
export const parseTedR209: Parser = async function* (file, onProgress) {
  const root = await readXmlTree(file, onProgress);
  if (root.name !== 'TED_EXPORT') throw new BrokenRecordError('/', `expected <TED_EXPORT>, found <${root.name}>`);
  const coded = child(root, 'CODED_DATA_SECTION');
  const publication = textAt(coded, 'NOTICE_DATA/NO_DOC_OJS');
  const location = `TED_EXPORT (${publication || root.attributes.DOC_ID || '?'})`;
  if (!publication) throw new BrokenRecordError('TED_EXPORT/CODED_DATA_SECTION/NOTICE_DATA', 'the notice has no publication number');
  const documentType = at(coded, 'CODIF_DATA/TD_DOCUMENT_TYPE');
  const code = documentType?.attributes.CODE ?? '';
  if (!IMPORTED_DOCUMENT_TYPES.has(code)) {
    yield { kind: 'skipped', skipped: { location, reason: `TED documents of type « ${textOf(documentType) || code} » are not imported` } };
    return;
  }
  const forms = child(root, 'FORM_SECTION')?.children ?? [];
  const form = forms.find((candidate) => candidate.attributes.CATEGORY === 'ORIGINAL') ?? forms[0];
  if (!form) throw new BrokenRecordError(`${location}/FORM_SECTION`, 'the notice has no form');
  const isAward = code === '7' || has(form, 'AWARD_CONTRACT');
  const original = isAward ? textAt(coded, 'NOTICE_DATA/REF_NOTICE/NO_DOC_OJS') : '';
  yield { kind: 'notice', notice: tedNotice(root, form, original || publication, `${location}/FORM_SECTION/${form.name}`) };
};

function valueInEuros(element: XmlElement | undefined, what: string, warnings: string[]): number | null {
  return eurosOf(moneyOf(element), what, warnings);
}

function tedNotice(root: XmlElement, form: XmlElement, sourceId: string, location: string): ImportedNotice {
  const coded = child(root, 'CODED_DATA_SECTION');
  const body = child(form, 'CONTRACTING_BODY');
  const address = child(body, 'ADDRESS_CONTRACTING_BODY');
  const object = child(form, 'OBJECT_CONTRACT');
  const procedureElement = child(form, 'PROCEDURE');
  const warnings: string[] = [];
  const country = countryCode(at(address, 'COUNTRY')?.attributes.VALUE ?? at(coded, 'NOTICE_DATA/ISO_COUNTRY')?.attributes.VALUE);
  const title = textAt(object, 'TITLE');
  if (!title) throw new BrokenRecordError(`${location}/OBJECT_CONTRACT/TITLE`, 'the notice has no title');
  const procedureFlag = procedureElement?.children.find((item) => item.name.startsWith('PT_'))?.name;
  let procedure = procedureFlag ? PROCEDURES[procedureFlag] : undefined;
  if (!procedure) {
    procedure = 'OPEN';
    warnings.push(`procedure ${procedureFlag ?? 'not stated'}: recorded as open`);
  }
  const mainCpv = cpvCode(at(object, 'CPV_MAIN/CPV_CODE'));
  const descriptions = children(object, 'OBJECT_DESCR');
  const additional = new Set(descriptions.flatMap((item) => all(item, 'CPV_ADDITIONAL/CPV_CODE').map((cpv) => cpvCode(cpv) ?? '')));
  if (mainCpv) additional.delete(mainCpv);
  const numbering = lotNumbering([...descriptions.map((item) => textAt(item, 'LOT_NO')), ...children(form, 'AWARD_CONTRACT').map((item) => textAt(item, 'LOT_NO'))]);
  const lots: ImportedLot[] = descriptions.map((item, index) => ({
    number: numbering.numberOf(textAt(item, 'LOT_NO'), index),
    title: clip(numbering.titled(textAt(item, 'LOT_NO'), textAt(item, 'TITLE') || title), 300),
    cpv: cpvCode(at(item, 'CPV_ADDITIONAL/CPV_CODE')) ?? mainCpv,
    estimatedValue: valueInEuros(child(item, 'VAL_OBJECT'), `the value of lot ${textAt(item, 'LOT_NO') || index + 1}`, warnings),
    award: null,
    unsuccessfulReason: null,
  }));
  applyAwards(form, lots, numbering, title, mainCpv, country, warnings);
  const day = dayAt(procedureElement, 'DATE_RECEIPT_TENDERS');
  const framework = child(procedureElement, 'FRAMEWORK');
  const duration = at(descriptions[0], 'DURATION');
  const lefti = child(form, 'LEFTI');
  return {
    sourceSystem: 'TED',
    kind: children(form, 'AWARD_CONTRACT').length ? 'award' : 'call',
    sourceId,
    location,
    buyer: { name: textAt(address, 'OFFICIALNAME'), country, ...frenchIdsIfFrench(address, country, warnings) },
    title: clip(title, 300),
    description: textAt(object, 'SHORT_DESCR') || title,
    nature: NATURES[at(object, 'TYPE_CONTRACT')?.attributes.CTYPE ?? ''] ?? CODED_NATURES[at(coded, 'CODIF_DATA/NC_CONTRACT_NATURE')?.attributes.CODE ?? ''] ?? 'SERVICES',
    procedure,
    mainCpv,
    additionalCpvs: [...additional].filter(Boolean),
    estimatedValue: valueInEuros(child(object, 'VAL_ESTIMATED_TOTAL') ?? child(object, 'VAL_TOTAL'), 'the estimated value', warnings),
    publishedAt: zonedInstant(dayAt(coded, 'REF_OJS/DATE_PUB') ?? '', null, 'Europe/Paris'),
    submissionDeadline: day ? receiptTime(procedureElement, day, country) : null,
    buyerProfileUrl:
      textAt(body, 'URL_DOCUMENT') || textAt(body, 'URL_PARTICIPATION') || textAt(address, 'URL_BUYER') || textAt(address, 'URL_GENERAL') || null,
    contactEmail: textAt(address, 'E_MAIL') || null,
    socialClause: false,
    environmentalClause: false,
    reservedFor: has(lefti, 'RESTRICTED_SHELTERED_WORKSHOP') || has(lefti, 'RESTRICTED_SHELTERED_PROGRAM') ? 'DISABILITY' : 'NONE',
    framework: framework
      ? {
          maximumAmount: null,
          durationMonths: duration?.attributes.TYPE === 'MONTH' ? countAt(descriptions[0], 'DURATION') : null,
          supplierMode: has(framework, 'SEVERAL_OPERATORS') ? 'MULTIPLE' : 'SINGLE',
        }
      : null,
    lots,
    electronicSubmission: true,
    cancelled: false,
    warnings,
  };
}

/** NATIONALID read as a SIRET or SIREN when the organisation is French (a garbage one warns, naming its line). */
function frenchIdsIfFrench(address: XmlElement | undefined, country: string | null, warnings: string[]) {
  return country === 'FR' || country === null ? frenchIdsAt(address, 'NATIONALID', warnings) : { siret: null, siren: null };
}

/**
 * Lot numbers as TED writes them (LOT_NO is free text: "3", "1.1A", "Lot 2"). When every label is a whole number it
 * is the lot's number; otherwise lots are numbered in the order the notice first names them and the label is kept at
 * the head of the lot's title. Awards find their lot by its label, never by their position.
 */
export interface LotNumbering {
  numberOf(label: string, position: number): number;
  titled(label: string, title: string): string;
}

export function lotNumbering(labels: string[]): LotNumbering {
  const named = labels.map((label) => label.trim()).filter(Boolean);
  const numeric = named.every((label) => /^\d+$/.test(label) && Number(label) > 0);
  const order = [...new Set(named)];
  return {
    numberOf: (label, position) => {
      const clean = label.trim();
      if (!clean) return position + 1;
      return numeric ? Number(clean) : order.indexOf(clean) + 1;
    },
    titled: (label, title) => (numeric || !label.trim() ? title : `Lot ${label.trim()} – ${title}`),
  };
}

/**
 * Award sections (AWARD_CONTRACT), one per contract: a lot may have several (a framework agreement with several
 * holders, a lot split between suppliers). Every contract of a lot is kept: its holders (each with its SIRET), its
 * value added to the lot's, the earliest conclusion as the award date; the lot is unsuccessful only when none of its
 * sections awards a contract.
 */
function applyAwards(
  form: XmlElement,
  lots: ImportedLot[],
  numbering: LotNumbering,
  title: string,
  mainCpv: string | null,
  country: string | null,
  warnings: string[],
) {
  const awards = children(form, 'AWARD_CONTRACT');
  const contractsPerLot = new Map<number, number>();
  awards.forEach((item, index) => {
    const label = textAt(item, 'LOT_NO');
    const number = numbering.numberOf(label, index);
    let lot = lots.find((candidate) => candidate.number === number);
    if (!lot) {
      lot = { number, title: clip(numbering.titled(label, textAt(item, 'TITLE') || title), 300), cpv: mainCpv, estimatedValue: null, award: null, unsuccessfulReason: null };
      lots.push(lot);
    }
    const awarded = child(item, 'AWARDED_CONTRACT');
    if (!awarded) {
      if (!lot.award) lot.unsuccessfulReason = has(item, 'NO_AWARDED_CONTRACT/PROCUREMENT_DISCONTINUED') ? 'Procédure interrompue (sans suite)' : 'Lot déclaré infructueux';
      return;
    }
    lot.unsuccessfulReason = null;
    const contractors = all(awarded, 'CONTRACTORS/CONTRACTOR');
    const suppliers: SupplierRecord[] = contractors.map((contractor) => {
      const address = child(contractor, 'ADDRESS_CONTRACTOR');
      const supplierCountry = countryCode(at(address, 'COUNTRY')?.attributes.VALUE) ?? country;
      const nationalId = textAt(address, 'NATIONALID');
      const french = supplierCountry === 'FR' || !supplierCountry;
      const ids = frenchIdsIfFrench(address, supplierCountry, warnings);
      return {
        name: textAt(address, 'OFFICIALNAME'),
        siret: ids.siret,
        // A French holder's SIREN alone is kept as its identifier; a French one that is neither (warned) is none.
        otherId: !ids.siret && nationalId && (!french || ids.siren) ? { type: french ? 'SIRET' : 'TVA', id: nationalId } : null,
      };
    });
    const offers = countAt(awarded, 'TENDERS/NB_TENDERS_RECEIVED');
    const notifiedOn = dayAt(awarded, 'DATE_CONCLUSION_CONTRACT');
    const contractNo = textAt(item, 'CONTRACT_NO');
    const value = at(awarded, 'VALUES/VAL_TOTAL');
    const money = moneyOf(value);
    const amount = eurosOf(money, `the award of lot ${label || number}`, warnings);
    const count = (contractsPerLot.get(number) ?? 0) + 1;
    contractsPerLot.set(number, count);
    const previous = lot.award;
    if (!previous) {
      lot.award = {
        suppliers,
        sme: contractors[0] ? has(contractors[0], 'SME') : null,
        amount,
        awardedOn: notifiedOn,
        contract: {
          ...(offers ? { offersReceived: offers } : {}),
          ...(notifiedOn ? { notifiedOn } : {}),
          ...(contractNo && contractNo.length <= 16 ? { contractId: contractNo } : {}),
          ...(has(awarded, 'LIKELY_SUBCONTRACTED') ? { subcontractingDeclared: true } : {}),
          // V.2.3 « The contract has been awarded to a group of economic operators ».
          ...(has(awarded, 'CONTRACTORS/AWARDED_TO_GROUP') ? { jointBid: true } : {}),
          ...foreignAmount(money),
        },
      };
      return;
    }
    // Another contract of the same lot: its holders join the award (a holder named twice is kept once, by SIRET or
    // else by name), its value adds up; a value in another currency leaves the total unknown rather than wrong.
    for (const supplier of suppliers) if (!previous.suppliers.some((known) => sameSupplier(known, supplier))) previous.suppliers.push(supplier);
    previous.amount = previous.amount === null || (value && amount === null) ? null : previous.amount + (amount ?? 0);
    if (notifiedOn && (!previous.awardedOn || notifiedOn < previous.awardedOn)) previous.awardedOn = notifiedOn;
    const contract = previous.contract ?? {};
    delete contract.contractId;
    if (money && money.currency !== 'EUR') {
      const kept = contract.amountInCurrency;
      contract.amountInCurrency = kept && kept.currency === money.currency ? { amount: kept.amount + money.amount, currency: money.currency } : kept ?? money;
    }
    if (offers && (contract.offersReceived ?? 0) < offers) contract.offersReceived = offers;
    if (has(awarded, 'CONTRACTORS/AWARDED_TO_GROUP')) contract.jointBid = true;
    if (previous.awardedOn) contract.notifiedOn = previous.awardedOn;
    previous.contract = contract;
  });
  for (const [number, count] of contractsPerLot) {
    if (count > 1) warnings.push(`lot ${number}: ${count} contracts, kept as one award with all their holders and their values added up`);
  }
  lots.sort((a, b) => a.number - b.number);
}

function sameSupplier(a: SupplierRecord, b: SupplierRecord): boolean {
  if (a.siret || b.siret) return a.siret === b.siret;
  if (a.otherId || b.otherId) return a.otherId?.id === b.otherId?.id;
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/** TED R2.0.9 writes CPV codes in a CODE attribute. */
function cpvCode(element: XmlElement | undefined): string | null {
  return cpvOf(element, element?.attributes.CODE ?? '');
}

function receiptTime(procedure: XmlElement | undefined, day: string, country: string | null): Date {
  const time = at(procedure, 'TIME_RECEIPT_TENDERS');
  const instant = zonedInstant(day, textOf(time) || '00:00', timeZoneOf(country));
  if (!instant) throw new BrokenRecordError(elementLocation(time!), `${JSON.stringify(textOf(time))} is not a time of day`);
  return instant;
}
