import { describe, expect, it } from 'vitest';
import { listCredentialKinds } from '../../../../engine/credentials.ts';
import { credentialFields, credentialPayload, fieldErrorsFromIssues, humanize, initialValues, validateCredentialForm, type CredentialField } from './credential-form-model.ts';

const kinds = new Map(listCredentialKinds().map((k) => [k.kind, k]));
const kind = (name: string) => {
  const k = kinds.get(name);
  if (!k) throw new Error(`no kind ${name}`);
  return k;
};
const byName = (fields: CredentialField[]) => Object.fromEntries(fields.map((f) => [f.name, f]));

describe('credentialFields', () => {
  it('derives controls, labels, hints and rules from the JSON Schema the server sends', () => {
    const fields = byName(credentialFields(kind('oauth2ClientCredentials')));
    expect(Object.keys(fields)).toEqual(['tokenUrl', 'clientId', 'clientSecret', 'scope', 'audience', 'clientAuth']);
    expect(fields.tokenUrl).toMatchObject({ label: 'Token URL', control: 'url', required: true, secret: false, hint: 'Token endpoint' });
    expect(fields.clientId).toMatchObject({ label: 'Client ID', control: 'text', required: true, minLength: 1 });
    expect(fields.clientSecret).toMatchObject({ control: 'password', secret: true, required: true });
    expect(fields.scope).toMatchObject({ control: 'text', required: false });
    expect(fields.clientAuth).toMatchObject({ control: 'select', options: ['header', 'body'], defaultValue: 'header', required: false });
  });

  it('tolerates a schema without properties', () => {
    expect(credentialFields({ kind: 'x', jsonSchema: { type: 'object' }, secretFields: [] })).toEqual([]);
    expect(credentialFields({ kind: 'x', jsonSchema: null, secretFields: [] })).toEqual([]);
  });
});

describe('humanize', () => {
  it('splits camel case and spells acronyms', () => {
    expect(humanize('headerName')).toBe('Header name');
    expect(humanize('api_key')).toBe('API key');
    expect(humanize('clientAuth')).toBe('Client auth');
  });
});

describe('initialValues', () => {
  it('starts new credentials from defaults and stored ones from their values, secrets always empty', () => {
    const fields = credentialFields(kind('httpHeaderKey'));
    expect(initialValues(fields)).toEqual({ headerName: 'X-API-Key', value: '' });
    expect(initialValues(fields, { fields: { headerName: 'Authorization' }, secretsSet: ['value'] })).toEqual({ headerName: 'Authorization', value: '' });
  });
});

describe('validateCredentialForm', () => {
  const fields = credentialFields(kind('oauth2ClientCredentials'));

  it('asks for a name, required values and well-formed URLs', () => {
    const errors = validateCredentialForm(fields, { tokenUrl: 'auth.example.com', clientId: '', clientSecret: '', clientAuth: 'header' }, ' ');
    expect(errors).toEqual({
      $name: 'Give the credential a name',
      tokenUrl: 'Enter a full URL, like https://example.com/token',
      clientId: 'Client ID is required',
      clientSecret: 'Client secret is required',
    });
  });

  it('requires a URL field even without a minimum length', () => {
    const errors = validateCredentialForm(fields, { tokenUrl: '', clientId: 'a', clientSecret: 'b', clientAuth: 'header' }, 'Auth0');
    expect(errors).toEqual({ tokenUrl: 'Token URL is required' });
  });

  it('lets a stored secret stay empty when editing', () => {
    const values = { tokenUrl: 'https://auth.example.com/token', clientId: 'app', clientSecret: '', clientAuth: 'body' };
    expect(validateCredentialForm(fields, values, 'Auth0', { fields: {}, secretsSet: ['clientSecret'] })).toEqual({});
  });

  it('checks minimum lengths', () => {
    const hmac = credentialFields(kind('hmacSecret'));
    expect(validateCredentialForm(hmac, { secret: 'short' }, 'Hook')).toEqual({ secret: 'Use at least 8 characters' });
  });
});

describe('credentialPayload', () => {
  it('sends filled values and leaves empty optional ones out', () => {
    const fields = credentialFields(kind('oauth2ClientCredentials'));
    const values = { tokenUrl: 'https://a.test/token', clientId: 'app', clientSecret: 's3cret', scope: '', audience: '', clientAuth: 'header' };
    expect(credentialPayload(fields, values)).toEqual({ tokenUrl: 'https://a.test/token', clientId: 'app', clientSecret: 's3cret', clientAuth: 'header' });
  });

  it('sends a kept secret empty so the server keeps the stored one', () => {
    const fields = credentialFields(kind('httpBearer'));
    expect(credentialPayload(fields, { token: '' }, { fields: {}, secretsSet: ['token'] })).toEqual({ token: '' });
  });

  it('sends a required field that may be empty', () => {
    const fields = credentialFields(kind('httpBasic'));
    expect(credentialPayload(fields, { username: 'ann', password: '' })).toEqual({ username: 'ann', password: '' });
  });
});

describe('fieldErrorsFromIssues', () => {
  it('puts server issues under their fields and ignores the rest', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'data.tokenUrl', message: 'invalid URL' },
        { path: 'data.tokenUrl', message: 'second problem' },
        { path: 'name', message: 'is too long' },
        { path: 'kind', message: 'unknown kind' },
      ]),
    ).toEqual({ tokenUrl: 'Invalid URL', $name: 'Is too long' });
    expect(fieldErrorsFromIssues(undefined)).toEqual({});
  });
});
