import type { EntityManager } from '@mikro-orm/sqlite';
import type { MailToSend } from '../mail/outgoing-mail.js';
import { htmlMailDocument, htmlMailSignature } from '../mail/mail-html.js';
import { queueMail } from '../mail/outgoing-mail.js';
import { escapeHtml } from '../shared/html.js';
import { PARIS_TIME_ZONE } from '../shared/paris-calendar.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import type { AdviceRequest } from './advice-request.entity.js';
import { ADVICE_STAGE_LABELS, type AdviceStage } from './advice-stages.js';

/** What a mail about a request says of it: read from the request, in the transaction of the change. */
export interface AdviceMailFacts {
  reference: string;
  subject: string;
  question: string;
  stage: AdviceStage;
  familyName: string;
  organisationName: string;
  askedByName: string;
  expertName: string | null;
  dueAt: Date;
  wishedAnswerDate: string | null;
  /** Where staff open the hub (its GraphiQL at /graphql): HUB_PUBLIC_URL. */
  hubUrl: string;
}

export interface AdviceMailRecipient {
  email: string;
  name: string;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** The last day an answer is on time, in Paris: the request is due at the midnight that ends it. */
export function frenchDueDay(dueAt: Date): string {
  return dayFormat.format(new Date(dueAt.getTime() - 1));
}

/** A calendar date (YYYY-MM-DD) as « jeudi 10 décembre 2026 ». */
export function frenchCalendarDate(date: string): string {
  return dayFormat.format(new Date(`${date}T12:00:00Z`));
}

/**
 * A mail's body as blocks, rendered twice: the text part and the HTML part say the same thing (the HTML layout and
 * escaping are the mail module's, shared with the alerts).
 */
type Block =
  | { kind: 'paragraph'; text: string }
  /** Facts, one per line (text) or per list item (HTML). */
  | { kind: 'facts'; lines: string[] }
  /** Someone's words, quoted with « > » (text) or in a blockquote (HTML), after an optional introducing line. */
  | { kind: 'quote'; intro: string | null; text: string }
  /** A sentence ending in a link: « label : url ». */
  | { kind: 'link'; label: string; url: string };

const SIGNATURE = ['Direction de la commande publique de l’agglomération', 'Message automatique : pour répondre, écrivez dans la demande plutôt qu’à cette adresse.'];

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const quote = (intro: string | null, text: string): Block => ({ kind: 'quote', intro, text });

function quoted(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.lines.join('\n');
    case 'quote':
      return block.intro === null ? quoted(block.text) : `${block.intro}\n${quoted(block.text)}`;
    case 'link':
      return `${block.label} : ${block.url}`;
  }
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<ul>${block.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
    case 'quote':
      return `${block.intro === null ? '' : `<p>${escapeHtml(block.intro)}</p>`}<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${block.text
        .split('\n')
        .map(escapeHtml)
        .join('<br>')}</blockquote>`;
    case 'link':
      return `<p>${escapeHtml(block.label)} : <a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`;
  }
}

/** The mail, its text and HTML parts from the same blocks, greeting first and the way back to the hub last. */
function adviceMail(kind: string, facts: AdviceMailFacts, to: AdviceMailRecipient, subject: string, body: Block[]): MailToSend {
  const blocks = [paragraph(`Bonjour ${to.name},`), ...body, { kind: 'link', label: `Retrouvez la demande ${facts.reference} dans le hub des achats`, url: `${facts.hubUrl}/graphql` } satisfies Block];
  return {
    kind,
    to: to.email,
    subject,
    text: `${[...blocks.map(blockText), ['—', ...SIGNATURE].join('\n')].join('\n\n')}\n`,
    html: htmlMailDocument(subject, `${blocks.map(blockHtml).join('\n')}\n<hr>${htmlMailSignature(SIGNATURE)}`),
  };
}

function summary(facts: AdviceMailFacts): Block {
  return {
    kind: 'facts',
    lines: [
      `Demande : ${facts.reference} — ${facts.subject}`,
      `Commune ou organisation : ${facts.organisationName}`,
      `Étape de l’achat : ${ADVICE_STAGE_LABELS[facts.stage]}`,
      `Famille d’achats : ${facts.familyName}`,
      `Réponse attendue au plus tard le ${frenchDueDay(facts.dueAt)}`,
      ...(facts.wishedAnswerDate ? [`Réponse souhaitée par le demandeur pour le ${frenchCalendarDate(facts.wishedAnswerDate)}`] : []),
    ],
  };
}

/** A new request, to its expert (or, with none, to each admin of the direction). */
export function newRequestMail(facts: AdviceMailFacts, to: AdviceMailRecipient, assignedToYou: boolean): MailToSend {
  return adviceMail('advice.submitted', facts, to, `[${facts.reference}] Nouvelle demande de conseil : ${facts.subject}`, [
    paragraph(
      assignedToYou
        ? `${facts.askedByName} (${facts.organisationName}) demande conseil à la direction, et la demande vous est attribuée comme correspondant de la famille « ${facts.familyName} ».`
        : `${facts.askedByName} (${facts.organisationName}) demande conseil à la direction. Aucun correspondant de la famille « ${facts.familyName} » n’est nommé dans la direction : merci d’attribuer la demande à un expert.`,
    ),
    summary(facts),
    quote('La question :', facts.question),
  ]);
}

/** An admin names (or changes) the expert: to the new expert. */
export function assignedMail(facts: AdviceMailFacts, to: AdviceMailRecipient): MailToSend {
  return adviceMail('advice.assigned', facts, to, `[${facts.reference}] Demande de conseil attribuée : ${facts.subject}`, [
    paragraph(`La direction vous attribue la demande de conseil de ${facts.askedByName} (${facts.organisationName}).`),
    summary(facts),
    quote('La question :', facts.question),
  ]);
}

/** The expert's answer, to the asker. */
export function answeredMail(facts: AdviceMailFacts, to: AdviceMailRecipient, answer: string): MailToSend {
  return adviceMail('advice.answered', facts, to, `[${facts.reference}] Réponse à votre demande de conseil : ${facts.subject}`, [
    paragraph(`${facts.expertName ?? 'La direction'} a répondu à votre demande de conseil ${facts.reference} (« ${facts.subject} »).`),
    quote('La réponse :', answer),
    paragraph('Si la réponse vous suffit, vous pouvez clore la demande ; sinon, posez une question dans la demande ou rouvrez-la en disant pourquoi.'),
  ]);
}

/** A message of the thread, to the other side. */
export function messageMail(facts: AdviceMailFacts, to: AdviceMailRecipient, authorName: string, body: string): MailToSend {
  return adviceMail('advice.message', facts, to, `[${facts.reference}] Nouveau message : ${facts.subject}`, [
    quote(`${authorName} a écrit dans la demande de conseil ${facts.reference} :`, body),
  ]);
}

/** The asker reopens: to the expert (or the admins), with the reason. */
export function reopenedMail(facts: AdviceMailFacts, to: AdviceMailRecipient, reason: string): MailToSend {
  return adviceMail('advice.reopened', facts, to, `[${facts.reference}] Demande de conseil rouverte : ${facts.subject}`, [
    quote(`${facts.organisationName} rouvre la demande de conseil ${facts.reference}. La raison donnée :`, reason),
    summary(facts),
  ]);
}

/** The answer is late: to the expert, or to each admin of the direction when there is none. */
export function overdueMail(facts: AdviceMailFacts, to: AdviceMailRecipient, toExpert: boolean): MailToSend {
  return adviceMail('advice.overdue', facts, to, `[${facts.reference}] Demande de conseil en retard : ${facts.subject}`, [
    paragraph(
      toExpert
        ? `La demande de conseil ${facts.reference} qui vous est attribuée attend toujours une réponse : elle était attendue au plus tard le ${frenchDueDay(facts.dueAt)}.`
        : `La demande de conseil ${facts.reference} n’a pas d’expert et attend toujours une réponse : elle était attendue au plus tard le ${frenchDueDay(facts.dueAt)}. Merci de l’attribuer.`,
    ),
    summary(facts),
  ]);
}

/** The direction's admins who receive what has no expert: active admins of the agglomeration. */
export async function directionAdmins(em: EntityManager): Promise<AdviceMailRecipient[]> {
  const admins = await em.find(StaffMember, { active: true, role: 'ADMIN', organisation: { kind: 'AGGLOMERATION' } }, { orderBy: { email: 'asc' } });
  return admins.map(recipientOf);
}

export function recipientOf(member: StaffMember): AdviceMailRecipient {
  return { email: member.email, name: member.name };
}

/** Queues each mail in the caller's transaction, skipping the person who caused it and anyone twice. */
export function queueAdviceMails(em: EntityManager, mails: MailToSend[], now: Date, actorEmail: string | null): void {
  const seen = new Set<string>();
  for (const mail of mails) {
    const key = mail.to.trim().toLowerCase();
    if (seen.has(key) || key === actorEmail?.trim().toLowerCase()) continue;
    seen.add(key);
    queueMail(em, mail, now);
  }
}

/** What the advice mails say of a request (names included: mails go to the people involved, never to the public). */
export async function adviceMailFacts(em: EntityManager, request: AdviceRequest, hubUrl: string): Promise<AdviceMailFacts> {
  const [organisation, askedBy, family, expert] = await Promise.all([
    request.organisation.loadOrFail(),
    request.askedBy.loadOrFail(),
    request.family.loadOrFail(),
    request.expert ? request.expert.loadOrFail() : null,
  ]);
  return {
    reference: request.reference,
    subject: request.subject,
    question: request.question,
    stage: request.stage,
    familyName: family.name,
    organisationName: organisation.name,
    askedByName: askedBy.name,
    expertName: expert?.name ?? null,
    dueAt: request.dueAt,
    wishedAnswerDate: request.wishedAnswerDate,
    hubUrl,
  };
}
