import type { MailToSend } from '../mail/outgoing-mail.js';
import type { AlertCriteria } from './alert-criteria.js';
import { htmlMailDocument, htmlMailSignature } from '../mail/mail-html.js';
import { escapeHtml } from '../shared/html.js';
import { describeCriteria, formatParisDay, FREQUENCY_LABELS, type CriteriaNames } from './alert-format.js';
import { unsubscribeHeaders, type AlertLinks } from './alert-links.js';
import type { AlertFrequency } from './alert-subscription.entity.js';

/** The days a confirmation link stays valid; a subscription still pending then is deleted. */
export const CONFIRMATION_DAYS = 7;

const SIGNATURE = 'Marchés publics de la Dracénie — service des achats de la communauté d’agglomération';

function html(title: string, paragraphs: string[]): string {
  return htmlMailDocument(title, `${paragraphs.join('\n')}${htmlMailSignature([SIGNATURE])}`);
}

const list = (lines: string[]) => `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

export interface SubscriptionMailInput {
  to: string;
  criteria: AlertCriteria;
  frequency: AlertFrequency;
  names: CriteriaNames;
  links: AlertLinks;
}

/** The double opt-in: nothing else is sent to the address before this link is followed. */
export function confirmationMail(input: SubscriptionMailInput & { confirmToken: string; expiresAt: Date }): MailToSend {
  const criteria = describeCriteria(input.criteria, input.names);
  const url = input.links.confirm(input.confirmToken);
  const subject = 'Confirmez votre alerte sur les marchés publics de la Dracénie';
  const text = [
    'Bonjour,',
    '',
    'Quelqu’un (vous, sans doute) a demandé à recevoir par courriel les avis de marchés publics de la Dracénie qui répondent à ces critères :',
    ...criteria.map((line) => `  - ${line}`),
    `Fréquence : ${FREQUENCY_LABELS[input.frequency]}.`,
    '',
    'Pour confirmer, ouvrez ce lien et validez :',
    url,
    '',
    `Sans confirmation avant le ${formatParisDay(input.expiresAt)}, la demande et votre adresse sont effacées et vous ne recevrez rien.`,
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    '',
    SIGNATURE,
  ].join('\n');
  return {
    kind: 'alert.confirmation',
    to: input.to,
    subject,
    text,
    html: html(subject, [
      '<p>Bonjour,</p>',
      '<p>Quelqu’un (vous, sans doute) a demandé à recevoir par courriel les avis de marchés publics de la Dracénie qui répondent à ces critères :</p>',
      list(criteria),
      `<p>Fréquence : ${escapeHtml(FREQUENCY_LABELS[input.frequency])}.</p>`,
      `<p>${link(url, 'Confirmer mon alerte')}</p>`,
      `<p>Sans confirmation avant le ${escapeHtml(formatParisDay(input.expiresAt))}, la demande et votre adresse sont effacées et vous ne recevrez rien. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.</p>`,
    ]),
  };
}

/** Sent once the link is followed: says what was confirmed and gives the links every later mail carries. */
export function welcomeMail(input: SubscriptionMailInput & { manageToken: string }): MailToSend {
  const criteria = describeCriteria(input.criteria, input.names);
  const manage = input.links.manage(input.manageToken);
  const unsubscribe = input.links.unsubscribe(input.manageToken);
  const subject = 'Votre alerte sur les marchés publics de la Dracénie est active';
  return {
    kind: 'alert.welcome',
    to: input.to,
    subject,
    text: [
      'Bonjour,',
      '',
      `Votre alerte est active. Vous recevrez ${FREQUENCY_LABELS[input.frequency]} les nouveaux avis qui répondent à ces critères :`,
      ...criteria.map((line) => `  - ${line}`),
      '',
      `Modifier les critères ou la fréquence : ${manage}`,
      `Se désabonner (efface votre adresse) : ${unsubscribe}`,
      '',
      SIGNATURE,
    ].join('\n'),
    html: html(subject, [
      '<p>Bonjour,</p>',
      `<p>Votre alerte est active. Vous recevrez ${escapeHtml(FREQUENCY_LABELS[input.frequency])} les nouveaux avis qui répondent à ces critères :</p>`,
      list(criteria),
      `<p>${link(manage, 'Modifier les critères ou la fréquence')} · ${link(unsubscribe, 'Se désabonner')} (efface votre adresse)</p>`,
    ]),
    headers: unsubscribeHeaders(input.links, input.manageToken),
  };
}

export interface HeldSubscription {
  criteria: AlertCriteria;
  frequency: AlertFrequency;
  createdAt: Date;
  confirmedAt: Date | null;
  mailsSent: number;
  manageToken: string;
}

/** Everything held about an address, sent to that address only (never shown on a page: no enumeration). */
export function dataHeldMail(input: { to: string; subscriptions: HeldSubscription[]; names: CriteriaNames; links: AlertLinks }): MailToSend {
  const subject = 'Les données que nous détenons sur votre adresse';
  const blocks = input.subscriptions.map((held, index) => ({
    title: `Alerte ${index + 1} : ${held.confirmedAt ? `confirmée le ${formatParisDay(held.confirmedAt)}` : `demandée le ${formatParisDay(held.createdAt)}, pas encore confirmée`}`,
    lines: [...describeCriteria(held.criteria, input.names), `Fréquence : ${FREQUENCY_LABELS[held.frequency]}`, `Courriels d’alerte envoyés : ${held.mailsSent}`],
    manage: input.links.manage(held.manageToken),
    unsubscribe: input.links.unsubscribe(held.manageToken),
  }));
  const intro = input.subscriptions.length
    ? 'Voici tout ce que le service des marchés publics de la Dracénie détient sur votre adresse électronique : l’adresse elle-même et les alertes ci-dessous. Elle n’est ni publiée, ni cédée, ni utilisée à autre chose.'
    : 'Le service des marchés publics de la Dracénie ne détient aucune alerte pour votre adresse électronique.';
  return {
    kind: 'alert.data-held',
    to: input.to,
    subject,
    text: [
      'Bonjour,',
      '',
      intro,
      '',
      ...blocks.flatMap((block) => [block.title, ...block.lines.map((line) => `  - ${line}`), `  Modifier : ${block.manage}`, `  Supprimer : ${block.unsubscribe}`, '']),
      SIGNATURE,
    ].join('\n'),
    html: html(subject, [
      '<p>Bonjour,</p>',
      `<p>${escapeHtml(intro)}</p>`,
      ...blocks.map((block) => `<h2 style="font-size:110%">${escapeHtml(block.title)}</h2>${list(block.lines)}<p>${link(block.manage, 'Modifier')} · ${link(block.unsubscribe, 'Supprimer')}</p>`),
    ]),
  };
}
