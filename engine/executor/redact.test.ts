import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redact.ts';

describe('Redactor', () => {
  it('is the identity (same object) without secrets', () => {
    const value = { a: [{ b: 'c' }] };
    expect(new Redactor().redact(value)).toBe(value);
  });

  it('replaces secrets anywhere, copying only changed branches', () => {
    const r = new Redactor();
    r.add('s3cr3t-token');
    r.add('abc'); // too short to redact safely
    const untouched = { keep: 'abc' };
    const value = { untouched, deep: { list: ['Bearer s3cr3t-token', 1, null] }, msg: 's3cr3t-token/s3cr3t-token' };
    const out = r.redact(value);
    expect(out).toEqual({ untouched: { keep: 'abc' }, deep: { list: [`Bearer ${REDACTED}`, 1, null] }, msg: `${REDACTED}/${REDACTED}` });
    expect(out.untouched).toBe(untouched);
    expect(value.deep.list[0]).toBe('Bearer s3cr3t-token');
  });

  it('replaces the longest secret first', () => {
    const r = new Redactor();
    r.add('pass');
    r.add('password123');
    expect(r.redactString('password123 pass')).toBe(`${REDACTED} ${REDACTED}`);
  });
});
