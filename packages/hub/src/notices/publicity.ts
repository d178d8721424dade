import type { OrganisationKind } from '../organisations/organisation.entity.js';
import type { Nature } from './notice-enums.js';
import { PROCEDURES, type Procedure } from './response-times.js';
import { isSocialOrSpecificService, SOCIAL_SPECIFIC_SERVICES_EU_THRESHOLD } from './social-specific-services.js';
import { findThresholdsAt, thresholdsAt, type PublicityThresholds } from './thresholds.js';

/**
 * The publicity the code de la commande publique requires of a consultation, from its nature, its estimated value,
 * the kind of buyer and the day it is launched, with the thresholds in force that day (`thresholds.ts`).
 *
 * | level      | when (estimated value excl. VAT)                                   | what the law asks                         |
 * |------------|--------------------------------------------------------------------|-------------------------------------------|
 * | `NONE`     | below the dispensation threshold (R2122-8)                         | no publicity, no competition required     |
 * | `ADAPTED`  | from it, below 90 k€ (R2131-12 1°)                                 | publicity adapted to the purchase         |
 * | `NATIONAL` | from 90 k€ (R2131-12 2°), below the EU threshold                   | BOAMP or a legal-notices journal (JAL)    |
 * | `EUROPEAN` | from the EU threshold of the buyer and nature (R2124-1, R2131-16)  | Official Journal of the EU and BOAMP      |
 *
 * Works have no `ADAPTED` level while their dispensation threshold (100 k€) is above 90 k€: from 100 k€ they go
 * straight to the BOAMP or a JAL.
 *
 * Social and other specific services (`social-specific-services.ts`: school catering, health, legal, security…) have
 * their own EU threshold (750 k€ for a pouvoir adjudicateur) and may be bought by procédure adaptée whatever their
 * value (R2123-1 3°).
 */
export const PUBLICITY_LEVELS = ['NONE', 'ADAPTED', 'NATIONAL', 'EUROPEAN'] as const;
export type PublicityLevel = (typeof PUBLICITY_LEVELS)[number];

/**
 * Which EU threshold applies. Every organisation the hub knows (the agglomeration, its communes, CCAS and syndicats)
 * is a pouvoir adjudicateur other than the State: `LOCAL_AUTHORITY`. The other two are kept so the rule reads as
 * the directive does, and for a platform that would host them.
 */
export const BUYER_CATEGORIES = ['CENTRAL_GOVERNMENT', 'LOCAL_AUTHORITY', 'UTILITY'] as const;
export type BuyerCategory = (typeof BUYER_CATEGORIES)[number];

export const PUBLICITY_LABELS: Readonly<Record<PublicityLevel, string>> = Object.freeze({
  NONE: 'Aucune publicité obligatoire',
  ADAPTED: 'Publicité adaptée',
  NATIONAL: 'Publicité au BOAMP ou dans un journal d’annonces légales',
  EUROPEAN: 'Publicité au Journal officiel de l’Union européenne et au BOAMP',
});

export interface PublicityCandidate {
  nature: Nature;
  /** The estimated value of the whole consultation (all lots together), euros excl. VAT; see `totalEstimate`. */
  estimatedValue: number;
  buyerCategory: BuyerCategory;
  /** The day the consultation is launched: its publication, or now for a draft. */
  launchedAt: Date;
  /** Services of the light regime (Annex XIV), from the main CPV code; see `isSocialOrSpecificService`. */
  socialOrSpecificService?: boolean;
}

export interface PublicityRequirement {
  level: PublicityLevel;
  /** The procedures the law allows at this value. */
  allowedProcedures: readonly Procedure[];
  /** The threshold the value reached (the level's lower bound), or null for `NONE`. */
  thresholdReached: number | null;
  /** The next threshold above the value, or null for `EUROPEAN`. */
  nextThreshold: number | null;
  /** The EU threshold for this nature and buyer, which decides whether the procédure adaptée is allowed. */
  europeanThreshold: number;
  /** Whether the light regime of the social and other specific services applied. */
  socialOrSpecificService: boolean;
  /** First day of the thresholds applied. */
  thresholdsFrom: string;
  sources: readonly string[];
}

/**
 * The estimated value of the whole need (R2121-1, all lots together: R2121-4; for a framework agreement with a
 * maximum, that maximum: R2121-8). The buyer may give a total, estimates per lot, a maximum, or several of them;
 * the hub cannot tell which is right, so it applies the largest, which can only ask for more publicity, never less.
 * Null when none is given (the level cannot be derived).
 */
export function totalEstimate(values: {
  noticeEstimate: number | null;
  lotEstimates: ReadonlyArray<number | null>;
  frameworkMaximum: number | null;
}): number | null {
  const knownLots = values.lotEstimates.filter((value): value is number => value !== null);
  const lotsTotal = knownLots.length > 0 ? knownLots.reduce((sum, value) => sum + value, 0) : null;
  const candidates = [values.noticeEstimate, lotsTotal, values.frameworkMaximum].filter((value): value is number => value !== null);
  return candidates.length > 0 ? Math.max(...candidates) : null;
}

export function europeanThreshold(
  thresholds: PublicityThresholds,
  nature: Nature,
  buyer: BuyerCategory,
  socialOrSpecificService = false,
): number {
  if (nature === 'WORKS') return thresholds.eu.worksAndConcessions;
  if (socialOrSpecificService) {
    return buyer === 'UTILITY' ? SOCIAL_SPECIFIC_SERVICES_EU_THRESHOLD.utilities : SOCIAL_SPECIFIC_SERVICES_EU_THRESHOLD.contractingAuthorities;
  }
  switch (buyer) {
    case 'CENTRAL_GOVERNMENT':
      return thresholds.eu.centralGovernmentSuppliesAndServices;
    case 'LOCAL_AUTHORITY':
      return thresholds.eu.localAuthoritiesSuppliesAndServices;
    case 'UTILITY':
      return thresholds.eu.utilitiesSuppliesAndServices;
  }
}

/**
 * Procedures allowed at a value: the procédure adaptée only below the EU threshold (R2123-1 1°); the formalised
 * procedures always (a buyer may choose one below the thresholds). The negotiated procedures' own conditions
 * (R2124-3, R2122-1 to R2122-11: urgency, a previous unsuccessful call, exclusive rights…) are facts the hub is not
 * told, so they are not refused here; nor is the procédure adaptée of small lots of a larger consultation
 * (R2123-1 2°), which the hub does not model. Social and other specific services keep the procédure adaptée at any
 * value (R2123-1 3°).
 */
function allowedProcedures(value: number, european: number, socialOrSpecificService: boolean): readonly Procedure[] {
  return value >= european && !socialOrSpecificService ? PROCEDURES.filter((procedure) => procedure !== 'ADAPTED') : PROCEDURES;
}

export function publicityRequirement(candidate: PublicityCandidate): PublicityRequirement {
  const thresholds = thresholdsAt(candidate.launchedAt);
  const value = candidate.estimatedValue;
  const socialOrSpecificService = candidate.nature === 'SERVICES' && candidate.socialOrSpecificService === true;
  const european = europeanThreshold(thresholds, candidate.nature, candidate.buyerCategory, socialOrSpecificService);
  const dispensation =
    candidate.nature === 'WORKS' ? thresholds.noPublicityBelow.works : thresholds.noPublicityBelow.suppliesAndServices;
  // Ascending bounds of each level for this nature; a level whose range is empty (works: ADAPTED) is skipped.
  const bounds: Array<{ level: PublicityLevel; from: number }> = [
    { level: 'NONE', from: 0 },
    { level: 'ADAPTED', from: dispensation },
    { level: 'NATIONAL', from: Math.max(dispensation, thresholds.boampOrJalFrom) },
    { level: 'EUROPEAN', from: european },
  ];
  const reachable = bounds.filter((bound, index) => index === 0 || bound.from < (bounds[index + 1]?.from ?? Infinity));
  let current = reachable[0]!;
  for (const bound of reachable) if (value >= bound.from) current = bound;
  const next = reachable[reachable.indexOf(current) + 1];
  return {
    level: current.level,
    allowedProcedures: allowedProcedures(value, european, socialOrSpecificService),
    thresholdReached: current.level === 'NONE' ? null : current.from,
    nextThreshold: next ? next.from : null,
    europeanThreshold: european,
    socialOrSpecificService,
    thresholdsFrom: thresholds.validFrom,
    sources: socialOrSpecificService
      ? [...thresholds.sources, 'R2123-1 3° et avis relatif aux services sociaux et autres services spécifiques (seuil européen de 750 000 € HT)']
      : thresholds.sources,
  };
}

export interface ProcedureProblem {
  field: string;
  message: string;
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/**
 * Why the law forbids this procedure at this value; null when it allows it. `field` names the input at fault: the
 * procedure at publication, the estimate a correction changed.
 */
export function procedureProblem(
  requirement: PublicityRequirement,
  procedure: Procedure,
  field = 'procedure',
): ProcedureProblem | null {
  if (requirement.allowedProcedures.includes(procedure)) return null;
  const rule =
    `la procédure adaptée n’est pas permise à partir du seuil européen de ${euros.format(requirement.europeanThreshold)} HT ` +
    `(articles R2123-1 et R2124-1 du code de la commande publique, seuils en vigueur depuis le ${frenchDay(requirement.thresholdsFrom)})`;
  return {
    field,
    message:
      field === 'procedure'
        ? `La valeur estimée atteint le seuil européen : ${rule}. Choisissez une procédure formalisée (appel d’offres, procédure avec négociation, dialogue compétitif).`
        : `Cette correction porte la valeur estimée au seuil européen : ${rule}. Déclarez la consultation sans suite et relancez-la en procédure formalisée.`,
  };
}

/**
 * Why this level, in French, for the public notice page. The value itself is stated only when the buyer published
 * it; otherwise the sentence says which thresholds it lies between without giving it (the level tells as much).
 */
export function publicityExplanation(requirement: PublicityRequirement, nature: Nature, publicValue: number | null): string {
  const value = publicValue === null ? 'La valeur estimée du marché (non publiée par l’acheteur)' : `La valeur estimée du marché, ${euros.format(publicValue)} HT,`;
  const kind = requirement.socialOrSpecificService
    ? 'des services sociaux et autres services spécifiques'
    : nature === 'WORKS' ? 'des travaux' : nature === 'SUPPLIES' ? 'des fournitures' : 'des services';
  const since = `seuils en vigueur depuis le ${frenchDay(requirement.thresholdsFrom)}`;
  const below = requirement.nextThreshold === null ? '' : `inférieure à ${euros.format(requirement.nextThreshold)} HT`;
  switch (requirement.level) {
    case 'NONE':
      return `${value} est ${below} : pour ${kind}, l’acheteur peut passer ce marché sans publicité ni mise en concurrence préalables (article R2122-8, ${since}). Il le publie ici volontairement.`;
    case 'ADAPTED':
      return `${value} est d’au moins ${euros.format(requirement.thresholdReached ?? 0)} HT et ${below} : la publicité est adaptée au montant et à l’objet du marché (article R2131-12, ${since}).`;
    case 'NATIONAL':
      return `${value} est d’au moins ${euros.format(requirement.thresholdReached ?? 0)} HT et ${below}, le seuil européen pour ${kind} : un avis est publié au BOAMP ou dans un journal d’annonces légales (article R2131-12, ${since}).`;
    case 'EUROPEAN':
      if (requirement.socialOrSpecificService) {
        return `${value} atteint le seuil européen de ${euros.format(requirement.europeanThreshold)} HT pour ${kind} : l’avis est publié au Journal officiel de l’Union européenne et au BOAMP ; la procédure adaptée reste permise (articles R2123-1 3° et R2131-16, ${since}).`;
      }
      return `${value} atteint le seuil européen de ${euros.format(requirement.europeanThreshold)} HT pour ${kind} : une procédure formalisée est obligatoire et l’avis est publié au Journal officiel de l’Union européenne et au BOAMP (articles R2124-1 et R2131-16, ${since}).`;
  }
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2026-04-01" → "1er avril 2026". */
function frenchDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date === 1 ? '1er' : date} ${MONTHS[month - 1]} ${year}`;
}

/** Every organisation kind the hub knows is a pouvoir adjudicateur other than the State (a new kind must decide). */
export function buyerCategoryOf(kind: OrganisationKind): BuyerCategory {
  switch (kind) {
    case 'AGGLOMERATION':
    case 'COMMUNE':
    case 'OTHER_PUBLIC_BODY':
      return 'LOCAL_AUTHORITY';
  }
}

/** What a notice's publicity is derived from. */
export interface NoticePublicityFacts {
  nature: Nature;
  /** The main CPV code, which tells the social and other specific services. */
  mainCpv: string;
  noticeEstimate: number | null;
  lotEstimates: ReadonlyArray<number | null>;
  frameworkMaximum: number | null;
  organisationKind: OrganisationKind;
  /** Its publication, or now for a draft. */
  launchedAt: Date;
}

/**
 * The requirement of a notice; null when nothing can be derived: no estimated value at all, or a launch day before
 * the dated table (an old imported notice).
 */
export function noticePublicity(facts: NoticePublicityFacts): PublicityRequirement | null {
  const estimatedValue = totalEstimate(facts);
  if (estimatedValue === null || !findThresholdsAt(facts.launchedAt)) return null;
  return publicityRequirement({
    nature: facts.nature,
    estimatedValue,
    buyerCategory: buyerCategoryOf(facts.organisationKind),
    launchedAt: facts.launchedAt,
    socialOrSpecificService: isSocialOrSpecificService(facts.mainCpv),
  });
}
