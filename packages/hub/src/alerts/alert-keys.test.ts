import { describe, expect, it } from 'vitest';
import { PROCEDURES, type Procedure } from '../notices/response-times.js';
import { EMPTY_CRITERIA, matchesCriteria, type AlertCriteria, type MatchableNotice } from './alert-criteria.js';
import { seededRandom } from '../../../../bench/lib/random.mjs';
import { ALL_KEY, KEY_LENGTH, noticeKeys, PAIRS_MOST, subscriptionKeys } from './alert-keys.js';

const notice: MatchableNotice = {
  communeInsee: '83072',
  buyerSlug: 'commune-de-lorgues',
  familySlug: 'espaces-verts',
  cpvCodes: ['77310000-6', '45112710-5'],
  text: 'Entretien des espaces verts du stade — Lot 1 : tonte ; Lot 2 : élagage des platanes',
  estimatedValue: 120_000,
  procedure: 'ADAPTED',
};
const criteria = (overrides: Partial<AlertCriteria>): AlertCriteria => ({ ...EMPTY_CRITERIA, ...overrides });
const found = (overrides: Partial<AlertCriteria>, target: MatchableNotice = notice) => {
  const keys = new Set(noticeKeys(target));
  return subscriptionKeys(criteria(overrides)).some((key) => keys.has(key));
};

describe('the index of subscriptions by their criteria', () => {
  it.each([
    ['no criterion', {}, [ALL_KEY]],
    ['only an amount range', { minAmount: 10_000 }, [ALL_KEY]],
    ['communes and buyers, with keywords too', { communes: ['83072', '83050'], buyers: ['ville-de-draguignan'], keywords: ['tonte'] }, ['commune:83072', 'commune:83050', 'buyer:ville-de-draguignan']],
    [
      'communes and buyers with families: each pair of a place and a family',
      { communes: ['83072', '83050'], buyers: ['ville-de-draguignan'], families: ['voirie', 'nettoyage'], keywords: ['tonte'] },
      ['commune:83072+family:voirie', 'commune:83072+family:nettoyage', 'commune:83050+family:voirie', 'commune:83050+family:nettoyage', 'buyer:ville-de-draguignan+family:voirie', 'buyer:ville-de-draguignan+family:nettoyage'],
    ],
    [
      'more pairs of places and families than PAIRS_MOST: the places alone',
      { communes: Array.from({ length: 13 }, (_, index) => `830${String(index).padStart(2, '0')}`), families: ['voirie', 'nettoyage'] },
      Array.from({ length: 13 }, (_, index) => `commune:830${String(index).padStart(2, '0')}`),
    ],
    ['families, with CPV prefixes too', { families: ['voirie', 'espaces-verts'], cpvPrefixes: ['45'] }, ['family:voirie', 'family:espaces-verts']],
    ['CPV prefixes, with keywords too', { cpvPrefixes: ['4526', '77310000'], keywords: ['tonte'] }, ['cpv:4526', 'cpv:77310000']],
    ['keywords: the first word of each, folded', { keywords: ['Élagage', 'espaces verts', 'ÉLAGAGE des arbres'] }, ['word:elagage', 'word:espaces']],
    ['a keyword of punctuation only, found everywhere', { keywords: ['tonte', '!!'] }, [ALL_KEY]],
    ['procedures only', { procedures: ['OPEN', 'ADAPTED'] }, ['procedure:OPEN', 'procedure:ADAPTED']],
  ] as Array<[string, Partial<AlertCriteria>, string[]]>)('files a subscription with %s under %j', (_what, overrides, keys) => {
    expect(subscriptionKeys(criteria(overrides))).toEqual(keys);
  });

  it.each([
    ['its commune', { communes: ['83072'] }, true],
    ['another commune', { communes: ['83050'] }, false],
    ['another commune but its buyer', { communes: ['83050'], buyers: ['commune-de-lorgues'] }, true],
    ['its commune and its family', { communes: ['83072'], families: ['espaces-verts', 'voirie'] }, true],
    ['its buyer and its family', { communes: ['83050'], buyers: ['commune-de-lorgues'], families: ['espaces-verts'] }, true],
    ['its commune and another family', { communes: ['83072'], families: ['voirie'] }, false],
    ['another commune and its family', { communes: ['83050'], families: ['espaces-verts'] }, false],
    ['its family', { families: ['espaces-verts'] }, true],
    ['another family', { families: ['voirie'] }, false],
    ['a CPV division of a lot', { cpvPrefixes: ['45'] }, true],
    ['a full CPV code with its check digit stripped', { cpvPrefixes: ['77310000'] }, true],
    ['a CPV prefix of no code', { cpvPrefixes: ['4526'] }, false],
    ['a word start', { keywords: ['plata'] }, true],
    ['a phrase whose first word is whole', { keywords: ['espaces verts'] }, true],
    ['a word inside another', { keywords: ['tanes'] }, false],
    ['its procedure', { procedures: ['ADAPTED'] }, true],
    ['another procedure', { procedures: ['OPEN'] }, false],
  ] as Array<[string, Partial<AlertCriteria>, boolean]>)('lets a notice meet a subscription asking for %s: %s', (_what, overrides, expected) => {
    expect(found(overrides)).toBe(expected);
  });

  it('lets a notice meet a subscription whose keys were cut: a buyer and a family of the longest slugs', () => {
    const buyer = 'b'.repeat(120);
    const family = 'f'.repeat(120);
    const target = { ...notice, buyerSlug: buyer, familySlug: family };
    expect(subscriptionKeys(criteria({ buyers: [buyer] }))[0]!.length).toBe(KEY_LENGTH);
    for (const overrides of [{ buyers: [buyer] }, { buyers: [buyer], families: [family] }, { families: [family] }, { communes: ['83072'], families: [family] }]) {
      expect(matchesCriteria(criteria(overrides), target)).toBe(true);
      expect(found(overrides, target), JSON.stringify(overrides)).toBe(true);
    }
  });

  it('never hides a match: every pair of a brute-force walk that matches shares a key', () => {
    const random = seededRandom(15);
    const pick = <T>(list: readonly T[], most: number) => [...new Set(Array.from({ length: Math.floor(random() * (most + 1)) }, () => list[Math.floor(random() * list.length)]!))];
    const communes = ['83072', '83050', '83058', '83141'];
    // Communes no notice is in: with them, some subscriptions have more pairs of places and families than PAIRS_MOST.
    const elsewhere = Array.from({ length: PAIRS_MOST }, (_, index) => `84${String(index).padStart(3, '0')}`);
    const buyers = ['commune-de-lorgues', 'ville-de-draguignan', 'dracenie-provence-verdon-agglomeration'];
    const families = ['espaces-verts', 'voirie', 'nettoyage'];
    const cpvs = ['77310000-6', '45112710-5', '45261210-9', '90910000-9', '30213000'];
    const prefixes = ['4', '45', '4511', '45112710', '77', '7731', '90', '3', '30213000', '9091'];
    const words = ['entretien', 'espaces', 'verts', 'élagage', 'Tonte', 'stade', 'voirie', 'nettoyage', 'des'];
    const keywords = ['espace', 'espaces verts', 'verts', 'élag', 'ELAGAGE', 'tonte des', 'stades', 'voi', '—', 'e'];
    let matched = 0;
    let pairedMatches = 0;
    let placeMatches = 0;
    let met = 0;
    let pairs = 0;
    for (let round = 0; round < 400; round++) {
      const target: MatchableNotice = {
        communeInsee: random() < 0.2 ? null : communes[Math.floor(random() * communes.length)]!,
        buyerSlug: buyers[Math.floor(random() * buyers.length)]!,
        familySlug: random() < 0.2 ? null : families[Math.floor(random() * families.length)]!,
        cpvCodes: pick(cpvs, 3),
        text: pick(words, 6).join(' '),
        estimatedValue: random() < 0.3 ? null : Math.floor(random() * 200_000),
        procedure: PROCEDURES[Math.floor(random() * PROCEDURES.length)]! as Procedure,
      };
      const keys = new Set(noticeKeys(target));
      for (let one = 0; one < 100; one++) {
        const subscription = criteria({
          communes: [...pick(communes, 2), ...(random() < 0.1 ? elsewhere : [])],
          buyers: random() < 0.3 ? pick(buyers, 1) : [],
          families: pick(families, 2),
          cpvPrefixes: random() < 0.4 ? pick(prefixes, 2) : [],
          keywords: random() < 0.4 ? pick(keywords, 2) : [],
          minAmount: random() < 0.2 ? 50_000 : null,
          procedures: random() < 0.3 ? (pick(PROCEDURES, 2) as Procedure[]) : [],
        });
        pairs++;
        const shares = subscriptionKeys(subscription).some((key) => keys.has(key));
        if (shares) met++;
        if (matchesCriteria(subscription, target)) {
          matched++;
          if (subscription.families.length) {
            if (subscriptionKeys(subscription).some((key) => key.includes('+'))) pairedMatches++;
            else placeMatches++;
          }
          expect(shares, JSON.stringify({ subscription, target })).toBe(true);
        }
      }
    }
    // The walk is worth something: many matches, and the index leaves out many of the pairs that do not match.
    expect(matched).toBeGreaterThan(2_000);
    // Both filings of where-or-who with families are walked: under pairs, and under the places alone past PAIRS_MOST.
    expect(pairedMatches).toBeGreaterThan(100);
    expect(placeMatches).toBeGreaterThan(20);
    expect(pairs - met).toBeGreaterThan(10_000);
  });
});
