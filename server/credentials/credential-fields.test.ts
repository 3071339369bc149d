import { describe, expect, it } from 'vitest';
import { mergeForUpdate, publicView, redactSecrets } from './credential-fields.ts';

const oauth = { tokenUrl: 'https://id.example.com/token', clientId: 'app', clientSecret: 's3cret-value', clientAuth: 'header' };

describe('credential fields', () => {
  it('shows non-secret values and only the names of set secrets', () => {
    expect(publicView('oauth2ClientCredentials', oauth)).toEqual({
      fields: { tokenUrl: 'https://id.example.com/token', clientId: 'app', clientAuth: 'header' },
      secretsSet: ['clientSecret'],
    });
    expect(publicView('httpBasic', { username: 'ada', password: '' })).toEqual({ fields: { username: 'ada' }, secretsSet: [] });
  });

  it('treats every field of an unknown kind as secret', () => {
    expect(publicView('retired.kind', { a: '1', b: '' })).toEqual({ fields: {}, secretsSet: ['a'] });
  });

  it('keeps a secret left out or blank, replaces non-secret fields', () => {
    expect(mergeForUpdate('oauth2ClientCredentials', { ...oauth, scope: 'read' }, { tokenUrl: 'https://other/token', clientId: 'app2', clientSecret: '' })).toEqual({
      tokenUrl: 'https://other/token',
      clientId: 'app2',
      clientSecret: 's3cret-value',
    });
    expect(mergeForUpdate('oauth2ClientCredentials', oauth, { ...oauth, clientSecret: 'new-one' }).clientSecret).toBe('new-one');
  });

  it('redacts secret values from messages', () => {
    expect(redactSecrets('oauth2ClientCredentials', oauth, 'server said s3cret-value is wrong for app')).toBe('server said ••• is wrong for app');
  });
});
