import { badInput } from '../shared/errors.js';
import { recordValue, type CorrectableField } from './correctable-fields.js';
import type { FieldChangeRecord } from './corrigendum.entity.js';
import type { Lot } from './lot.entity.js';
import type { Notice } from './notice.entity.js';
import type { NoticeCorrectionInput } from './notice.inputs.js';
import { validate } from './notice-validation.js';

type NoticePatch = Partial<Pick<Notice, Exclude<CorrectableField, never>>>;

export interface Correction {
  patch: NoticePatch;
  lotPatches: Array<{ lot: Lot; patch: Partial<Pick<Lot, 'title' | 'estimatedValue'>> }>;
  changes: FieldChangeRecord[];
}

const same = (a: unknown, b: unknown) => recordValue(a) === recordValue(b);

/**
 * What a correction changes, field by field, from what to what. Validates each new value; values equal to the
 * current ones are not changes.
 */
export function computeCorrection(notice: Notice, input: NoticeCorrectionInput): Correction {
  const candidate: NoticePatch = {};
  if (input.title !== undefined) candidate.title = validate.title(input.title);
  if (input.description !== undefined) candidate.description = validate.description(input.description);
  if (input.submissionDeadline !== undefined)
    candidate.submissionDeadline = validate.date(input.submissionDeadline, 'submissionDeadline');
  if (input.estimatedValue !== undefined) candidate.estimatedValue = validate.amount(input.estimatedValue, 'estimatedValue');
  if (input.buyerProfileUrl !== undefined) candidate.buyerProfileUrl = validate.url(input.buyerProfileUrl);
  if (input.contactEmail !== undefined) candidate.contactEmail = validate.email(input.contactEmail);
  if (input.socialClause !== undefined) candidate.socialClause = input.socialClause;
  if (input.environmentalClause !== undefined) candidate.environmentalClause = input.environmentalClause;
  if (input.reservedFor !== undefined) candidate.reservedFor = input.reservedFor;
  if (input.placeOfPerformanceInseeCode !== undefined) {
    candidate.placeOfPerformanceInsee = validate.communeInsee(input.placeOfPerformanceInseeCode, 'placeOfPerformanceInseeCode');
  }
  if (input.additionalCpvs !== undefined) candidate.additionalCpvs = validate.cpvList(input.additionalCpvs, 'additionalCpvs');

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
    if (!lot) throw badInput(`lots[${index}].number`, `Notice ${notice.reference} has no lot ${lotInput.number}`);
    const lotPatch: Correction['lotPatches'][number]['patch'] = {};
    if (lotInput.title !== undefined) {
      const title = validate.title(lotInput.title, `lots[${index}].title`);
      if (!same(lot.title, title)) {
        lotPatch.title = title;
        changes.push({ field: `lot.${lot.number}.title`, before: lot.title, after: title });
      }
    }
    if (lotInput.estimatedValue !== undefined) {
      const value = validate.amount(lotInput.estimatedValue, `lots[${index}].estimatedValue`);
      if (!same(lot.estimatedValue, value)) {
        lotPatch.estimatedValue = value;
        changes.push({ field: `lot.${lot.number}.estimatedValue`, before: recordValue(lot.estimatedValue), after: recordValue(value) });
      }
    }
    if (Object.keys(lotPatch).length) lotPatches.push({ lot, patch: lotPatch });
  }
  return { patch, lotPatches, changes };
}
