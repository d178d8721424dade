import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_URL, hubPublicUrl, hubUrl } from './config.js';

describe('the site’s configuration', () => {
  it('reads the hub from HUB_URL, and falls back on a hub on this machine when it is unset or blank', () => {
    expect(hubUrl({ HUB_URL: 'https://hub.example.fr/graphql' })).toBe('https://hub.example.fr/graphql');
    expect(hubUrl({})).toBe(DEFAULT_HUB_URL);
    expect(hubUrl({ HUB_URL: '' })).toBe(DEFAULT_HUB_URL);
    expect(hubUrl({ HUB_URL: '  ' })).toBe(DEFAULT_HUB_URL);
  });

  it('gives the public address of the hub: HUB_PUBLIC_URL without its trailing slash, else the origin of HUB_URL', () => {
    expect(hubPublicUrl({ HUB_PUBLIC_URL: 'https://achats.example.fr/hub/' })).toBe('https://achats.example.fr/hub');
    expect(hubPublicUrl({ HUB_URL: 'https://hub.example.fr/graphql' })).toBe('https://hub.example.fr');
    expect(hubPublicUrl({})).toBe('http://127.0.0.1:4000');
  });
});
