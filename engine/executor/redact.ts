export const REDACTED = '[redacted]';

/** Shorter values would mangle ordinary text; credentials that short are not secrets worth hiding. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces known secret values (credential fields, derived tokens) in any JSON
 * value. Copy-on-write: untouched branches are returned as is, and with no
 * secrets registered `redact` is the identity, so runs without credentials pay nothing.
 */
export class Redactor {
  private secrets: string[] = [];

  add(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.secrets.includes(secret)) return;
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = [...this.secrets, secret].sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.secrets.length > 0;
  }

  redactString(value: string): string {
    let out = value;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  redact<T>(value: T): T {
    if (this.secrets.length === 0) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = this.walk(value[i]);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (value !== null && typeof value === 'object') {
      let copy: Record<string, unknown> | undefined;
      for (const key of Object.keys(value)) {
        const current = (value as Record<string, unknown>)[key];
        const next = this.walk(current);
        if (next !== current) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
      }
      return copy ?? value;
    }
    return value;
  }
}
