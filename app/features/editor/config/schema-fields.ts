/**
 * Maps a node type's params JSON Schema (zod 4 `toJSONSchema`, input side) to the fields the
 * config form renders. Pure: no React, no document. One rule per shape, tried in order; whatever
 * no rule recognises becomes a JSON editor, so every schema yields an editable form.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
}

export type Scalar = string | number | boolean | null;

/** Shown only while a sibling field has one of these values ("fields: …" help texts). */
export interface ShowWhen {
  key: string;
  values: Scalar[];
}

interface FieldBase {
  /** Property name inside its parent object. */
  key: string;
  label: string;
  help?: string;
  required: boolean;
  defaultValue?: unknown;
  showWhen?: ShowWhen;
}

export type TextField = FieldBase & {
  kind: 'text';
  multiline: boolean;
  /** A source-code editor; the text is taken literally (no expressions). */
  code?: 'javascript';
  /** `{{ }}` expressions are evaluated in this field. */
  expression: boolean;
  /** The schema does not say string (e.g. an untyped "value"): non-strings are shown as JSON. */
  loose?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
};
export type ScalarField = FieldBase & { kind: 'scalar'; types: ('string' | 'number' | 'boolean')[] };
export type NumberField = FieldBase & { kind: 'number'; integer: boolean; min?: number; max?: number };
export type SelectField = FieldBase & { kind: 'select'; options: { value: Scalar; label: string }[] };
export type BooleanField = FieldBase & { kind: 'boolean' };
export type KeyValueField = FieldBase & { kind: 'keyValue' };
export type ListField = FieldBase & {
  kind: 'list';
  itemFields: FieldSpec[];
  /** What "Add" appends. */
  newItem: Record<string, unknown>;
  itemLabel: string;
  minItems?: number;
  maxItems?: number;
};
export type TagsField = FieldBase & { kind: 'tags'; minItems?: number; maxItems?: number };
export type UnionBranch = { value: Scalar; label: string; fields: FieldSpec[] };
export type UnionField = FieldBase & { kind: 'union'; discriminator: string; branches: UnionBranch[] };
export type GroupField = FieldBase & { kind: 'group'; fields: FieldSpec[] };
/**
 * A stored credential reference. With `kindKey`, the value is an object holding the chosen kind
 * and `credentialId` (HTTP auth); without, the value is the id itself and `kinds` are the kinds accepted.
 */
export type CredentialField = FieldBase & { kind: 'credential'; kinds: string[]; kindKey?: string };
export type JsonField = FieldBase & { kind: 'json' };

export type FieldSpec =
  | TextField
  | ScalarField
  | NumberField
  | SelectField
  | BooleanField
  | KeyValueField
  | ListField
  | TagsField
  | UnionField
  | GroupField
  | CredentialField
  | JsonField;

export type FieldKind = FieldSpec['kind'];

export interface SchemaFieldOptions {
  /** Credential kinds the node type declares; a `credentialId` without a sibling `kind` accepts these. */
  credentialKinds?: readonly string[];
  /** Top-level params taken literally (never expressions), such as a Code node's code. */
  rawParams?: readonly string[];
}

/** Keys and help texts that announce long text (a prompt, a body, a template). */
const LONG_KEY = /(prompt|body|template|message|text|script|html|markdown|instructions?)$/i;
const LONG_HELP = /^(the |a )?(\w+ )?(prompt|body|template|message|instructions?)\b/i;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Words of a camelCase/kebab key, with common acronyms and units written as people read them. */
export function humanize(key: string): string {
  if (/^[A-Z0-9_]+$/.test(key)) return key;
  const words = key
    .replace(/[-_]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((w) => w.toLowerCase());
  const units: Record<string, string> = { ms: '(ms)', mb: '(MB)', kb: '(KB)' };
  const acronyms = new Set(['url', 'id', 'json', 'http', 'hmac', 'api', 'html', 'ai', 'ip', 'llm', 'sql', 'uri']);
  const out = words.map((w, i) => {
    if (i > 0 && i === words.length - 1 && units[w]) return units[w]!;
    if (acronyms.has(w)) return w.toUpperCase();
    return i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w;
  });
  return out.join(' ');
}

/** Option values whose words alone read badly. */
const OPTION_LABELS: Record<string, string> = {
  gt: 'Greater than',
  gte: 'Greater than or equal',
  lt: 'Less than',
  lte: 'Less than or equal',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
};

function optionLabel(value: Scalar): string {
  if (typeof value !== 'string') return String(value);
  return OPTION_LABELS[value] ?? humanize(value);
}

/**
 * "allItems: field that receives the list" or "respondWith json: the body" name the sibling value
 * that makes the field relevant: the field is shown only then, and the prefix leaves the help text.
 */
function conditionOf(description: string | undefined, siblings: Record<string, JsonSchema>, self: string): { showWhen: ShowWhen; help: string } | null {
  if (!description) return null;
  const match = /^([A-Za-z][\w-]*)(?: ([A-Za-z][\w-]*))?: (.*)$/s.exec(description);
  if (!match) return null;
  const [, first, second, rest] = match as unknown as [string, string, string | undefined, string];
  const enumOf = (key: string) => (key !== self ? enumValues(siblings[key]) : null);
  if (second !== undefined) {
    const values = enumOf(first);
    if (values?.includes(second)) return { showWhen: { key: first, values: [second] }, help: capitalize(rest) };
    return null;
  }
  for (const [key] of Object.entries(siblings)) {
    const values = enumOf(key);
    if (values?.includes(first)) return { showWhen: { key, values: [first] }, help: capitalize(rest) };
  }
  return null;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The allowed values when the schema is an enum or a union of constants, else null. */
function enumValues(schema: JsonSchema | undefined): Scalar[] | null {
  if (!schema) return null;
  if (Array.isArray(schema.enum) && schema.enum.every(isScalar)) return schema.enum as Scalar[];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length && options.every((o) => 'const' in o && isScalar(o.const))) return options.map((o) => o.const as Scalar);
  return null;
}

/** The property every branch pins with a `const`: the union's discriminator. */
function discriminatorOf(branches: JsonSchema[]): string | null {
  if (branches.length < 2 || !branches.every((b) => isObject(b.properties))) return null;
  const first = branches[0]!.properties!;
  for (const key of Object.keys(first)) {
    if (branches.every((b) => b.properties?.[key] && 'const' in b.properties[key]! && isScalar(b.properties[key]!.const))) return key;
  }
  return null;
}

/** Strips `anyOf: [X, {type: null}]` (nullable) to X. */
function unwrapNullable(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options || options.length !== 2) return schema;
  const nonNull = options.filter((o) => !(o.type === 'null'));
  if (nonNull.length !== 1) return schema;
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  return { ...nonNull[0]!, ...rest };
}

interface Ctx {
  options: SchemaFieldOptions;
  /** Depth 0 = a top-level param. */
  depth: number;
}

function fieldOf(key: string, raw: JsonSchema, required: boolean, siblings: Record<string, JsonSchema>, ctx: Ctx): FieldSpec {
  const schema = unwrapNullable(raw);
  const condition = ctx.depth <= 1 ? conditionOf(schema.description, siblings, key) : null;
  const base: FieldBase = {
    key,
    label: schema.title ?? humanize(key),
    required,
    ...(condition ? { showWhen: condition.showWhen, help: condition.help } : schema.description ? { help: schema.description } : {}),
    ...('default' in schema ? { defaultValue: schema.default } : {}),
  };
  const types = typesOf(schema);

  // A credential reference: `{ kind, credentialId }` (HTTP auth) or a bare `credentialId`.
  if (types.includes('object') && schema.properties?.credentialId) {
    const kinds = enumValues(schema.properties.kind);
    const others = Object.keys(schema.properties).filter((k) => k !== 'credentialId' && k !== 'kind');
    if (kinds && others.length === 0) return { ...base, kind: 'credential', kinds: kinds.map(String), kindKey: 'kind' };
  }
  if (key === 'credentialId' && types.includes('string')) {
    return { ...base, label: schema.title ?? 'Credential', kind: 'credential', kinds: [...(ctx.options.credentialKinds ?? [])] };
  }

  const values = enumValues(schema);
  if (values) return { ...base, kind: 'select', options: values.map((value) => ({ value, label: optionLabel(value) })) };

  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const discriminator = discriminatorOf(branches);
    if (discriminator) {
      return {
        ...base,
        kind: 'union',
        discriminator,
        branches: branches.map((branch) => {
          const value = branch.properties![discriminator]!.const as Scalar;
          const rest = Object.fromEntries(Object.entries(branch.properties!).filter(([k]) => k !== discriminator));
          return {
            value,
            label: branch.title ?? optionLabel(value),
            fields: fieldsOf({ ...branch, properties: rest }, { ...ctx, depth: ctx.depth + 1 }),
          };
        }),
      };
    }
    const scalarTypes = branches.flatMap(typesOf);
    if (branches.every((b) => typesOf(b).length > 0 && !b.properties && !b.items) && scalarTypes.every((t) => ['string', 'number', 'integer', 'boolean'].includes(t))) {
      return scalarField(base, scalarTypes);
    }
    return { ...base, kind: 'json' };
  }

  if (types.length > 1) {
    if (types.every((t) => ['string', 'number', 'integer', 'boolean', 'null'].includes(t))) return scalarField(base, types);
    return { ...base, kind: 'json' };
  }

  switch (types[0]) {
    case 'string': {
      const raw = ctx.depth === 0 && ctx.options.rawParams?.includes(key);
      const code = key === 'code' && (raw || /javascript/i.test(schema.description ?? '')) ? 'javascript' : undefined;
      return {
        ...base,
        kind: 'text',
        multiline: code !== undefined || (schema.maxLength ?? 0) > 200 || LONG_KEY.test(key) || LONG_HELP.test(base.help ?? ''),
        ...(code ? { code } : {}),
        expression: !raw && !code,
        ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
        ...(schema.pattern !== undefined ? { pattern: schema.pattern } : {}),
      };
    }
    case 'number':
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : undefined);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum : undefined);
      return {
        ...base,
        kind: 'number',
        integer: types[0] === 'integer',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      const items = schema.items ? unwrapNullable(schema.items) : undefined;
      const bounds = {
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
      if (items && typesOf(items).length === 1 && typesOf(items)[0] === 'string' && !enumValues(items)) {
        return { ...base, kind: 'tags', ...bounds };
      }
      if (items && typesOf(items)[0] === 'object' && isObject(items.properties)) {
        const itemFields = fieldsOf(items, { ...ctx, depth: ctx.depth + 1 });
        return { ...base, kind: 'list', itemFields, newItem: newObject(items), itemLabel: singular(base.label), ...bounds };
      }
      return { ...base, kind: 'json' };
    }
    case 'object': {
      if (isObject(schema.properties) && Object.keys(schema.properties).length > 0) {
        return { ...base, kind: 'group', fields: fieldsOf(schema, { ...ctx, depth: ctx.depth + 1 }) };
      }
      const extra = schema.additionalProperties;
      if (isObject(extra) && typesOf(extra as JsonSchema).includes('string')) return { ...base, kind: 'keyValue' };
      return { ...base, kind: 'json' };
    }
    case undefined: {
      // Untyped ("any"): JSON when it says so, else a value people write as text or an expression.
      if (/json|schema/i.test(key) || /\bJSON\b/.test(schema.description ?? '')) return { ...base, kind: 'json' };
      return { ...base, kind: 'text', multiline: false, expression: true, loose: true };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

function scalarField(base: FieldBase, types: string[]): ScalarField | TextField {
  const set = new Set<'string' | 'number' | 'boolean'>();
  for (const t of types) {
    if (t === 'string') set.add('string');
    else if (t === 'number' || t === 'integer') set.add('number');
    else if (t === 'boolean') set.add('boolean');
  }
  return { ...base, kind: 'scalar', types: [...set] };
}

function singular(label: string): string {
  const last = label.split(' ').pop() ?? label;
  const word = /ies$/.test(last) ? last.replace(/ies$/, 'y') : /s$/.test(last) && !/ss$/.test(last) ? last.slice(0, -1) : last;
  return word[0]!.toUpperCase() + word.slice(1);
}

/** A new value for an object schema: defaults where given, first choices and empty text for required fields. */
export function newObject(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const prop = unwrapNullable(raw);
    if ('default' in prop) {
      out[key] = structuredClone(prop.default);
      continue;
    }
    if (!schema.required?.includes(key)) continue;
    const values = enumValues(prop);
    if (values) out[key] = values[0];
    else if (typesOf(prop).includes('string') || typesOf(prop).length === 0) out[key] = '';
    else if (typesOf(prop).includes('array')) out[key] = [];
    else if (typesOf(prop).includes('boolean')) out[key] = false;
    else if (typesOf(prop).includes('object') && isObject(prop.properties)) out[key] = newObject(prop);
  }
  return out;
}

function fieldsOf(schema: JsonSchema, ctx: Ctx): FieldSpec[] {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  return Object.entries(properties).map(([key, prop]) => fieldOf(key, prop, required.has(key), properties, ctx));
}

/** The top-level fields of a params schema, in declaration order. */
export function paramFields(schema: unknown, options: SchemaFieldOptions = {}): FieldSpec[] {
  if (!isObject(schema)) return [];
  return fieldsOf(schema as JsonSchema, { options, depth: 0 });
}

/** Is the field shown, given the values of its siblings (defaults count)? */
export function isFieldVisible(field: FieldSpec, siblings: Readonly<Record<string, unknown>>, siblingFields: readonly FieldSpec[]): boolean {
  if (!field.showWhen) return true;
  const controller = siblingFields.find((f) => f.key === field.showWhen!.key);
  const value = field.showWhen.key in siblings ? siblings[field.showWhen.key] : controller?.defaultValue;
  return field.showWhen.values.some((v) => v === value);
}

/** The branch of a union a value belongs to (its discriminator), falling back to the default's, then the first. */
export function branchOf(field: UnionField, value: unknown): UnionBranch {
  const pick = (v: unknown) => (isObject(v) ? field.branches.find((b) => b.value === v[field.discriminator]) : undefined);
  return pick(value) ?? pick(field.defaultValue) ?? field.branches[0]!;
}

/** The value a union takes when switched to `branch`: the discriminator plus the branch's defaults. */
export function newBranchValue(field: UnionField, branch: UnionBranch): Record<string, unknown> {
  const out: Record<string, unknown> = { [field.discriminator]: branch.value };
  for (const f of branch.fields) {
    if (f.defaultValue !== undefined) out[f.key] = structuredClone(f.defaultValue);
    else if (f.required && f.kind === 'select') out[f.key] = f.options[0]?.value;
    else if (f.required && f.kind === 'text') out[f.key] = '';
  }
  return out;
}
