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
    expect(validateCredential('nope', {})).toMatchObject({ ok: false, errors: [{ code: 'UNKNOWN_CREDENTIAL_KIND' }] });
  });

  it('names the secret values to redact', () => {
    expect(secretValuesOf('httpBasic', { username: 'ann', password: 'pw-1234' })).toEqual(['pw-1234']);
    expect(secretValuesOf(undefined, { a: 'one', b: 'two' })).toEqual(['one', 'two']);
  });
});
