import { describe, expect, it } from 'vitest';
import { listCredentialKinds, secretValuesOf, validateCredential } from './credentials.ts';

describe('credential kinds', () => {
  it('lists every kind with a JSON Schema of its fields', () => {
    const kinds = listCredentialKinds();
    expect(kinds.map((k) => k.kind)).toEqual([
      'httpBasic',
      'httpBearer',
      'httpHeaderKey',
      'httpQueryKey',
      'oauth2ClientCredentials',
      'hmacSecret',
      'openAi',
      'hunterApi',
      'enrichmentApi',
      'smtp',
    ]);
    expect(kinds[0]?.jsonSchema).toMatchObject({ type: 'object', required: ['username', 'password'] });
  });

  it('validates fields and fills defaults', () => {
    expect(validateCredential('httpHeaderKey', { value: 'k-123' })).toEqual({
      ok: true,
      data: { headerName: 'X-API-Key', value: 'k-123' },
    });
    expect(validateCredential('oauth2ClientCredentials', { tokenUrl: 'not a url', clientId: 'a', clientSecret: 'b' })).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_CREDENTIAL', field: 'tokenUrl' }],
    });
    expect(validateCredential('hunterApi', { apiKey: 'h-1' })).toEqual({ ok: true, data: { apiKey: 'h-1', baseUrl: 'https://api.hunter.io' } });
    expect(validateCredential('smtp', { host: 'mail.example.com', fromAddress: 'ada@example.com' })).toEqual({
      ok: true,
      data: { host: 'mail.example.com', port: '587', secure: 'starttls', user: '', password: '', fromAddress: 'ada@example.com', fromName: '' },
    });
    expect(validateCredential('smtp', { host: 'h', port: 'x', fromAddress: 'nope' })).toMatchObject({
      ok: false,
      errors: [{ field: 'port' }, { field: 'fromAddress' }],
    });
    expect(validateCredential('enrichmentApi', { baseUrl: 'https://person.clearbit.com', apiKey: 'k' })).toMatchObject({
      ok: true,
      data: { authStyle: 'bearer', headerName: 'X-API-Key', queryName: 'api_key' },
    });
    expect(validateCredential('nope', {})).toMatchObject({ ok: false, errors: [{ code: 'UNKNOWN_CREDENTIAL_KIND' }] });
  });

  it('names the secret values to redact', () => {
    expect(secretValuesOf('httpBasic', { username: 'ann', password: 'pw-1234' })).toEqual(['pw-1234']);
    expect(secretValuesOf(undefined, { a: 'one', b: 'two' })).toEqual(['one', 'two']);
    expect(secretValuesOf('smtp', { host: 'h', user: 'u', password: 'smtp-pw' })).toEqual(['smtp-pw']);
  });
});
