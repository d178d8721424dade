import { describe, expect, it } from 'vitest';
import { foldText } from './alert-criteria.js';
import { alertLinks } from './alert-links.js';
import type { AlertReason } from './alert-announcement.entity.js';
import { countsPhrase, digestMail, immediateAlertMail, type AlertItem } from './alert-mails.js';
import type { AlertNotice } from './alert-notice.js';

const links = alertLinks({ siteUrl: 'https://marches.example', hubPublicUrl: 'https://hub.marches.example' });
const NOW = new Date('2026-12-02T06:00:00Z');

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

type NoticeReason = Exclude<AlertReason, 'PLANNED'>;
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
});
