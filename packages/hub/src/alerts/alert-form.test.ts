import { describe, expect, it } from 'vitest';
import { EMPTY_CRITERIA } from './alert-criteria.js';
import { parseAddressForm, parseCriteriaForm, parseEuros, parseSubscriptionForm } from './alert-form.js';

describe('reading the alert form', () => {
  it('reads every field as a plain HTML form posts it: repeated fields, comma lists, French amounts', () => {
    const parsed = parseSubscriptionForm({
      email: ' Contact@Plomberie-Lorgues.FR ',
      communes: ['83072', '83050'],
      buyers: 'commune-de-lorgues',
      families: ['espaces-verts'],
      cpv: '7731, 45112710-5;4526',
      keywords: 'tonte, espaces verts;élagage',
      minAmount: '40 000',
      maxAmount: '1\u202f500\u202f000,50 €',
      procedures: ['ADAPTED', 'OPEN'],
      includePlanned: 'on',
      frequency: 'DAILY',
      website: '',
    });
    expect(parsed).toEqual({
      ok: true,
      email: 'contact@plomberie-lorgues.fr',
      robot: false,
      frequency: 'DAILY',
      criteria: {
        communes: ['83072', '83050'],
        buyers: ['commune-de-lorgues'],
        families: ['espaces-verts'],
        cpvPrefixes: ['7731', '45112710', '4526'],
        keywords: ['tonte', 'espaces verts', 'élagage'],
        minAmount: 40_000,
        maxAmount: 1_500_000.5,
        procedures: ['ADAPTED', 'OPEN'],
        includePlanned: true,
      },
    });
  });

  it('takes an address alone as "every notice, at once"', () => {
    expect(parseSubscriptionForm({ email: 'a@exemple.fr' })).toEqual({ ok: true, email: 'a@exemple.fr', robot: false, frequency: 'IMMEDIATE', criteria: EMPTY_CRITERIA });
  });

  it.each([
    ['keywords', 'élagage\u0007'],
    ['keywords', ['tonte', 'taille\u001b[2J']],
    ['keywords', 'voirie\u0000'],
    ['cpv', '45\u202e233'],
    ['communes', '83072\u2066'],
    ['frequency', 'DAILY\u000b'],
    ['minAmount', '40\u007f000'],
    ['website', '\ud800'],
  ])('refuses a control, bidi or non-character in %s, naming the field, as the API refuses it in any text', (field, value) => {
    const parsed = parseSubscriptionForm({ email: 'a@exemple.fr', [field]: value });
    expect(parsed).toMatchObject({ ok: false, field, message: expect.stringMatching(/^Ce champ contient .* \(U\+[0-9A-F]{4}\)/) });
    expect(parseCriteriaForm({ [field]: value })).toMatchObject({ ok: false, field });
  });

  it('tells a robot by the hidden field it filled', () => {
    expect(parseSubscriptionForm({ email: 'a@exemple.fr', website: 'http://x' })).toMatchObject({ ok: true, robot: true });
    expect(parseAddressForm({ email: 'a@exemple.fr', website: 'x' })).toMatchObject({ ok: true, robot: true });
  });

  it.each([
    [{}, 'email'],
    [{ email: 'jean' }, 'email'],
    [{ email: 'a@exemple.fr', frequency: 'WEEKLY' }, 'frequency'],
    [{ email: 'a@exemple.fr', minAmount: '12e3' }, 'minAmount'],
    [{ email: 'a@exemple.fr', maxAmount: '-5' }, 'maxAmount'],
    [{ email: 'a@exemple.fr', procedures: 'AUCTION' }, 'procedures'],
    [{ email: 'a@exemple.fr', cpv: '7' }, 'cpv'],
    [{ email: 'a@exemple.fr', communes: 'Lorgues' }, 'communes'],
    [{ email: 'a@exemple.fr', keywords: 'x'.repeat(81) }, 'keywords'],
    [{ email: 'a@exemple.fr', keywords: 'x'.repeat(2001) }, 'keywords'],
    [{ email: 'a@exemple.fr', communes: Array.from({ length: 201 }, () => '83072') }, 'communes'],
  ] as Array<[Record<string, string | string[]>, string]>)('refuses %j naming the field %s', (body, field) => {
    const parsed = parseSubscriptionForm(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.field).toBe(field);
      expect(parsed.message).toMatch(/[a-zé]/);
    }
  });

  it('reads the criteria of the manage page without an address', () => {
    expect(parseCriteriaForm({ keywords: 'toiture' })).toEqual({ ok: true, frequency: 'IMMEDIATE', criteria: { ...EMPTY_CRITERIA, keywords: ['toiture'] } });
  });

  it.each([
    ['', null],
    ['40000', 40_000],
    ['40 000', 40_000],
    ['40\u00a0000 €', 40_000],
    ['1234,5', 1234.5],
    ['1234.56', 1234.56],
    ['12e3', 'invalid'],
    ['-1', 'invalid'],
    ['1,234,567', 'invalid'],
    ['beaucoup', 'invalid'],
  ])('reads the amount %j as %s', (text, expected) => {
    expect(parseEuros(text)).toBe(expected);
  });
});
