/**
 * The credential form of a kind, derived from its fields' JSON Schema (what `nodeType.list`
 * sends): one control per property, secrets as password inputs. Pure, so the form's rules
 * (required fields, kept secrets, what is sent) are tested without a browser.
 */
export type CredentialKindSchema = {
  kind: string;
  jsonSchema: unknown;
  secretFields: readonly string[];
};

export type CredentialField = {
  name: string;
  label: string;
  /** The property's description, shown under the control. */
  hint?: string;
  control: 'text' | 'password' | 'url' | 'number' | 'select';
  /** Choices of a `select` (the schema's enum). */
  options?: string[];
  required: boolean;
  defaultValue?: string;
  secret: boolean;
  minLength?: number;
};

/** A stored credential as `credential.get` returns it: non-secret values, and which secrets are set. */
export type StoredCredential = { fields: Record<string, string>; secretsSet: readonly string[] };

type JsonSchemaProperty = {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minLength?: number;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ACRONYMS: Record<string, string> = { url: 'URL', id: 'ID', api: 'API', hmac: 'HMAC', oauth: 'OAuth', http: 'HTTP', ssl: 'SSL', jwt: 'JWT' };

/** `tokenUrl` → "Token URL", `client_id` → "Client ID". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const first = words[0] ?? '';
  words[0] = ACRONYMS[first.toLowerCase()] ?? first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

function controlOf(prop: JsonSchemaProperty, secret: boolean): CredentialField['control'] {
  if (secret) return 'password';
  if (Array.isArray(prop.enum) && prop.enum.length > 0) return 'select';
  const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
  if (type === 'number' || type === 'integer') return 'number';
  if (prop.format === 'uri' || prop.format === 'url') return 'url';
  return 'text';
}

export function credentialFields(kind: CredentialKindSchema): CredentialField[] {
  const schema = isObject(kind.jsonSchema) ? kind.jsonSchema : {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const secrets = new Set(kind.secretFields);
  return Object.entries(properties).map(([name, raw]) => {
    const prop = (isObject(raw) ? raw : {}) as JsonSchemaProperty;
    const secret = secrets.has(name);
    const field: CredentialField = {
      name,
      label: prop.title ?? humanize(name),
      control: controlOf(prop, secret),
      required: required.has(name),
      secret,
    };
    if (prop.description) field.hint = prop.description;
    if (Array.isArray(prop.enum)) field.options = prop.enum.map(String);
    if (prop.default !== undefined && prop.default !== null) field.defaultValue = String(prop.default);
    if (typeof prop.minLength === 'number') field.minLength = prop.minLength;
    return field;
  });
}

/** Starting values: the stored non-secret values when editing, else defaults; secrets always start empty. */
export function initialValues(fields: readonly CredentialField[], stored?: StoredCredential): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    if (f.secret) values[f.name] = '';
    else values[f.name] = stored?.fields[f.name] ?? f.defaultValue ?? (f.control === 'select' ? (f.options?.[0] ?? '') : '');
  }
  return values;
}

/** A secret that is already stored and may be left empty to keep it. */
export const keepsStoredSecret = (field: CredentialField, stored?: StoredCredential) =>
  field.secret && !!stored?.secretsSet.includes(field.name);

/**
 * Whether "" is no answer: a required field with a minimum length, or one whose format (URL,
 * number) "" cannot meet. A required plain string may be "" (a password-less Basic auth).
 */
export const mustFill = (f: CredentialField) => f.required && ((f.minLength ?? 0) > 0 || f.control === 'url' || f.control === 'number');

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Problems to show under each field before anything is sent (the server validates again). */
export function validateCredentialForm(
  fields: readonly CredentialField[],
  values: Record<string, string>,
  name: string,
  stored?: StoredCredential,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!name.trim()) errors.$name = 'Give the credential a name';
  for (const f of fields) {
    const value = values[f.name] ?? '';
    if (value === '') {
      if (mustFill(f) && !keepsStoredSecret(f, stored)) errors[f.name] = `${f.label} is required`;
      continue;
    }
    if (f.minLength !== undefined && value.length < f.minLength) errors[f.name] = `Use at least ${f.minLength} characters`;
    else if (f.control === 'url' && !isUrl(value)) errors[f.name] = 'Enter a full URL, like https://example.com/token';
    else if (f.control === 'number' && !Number.isFinite(Number(value))) errors[f.name] = 'Enter a number';
    else if (f.options && !f.options.includes(value)) errors[f.name] = `Choose one of ${f.options.join(', ')}`;
  }
  return errors;
}

/**
 * The `data` sent to create or update: every field with a value, and required ones even when
 * empty. Empty optional fields are left out; on update an empty stored secret is sent empty,
 * which the server reads as "keep it".
 */
export function credentialPayload(fields: readonly CredentialField[], values: Record<string, string>, stored?: StoredCredential): Record<string, string> {
  const data: Record<string, string> = {};
  for (const f of fields) {
    const value = values[f.name] ?? '';
    if (value !== '') data[f.name] = value;
    else if (f.required || keepsStoredSecret(f, stored)) data[f.name] = '';
  }
  return data;
}

/**
 * Field errors from a rejected save: the server reports each bad value as an issue at
 * `data.<field>` (or `name`); they go under the matching control, `$name` for the name.
 */
export function fieldErrorsFromIssues(issues: readonly { path: string; message: string }[] | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const key = issue.path === 'name' ? '$name' : issue.path.startsWith('data.') ? issue.path.slice('data.'.length) : null;
    if (key && !errors[key]) errors[key] = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
  return errors;
}
