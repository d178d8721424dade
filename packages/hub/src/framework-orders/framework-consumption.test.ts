import { describe, expect, it } from 'vitest';
import { frameworkConsumption, frameworkOrderProblem, type OrderCheck } from './framework-consumption.js';

describe('the consumption of a framework agreement', () => {
  it('adds the initial awards and every subsequent order', () => {
    expect(frameworkConsumption({ maximumAmount: 1_000_000, awardAmounts: [300_000, 200_000], orderAmounts: [50_000, 25_000.5] })).toEqual({
      consumedAmount: 575_000.5,
      remainingAmount: 424_999.5,
      consumedShare: 0.5750005,
    });
  });

  it('counts nothing for an award without an amount', () => {
    expect(frameworkConsumption({ maximumAmount: 100, awardAmounts: [null, 40], orderAmounts: [] }).consumedAmount).toBe(40);
  });

  it('is zero before any award', () => {
    expect(frameworkConsumption({ maximumAmount: 100, awardAmounts: [], orderAmounts: [] })).toEqual({
      consumedAmount: 0,
      remainingAmount: 100,
      consumedShare: 0,
    });
  });

  it('has no remaining amount or share without a maximum', () => {
    expect(frameworkConsumption({ maximumAmount: null, awardAmounts: [10], orderAmounts: [5] })).toEqual({
      consumedAmount: 15,
      remainingAmount: null,
      consumedShare: null,
    });
  });

  it('sums to the cent, whatever the floating point', () => {
    expect(frameworkConsumption({ maximumAmount: null, awardAmounts: [0.1, 0.2], orderAmounts: [] }).consumedAmount).toBe(0.3);
  });
});

describe('whether an order can be recorded', () => {
  const ok: OrderCheck = {
    isFramework: true,
    lot: { status: 'AWARDED', awardedOn: '2026-03-01', supplierSiret: '41234567000019' },
    singleSupplier: true,
    supplierSiret: '41234567000019',
    orderedOn: '2026-04-01',
    amount: 10_000,
    consumption: { consumedAmount: 90_000, remainingAmount: 10_000, consumedShare: 0.9 },
  };

  it('accepts an order of the holder, after the award, within the maximum', () => {
    expect(frameworkOrderProblem(ok)).toBeNull();
  });

  it.each<[string, Partial<OrderCheck>, string]>([
    ['a notice that is not a framework agreement', { isFramework: false }, 'reference'],
    ['a lot the notice does not have', { lot: undefined }, 'lotNumber'],
    ['a lot not awarded yet', { lot: { status: 'OPEN', awardedOn: null, supplierSiret: null } }, 'lotNumber'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['an order dated before the award', { orderedOn: '2026-02-28' }, 'orderedOn'],
    ['another supplier under a single-supplier agreement', { supplierSiret: '52345678800018' }, 'supplierSiret'],
    ['an order beyond the maximum', { amount: 10_000.01 }, 'amount'],
  ])('refuses %s', (_, change, field) => {
    expect(frameworkOrderProblem({ ...ok, ...change })?.field).toBe(field);
  });

  it('accepts another supplier under a multiple-supplier agreement, and any amount without a maximum', () => {
    expect(frameworkOrderProblem({ ...ok, singleSupplier: false, supplierSiret: '52345678800018' })).toBeNull();
    expect(frameworkOrderProblem({ ...ok, amount: 1e9, consumption: { consumedAmount: 0, remainingAmount: null, consumedShare: null } })).toBeNull();
  });
});
