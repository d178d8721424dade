import { describe, expect, it } from 'vitest';
import type { FrameworkAgreement } from '../hub/types.js';
import { aLot, anAwardedNotice } from '../test-support/builders.js';
import { frameworkView } from './framework-view.js';

const HUB_METHOD =
  'Sum of the initial award of each lot (the first order under the agreement) and of every subsequent order recorded under it, euros excl. VAT.';

const framework = (overrides: Partial<FrameworkAgreement> = {}): FrameworkAgreement => ({
  maximumAmount: 1_000_000,
  durationMonths: 48,
  supplierMode: 'SINGLE',
  consumedAmount: 352_400,
  remainingAmount: 647_600,
  consumptionMethod: HUB_METHOD,
  orders: [],
  ...overrides,
});
const spaces = (text: string | null) => text?.replace(/[\u202F\u00A0]/g, ' ') ?? null;
const awardedLots = anAwardedNotice().lots;

describe('a framework agreement as the notice page shows it', () => {
  it('gives the consumed amount against the maximum, what is left and the share used', () => {
    const view = frameworkView(framework(), awardedLots);
    expect([spaces(view.consumed), spaces(view.maximum), spaces(view.remaining), view.consumedPercent]).toEqual([
      '352 400 € HT',
      '1 000 000 € HT',
      '647 600 € HT',
      35,
    ]);
  });

  it('says by how much the records exceed the maximum, and a share above 100 %', () => {
    const view = frameworkView(framework({ consumedAmount: 1_012_000, remainingAmount: -12_000 }), awardedLots);
    expect([spaces(view.remaining), view.consumedPercent]).toEqual(['dépassé de 12 000 € HT', 101]);
  });

  it('has no share nor remaining amount without a maximum', () => {
    const view = frameworkView(framework({ maximumAmount: null, remainingAmount: null }), awardedLots);
    expect([view.maximum, view.remaining, view.consumedPercent]).toEqual([null, null, null]);
  });

  it('states the hub’s method in French, and shows a method it does not know as the hub wrote it, in English', () => {
    expect(frameworkView(framework(), awardedLots).method).toEqual({
      text: expect.stringMatching(/^Somme du montant attribué pour chaque lot/),
      lang: 'fr',
    });
    expect(frameworkView(framework({ consumptionMethod: 'Orders only.' }), awardedLots).method).toEqual({ text: 'Orders only.', lang: 'en' });
  });

  it('warns that the consumed amount is understated when an award’s amount was not communicated', () => {
    const award = awardedLots[0]!.award!;
    expect(frameworkView(framework(), awardedLots).understated).toBe(false);
    expect(frameworkView(framework(), [aLot({ status: 'AWARDED', award: { ...award, amount: null } })]).understated).toBe(true);
  });

  it('lists the subsequent orders, oldest first as the hub gives them, with French dates and amounts', () => {
    const view = frameworkView(
      framework({
        orders: [
          { reference: 'BC-2026-001', lotNumber: 1, orderedOn: '2026-09-15', supplierName: 'Jardins du Var SARL', amount: 12_500 },
          { reference: 'MS-2026-002', lotNumber: 2, orderedOn: '2026-10-01', supplierName: 'Routes d’Azur TP', amount: 48_000.5 },
        ],
      }),
      awardedLots,
    );
    expect(view.orders.map((order) => ({ ...order, amount: spaces(order.amount) }))).toEqual([
      { reference: 'BC-2026-001', lot: '1', orderedOn: '15 septembre 2026', supplierName: 'Jardins du Var SARL', amount: '12 500 €' },
      { reference: 'MS-2026-002', lot: '2', orderedOn: '1er octobre 2026', supplierName: 'Routes d’Azur TP', amount: '48 000,50 €' },
    ]);
  });
});
