import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../../../engine/registry.ts';
import {
  branchOf,
  humanize,
  isFieldVisible,
  newBranchValue,
  paramFields,
  type FieldSpec,
  type JsonSchema,
  type ListField,
  type UnionField,
} from './schema-fields.ts';

const registry = createDefaultRegistry();

function fieldsOfType(type: string): FieldSpec[] {
  const description = registry.list().find((d) => d.type === type);
  if (!description) throw new Error(`no node type ${type}`);
  return paramFields(description.paramsJsonSchema, { credentialKinds: description.credentials.map((c) => c.kind) });
}

const byKey = (fields: readonly FieldSpec[], key: string) => {
  const field = fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
};

/** Every field, nested ones included. */
function walk(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.flatMap((f) => [
    f,
    ...(f.kind === 'group' ? walk(f.fields) : []),
    ...(f.kind === 'list' ? walk(f.itemFields) : []),
    ...(f.kind === 'union' ? f.branches.flatMap((b) => walk(b.fields)) : []),
  ]);
}

describe('paramFields on every registered node type', () => {
  for (const description of registry.list()) {
    it(`${description.type}: one field per top-level property, each with a label and a kind`, () => {
      const schema = description.paramsJsonSchema as JsonSchema;
      const fields = paramFields(schema, { credentialKinds: description.credentials.map((c) => c.kind) });
      expect(fields.map((f) => f.key)).toEqual(Object.keys(schema.properties ?? {}));
      for (const field of walk(fields)) {
        expect(field.label.length).toBeGreaterThan(0);
        expect(typeof field.required).toBe('boolean');
      }
      for (const field of fields) expect(field.required).toBe(schema.required?.includes(field.key) ?? false);
    });

    it(`${description.type}: only the node's declared credential kinds are offered`, () => {
      const declared = description.credentials.map((c) => c.kind);
      const fields = walk(paramFields(description.paramsJsonSchema, { credentialKinds: declared }));
      for (const field of fields) if (field.kind === 'credential') for (const kind of field.kinds) expect(declared).toContain(kind);
      if (declared.length > 0) expect(fields.some((f) => f.kind === 'credential')).toBe(true);
    });

    it(`${description.type}: a "when" condition names a sibling select that offers that value`, () => {
      const check = (fields: readonly FieldSpec[]) => {
        for (const field of fields) {
          if (field.showWhen) {
            const controller = byKey(fields, field.showWhen.key);
            expect(controller.kind).toBe('select');
            if (controller.kind === 'select') for (const v of field.showWhen.values) expect(controller.options.map((o) => o.value)).toContain(v);
          }
          if (field.kind === 'group') check(field.fields);
          if (field.kind === 'list') check(field.itemFields);
          if (field.kind === 'union') for (const b of field.branches) check(b.fields);
        }
      };
      check(paramFields(description.paramsJsonSchema));
    });
  }
});

describe('paramFields: shapes', () => {
  it('HTTP Request: method select, URL as required expression text, header lists, body union, auth credential', () => {
    const fields = fieldsOfType('core.httpRequest');
    const method = byKey(fields, 'method');
    expect(method).toMatchObject({ kind: 'select', defaultValue: 'GET', required: false });
    expect(method.kind === 'select' && method.options.map((o) => o.value)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(byKey(fields, 'url')).toMatchObject({ kind: 'text', multiline: false, expression: true, required: true, label: 'URL', minLength: 1 });

    const headers = byKey(fields, 'headers') as ListField;
    expect(headers).toMatchObject({ kind: 'list', itemLabel: 'Header', newItem: { name: '', value: '' } });
    expect(headers.itemFields.map((f) => [f.key, f.kind])).toEqual([
      ['name', 'text'],
      ['value', 'scalar'],
    ]);

    const body = byKey(fields, 'body') as UnionField;
    expect(body.kind).toBe('union');
    expect(body.discriminator).toBe('type');
    expect(body.branches.map((b) => b.value)).toEqual(['none', 'json', 'form', 'raw']);
    expect(body.branches.find((b) => b.value === 'json')!.fields.map((f) => [f.key, f.kind])).toEqual([['json', 'json']]);
    expect(body.branches.find((b) => b.value === 'raw')!.fields.map((f) => [f.key, f.kind, f.kind === 'text' && f.multiline])).toEqual([
      ['raw', 'text', true],
      ['contentType', 'text', false],
    ]);
    expect(branchOf(body, undefined).value).toBe('none');
    expect(branchOf(body, { type: 'raw', raw: 'x' }).value).toBe('raw');
    expect(newBranchValue(body, body.branches.find((b) => b.value === 'raw')!)).toEqual({ type: 'raw', raw: '', contentType: 'text/plain' });

    expect(byKey(fields, 'auth')).toMatchObject({
      kind: 'credential',
      kindKey: 'kind',
      kinds: ['httpBasic', 'httpBearer', 'httpHeaderKey', 'httpQueryKey', 'oauth2ClientCredentials'],
    });
    const retry = byKey(fields, 'retry');
    expect(retry.kind === 'group' && retry.fields.map((f) => [f.key, f.kind])).toEqual([
      ['onStatus', 'boolean'],
      ['maxRetries', 'number'],
      ['baseDelayMs', 'number'],
      ['maxDelayMs', 'number'],
    ]);
    expect(retry.kind === 'group' && retry.fields[1]).toMatchObject({ integer: true, min: 0, max: 10, defaultValue: 3 });
    const pagination = byKey(fields, 'pagination') as UnionField;
    expect(pagination.branches.map((b) => b.label)).toEqual(['None', 'Link header', 'Next URL', 'Cursor']);
  });

  it('Code: the code is a literal JavaScript editor, limits are bounded integers', () => {
    const fields = fieldsOfType('core.code');
    expect(byKey(fields, 'code')).toMatchObject({ kind: 'text', code: 'javascript', multiline: true, expression: false, defaultValue: 'return items;' });
    expect(byKey(fields, 'timeoutMs')).toMatchObject({ kind: 'number', integer: true, min: 10, max: 60000, label: 'Timeout (ms)' });
    expect(byKey(fields, 'memoryLimitMb')).toMatchObject({ label: 'Memory limit (MB)' });
  });

  it('If: conditions are a required list whose left/right take text or expressions', () => {
    const conditions = byKey(fieldsOfType('core.if'), 'conditions') as ListField;
    expect(conditions).toMatchObject({ kind: 'list', required: true, minItems: 1, itemLabel: 'Condition' });
    expect(byKey(conditions.itemFields, 'left')).toMatchObject({ kind: 'text', loose: true, expression: true, required: true });
    expect(byKey(conditions.itemFields, 'right')).toMatchObject({ kind: 'text', loose: true, required: false });
    const operator = byKey(conditions.itemFields, 'operator');
    expect(operator.kind === 'select' && operator.options.find((o) => o.value === 'gte')?.label).toBe('Greater than or equal');
    expect(conditions.newItem).toEqual({ left: '', operator: 'equals', caseSensitive: true });
  });

  it('Switch: a list of rules, each holding its own list of conditions', () => {
    const rules = byKey(fieldsOfType('core.switch'), 'rules') as ListField;
    expect(rules.maxItems).toBe(32);
    expect(byKey(rules.itemFields, 'conditions').kind).toBe('list');
    expect(rules.newItem).toEqual({ combine: 'and', conditions: [] });
  });

  it('Set: strings arrays become tags', () => {
    expect(byKey(fieldsOfType('core.set'), 'remove')).toMatchObject({ kind: 'tags', defaultValue: [] });
  });

  it('Wait: fields depend on the mode, and "until" takes a date text or a number', () => {
    const fields = fieldsOfType('core.wait');
    const amount = byKey(fields, 'amount');
    const until = byKey(fields, 'until');
    expect(amount.showWhen).toEqual({ key: 'mode', values: ['duration'] });
    expect(amount.help).toBe('How many units');
    expect(until).toMatchObject({ kind: 'scalar', types: ['string', 'number'], showWhen: { key: 'mode', values: ['until'] } });
    expect(isFieldVisible(amount, {}, fields)).toBe(true);
    expect(isFieldVisible(until, {}, fields)).toBe(false);
    expect(isFieldVisible(until, { mode: 'until' }, fields)).toBe(true);
    expect(isFieldVisible(amount, { mode: 'until' }, fields)).toBe(false);
  });

  it('Respond to Webhook: "respondWith json: …" shows the JSON body only for that choice', () => {
    const fields = fieldsOfType('core.respondToWebhook');
    expect(byKey(fields, 'json')).toMatchObject({ kind: 'json', showWhen: { key: 'respondWith', values: ['json'] }, help: 'The body' });
    expect(byKey(fields, 'text')).toMatchObject({ kind: 'text', multiline: true, showWhen: { key: 'respondWith', values: ['text'] } });
  });

  it('Webhook: an optional HMAC group whose credential accepts the declared kind', () => {
    const hmac = byKey(fieldsOfType('core.webhookTrigger'), 'hmac');
    expect(hmac).toMatchObject({ kind: 'group', required: false });
    expect(hmac.kind === 'group' && byKey(hmac.fields, 'credentialId')).toMatchObject({ kind: 'credential', kinds: ['hmacSecret'], label: 'Credential', required: true });
  });

  it('Manual trigger and No-op have no params', () => {
    expect(fieldsOfType('core.manualTrigger')).toEqual([]);
    expect(fieldsOfType('core.noOp')).toEqual([]);
  });
});

describe('paramFields: schema shapes no built-in node uses yet', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      prompt: { type: 'string', description: 'The prompt sent to the model' },
      note: { type: 'string', maxLength: 5000 },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      level: { anyOf: [{ const: 'low' }, { const: 'high' }] },
      count: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
      anything: {},
      choice: {
        anyOf: [
          { type: 'object', properties: { kind: { const: 'a' }, x: { type: 'string' } }, required: ['kind'] },
          { type: 'object', properties: { kind: { const: 'b' }, y: { type: 'boolean', default: true } }, required: ['kind'] },
        ],
      },
    },
    required: ['prompt'],
  };
  const fields = paramFields(schema);

  it('long text by description or length; key-value maps; const unions as selects; nullable unwrapped', () => {
    expect(byKey(fields, 'prompt')).toMatchObject({ kind: 'text', multiline: true, required: true });
    expect(byKey(fields, 'note')).toMatchObject({ kind: 'text', multiline: true });
    expect(byKey(fields, 'headers').kind).toBe('keyValue');
    expect(byKey(fields, 'level')).toMatchObject({ kind: 'select', options: [{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }] });
    expect(byKey(fields, 'count')).toMatchObject({ kind: 'number', integer: true, min: 1 });
  });

  it('falls back to a JSON editor for what has no dedicated control', () => {
    expect(byKey(fields, 'matrix').kind).toBe('json');
  });

  it('untyped values are expression text; anyOf objects with a const are a union', () => {
    expect(byKey(fields, 'anything')).toMatchObject({ kind: 'text', loose: true });
    const choice = byKey(fields, 'choice') as UnionField;
    expect(choice.kind).toBe('union');
    expect(newBranchValue(choice, choice.branches[1]!)).toEqual({ kind: 'b', y: true });
  });

  it('tolerates schemas that are not objects', () => {
    expect(paramFields(null)).toEqual([]);
    expect(paramFields({})).toEqual([]);
  });
});

describe('humanize', () => {
  it('writes keys as labels', () => {
    expect(humanize('baseDelayMs')).toBe('Base delay (ms)');
    expect(humanize('url')).toBe('URL');
    expect(humanize('nextUrlPath')).toBe('Next URL path');
    expect(humanize('respondWith')).toBe('Respond with');
    expect(humanize('error-output')).toBe('Error output');
    expect(humanize('GET')).toBe('GET');
  });
});
