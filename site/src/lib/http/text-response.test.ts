import { describe, expect, it } from 'vitest';
import { textResponse } from './text-response.js';

describe('a text response', () => {
  it('answers the same bytes and type as a response built from the string', async () => {
    for (const text of ['', 'Entretien des espaces verts à Lorgues — 12 500 €', 'lone \ud800 surrogate', '😀'.repeat(1000)]) {
      const ours = textResponse(text, 'text/csv; charset=utf-8');
      const theirs = new Response(text, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
      expect(new Uint8Array(await ours.arrayBuffer())).toEqual(new Uint8Array(await theirs.arrayBuffer()));
      expect(ours.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    }
  });
});
