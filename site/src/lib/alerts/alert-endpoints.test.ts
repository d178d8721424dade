import { describe, expect, it } from 'vitest';
import { hubPublicUrl } from '../config.js';
import { alertEndpoints } from './alert-endpoints.js';

describe('where the alert forms post', () => {
  it('goes to the origin of the hub the site is built from by default', () => {
    expect(hubPublicUrl({ HUB_URL: 'http://127.0.0.1:4000/graphql' })).toBe('http://127.0.0.1:4000');
    expect(alertEndpoints({})).toEqual({ subscribe: 'http://127.0.0.1:4000/alerts/subscribe', dataHeld: 'http://127.0.0.1:4000/alerts/data' });
  });

  it('goes to HUB_PUBLIC_URL when the public reaches the hub elsewhere', () => {
    expect(alertEndpoints({ HUB_URL: 'http://10.0.0.2:4000/graphql', HUB_PUBLIC_URL: 'https://api.marches.dracenie.fr/' }).subscribe).toBe('https://api.marches.dracenie.fr/alerts/subscribe');
  });
});
