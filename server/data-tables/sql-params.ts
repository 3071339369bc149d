/** Collects bound parameters for one statement and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** A placeholder for `value`, cast to `type` (e.g. 'jsonb', 'text[]'). */
  add(value: unknown, type?: string): string {
    this.values.push(value);
    return type ? `$${this.values.length}::${type}` : `$${this.values.length}`;
  }

  json(value: unknown): string {
    return this.add(JSON.stringify(value), 'jsonb');
  }
}
