import { describe, expect, it } from 'vitest';
import { operationToRun } from './graphiql-operation.js';

const LOGOUT = 'mutation SeDeconnecter { logout }';
const TWO = 'query MonCompte { me { email } }\nmutation SeDeconnecter { logout }';

describe('the operation the GraphiQL page asks the hub to run', () => {
  it('keeps the name GraphiQL gives when the document holds that operation', () => {
    expect(operationToRun(LOGOUT, 'SeDeconnecter')).toBe('SeDeconnecter');
    expect(operationToRun(TWO, 'MonCompte')).toBe('MonCompte');
    expect(operationToRun(TWO, 'SeDeconnecter')).toBe('SeDeconnecter');
  });

  it('runs the one operation the editor shows when GraphiQL still names the previous tab’s', () => {
    expect(operationToRun(LOGOUT, 'MonCompte')).toBe('SeDeconnecter');
  });

  it('runs the one operation when GraphiQL gives no name', () => {
    expect(operationToRun(LOGOUT, null)).toBe('SeDeconnecter');
    expect(operationToRun(LOGOUT, undefined)).toBe('SeDeconnecter');
    expect(operationToRun(LOGOUT, '')).toBe('SeDeconnecter');
  });

  it('sends no name for a document whose one operation is anonymous', () => {
    expect(operationToRun('{ notices(first: 1) { totalCount } }', 'DernieresConsultations')).toBeUndefined();
  });

  it('leaves the name alone when the document holds several operations and none of that name, for the hub to refuse', () => {
    expect(operationToRun(TWO, 'DernieresConsultations')).toBe('DernieresConsultations');
    expect(operationToRun(TWO, null)).toBeNull();
  });

  it('leaves the name alone when the document does not parse, for the hub to say where', () => {
    expect(operationToRun('mutation SeDeconnecter { logout', 'MonCompte')).toBe('MonCompte');
    expect(operationToRun('', 'MonCompte')).toBe('MonCompte');
  });

  it('counts fragments as no operation', () => {
    expect(operationToRun('query MonCompte { me { ...Moi } }\nfragment Moi on User { email }', 'SeDeconnecter')).toBe('MonCompte');
  });
});
