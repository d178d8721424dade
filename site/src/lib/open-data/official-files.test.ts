import { describe, expect, it } from 'vitest';
import {
  describeOfficialCsvColumns,
  formatFileSize,
  officialFileUrl,
  officialManifest,
  shareOfficialManifest,
  UNDESCRIBED_COLUMN,
} from './official-files.js';

describe('the official open-data files', () => {
  it.each([
    ['http://127.0.0.1:4000/graphql', 'http://127.0.0.1:4000/opendata/decp.json'],
    ['https://hub.example/graphql/', 'https://hub.example/opendata/decp.json'],
    ['https://example.org/marches/hub/graphql', 'https://example.org/marches/hub/opendata/decp.json'],
  ])('finds the files beside the GraphQL endpoint %s', (hubUrl, expected) => {
    expect(officialFileUrl(hubUrl, 'decp.json')).toBe(expected);
  });

  it('describes each column of the hub CSV in the order of the file, and says which it cannot describe', () => {
    const described = describeOfficialCsvColumns(['reference', 'buyer_siret', 'award_amount', 'new_column']);
    expect(described.map((column) => column.name)).toEqual(['reference', 'buyer_siret', 'award_amount', 'new_column']);
    expect(described[0]!.description).toBe('Référence de l’avis');
    expect(described[1]!.description).toMatch(/^SIRET de l’acheteur/);
    expect(described[2]!.description).toMatch(/vide s’il n’est pas communiqué/);
    expect(described[3]!.description).toBe(UNDESCRIBED_COLUMN);
  });

  it.each([
    [512, '512 octets'],
    [81_200, '81,2 ko'],
    [2_400_000, '2,4 Mo'],
  ])('writes %i bytes as « %s »', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });

  it('hands the build’s download to the pages, and nothing outside a build', async () => {
    const manifest = { downloadedAt: '2026-12-01T09:00:00.000Z', files: { 'decp.json': null, 'ocds.json': null, 'lots.csv': null }, csvColumns: [] };
    try {
      await expect(officialManifest()).resolves.toBeUndefined();
      shareOfficialManifest(Promise.resolve(manifest));
      await expect(officialManifest()).resolves.toEqual(manifest);
    } finally {
      shareOfficialManifest(undefined);
    }
  });
});
