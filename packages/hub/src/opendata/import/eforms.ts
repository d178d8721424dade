import type { SupplierRecord } from '../../notices/contract-essentials.js';
import type { Nature } from '../../notices/notice-enums.js';
import type { Procedure } from '../../notices/response-times.js';
import { BrokenRecordError, type ImportedLot, type ImportedNotice, type Parser } from './imported-notice.js';
import { countAt, cpvAt, dayAt, eurosOf, foreignAmount, frenchIdsAt, moneyOf, type Money, zonedDateTimeAt } from './xml-values.js';
import { all, at, child, children, readXmlTree, textAt, textOf, type XmlElement } from './xml-tree.js';
import { clip, countryCode, isoDay, type OrganisationIds } from './values.js';

const ROOTS = new Set(['ContractNotice', 'ContractAwardNotice', 'PriorInformationNotice']);
const NATURES: Record<string, Nature> = { works: 'WORKS', supplies: 'SUPPLIES', services: 'SERVICES' };
const PROCEDURES: Record<string, Procedure> = {
  open: 'OPEN',
  restricted: 'RESTRICTED',
  'neg-w-call': 'NEGOTIATED',
  'comp-dial': 'COMPETITIVE_DIALOGUE',
  innovation: 'NEGOTIATED',
  'neg-wo-call': 'NEGOTIATED_WITHOUT_PUBLICATION',
  'comp-tend': 'OPEN',
};

/** Of several language versions of a text, the French one, else the notice's own, else the first. */
function localized(elements: XmlElement[], language: string): string {
  const pick = elements.find((item) => item.attributes.languageID === 'FRA') ?? elements.find((item) => item.attributes.languageID === language) ?? elements[0];
  return textOf(pick);
}

/**
 * An eForms notice (UBL 2.3 with eForms extensions, the TED format since October 2023): contract notices, prior
 * information notices and contract award notices. Organisations are listed once (ORG-xxxx) and referenced; an
 * award is the winning tender (LotTender) of each lot result, with its tendering party and amount.
 */
export const parseEforms: Parser = async function* (file, onProgress) {
  const root = await readXmlTree(file, onProgress);
  if (!ROOTS.has(root.name)) throw new BrokenRecordError('/', `expected an eForms notice, found <${root.name}>`);
  const extension = at(root, 'UBLExtensions/UBLExtension/ExtensionContent/EformsExtension');
  const publication = textAt(extension, 'Publication/NoticePublicationID');
  const sourceId = publication || textAt(root, 'ContractFolderID') || textAt(root, 'ID');
  const location = `${root.name} (${sourceId || '?'})`;
  if (!sourceId) throw new BrokenRecordError(location, 'the notice has no identifier');
  yield { kind: 'notice', notice: eformsNotice(root, extension, sourceId, location) };
};

interface EformsOrganisation {
  name: string;
  companyId: string;
  /** The `cac:Company` element, for the line of a warning about its CompanyID. */
  company: XmlElement | undefined;
  country: string | null;
  email: string;
  website: string;
  sme: boolean | null;
}

/** A French organisation's CompanyID (BT-501) read as a SIRET or SIREN; a garbage one warns, naming its line. */
function frenchIdsOf(organisation: EformsOrganisation, warnings: string[]): OrganisationIds {
  return organisation.country === 'FR' ? frenchIdsAt(organisation.company, 'PartyLegalEntity/CompanyID', warnings) : { siret: null, siren: null };
}

function organisations(extension: XmlElement | undefined, language: string): Map<string, EformsOrganisation> {
  const map = new Map<string, EformsOrganisation>();
  for (const organisation of all(extension, 'Organizations/Organization')) {
    const company = child(organisation, 'Company');
    const id = textAt(company, 'PartyIdentification/ID');
    const size = textAt(company, 'CompanySizeCode');
    map.set(id, {
      name: localized(all(company, 'PartyName/Name'), language),
      companyId: textAt(company, 'PartyLegalEntity/CompanyID'),
      company,
      country: countryCode(textAt(company, 'PostalAddress/Country/IdentificationCode')),
      email: textAt(company, 'Contact/ElectronicMail'),
      website: textAt(company, 'WebsiteURI') || textAt(company, 'EndpointID'),
      sme: size ? size !== 'large' : null,
    });
  }
  return map;
}

function eformsNotice(root: XmlElement, extension: XmlElement | undefined, sourceId: string, location: string): ImportedNotice {
  const language = textAt(root, 'NoticeLanguageCode') || 'FRA';
  const orgs = organisations(extension, language);
  const warnings: string[] = [];
  const buyer = orgs.get(textAt(root, 'ContractingParty/Party/PartyIdentification/ID'));
  if (!buyer) throw new BrokenRecordError(`${location}/ContractingParty`, 'the buyer is not among the notice’s organisations');
  const project = child(root, 'ProcurementProject');
  const title = localized(children(project, 'Name'), language);
  if (!title) throw new BrokenRecordError(`${location}/ProcurementProject/Name`, 'the notice has no title');
  const procedureCode = textAt(root, 'TenderingProcess/ProcedureCode');
  let procedure = PROCEDURES[procedureCode];
  if (!procedure) {
    procedure = 'OPEN';
    if (root.name !== 'PriorInformationNotice') warnings.push(`procedure ${procedureCode || 'not stated'}: recorded as open`);
  }
  const mainCpv = cpvAt(project, 'MainCommodityClassification/ItemClassificationCode');
  const lotElements = children(root, 'ProcurementProjectLot');
  const additional = new Set(all(project, 'AdditionalCommodityClassification/ItemClassificationCode').map(textOf));
  const deadlines: Date[] = [];
  let framework: ImportedNotice['framework'] = null;
  const lots: ImportedLot[] = lotElements.map((lot, index) => {
    const lotProject = child(lot, 'ProcurementProject');
    const cpv = cpvAt(lotProject, 'MainCommodityClassification/ItemClassificationCode') ?? mainCpv;
    if (cpv && cpv !== mainCpv) additional.add(cpv);
    // Restricted and negotiated procedures publish the deadline for requests to participate (BT-1311) instead of
    // the one for tenders (BT-131): either closes the call to newcomers.
    const period = at(lot, 'TenderingProcess/TenderSubmissionDeadlinePeriod') ?? at(lot, 'TenderingProcess/ParticipationRequestReceptionPeriod');
    const deadline = period ? zonedDateTimeAt(period, 'EndDate', 'EndTime') : null;
    if (deadline) deadlines.push(deadline);
    const system = all(lot, 'TenderingProcess/ContractingSystem/ContractingSystemTypeCode').find((code) => code.attributes.listName === 'framework-agreement');
    const systemCode = textOf(system);
    if (systemCode.startsWith('fa-') && !framework) {
      framework = { maximumAmount: null, durationMonths: durationMonths(lotProject), supplierMode: systemCode === 'fa-wo-rc' ? 'SINGLE' : 'MULTIPLE' };
    }
    return {
      number: lotNumber(textAt(lot, 'ID'), index),
      title: clip(localized(children(lotProject, 'Name'), language) || localized(children(lotProject, 'Description'), language) || title, 300),
      cpv,
      estimatedValue: eurosOf(moneyOf(at(lotProject, 'RequestedTenderTotal/EstimatedOverallContractAmount')), `the estimated value of lot ${textAt(lot, 'ID') || index + 1}`, warnings),
      award: null,
      unsuccessfulReason: null,
    };
  });
  if (mainCpv) additional.delete(mainCpv);
  if (root.name === 'ContractAwardNotice') applyResults(extension, root, lots, orgs, warnings);
  const issue = at(extension, 'Publication/PublicationDate') ? zonedDateTimeAt(extension, 'Publication/PublicationDate', 'Publication/PublicationTime') : zonedDateTimeAt(root, 'IssueDate', 'IssueTime');
  const strategic = all(root, 'ProcurementProjectLot/TenderingTerms/ContractExecutionRequirement/ExecutionRequirementCode').map((code) => code.attributes.listName);
  const reserved = all(root, 'ProcurementProjectLot/TenderingTerms/TendererQualificationRequest/SpecificTendererRequirement/TendererRequirementTypeCode').find(
    (code) => code.attributes.listName === 'reserved-procurement' && textOf(code) !== 'none',
  );
  return {
    sourceSystem: 'TED',
    kind: root.name === 'ContractAwardNotice' ? 'award' : 'call',
    sourceId,
    location,
    buyer: { name: buyer.name, country: buyer.country, ...frenchIdsOf(buyer, warnings) },
    title: clip(title, 300),
    description: localized(children(project, 'Description'), language) || title,
    nature: NATURES[textAt(project, 'ProcurementTypeCode')] ?? 'SERVICES',
    procedure,
    mainCpv,
    additionalCpvs: [...additional].filter(Boolean),
    estimatedValue: eurosOf(moneyOf(at(project, 'RequestedTenderTotal/EstimatedOverallContractAmount')), 'the estimated value', warnings),
    publishedAt: issue,
    // Lots may close at different times: the notice closes with the last one.
    submissionDeadline: deadlines.length ? new Date(Math.max(...deadlines.map((date) => date.getTime()))) : null,
    buyerProfileUrl: textAt(lotElements[0], 'TenderingTerms/CallForTendersDocumentReference/Attachment/ExternalReference/URI') || buyer.website || null,
    contactEmail: buyer.email || null,
    socialClause: strategic.includes('social-objective'),
    environmentalClause: strategic.includes('environmental-impact'),
    reservedFor: reserved ? (textOf(reserved) === 'res-pub-ser' ? 'NONE' : 'DISABILITY') : 'NONE',
    framework,
    lots,
    electronicSubmission: electronicSubmission(root),
    cancelled: false,
    warnings,
  };
}

/**
 * BT-17 (SubmissionElectronic, code list `permission_esubmission`: allowed, not-allowed, required): tenders go on
 * paper only when every lot that says forbids electronic submission.
 */
function electronicSubmission(root: XmlElement): boolean {
  const codes = all(root, 'ProcurementProjectLot/TenderingProcess/SubmissionMethodCode').filter((code) => code.attributes.listName === 'esubmission').map(textOf);
  return !(codes.length > 0 && codes.every((code) => code === 'not-allowed'));
}

function lotNumber(id: string, index: number): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : index + 1;
}

function durationMonths(project: XmlElement | undefined): number | null {
  const measure = at(project, 'PlannedPeriod/DurationMeasure');
  const value = countAt(project, 'PlannedPeriod/DurationMeasure', { decimals: true });
  if (!measure || value === null) return null;
  const unit = measure.attributes.unitCode;
  if (unit === 'MONTH') return Math.round(value);
  if (unit === 'YEAR') return Math.round(value * 12);
  if (unit === 'DAY') return Math.max(1, Math.round(value / 30));
  return null;
}

/**
 * Lot results: a lot whose result is `selec-w` was awarded; the winning tender is the one its settled contract
 * lists, or, when that contract lists none (as some real notices do), the lot's tender that any settled contract
 * lists.
 */
function applyResults(extension: XmlElement | undefined, root: XmlElement, lots: ImportedLot[], orgs: Map<string, EformsOrganisation>, warnings: string[]) {
  const result = child(extension, 'NoticeResult');
  const tenders = new Map(children(result, 'LotTender').map((tender) => [textAt(tender, 'ID'), tender]));
  const parties = new Map(children(result, 'TenderingParty').map((party) => [textAt(party, 'ID'), party]));
  const contracts = new Map(children(result, 'SettledContract').map((contract) => [textAt(contract, 'ID'), contract]));
  const tendersInContracts = new Set([...contracts.values()].flatMap((contract) => all(contract, 'LotTender/ID').map(textOf)));
  const awardDate = isoDay(textAt(root, 'TenderResult/AwardDate'));
  for (const lotResult of children(result, 'LotResult')) {
    const lot = lots.find((candidate) => candidate.number === lotNumber(textAt(lotResult, 'TenderLot/ID'), -1));
    if (!lot) continue;
    const outcome = textAt(lotResult, 'TenderResultCode');
    if (outcome !== 'selec-w') {
      lot.unsuccessfulReason = outcome === 'clos-nw' ? 'Aucun lauréat désigné' : 'Lot non attribué';
      continue;
    }
    const lotTenders = all(lotResult, 'LotTender/ID').map(textOf);
    const contractIds = all(lotResult, 'SettledContract/ID').map(textOf);
    const listed = new Set(contractIds.flatMap((id) => all(contracts.get(id), 'LotTender/ID').map(textOf)));
    const winners = lotTenders.filter((id) => listed.has(id));
    const chosen = winners.length ? winners : lotTenders.filter((id) => tendersInContracts.has(id));
    const winning = chosen.length ? chosen : lotTenders.length === 1 ? lotTenders : [];
    if (!winning.length) {
      warnings.push(`lot ${lot.number}: the winning tender cannot be told from the notice`);
      continue;
    }
    const suppliers: SupplierRecord[] = [];
    let total: Money | null = null;
    let mixed = false;
    let sme: boolean | null = null;
    for (const tenderId of winning) {
      const tender = tenders.get(tenderId);
      const value = moneyOf(at(tender, 'LegalMonetaryTotal/PayableAmount'));
      if (value && total && value.currency !== total.currency) mixed = true;
      if (value) total = total ? { amount: total.amount + value.amount, currency: total.currency } : value;
      const party = parties.get(textAt(tender, 'TenderingParty/ID'));
      for (const tenderer of all(party, 'Tenderer/ID')) {
        const organisation = orgs.get(textOf(tenderer));
        if (!organisation) continue;
        const ids = frenchIdsOf(organisation, warnings);
        const french = organisation.country === 'FR';
        sme ??= organisation.sme;
        suppliers.push({
          name: organisation.name || organisation.companyId,
          siret: ids.siret,
          // A French holder's SIREN alone is kept as its identifier; a French one that is neither (warned) is none.
          otherId: !ids.siret && organisation.companyId && (!french || ids.siren) ? { type: french ? 'SIRET' : 'TVA', id: organisation.companyId } : null,
        });
      }
    }
    const contract = contracts.get(contractIds[0] ?? '');
    const notifiedOn = dayAt(contract, 'IssueDate');
    const offers = countAt(lotResult, 'ReceivedSubmissionsStatistics/StatisticsNumeric');
    if (mixed) {
      warnings.push(`lot ${lot.number}: the winning tenders are in several currencies: no amount kept`);
      total = null;
    }
    const amount = eurosOf(total, `the award of lot ${lot.number}`, warnings);
    lot.award = {
      suppliers,
      sme,
      amount,
      // A placeholder award date (2000-01-01) appears in real notices: the contract's date is more reliable.
      awardedOn: notifiedOn ?? (awardDate && awardDate > '2000-01-01' ? awardDate : null),
      contract: {
        ...(notifiedOn ? { notifiedOn } : {}),
        ...(offers ? { offersReceived: offers } : {}),
        ...foreignAmount(total),
      },
    };
  }
}
