import { describe, expect, it } from 'vitest';
import { isSocialOrSpecificService } from './social-specific-services.js';

/**
 * The eForms code list `social-service-cpv` (OP-TED/eForms-SDK, tag 1.15.1, `codelists/social-service-cpv.gc`,
 * CC BY 4.0): 115 codes of the light regime. It is a subset of Annex XIV, so every one of them must be recognised.
 */
const EFORMS_SOCIAL_SERVICE_CPVS = [
  '75121000', '75122000', '75123000', '79622000', '79624000', '79625000', '80110000', '80300000', '80420000',
  '80430000', '80511000', '80520000', '80590000', '85000000', '85100000', '85110000', '85111000', '85111100',
  '85111200', '85111300', '85111310', '85111320', '85111400', '85111500', '85111600', '85111700', '85111800',
  '85111810', '85111820', '85111900', '85112000', '85112100', '85112200', '85120000', '85121000', '85121100',
  '85121200', '85121210', '85121220', '85121230', '85121231', '85121232', '85121240', '85121250', '85121251',
  '85121252', '85121270', '85121271', '85121280', '85121281', '85121282', '85121283', '85121290', '85121291',
  '85121292', '85121300', '85130000', '85131000', '85131100', '85131110', '85140000', '85141000', '85141100',
  '85141200', '85141210', '85141211', '85141220', '85142000', '85142100', '85142200', '85142300', '85142400',
  '85143000', '85144000', '85144100', '85145000', '85146000', '85146100', '85146200', '85147000', '85148000',
  '85149000', '85150000', '85160000', '85170000', '85171000', '85172000', '85200000', '85210000', '85300000',
  '85310000', '85311000', '85311100', '85311200', '85311300', '85312000', '85312100', '85312110', '85312120',
  '85312200', '85312300', '85312310', '85312320', '85312330', '85312400', '85312500', '85312510', '85320000',
  '85321000', '85322000', '85323000', '92500000', '92600000', '98133000', '98133110',
];

describe('isSocialOrSpecificService', () => {
  it('recognises every code of the eForms social-service list, a subset of Annex XIV', () => {
    expect(EFORMS_SOCIAL_SERVICE_CPVS).toHaveLength(115);
    const missed = EFORMS_SOCIAL_SERVICE_CPVS.filter((code) => !isSocialOrSpecificService(code));
    expect(missed).toEqual([]);
  });

  it.each([
    ['55524000-9', 'school catering'],
    ['55523100-3', 'school meal services'],
    ['55510000-8', 'canteen services'],
    ['55110000-4', 'hotel accommodation'],
    ['79110000-8', 'legal advisory and representation'],
    ['79713000-5', 'guard services'],
    ['80410000-1', 'various school services'],
    ['85311000-2', 'social work with accommodation'],
    ['92511000-6', 'library services'],
    ['64110000-0', 'postal services'],
    ['98131000-0', 'religious services'],
    ['75231200-6', 'services related to detention'],
  ])('counts %s (%s) among the social and other specific services', (code) => {
    expect(isSocialOrSpecificService(code)).toBe(true);
  });

  it.each([
    ['45321000-3', 'thermal insulation work'],
    ['90910000-9', 'cleaning services'],
    ['77310000-6', 'planting and maintenance of green areas'],
    ['30120000-6', 'photocopying equipment'],
    ['98310000-9', 'washing and dry-cleaning (a subdivision of 98000000, which the annex lists alone)'],
    ['55900000-9', 'retail trade services'],
    ['72000000-5', 'IT services'],
    ['79200000-6', 'accounting and auditing (next to the legal services range)'],
    ['64200000-8', 'telecommunications services (next to the postal range)'],
  ])('does not count %s (%s)', (code) => {
    expect(isSocialOrSpecificService(code)).toBe(false);
  });

  it('reads a code with or without its check digit and refuses what is not a CPV code', () => {
    expect(isSocialOrSpecificService('55524000')).toBe(true);
    expect(isSocialOrSpecificService(' 55524000-9 ')).toBe(true);
    expect(isSocialOrSpecificService('5552400')).toBe(false);
    expect(isSocialOrSpecificService('')).toBe(false);
    expect(isSocialOrSpecificService('cantine')).toBe(false);
  });
});
