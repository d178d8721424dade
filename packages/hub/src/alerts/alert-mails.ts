import type { MailToSend } from '../mail/outgoing-mail.js';
import { htmlMailDocumentEdges } from '../mail/mail-html.js';
import { escapeHtml } from '../shared/html.js';
import { formatEuros, formatParisDay, formatParisDayAndTime, PROCEDURE_LABELS } from './alert-format.js';
import { unsubscribeHeaders, type AlertLinks } from './alert-links.js';
import type { AlertReason } from './alert-announcement.entity.js';
import { changedFieldsPhrase, isPlanReason, type NoticeReason, type PlanReason } from './alert-changes.js';
import type { AlertNotice } from './alert-notice.js';
import type { AlertPlan } from './alert-plan.js';

/**
 * One line of an alert: a notice and why it is told (new, corrected, cancelled), or a planned purchase announced,
 * changed (with the fields the change touched) or withdrawn.
 */
export type AlertItem = { reason: NoticeReason; notice: AlertNotice } | { reason: PlanReason; notice: AlertPlan; fields?: readonly string[] };

export interface AlertMailInput {
  to: string;
  manageToken: string;
  links: AlertLinks;
  items: AlertItem[];
  /** Notices this subscriber was told about that close within 7 days (the "closing soon" section). */
  closingSoon: AlertNotice[];
  now: Date;
}

const INTRO_SEVERAL = 'Plusieurs avis de marché ou achats prévus répondant aux critères de votre alerte sont parus ou ont changé :';
const SIGNATURE = 'Marchés publics de la Dracénie — service des achats de la communauté d’agglomération';

function isPlanItem(item: AlertItem): item is Extract<AlertItem, { reason: PlanReason }> {
  return isPlanReason(item.reason);
}

function facts(item: AlertItem): string[] {
  if (isPlanItem(item)) {
    const plan = item.notice;
    return [
      `Acheteur : ${plan.buyerName}`,
      ...(plan.communeName ? [`Lieu : ${plan.communeName}`] : []),
      `Lancement prévu : ${plan.launchQuarter === 1 ? '1er' : `${plan.launchQuarter}e`} trimestre ${plan.launchYear}`,
      `Procédure envisagée : ${PROCEDURE_LABELS[plan.procedure]}`,
      `Montant estimé : ${plan.amountLabel}`,
    ];
  }
  const notice = item.notice;
  return [
    `Acheteur : ${notice.buyerName}`,
    ...(notice.communeName ? [`Lieu : ${notice.communeName}`] : []),
    `Procédure : ${PROCEDURE_LABELS[notice.procedure]}`,
    ...(notice.estimatedValue !== null ? [`Montant estimé : ${formatEuros(notice.estimatedValue)} HT`] : []),
    `Date limite de réponse : ${formatParisDayAndTime(notice.deadline)}`,
  ];
}

function heading(item: AlertItem): string {
  if (item.reason === 'CORRECTED') return `Avis rectifié : ${item.notice.title}`;
  if (item.reason === 'CANCELLED') return `Avis annulé : ${item.notice.title}`;
  if (item.reason === 'PLANNED') return `Achat prévu : ${item.notice.title}`;
  if (item.reason === 'PLAN_UPDATED') return `Achat prévu modifié : ${item.notice.title}`;
  if (item.reason === 'PLAN_WITHDRAWN') return `Achat prévu retiré : ${item.notice.title}`;
  return item.notice.title;
}

function explanation(item: AlertItem): string | null {
  if (item.reason === 'CORRECTED') return `L’acheteur a rectifié cet avis, que nous vous avions signalé${item.notice.correctionReason ? ` : ${item.notice.correctionReason}` : '.'}`;
  if (item.reason === 'CANCELLED') return `L’acheteur a annulé (déclaré sans suite) cet avis, que nous vous avions signalé${item.notice.cancellationReason ? ` : ${item.notice.cancellationReason}` : '.'}`;
  if (item.reason === 'PLAN_UPDATED') {
    const changed = changedFieldsPhrase(item.fields ?? []);
    return `L’acheteur a modifié cet achat prévu, que nous vous avions signalé${changed ? ` (modifié : ${changed})` : ''} ; le voici tel qu’il est annoncé désormais.`;
  }
  if (item.reason === 'PLAN_WITHDRAWN') {
    return `L’acheteur a retiré de sa programmation cet achat prévu, que nous vous avions signalé ; aucun avis de marché ne le suivra${item.notice.withdrawalReason ? `. Motif : ${item.notice.withdrawalReason}` : '.'}`;
  }
  return null;
}

/**
 * An item's text and HTML, rendered once per notice, reason and links: a pass of the alert worker tells the same
 * few notices to thousands of subscribers, and only the footer's links differ between their mails.
 */
const rendered = new WeakMap<AlertNotice | AlertPlan, Map<string, { text: string[]; html: string }>>();

function renderItem(item: AlertItem, links: AlertLinks): { text: string[]; html: string } {
  const byKey = rendered.get(item.notice) ?? new Map<string, { text: string[]; html: string }>();
  rendered.set(item.notice, byKey);
  const key = `${item.reason} ${links.notice('')}${item.reason === 'PLAN_UPDATED' ? ` ${(item.fields ?? []).join(',')}` : ''}`;
  const cached = byKey.get(key);
  if (cached) return cached;
  const why = explanation(item);
  const link = isPlanItem(item) ? links.plan(item.notice.reference) : links.notice(item.notice.reference);
  const result = {
    text: [heading(item), `  Référence ${item.notice.reference}`, ...(why ? [`  ${why}`] : []), ...facts(item).map((line) => `  ${line}`), `  ${link}`, ''],
    html: `<h3 style="font-size:105%;margin-bottom:.25em"><a href="${escapeHtml(link)}">${escapeHtml(heading(item))}</a></h3>
<p style="margin-top:0">Référence ${escapeHtml(item.notice.reference)}${why ? `<br>${escapeHtml(why)}` : ''}<br>${facts(item).map(escapeHtml).join('<br>')}</p>`,
  };
  byKey.set(key, result);
  return result;
}

function textItem(item: AlertItem, links: AlertLinks): string[] {
  return renderItem(item, links).text;
}

function htmlItem(item: AlertItem, links: AlertLinks): string {
  return renderItem(item, links).html;
}

/** A closing notice's line, text and HTML, rendered once per notice and links like the items' blocks. */
const closingLines = new WeakMap<AlertNotice, Map<string, { text: string; html: string }>>();

function closingLine(notice: AlertNotice, links: AlertLinks): { text: string; html: string } {
  const byKey = closingLines.get(notice) ?? new Map<string, { text: string; html: string }>();
  closingLines.set(notice, byKey);
  const key = links.notice('');
  const cached = byKey.get(key);
  if (cached) return cached;
  const link = links.notice(notice.reference);
  const deadline = formatParisDayAndTime(notice.deadline);
  const result = {
    text: `- ${notice.title} (${notice.buyerName}) : réponses jusqu’au ${deadline}\n  ${link}`,
    html: `<li><a href="${escapeHtml(link)}">${escapeHtml(notice.title)}</a> (${escapeHtml(notice.buyerName)}) : réponses jusqu’au ${escapeHtml(deadline)}</li>`,
  };
  byKey.set(key, result);
  return result;
}

function closingText(input: AlertMailInput): string[] {
  if (input.closingSoon.length === 0) return [];
  return ['Clôture dans moins de 7 jours', '-----------------------------', ...input.closingSoon.map((notice) => closingLine(notice, input.links).text), ''];
}

function closingHtml(input: AlertMailInput): string {
  if (input.closingSoon.length === 0) return '';
  return `<h2 style="font-size:115%">Clôture dans moins de 7 jours</h2><ul>${input.closingSoon.map((notice) => closingLine(notice, input.links).html).join('')}</ul>`;
}

function footerText(input: AlertMailInput): string[] {
  return [
    'Vous recevez ce courriel parce que vous avez créé et confirmé une alerte sur les marchés publics de la Dracénie.',
    `Modifier les critères ou la fréquence : ${input.links.manage(input.manageToken)}`,
    `Se désabonner (efface votre adresse) : ${input.links.unsubscribe(input.manageToken)}`,
    '',
    SIGNATURE,
  ];
}

function footerHtml(input: AlertMailInput): string {
  return `<hr><p style="color:#555;font-size:90%">Vous recevez ce courriel parce que vous avez créé et confirmé une alerte sur les marchés publics de la Dracénie.<br>
<a href="${escapeHtml(input.links.manage(input.manageToken))}">Modifier les critères ou la fréquence</a> · <a href="${escapeHtml(input.links.unsubscribe(input.manageToken))}">Se désabonner</a><br>${escapeHtml(SIGNATURE)}</p>`;
}

/**
 * "1 nouvel avis", "3 nouveaux avis, 1 avis rectifié, 2 avis annulés": what a grouped mail tells, for its subject.
 * Pure.
 */
export function countsPhrase(items: readonly AlertItem[]): string {
  const count = (reason: AlertReason) => items.filter((item) => item.reason === reason).length;
  const published = count('PUBLISHED');
  const corrected = count('CORRECTED');
  const cancelled = count('CANCELLED');
  const planned = count('PLANNED');
  const planUpdated = count('PLAN_UPDATED');
  const planWithdrawn = count('PLAN_WITHDRAWN');
  return [
    published ? `${published} ${published > 1 ? 'nouveaux avis' : 'nouvel avis'}` : '',
    corrected ? `${corrected} avis rectifié${corrected > 1 ? 's' : ''}` : '',
    cancelled ? `${cancelled} avis annulé${cancelled > 1 ? 's' : ''}` : '',
    planned ? `${planned} achat${planned > 1 ? 's' : ''} prévu${planned > 1 ? 's' : ''}` : '',
    planUpdated ? `${planUpdated} achat${planUpdated > 1 ? 's' : ''} prévu${planUpdated > 1 ? 's' : ''} modifié${planUpdated > 1 ? 's' : ''}` : '',
    planWithdrawn ? `${planWithdrawn} achat${planWithdrawn > 1 ? 's' : ''} prévu${planWithdrawn > 1 ? 's' : ''} retiré${planWithdrawn > 1 ? 's' : ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The sections of a mail telling several notices: new ones first, then the changes, then the planned purchases and
 * their changes, then those closing soon. The text's lines, joined.
 */
function groupedBody(input: AlertMailInput): { text: string; html: string } {
  const published = input.items.filter((item) => item.reason === 'PUBLISHED');
  const changed = input.items.filter((item) => item.reason === 'CORRECTED' || item.reason === 'CANCELLED');
  const planned = input.items.filter((item) => item.reason === 'PLANNED');
  const planChanged = input.items.filter((item) => item.reason === 'PLAN_UPDATED' || item.reason === 'PLAN_WITHDRAWN');
  return {
    text: [
      ...(published.length ? ['Nouveaux avis', '------------', '', ...published.flatMap((item) => textItem(item, input.links))] : []),
      ...(changed.length ? ['Avis rectifiés ou annulés', '-------------------------', '', ...changed.flatMap((item) => textItem(item, input.links))] : []),
      ...(planned.length ? ['Achats prévus (programmation prévisionnelle)', '--------------------------------------------', '', ...planned.flatMap((item) => textItem(item, input.links))] : []),
      ...(planChanged.length ? ['Achats prévus modifiés ou retirés', '---------------------------------', '', ...planChanged.flatMap((item) => textItem(item, input.links))] : []),
      ...closingText(input),
    ].join('\n'),
    html: [
      published.length ? `<h2 style="font-size:115%">Nouveaux avis</h2>${published.map((item) => htmlItem(item, input.links)).join('')}` : '',
      changed.length ? `<h2 style="font-size:115%">Avis rectifiés ou annulés</h2>${changed.map((item) => htmlItem(item, input.links)).join('')}` : '',
      planned.length ? `<h2 style="font-size:115%">Achats prévus (programmation prévisionnelle)</h2>${planned.map((item) => htmlItem(item, input.links)).join('')}` : '',
      planChanged.length ? `<h2 style="font-size:115%">Achats prévus modifiés ou retirés</h2>${planChanged.map((item) => htmlItem(item, input.links)).join('')}` : '',
      closingHtml(input),
    ].join(''),
  };
}

/**
 * What an alert mail says before its footer, the same for every subscriber told the same things: its kind and
 * subject, its text up to the footer, and its HTML document around the footer.
 */
interface MailHead {
  kind: string;
  subject: string;
  text: string;
  htmlStart: string;
  htmlEnd: string;
}

type MailForm = 'immediate' | 'digest';

function immediateHead(input: AlertMailInput): MailHead {
  const [item] = input.items;
  if (!item) throw new RangeError('an immediate alert tells at least one notice');
  if (input.items.length > 1) {
    const subject = `Vos alertes : ${countsPhrase(input.items)}`;
    const body = groupedBody(input);
    const { start, end } = htmlMailDocumentEdges(subject);
    return { kind: 'alert.immediate', subject, text: ['Bonjour,', '', INTRO_SEVERAL, '', body.text].join('\n'), htmlStart: `${start}<p>Bonjour,</p><p>${INTRO_SEVERAL}</p>${body.html}`, htmlEnd: end };
  }
  const subject = item.reason === 'PUBLISHED' ? `Nouvel avis : ${item.notice.title}` : heading(item);
  const intro =
    item.reason === 'PUBLISHED'
      ? 'Un nouvel avis de marché répond aux critères de votre alerte :'
      : item.reason === 'PLANNED'
        ? 'Un acheteur annonce dans sa programmation un achat qui répond aux critères de votre alerte ; l’avis de marché suivra :'
        : item.reason === 'PLAN_UPDATED' || item.reason === 'PLAN_WITHDRAWN'
          ? 'Un achat prévu que nous vous avions signalé a changé :'
          : 'Un avis que nous vous avions signalé a changé :';
  const { start, end } = htmlMailDocumentEdges(subject);
  return {
    kind: `alert.${item.reason.toLowerCase()}`,
    subject: subject.slice(0, 250),
    text: ['Bonjour,', '', intro, '', ...textItem(item, input.links), ...closingText(input)].join('\n'),
    htmlStart: `${start}<p>Bonjour,</p><p>${escapeHtml(intro)}</p>${htmlItem(item, input.links)}${closingHtml(input)}`,
    htmlEnd: end,
  };
}

function digestHead(input: AlertMailInput): MailHead {
  if (input.items.length === 0) throw new RangeError('a digest tells at least one notice');
  const subject = `Vos alertes du ${digestDay(input.now)} : ${countsPhrase(input.items)}`;
  const body = groupedBody(input);
  const { start, end } = htmlMailDocumentEdges(subject);
  return { kind: 'alert.digest', subject, text: ['Bonjour,', '', body.text].join('\n'), htmlStart: `${start}<p>Bonjour,</p>${body.html}`, htmlEnd: end };
}

/**
 * Past this many characters of heads kept for one set of links (about 64 MiB at most), the cache starts afresh. At
 * 100,000 subscriptions a pass's heads hold about 26 million.
 */
const MOST_HEAD_CHARACTERS = 32_000_000;

/**
 * The heads made, by links (one per renderer), then by what a mail tells: a pass of the alert worker tells the same
 * few notices to tens of thousands of subscribers, and most of them are told exactly the same thing as others (at
 * 100,000 subscriptions, 4,290 different lists of items in 67,708 mails). A head is kept with the objects it was
 * made from: the renderer gives a changed notice as a new object (`AlertSubjectCache`), so a kept head made from
 * the old one is made again.
 */
const heads = new WeakMap<AlertLinks, { characters: number; byKey: Map<string, { from: readonly object[]; head: MailHead; characters: number }> }>();

function headOf(input: AlertMailInput, form: MailForm): MailHead {
  const from: object[] = [];
  let key = form === 'digest' ? `digest ${digestDay(input.now)}` : 'immediate';
  for (const item of input.items) {
    from.push(item.notice);
    key += `\u0001${item.reason} ${item.notice.reference}${isPlanItem(item) && item.fields ? ` ${item.fields.join(',')}` : ''}`;
  }
  key += '\u0002';
  for (const notice of input.closingSoon) {
    from.push(notice);
    key += `\u0001${notice.reference}`;
  }
  const cache = heads.get(input.links) ?? { characters: 0, byKey: new Map<string, { from: readonly object[]; head: MailHead; characters: number }>() };
  heads.set(input.links, cache);
  const kept = cache.byKey.get(key);
  if (kept && kept.from.length === from.length && kept.from.every((object, index) => object === from[index])) return kept.head;
  const head = form === 'digest' ? digestHead(input) : immediateHead(input);
  const characters = key.length + head.subject.length + head.text.length + head.htmlStart.length;
  if (kept) cache.characters -= kept.characters;
  if (cache.characters + characters > MOST_HEAD_CHARACTERS) {
    cache.byKey.clear();
    cache.characters = 0;
  }
  cache.byKey.set(key, { from, head, characters });
  cache.characters += characters;
  return head;
}

/** A mail from its head and the subscriber's own footer (the links to change the criteria and to unsubscribe). */
function withFooter(input: AlertMailInput, head: MailHead): MailToSend {
  return {
    kind: head.kind,
    to: input.to,
    subject: head.subject,
    text: `${head.text}\n${footerText(input).join('\n')}`,
    html: `${head.htmlStart}${footerHtml(input)}${head.htmlEnd}`,
    headers: unsubscribeHeaders(input.links, input.manageToken),
  };
}

/**
 * An immediate alert: what happened since the last pass of the alert worker, in one mail. Most often one notice
 * published, corrected or cancelled (its title in the subject); when several came in the same pass, one mail
 * listing them, so a subscriber never gets a burst of mails.
 */
export function immediateAlertMail(input: AlertMailInput): MailToSend {
  return withFooter(input, headOf(input, 'immediate'));
}

/** The digests of a batch share their instant: its day is formatted once, not once per mail. */
let lastDay: { time: number; text: string } | null = null;

function digestDay(now: Date): string {
  if (lastDay?.time !== now.getTime()) lastDay = { time: now.getTime(), text: formatParisDay(now) };
  return lastDay.text;
}

/** The daily digest: what matched since the last one, new notices first, then changes, then closing soon. */
export function digestMail(input: AlertMailInput): MailToSend {
  return withFooter(input, headOf(input, 'digest'));
}
