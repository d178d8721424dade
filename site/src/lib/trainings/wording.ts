import { formatLongDate, parisDay, SITE_TIME_ZONE } from '../format/date.js';
import type { ProviderKind, TrainingSession } from './types.js';

const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SITE_TIME_ZONE });

// No-break spaces inside times and durations: « 09 h 00 » never splits across two lines on a narrow screen.
const NBSP = '\u00a0';

/** "09 h 00" in Paris, as the rest of the site writes times. */
export function parisTime(instant: string | Date): string {
  const parts = Object.fromEntries(clock.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.hour}${NBSP}h${NBSP}${parts.minute}`;
}

/** When a session takes place, in pieces the page wraps in `<time>` elements. */
export type SessionWhen =
  | { sameDay: true; day: string; from: string; to: string }
  | { sameDay: false; from: string; to: string };

/** « mardi 8 décembre 2026, de 09 h 00 à 12 h 30 », or « du lundi … à 09 h 00 au mardi … à 17 h 00 ». */
export function sessionWhen(session: Pick<TrainingSession, 'startsAt' | 'endsAt'>): SessionWhen {
  const { startsAt, endsAt } = session;
  if (parisDay(startsAt) === parisDay(endsAt)) {
    return { sameDay: true, day: formatLongDate(startsAt), from: parisTime(startsAt), to: parisTime(endsAt) };
  }
  return { sameDay: false, from: `${formatLongDate(startsAt)} à ${parisTime(startsAt)}`, to: `${formatLongDate(endsAt)} à ${parisTime(endsAt)}` };
}

/** The same as one line, for text alternatives and tests. */
export function sessionWhenText(session: Pick<TrainingSession, 'startsAt' | 'endsAt'>): string {
  const when = sessionWhen(session);
  return when.sameDay ? `${when.day}, de ${when.from} à ${when.to}` : `du ${when.from} au ${when.to}`;
}

/** Where: the address or room, « à distance », or both (the video link is sent to enrolled staff only). */
export function sessionPlace(session: Pick<TrainingSession, 'place' | 'isRemote'>): string {
  const place = session.place?.trim();
  if (place && session.isRemote) return `${place}, ou à distance`;
  if (place) return place;
  return session.isRemote ? 'à distance' : 'lieu à préciser';
}

/** « 3 places restantes sur 12 », or that new requests join the waiting list. */
export function seatsLeftLabel(session: Pick<TrainingSession, 'seatsLeft' | 'capacity'>): string {
  const { seatsLeft, capacity } = session;
  if (seatsLeft <= 0) return `complet (${capacity} places) : les nouvelles demandes vont en liste d’attente`;
  return seatsLeft === 1 ? `1 place restante sur ${capacity}` : `${seatsLeft} places restantes sur ${capacity}`;
}

/** 7 → « 7 h », 3.5 → « 3 h 30 », 0.75 → « 45 min » (no-break spaces). */
export function formatDuration(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) throw new RangeError(`not a duration in hours: ${hours}`);
  const minutes = Math.round(hours * 60);
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (whole === 0) return `${rest}${NBSP}min`;
  return rest === 0 ? `${whole}${NBSP}h` : `${whole}${NBSP}h${NBSP}${String(rest).padStart(2, '0')}`;
}

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  INTERNAL: 'formation interne',
  EXTERNAL: 'organisme extérieur',
};

/** « CNFPT (organisme extérieur) » */
export function providerLabel(training: { providerName: string; providerKind: ProviderKind }): string {
  return `${training.providerName} (${PROVIDER_KIND_LABELS[training.providerKind]})`;
}
