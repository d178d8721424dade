import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { mentionedName, searchWords, validateAdvice } from './advice-validation.js';

function refusal(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, ...error.details, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('the links attached to a request', () => {
  it('keeps http(s) links, naming each by its host when no label is given', () => {
    expect(
      validateAdvice.attachments([
        { url: ' https://drive.lorgues.fr/cctp-cantine.pdf ' },
        { label: 'Rapport d’analyse', url: 'http://intranet.example/rapport.odt' },
      ]),
    ).toEqual([
      { label: 'drive.lorgues.fr', url: 'https://drive.lorgues.fr/cctp-cantine.pdf' },
      { label: 'Rapport d’analyse', url: 'http://intranet.example/rapport.odt' },
    ]);
  });

  it.each(['javascript:alert(1)', 'ftp://files.example/a.pdf', 'file:///etc/passwd', 'pas une adresse', 'https://'])(
    'refuses %s, naming the attachment',
    (url) => {
      expect(refusal(() => validateAdvice.attachments([{ url: 'https://ok.example/a' }, { url }]))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'attachments[1].url',
      });
    },
  );

  it('names every refused link at once, a blank address as missing', () => {
    expect(
      refusal(() => validateAdvice.attachments([{ url: 'ftp://a.example/x' }, { url: 'https://ok.example/a' }, { url: '  ' }, { label: 'x'.repeat(201), url: 'https://ok.example/b' }])),
    ).toMatchObject({
      fields: [
        { field: 'attachments[0].url', code: 'INVALID' },
        { field: 'attachments[2].url', code: 'MISSING' },
        { field: 'attachments[3].label', code: 'INVALID' },
      ],
    });
  });

  it('refuses more than ten links', () => {
    const links = Array.from({ length: 11 }, (_, index) => ({ url: `https://docs.example/${index}` }));
    expect(refusal(() => validateAdvice.attachments(links))).toMatchObject({ field: 'attachments' });
  });
});

describe('the wished answer date', () => {
  it('is optional, and may be today or later', () => {
    expect(validateAdvice.wishedAnswerDate(null, '2026-12-01')).toBeNull();
    expect(validateAdvice.wishedAnswerDate('  ', '2026-12-01')).toBeNull();
    expect(validateAdvice.wishedAnswerDate('2026-12-01', '2026-12-01')).toBe('2026-12-01');
  });

  it.each([
    ['2026-11-30', 'dans le passé', 'INVALID'],
    ['2026-02-30', 'AAAA-MM-JJ', 'INVALID'],
    // Month 13 and day 32 are no date at all for JavaScript either: refused, not a RangeError (a 500).
    ['2026-13-01', 'AAAA-MM-JJ', 'INVALID'],
    ['2026-12-32', 'AAAA-MM-JJ', 'INVALID'],
    ['01/12/2026', 'AAAA-MM-JJ', 'INVALID'],
    ['2150-01-01', 'ne peut dépasser 5 ans', 'IMPLAUSIBLE'],
  ])('refuses %s', (value, message, code) => {
    expect(refusal(() => validateAdvice.wishedAnswerDate(value, '2026-12-01'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'wishedAnswerDate',
      message: expect.stringContaining(message),
      fields: [{ field: 'wishedAnswerDate', code, message: expect.stringMatching(/^Le champ wishedAnswerDate /) }],
    });
  });

  it('accepts a date up to five years ahead', () => {
    expect(validateAdvice.wishedAnswerDate('2031-11-30', '2026-12-01')).toBe('2031-11-30');
  });
});

describe('anonymising an answer for the knowledge base', () => {
  const names = ['Marie Dupont', 'marie.dupont@lorgues.fr', 'Lorgues', 'Le Muy'];

  it('finds a name written with other case or without accents, as a whole word', () => {
    expect(mentionedName('Bonjour, MARIE dupont a demandé…', names)).toBe('Marie Dupont');
    expect(mentionedName('Écrire à marie.dupont@lorgues.fr.', names)).toBe('marie.dupont@lorgues.fr');
    expect(mentionedName('La commune de lorgues a…', names)).toBe('Lorgues');
    expect(mentionedName('Au Muy comme au le-muy', names)).toBe('Le Muy');
  });

  it('does not see a name inside another word', () => {
    expect(mentionedName('Les marchés de Lorguesville et des Muyens', ['Lorgues', 'Muy'])).toBeNull();
    expect(mentionedName('Une cantine scolaire de 120 couverts', names)).toBeNull();
  });
});

describe('the words of a knowledge search', () => {
  it('folds case and accents, drops one-letter words and repeats', () => {
    expect(searchWords('Énergie  électrique, l’ÉNERGIE')).toEqual(['energie', 'electrique']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords(null)).toEqual([]);
  });
});
