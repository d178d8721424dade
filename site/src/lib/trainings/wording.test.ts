import { describe, expect, it } from 'vitest';
import { formatDuration, parisTime, providerLabel, seatsLeftLabel, sessionPlace, sessionWhen, sessionWhenText } from './wording.js';

describe('when a session takes place, in Paris time', () => {
  it.each([
    ['a morning in winter (UTC+1)', '2026-12-08T08:00:00Z', '2026-12-08T11:30:00Z', 'mardi 8 décembre 2026, de 09\u00a0h\u00a000 à 12\u00a0h\u00a030'],
    ['a day in summer (UTC+2)', '2026-07-01T07:00:00Z', '2026-07-01T15:00:00Z', 'mercredi 1er juillet 2026, de 09\u00a0h\u00a000 à 17\u00a0h\u00a000'],
    ['two days', '2027-01-04T08:00:00Z', '2027-01-05T16:00:00Z', 'du lundi 4 janvier 2027 à 09\u00a0h\u00a000 au mardi 5 janvier 2027 à 17\u00a0h\u00a000'],
    ['a late session that crosses midnight in Paris but not in UTC', '2026-12-08T22:30:00Z', '2026-12-08T23:30:00Z', 'du mardi 8 décembre 2026 à 23\u00a0h\u00a030 au mercredi 9 décembre 2026 à 00\u00a0h\u00a030'],
  ])('writes %s', (_, startsAt, endsAt, text) => {
    expect(sessionWhenText({ startsAt, endsAt })).toBe(text);
  });

  it('splits a one-day session into its day and its two times, for the `<time>` elements', () => {
    expect(sessionWhen({ startsAt: '2026-12-08T08:00:00Z', endsAt: '2026-12-08T11:30:00Z' })).toEqual({
      sameDay: true,
      day: 'mardi 8 décembre 2026',
      from: '09\u00a0h\u00a000',
      to: '12\u00a0h\u00a030',
    });
  });

  it('reads midnight in Paris as 00 h 00 of the Paris day', () => {
    expect(parisTime('2026-12-08T23:00:00Z')).toBe('00\u00a0h\u00a000');
  });
});

describe('where, how many seats, how long, by whom', () => {
  it.each([
    [{ place: 'Salle du conseil', isRemote: false }, 'Salle du conseil'],
    [{ place: null, isRemote: true }, 'à distance'],
    [{ place: 'Salle du conseil', isRemote: true }, 'Salle du conseil, ou à distance'],
    [{ place: '  ', isRemote: true }, 'à distance'],
    [{ place: null, isRemote: false }, 'lieu à préciser'],
  ])('places %o as « %s »', (session, text) => {
    expect(sessionPlace(session)).toBe(text);
  });

  it.each([
    [{ seatsLeft: 5, capacity: 12 }, '5 places restantes sur 12'],
    [{ seatsLeft: 1, capacity: 12 }, '1 place restante sur 12'],
    [{ seatsLeft: 0, capacity: 3 }, 'complet (3 places) : les nouvelles demandes vont en liste d’attente'],
  ])('counts seats %o as « %s »', (session, text) => {
    expect(seatsLeftLabel(session)).toBe(text);
  });

  it.each([
    [7, '7\u00a0h'],
    [14, '14\u00a0h'],
    [3.5, '3\u00a0h\u00a030'],
    [1.25, '1\u00a0h\u00a015'],
    [0.75, '45\u00a0min'],
    [157.5, '157\u00a0h\u00a030'],
  ])('writes %s hours as « %s »', (hours, text) => {
    expect(formatDuration(hours)).toBe(text);
  });

  it.each([[0], [-1], [Number.NaN]])('refuses a duration of %s hours', (hours) => {
    expect(() => formatDuration(hours)).toThrow(RangeError);
  });

  it('names the provider and says whether it is internal', () => {
    expect(providerLabel({ providerName: 'CNFPT', providerKind: 'EXTERNAL' })).toBe('CNFPT (organisme extérieur)');
    expect(providerLabel({ providerName: 'Direction de la commande publique', providerKind: 'INTERNAL' })).toBe(
      'Direction de la commande publique (formation interne)',
    );
  });
});
