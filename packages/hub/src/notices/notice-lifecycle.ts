import { UnreachableCaseError } from '../shared/unreachable.js';

/**
 * The notice lifecycle as pure data: DRAFT → PUBLISHED → CLOSED (deadline passed) → AWARDED or UNSUCCESSFUL, and
 * CANCELLED (déclaré sans suite) from PUBLISHED or CLOSED.
 */
export const NOTICE_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const PUBLIC_STATUSES: readonly NoticeStatus[] = ['PUBLISHED', 'CLOSED', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED'];

export const NOTICE_EVENTS = [
  'EDIT_DRAFT',
  'PUBLISH',
  'CORRECT',
  'CLOSE',
  'AWARD_LOT',
  'DECLARE_LOT_UNSUCCESSFUL',
  'COMPLETE_AWARDED',
  'COMPLETE_UNSUCCESSFUL',
  'CANCEL',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export type TransitionResult = { ok: true; status: NoticeStatus } | { ok: false; reason: string };

const allow = (status: NoticeStatus): TransitionResult => ({ ok: true, status });
/** The staff member reads the refusal in French: the status as an adjective, the event as an infinitive. */
const STATUS_FR: Record<NoticeStatus, string> = {
  DRAFT: 'en brouillon',
  PUBLISHED: 'publiée',
  CLOSED: 'close',
  AWARDED: 'attribuée',
  UNSUCCESSFUL: 'infructueuse',
  CANCELLED: 'déclarée sans suite',
};
const EVENT_FR: Record<NoticeEvent, string> = {
  EDIT_DRAFT: 'être modifiée comme un brouillon',
  PUBLISH: 'être publiée',
  CORRECT: 'être rectifiée',
  CLOSE: 'être close',
  AWARD_LOT: 'voir un lot attribué',
  DECLARE_LOT_UNSUCCESSFUL: 'voir un lot déclaré infructueux',
  COMPLETE_AWARDED: 'devenir attribuée',
  COMPLETE_UNSUCCESSFUL: 'devenir infructueuse',
  CANCEL: 'être déclarée sans suite',
};
const refuse = (from: NoticeStatus, event: NoticeEvent): TransitionResult => ({
  ok: false,
  reason: `Une consultation ${STATUS_FR[from]} ne peut pas ${EVENT_FR[event]}.`,
});

/** The whole transition table; every status × event pair is decided here and nowhere else. */
export function transition(from: NoticeStatus, event: NoticeEvent): TransitionResult {
  switch (from) {
    case 'DRAFT':
      if (event === 'EDIT_DRAFT') return allow('DRAFT');
      if (event === 'PUBLISH') return allow('PUBLISHED');
      return refuse(from, event);
    case 'PUBLISHED':
      if (event === 'CORRECT') return allow('PUBLISHED');
      if (event === 'CLOSE') return allow('CLOSED');
      if (event === 'CANCEL') return allow('CANCELLED');
      return refuse(from, event);
    case 'CLOSED':
      // Lots are decided one by one once offers are in; the notice ends when every lot is decided.
      if (event === 'AWARD_LOT' || event === 'DECLARE_LOT_UNSUCCESSFUL') return allow('CLOSED');
      if (event === 'COMPLETE_AWARDED') return allow('AWARDED');
      if (event === 'COMPLETE_UNSUCCESSFUL') return allow('UNSUCCESSFUL');
      if (event === 'CANCEL') return allow('CANCELLED');
      return refuse(from, event);
    case 'AWARDED':
    case 'UNSUCCESSFUL':
    case 'CANCELLED':
      return refuse(from, event);
    default:
      throw new UnreachableCaseError(from);
  }
}

/**
 * Truth over time: a published notice whose deadline has passed is closed, whether or not the scheduler has
 * recorded it yet.
 */
export function effectiveStatus(stored: NoticeStatus, submissionDeadline: Date, now: Date): NoticeStatus {
  if (stored === 'PUBLISHED' && submissionDeadline.getTime() <= now.getTime()) return 'CLOSED';
  return stored;
}

export function isOpen(stored: NoticeStatus, submissionDeadline: Date, now: Date): boolean {
  return effectiveStatus(stored, submissionDeadline, now) === 'PUBLISHED';
}

/** What a notice becomes once every lot is decided: awarded if any lot was, unsuccessful if none was. */
export function completionEvent(lotStatuses: readonly string[]): NoticeEvent | null {
  if (lotStatuses.length === 0 || lotStatuses.some((status) => status === 'OPEN')) return null;
  return lotStatuses.includes('AWARDED') ? 'COMPLETE_AWARDED' : 'COMPLETE_UNSUCCESSFUL';
}
