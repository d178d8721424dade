import { PARIS_TIME_ZONE } from '../../shared/paris-calendar.js';

/** What an attestation de formation says; every line in French, times in Europe/Paris. */
export interface CertificateData {
  reference: string;
  personName: string;
  organisationName: string;
  trainingTitle: string;
  topicLabel: string;
  providerName: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  remote: boolean;
  durationHours: number;
  issuedAt: Date;
}

export interface CertificateText {
  heading: string;
  issuer: string;
  paragraphs: string[];
  details: Array<[label: string, value: string]>;
  closing: string;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });

/** « jeudi 1er octobre 2026 »: French writes the first of the month as an ordinal. */
export function frenchDay(instant: Date): string {
  const parts = dayFormat.formatToParts(instant);
  return parts.map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value)).join('');
}

/** « 9 h 00 », « 14 h 30 ». */
export function frenchTime(instant: Date): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${Number(parts.hour)} h ${parts.minute}`;
}

/** « le jeudi 12 mars 2026, de 9 h 00 à 17 h 00 », or « du … au … » over several days. */
export function frenchSessionDates(startsAt: Date, endsAt: Date): string {
  const startDay = frenchDay(startsAt);
  const endDay = frenchDay(endsAt);
  if (startDay === endDay) return `le ${startDay}, de ${frenchTime(startsAt)} à ${frenchTime(endsAt)}`;
  return `du ${startDay} à ${frenchTime(startsAt)} au ${endDay} à ${frenchTime(endsAt)}`;
}

/** « 7 heures », « 3,5 heures », « 1 heure »: French keeps the singular below two. */
export function frenchHours(hours: number): string {
  const number = String(hours).replace('.', ',');
  return `${number} ${hours < 2 ? 'heure' : 'heures'}`;
}

export function certificateText(data: CertificateData): CertificateText {
  return {
    heading: 'Attestation de formation',
    issuer: 'Communauté d’agglomération Dracénie Provence Verdon — Direction de la commande publique',
    paragraphs: [
      `Nous attestons que ${data.personName}, ${data.organisationName}, a suivi la formation « ${data.trainingTitle} » ${frenchSessionDates(data.startsAt, data.endsAt)}.`,
    ],
    details: [
      ['Thème', data.topicLabel],
      ['Organisme de formation', data.providerName],
      ['Durée', frenchHours(data.durationHours)],
      ['Lieu', [data.place, data.remote ? 'à distance' : null].filter(Boolean).join(' et ') || 'à distance'],
      ['Référence', data.reference],
    ],
    closing: `Fait à Draguignan, le ${frenchDay(data.issuedAt).replace(/^\p{L}+ /u, '')}, pour servir et valoir ce que de droit.`,
  };
}
