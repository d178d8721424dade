import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, isLoopback, MAX_URL_LENGTH } from './endpoint-url.js';

describe('a webhook endpoint URL', () => {
  it.each(['https://publisher.example/webhooks', 'http://publisher.example:8080/hook?x=1'])('accepts %s outside production', (url) => {
    expect(checkEndpointUrl(url, 'development')).toEqual({ ok: true, url });
    expect(checkEndpointUrl(url, 'test').ok).toBe(true);
  });

  it('normalises the URL and trims spaces', () => {
    expect(checkEndpointUrl('  HTTPS://Publisher.Example/webhooks ', 'production')).toEqual({
      ok: true,
      url: 'https://publisher.example/webhooks',
    });
  });

  it.each([
    ['', /obligatoire/],
    ['   ', /obligatoire/],
    ['publisher.example/webhooks', /adresse web absolue/],
    ['/webhooks', /adresse web absolue/],
    ['ftp://publisher.example/webhooks', /https/],
    ['file:///etc/passwd', /https/],
    ['javascript:alert(1)', /https/],
    ['https://user:pass@publisher.example/webhooks', /nom d’utilisateur ni mot de passe/],
    ['https://token@publisher.example/webhooks', /nom d’utilisateur ni mot de passe/],
    [`https://publisher.example/${'a'.repeat(MAX_URL_LENGTH)}`, /dépasse/],
  ])('refuses %j', (url, message) => {
    const check = checkEndpointUrl(url, 'development');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(message);
  });

  it('refuses http in production, except on the machine itself', () => {
    expect(checkEndpointUrl('http://publisher.example/webhooks', 'production')).toEqual({
      ok: false,
      message: expect.stringMatching(/doit être en https/),
    });
    for (const url of ['http://127.0.0.1:4321/webhooks', 'http://localhost:4321/webhooks', 'http://[::1]:4321/webhooks']) {
      expect(checkEndpointUrl(url, 'production').ok, url).toBe(true);
    }
    expect(checkEndpointUrl('https://publisher.example/webhooks', 'production').ok).toBe(true);
  });
});

describe('the loopback test', () => {
  it.each(['localhost', 'LOCALHOST', 'publisher.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])('sees %s as this machine', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['publisher.example', 'localhost.example', '10.0.0.1', '128.0.0.1', '0.0.0.0', '::', '::2', '127.example'])('does not see %s as this machine', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
