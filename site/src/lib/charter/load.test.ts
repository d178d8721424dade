import { describe, expect, it } from 'vitest';
import { HubError } from '../hub/client.js';
import { fakeHubsClosedAfterEach, json, type Handler } from '../test-support/fake-hub.js';
import { loadCharter } from './load.js';
import type { CharterAdoption, EthicsCharter } from './types.js';

const hubAnswering = fakeHubsClosedAfterEach();

const charter = (version: number): EthicsCharter => ({ version, title: 'Charte', text: '## Un', publishedAt: '2026-07-22T00:00:00Z' });
const ref = (name: string) => ({ slug: name.toLowerCase(), name, kind: 'COMMUNE' as const });
const adoption = (version: number): CharterAdoption => ({
  version,
  withheld: null,
  headcount: 8,
  signedCount: 6,
  signedShare: 0.75,
  organisations: [
    { organisation: ref('Draguignan'), withheld: null, headcount: 6, signedCount: 5, signedShare: 5 / 6 },
    { organisation: ref('Le Muy'), withheld: 'SMALL', headcount: null, signedCount: null, signedShare: null },
  ],
});
const answering = (data: unknown): Handler => (_, res) => json(res, { data });

describe('loading the ethics charter', () => {
  it('gives the current charter with the figures of its own version', async () => {
    const hub = await hubAnswering(answering({ ethicsCharter: charter(2), charterAdoption: adoption(2) }));
    await expect(loadCharter({ endpoint: hub.endpoint })).resolves.toEqual({
      charter: charter(2),
      adoption: {
        version: 2,
        figures: {
          territory: { published: true, headcount: 8, count: 6, share: 0.75 },
          organisations: [
            { organisation: ref('Draguignan'), published: true, headcount: 6, count: 5, share: 5 / 6 },
            { organisation: ref('Le Muy'), published: false, reason: 'small' },
          ],
        },
      },
    });
  });

  it('shows a territory’s total the hub withholds as withheld', async () => {
    const small: CharterAdoption = { version: 1, withheld: 'SMALL', headcount: null, signedCount: null, signedShare: null, organisations: [] };
    const hub = await hubAnswering(answering({ ethicsCharter: charter(1), charterAdoption: small }));
    const { adoption: read } = await loadCharter({ endpoint: hub.endpoint });
    expect(read?.figures.territory).toEqual({ published: false, reason: 'small' });
  });

  it('refuses figures of fewer than three staff accounts as data the hub caused, so the page is left out, not published', async () => {
    const lone = { ...adoption(1), withheld: null, headcount: 2, signedCount: 1, signedShare: 0.5 };
    const hub = await hubAnswering(answering({ ethicsCharter: charter(1), charterAdoption: lone }));
    await expect(loadCharter({ endpoint: hub.endpoint })).rejects.toThrow(/the territory’s total: the hub publishes the figures of 2 staff accounts/);
    await expect(loadCharter({ endpoint: hub.endpoint })).rejects.toMatchObject({ dataRefused: true });
  });

  it('says there is no charter yet when the hub has none', async () => {
    const hub = await hubAnswering(answering({ ethicsCharter: null, charterAdoption: null }));
    await expect(loadCharter({ endpoint: hub.endpoint })).resolves.toEqual({ charter: null, adoption: null });
  });

  it.each([
    ['figures of another version', { ethicsCharter: charter(2), charterAdoption: adoption(1) }],
    ['a charter without figures', { ethicsCharter: charter(1), charterAdoption: null }],
    ['figures without a charter', { ethicsCharter: null, charterAdoption: adoption(1) }],
  ])('fails on %s, which a publication during the build causes', async (_, data) => {
    const hub = await hubAnswering(answering(data));
    await expect(loadCharter({ endpoint: hub.endpoint })).rejects.toThrow(/do not match/);
  });

  it('fails with an error the hub’s data caused when a resolver fails, so the page is left out', async () => {
    const hub = await hubAnswering((_, res) => json(res, { data: null, errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    await expect(loadCharter({ endpoint: hub.endpoint })).rejects.toThrow(HubError);
    await expect(loadCharter({ endpoint: hub.endpoint })).rejects.toMatchObject({ dataRefused: true });
  });
});
