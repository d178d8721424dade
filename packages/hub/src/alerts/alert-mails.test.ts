import { describe, expect, it } from 'vitest';
import { foldText } from './alert-criteria.js';
import { alertLinks } from './alert-links.js';
import type { NoticeReason } from './alert-changes.js';
import { countsPhrase, digestMail, immediateAlertMail, type AlertItem } from './alert-mails.js';
import type { AlertNotice } from './alert-notice.js';
import type { AlertPlan } from './alert-plan.js';

const links = alertLinks({ siteUrl: 'https://marches.example', hubPublicUrl: 'https://hub.marches.example' });
const NOW = new Date('2026-12-02T06:00:00Z');

function plan(reference: string, overrides: Partial<AlertPlan> = {}): AlertPlan {
  const text = 'Rénovation de l’école';
  return {
    reference,
    title: 'Rénovation de l’école',
    buyerName: 'Draguignan',
    buyerSlug: 'draguignan',
    communeInsee: '83050',
    communeName: 'Draguignan',
    familySlug: null,
    cpvCodes: ['45321000-3'],
    text,
    foldedText: foldText(text),
    estimatedValue: null,
    amountRange: { min: 216_000, max: 1_000_000 },
    procedure: 'ADAPTED',
    launchYear: 2027,
    launchQuarter: 2,
    amountLabel: 'de 216 000 € à 1 000 000 € HT',
    status: 'PUBLISHED',
    withdrawalReason: null,
    ...overrides,
  };
}

function notice(reference: string, title = `Avis ${reference}`): AlertNotice {
  const text = title;
  return {
    reference,
    title,
    buyerName: 'Draguignan',
    buyerSlug: 'draguignan',
    communeInsee: '83050',
    communeName: 'Draguignan',
    familySlug: null,
    familyName: null,
    cpvCodes: ['77310000-6'],
    text,
    foldedText: foldText(text),
    estimatedValue: null,
    procedure: 'OPEN',
    deadline: new Date('2027-01-10T09:00:00Z'),
    status: 'PUBLISHED',
    correctionReason: null,
    cancellationReason: null,
  };
}

const items = (...reasons: NoticeReason[]): AlertItem[] => reasons.map((reason, index) => ({ reason, notice: notice(`2026-DRA-00${10 + index}`) }));
const input = (told: AlertItem[]) => ({ to: 'a@exemple.fr', manageToken: 't'.repeat(43), links, items: told, closingSoon: [], now: NOW });

describe('what the subject of a mail telling several notices says', () => {
  it.each([
    [['PUBLISHED'], '1 nouvel avis'],
    [['PUBLISHED', 'PUBLISHED'], '2 nouveaux avis'],
    [['CORRECTED'], '1 avis rectifié'],
    [['CANCELLED', 'CANCELLED'], '2 avis annulés'],
    [['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'CORRECTED', 'CANCELLED', 'CORRECTED'], '3 nouveaux avis, 2 avis rectifiés, 1 avis annulé'],
  ] as Array<[NoticeReason[], string]>)('%j reads « %s »', (reasons, phrase) => {
    expect(countsPhrase(items(...reasons))).toBe(phrase);
  });

  it('names the day and agrees in number in a digest of two new notices', () => {
    expect(digestMail(input(items('PUBLISHED', 'PUBLISHED'))).subject).toBe('Vos alertes du mercredi 2 décembre 2026 : 2 nouveaux avis');
  });

  it('does not announce « 0 nouvel avis » in a digest of changes only', () => {
    expect(digestMail(input(items('CORRECTED'))).subject).toBe('Vos alertes du mercredi 2 décembre 2026 : 1 avis rectifié');
  });

  it('gives a lone immediate alert the notice’s title, and several of one pass one mail listing each', () => {
    expect(immediateAlertMail(input([{ reason: 'PUBLISHED', notice: notice('2026-DRA-0001', 'Tonte') }])).subject).toBe('Nouvel avis : Tonte');
    const grouped = immediateAlertMail(input(items('PUBLISHED', 'CANCELLED')));
    expect(grouped.subject).toBe('Vos alertes : 1 nouvel avis, 1 avis annulé');
    expect(grouped.text).toContain('Référence 2026-DRA-0010');
    expect(grouped.text).toContain('Référence 2026-DRA-0011');
    expect(grouped.text.indexOf('Nouveaux avis')).toBeLessThan(grouped.text.indexOf('Avis rectifiés ou annulés'));
    expect(grouped.headers).toEqual({ 'List-Unsubscribe': `<${links.unsubscribe('t'.repeat(43))}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('renders a notice shared by many mails with each subscriber’s own links', () => {
    const shared = items('PUBLISHED');
    const one = immediateAlertMail({ ...input(shared), manageToken: 'a'.repeat(43) });
    const other = immediateAlertMail({ ...input(shared), manageToken: 'b'.repeat(43) });
    expect(one.text).toContain(links.unsubscribe('a'.repeat(43)));
    expect(other.text).toContain(links.unsubscribe('b'.repeat(43)));
    expect(other.text).not.toContain('a'.repeat(43));
  });

  it('tells a notice as it is now to the next subscriber told the same thing after it changed', () => {
    const before = [{ reason: 'PUBLISHED' as const, notice: notice('2026-DRA-0040', 'Tonte des stades') }, { reason: 'PUBLISHED' as const, notice: notice('2026-DRA-0041') }];
    const after = [{ reason: 'PUBLISHED' as const, notice: notice('2026-DRA-0040', 'Tonte des stades et des parcs') }, before[1]!];
    const first = digestMail({ ...input(before), closingSoon: [notice('2026-DRA-0042', 'Balayage')] });
    const second = digestMail({ ...input(after), closingSoon: [notice('2026-DRA-0042', 'Balayage des rues')] });
    expect(first.text).toContain('Tonte des stades\n');
    expect(second.text).toContain('Tonte des stades et des parcs');
    expect(second.html).toContain('Balayage des rues');
    expect(digestMail({ ...input(before), closingSoon: [notice('2026-DRA-0042', 'Balayage')] })).toEqual(first);
  });
});

describe('what a mail says of a planned purchase that changed or was withdrawn', () => {
  it('titles a lone change and names what it touched, with the planned purchase as it is now and its page', () => {
    const mail = immediateAlertMail(input([{ reason: 'PLAN_UPDATED', notice: plan('PREV-2026-0007', { launchQuarter: 3 }), fields: ['launchQuarter', 'amountBand'] }]));
    expect(mail.kind).toBe('alert.plan_updated');
    expect(mail.subject).toBe('Achat prévu modifié : Rénovation de l’école');
    expect(mail.text).toContain('Un achat prévu que nous vous avions signalé a changé :');
    expect(mail.text).toContain('L’acheteur a modifié cet achat prévu, que nous vous avions signalé (modifié : le trimestre de lancement et le montant estimé)');
    expect(mail.text).toContain('Lancement prévu : 3e trimestre 2027');
    expect(mail.text).toContain(links.plan('PREV-2026-0007'));
    expect(mail.html).toContain(`<a href="${links.plan('PREV-2026-0007')}">Achat prévu modifié : Rénovation de l’école</a>`);
  });

  it('says a withdrawal and its reason, and that no notice will follow', () => {
    const mail = immediateAlertMail(input([{ reason: 'PLAN_WITHDRAWN', notice: plan('PREV-2026-0007', { status: 'WITHDRAWN', withdrawalReason: 'Projet abandonné <faute de budget>' }) }]));
    expect(mail.kind).toBe('alert.plan_withdrawn');
    expect(mail.subject).toBe('Achat prévu retiré : Rénovation de l’école');
    expect(mail.text).toContain('L’acheteur a retiré de sa programmation cet achat prévu, que nous vous avions signalé ; aucun avis de marché ne le suivra. Motif : Projet abandonné <faute de budget>');
    expect(mail.html).toContain('Motif : Projet abandonné &lt;faute de budget&gt;');
  });

  it('renders the same planned purchase changed twice with each change’s own fields', () => {
    const same = plan('PREV-2026-0008');
    const first = immediateAlertMail(input([{ reason: 'PLAN_UPDATED', notice: same, fields: ['subject'] }]));
    const second = immediateAlertMail(input([{ reason: 'PLAN_UPDATED', notice: same, fields: ['procedure'] }]));
    expect(first.text).toContain('(modifié : l’objet)');
    expect(second.text).toContain('(modifié : la procédure envisagée)');
    expect(second.text).not.toContain('l’objet');
  });

  it('counts them in a grouped mail’s subject and lists them in their own section after the new planned purchases', () => {
    const told: AlertItem[] = [
      { reason: 'PUBLISHED', notice: notice('2026-DRA-0020') },
      { reason: 'PLAN_WITHDRAWN', notice: plan('PREV-2026-0001', { status: 'WITHDRAWN' }) },
      { reason: 'PLANNED', notice: plan('PREV-2026-0002') },
      { reason: 'PLAN_UPDATED', notice: plan('PREV-2026-0003'), fields: [] },
      { reason: 'PLAN_UPDATED', notice: plan('PREV-2026-0004'), fields: ['contactService', 'contactEmail'] },
    ];
    expect(countsPhrase(told)).toBe('1 nouvel avis, 1 achat prévu, 2 achats prévus modifiés, 1 achat prévu retiré');
    const digest = digestMail(input(told));
    expect(digest.subject).toBe('Vos alertes du mercredi 2 décembre 2026 : 1 nouvel avis, 1 achat prévu, 2 achats prévus modifiés, 1 achat prévu retiré');
    const text = digest.text;
    expect(text.indexOf('Achats prévus (programmation prévisionnelle)')).toBeLessThan(text.indexOf('Achats prévus modifiés ou retirés'));
    expect(text.indexOf('Achats prévus modifiés ou retirés')).toBeLessThan(text.indexOf('Référence PREV-2026-0001'));
    expect(text).toContain('(modifié : le contact)');
    expect(text).toContain('L’acheteur a retiré de sa programmation cet achat prévu, que nous vous avions signalé ; aucun avis de marché ne le suivra.');
    expect(digest.html).toContain('<h2 style="font-size:115%">Achats prévus modifiés ou retirés</h2>');
  });
});
