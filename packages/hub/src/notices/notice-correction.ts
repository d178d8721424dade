import type { InputProblems } from '../shared/errors.js';
import { recordValue, type CorrectableField } from './correctable-fields.js';
import type { FieldChangeRecord } from './corrigendum.entity.js';
import type { Lot } from './lot.entity.js';
import type { Notice } from './notice.entity.js';
import type { NoticeCorrectionInput } from './notice.inputs.js';
import { missing, validate } from './notice-validation.js';

type NoticePatch = Partial<Pick<Notice, Exclude<CorrectableField, never>>>;

export interface Correction {
  patch: NoticePatch;
  lotPatches: Array<{ lot: Lot; patch: Partial<Pick<Lot, 'title' | 'estimatedValue'>> }>;
  changes: FieldChangeRecord[];
}

const same = (a: unknown, b: unknown) => recordValue(a) === recordValue(b);

/**
 * What a correction changes, field by field, from what to what. Validates each new value, recording every refused
 * one in `problems` (the caller throws them all at once); values equal to the current ones are not changes. A null
 * for a field that cannot be empty is refused as missing.
 */
export function computeCorrection(notice: Notice, input: NoticeCorrectionInput, problems: InputProblems, now: Date): Correction {
  const candidate: NoticePatch = {};
  const put = <K extends keyof NoticePatch>(key: K, value: NoticePatch[K] | undefined) => {
    if (value !== undefined) candidate[key] = value;
  };
  const required = <T>(field: string, value: T | null | undefined): T | undefined => {
    if (value === null) problems.add(field, missing(field).message, 'MISSING');
    return value ?? undefined;
  };
  if (input.title !== undefined) put('title', problems.check(() => validate.title(input.title)));
  if (input.description !== undefined) put('description', problems.check(() => validate.description(input.description)));
  if (input.submissionDeadline !== undefined) {
    put('submissionDeadline', problems.check(() => validate.plannedInstant(input.submissionDeadline, 'submissionDeadline', now)));
  }
  if (input.estimatedValue !== undefined) put('estimatedValue', problems.check(() => validate.amount(input.estimatedValue, 'estimatedValue')));
  if (input.buyerProfileUrl !== undefined) put('buyerProfileUrl', problems.check(() => validate.url(input.buyerProfileUrl)));
  if (input.contactEmail !== undefined) put('contactEmail', problems.check(() => validate.email(input.contactEmail)));
  put('socialClause', required('socialClause', input.socialClause));
  put('environmentalClause', required('environmentalClause', input.environmentalClause));
  put('reservedFor', required('reservedFor', input.reservedFor));
  if (input.placeOfPerformanceInseeCode !== undefined) {
    put('placeOfPerformanceInsee', problems.check(() => validate.communeInsee(input.placeOfPerformanceInseeCode, 'placeOfPerformanceInseeCode')));
  }
  if (input.additionalCpvs !== undefined) put('additionalCpvs', problems.check(() => validate.cpvList(input.additionalCpvs ?? [], 'additionalCpvs')));

  const patch: NoticePatch = {};
  const changes: FieldChangeRecord[] = [];
  for (const [field, after] of Object.entries(candidate) as Array<[CorrectableField, unknown]>) {
    const before = notice[field];
    if (same(before, after)) continue;
    (patch as Record<string, unknown>)[field] = after;
    changes.push({ field, before: recordValue(before), after: recordValue(after) });
  }

  const lotPatches: Correction['lotPatches'] = [];
  for (const [index, lotInput] of (input.lots ?? []).entries()) {
    const lot = notice.lots.getItems().find((candidateLot) => candidateLot.number === lotInput.number);
    if (!lot) {
      problems.add(`lots[${index}].number`, `L’avis ${notice.reference} n’a pas de lot ${lotInput.number}.`);
      continue;
    }
    const lotPatch: Correction['lotPatches'][number]['patch'] = {};
    if (lotInput.title !== undefined) {
      const title = problems.check(() => validate.title(lotInput.title, `lots[${index}].title`));
      if (title !== undefined && !same(lot.title, title)) {
        lotPatch.title = title;
        changes.push({ field: `lot.${lot.number}.title`, before: lot.title, after: title });
      }
    }
    if (lotInput.estimatedValue !== undefined) {
      const value = problems.check(() => validate.amount(lotInput.estimatedValue, `lots[${index}].estimatedValue`));
      if (value !== undefined && !same(lot.estimatedValue, value)) {
        lotPatch.estimatedValue = value;
        changes.push({ field: `lot.${lot.number}.estimatedValue`, before: recordValue(lot.estimatedValue), after: recordValue(value) });
      }
    }
    if (Object.keys(lotPatch).length) lotPatches.push({ lot, patch: lotPatch });
  }
  return { patch, lotPatches, changes };
}
