import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the root scripts, without type declarations
import { startEnvironment } from '../../scripts/start-env.mjs';

describe('the environment pnpm start gives the product', () => {
  it('gives the site the publisher’s address, so absolute links follow PUBLISHER_PORT', () => {
    expect(startEnvironment({ PUBLISHER_PORT: '8123' }, '/repo').SITE_URL).toBe('http://127.0.0.1:8123');
    expect(startEnvironment({}, '/repo').SITE_URL).toBe('http://127.0.0.1:4321');
  });

  it('keeps a public address the operator set', () => {
    expect(startEnvironment({ PUBLISHER_PORT: '8123', SITE_URL: 'https://marches.example.org' }, '/repo').SITE_URL).toBe(
      'https://marches.example.org',
    );
  });

  it('points the builds at the hub it starts', () => {
    expect(startEnvironment({ PORT: '4100' }, '/repo').HUB_URL).toBe('http://127.0.0.1:4100/graphql');
  });
});
