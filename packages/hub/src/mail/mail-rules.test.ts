import { describe, expect, it } from 'vitest';
import { addressKey, isPlausibleAddress, normaliseAddress, withoutAddresses } from './mail-address.js';
import { HARD_BOUNCES_BEFORE_FAILED, MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_MS, nextMailAttempt } from './mail-retry.js';
import { classifySendFailure } from './send-failure.js';

const smtpError = (code: string, responseCode: number | undefined, response: string) => Object.assign(new Error(response), { code, responseCode, response });

describe('what a failed send means', () => {
  it.each([
    ['a 550 to RCPT TO', smtpError('EENVELOPE', 550, '550 5.1.1 <jean@exemple.fr>: Recipient address rejected'), 'hard-bounce'],
    ['a 554 to the message', smtpError('EMESSAGE', 554, '554 5.7.1 Message refused'), 'hard-bounce'],
    ['a 451 greylisting to RCPT TO', smtpError('EENVELOPE', 451, '451 4.7.1 Greylisted'), 'retry'],
    ['a 421 service unavailable', smtpError('EMESSAGE', 421, '421 Try later'), 'retry'],
    ['a 535 refused sign-in to the relay (ours to fix, not the address’s fault)', smtpError('EAUTH', 535, '535 Authentication failed'), 'retry'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }), 'retry'],
    ['a timeout', Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' }), 'retry'],
    ['something that is not an error at all', 'boom', 'retry'],
  ])('%s is a %s', (_what, error, kind) => {
    expect(classifySendFailure(error).kind).toBe(kind);
  });

  it('keeps no address in the reason it stores and logs', () => {
    const failure = classifySendFailure(smtpError('EENVELOPE', 550, '550 5.1.1 <Jean.Dupont+alertes@exemple.fr>: Recipient address rejected'));
    expect(failure.reason).not.toMatch(/@/);
    expect(failure.reason).toContain('<adresse>');
  });
});

describe('the mail retry schedule', () => {
  const now = new Date('2026-12-01T09:00:00Z');

  it('tries again after each delay in turn, then gives up', () => {
    MAIL_RETRY_DELAYS_MS.forEach((delay, index) => {
      expect(nextMailAttempt(index + 1, now)?.getTime()).toBe(now.getTime() + delay);
    });
    expect(nextMailAttempt(MAIL_MAX_ATTEMPTS, now)).toBeNull();
    expect(nextMailAttempt(MAIL_MAX_ATTEMPTS + 3, now)).toBeNull();
  });

  it('keeps trying for most of a day, with delays that only grow', () => {
    const total = MAIL_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(20 * 3_600_000);
    expect(total).toBeLessThan(26 * 3_600_000);
    expect([...MAIL_RETRY_DELAYS_MS].sort((a, b) => a - b)).toEqual(MAIL_RETRY_DELAYS_MS);
    expect(HARD_BOUNCES_BEFORE_FAILED).toBeGreaterThan(1);
  });

  it('refuses a count of failures that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => nextMailAttempt(bad, now)).toThrow(RangeError);
  });
});

describe('addresses', () => {
  it('are compared trimmed and lower-cased, and keyed without being kept', () => {
    expect(normaliseAddress('  Jean.Dupont@Exemple.FR ')).toBe('jean.dupont@exemple.fr');
    expect(addressKey('Jean.Dupont@Exemple.FR')).toBe(addressKey('jean.dupont@exemple.fr '));
    expect(addressKey('jean@exemple.fr')).toMatch(/^[0-9a-f]{64}$/);
    expect(addressKey('jean@exemple.fr')).not.toBe(addressKey('jeanne@exemple.fr'));
  });

  it.each([
    ['jean@exemple.fr', true],
    ['jean.dupont+alertes@plomberie-lorgues.fr', true],
    ['contact@sous.domaine.exemple.com', true],
    ['jean', false],
    ['jean@', false],
    ['@exemple.fr', false],
    ['jean@exemple', false],
    ['jean dupont@exemple.fr', false],
    ['jean@exemple.fr, autre@exemple.fr', false],
    ['<jean@exemple.fr>', false],
    ['jean@@exemple.fr', false],
    [`${'a'.repeat(65)}@exemple.fr`, false],
    [`jean@${'a'.repeat(250)}.fr`, false],
  ])('%s is plausible: %s', (address, plausible) => {
    expect(isPlausibleAddress(address)).toBe(plausible);
  });

  it('are taken out of any text before it is stored or logged', () => {
    expect(withoutAddresses('550 <a.b@c.fr>: rejected; also x@y.org')).toBe('550 <<adresse>>: rejected; also <adresse>');
    expect(withoutAddresses('no address here')).toBe('no address here');
  });
});
