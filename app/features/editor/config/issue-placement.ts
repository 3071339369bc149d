import type { CompileIssue } from '../editor-store.ts';
import { branchOf, isFieldVisible, type FieldSpec } from './schema-fields.ts';
import { getIn, pathKey, type Path } from './value-path.ts';

/**
 * Where the config panel shows each compiler finding of a node: under the param field it is
 * about (`field` is "params.url", "params.headers.0.name", or a bare "url"), under the name
 * input, in the Settings tab, or at the top of the panel when nothing rendered matches.
 */
export interface PlacedIssues {
  /** Keyed by dotted param path ("headers.0.name"). */
  byPath: ReadonlyMap<string, CompileIssue[]>;
  name: CompileIssue[];
  settings: CompileIssue[];
  /** Shown at the top of the panel. */
  general: CompileIssue[];
}

/** Node-level fields an issue may name that are not params. */
const NODE_FIELDS = new Set(['id', 'name', 'type', 'typeVersion', 'position']);

/** Dotted paths of every field the form renders for these params (visible fields only, list items included). */
export function renderedPaths(fields: readonly FieldSpec[], value: unknown, base: Path = []): Set<string> {
  const out = new Set<string>();
  const visit = (specs: readonly FieldSpec[], parent: unknown, at: Path) => {
    const siblings = (parent !== null && typeof parent === 'object' ? parent : {}) as Record<string, unknown>;
    for (const field of specs) {
      if (!isFieldVisible(field, siblings, specs)) continue;
      const path = [...at, field.key];
      out.add(pathKey(path));
      const current = getIn(parent, [field.key]);
      if (field.kind === 'group') visit(field.fields, current, path);
      else if (field.kind === 'union') visit(branchOf(field, current ?? field.defaultValue).fields, current, path);
      else if (field.kind === 'list' && Array.isArray(current)) {
        current.forEach((item, index) => {
          out.add(pathKey([...path, index]));
          visit(field.itemFields, item, [...path, index]);
        });
      } else if ((field.kind === 'tags' || field.kind === 'keyValue') && current !== null && typeof current === 'object') {
        for (const key of Object.keys(current)) out.add(pathKey([...path, key]));
      }
    }
  };
  visit(fields, value, base);
  return out;
}

export function placeIssues(issues: readonly CompileIssue[], rendered: ReadonlySet<string>): PlacedIssues {
  const byPath = new Map<string, CompileIssue[]>();
  const placed: PlacedIssues = { byPath, name: [], settings: [], general: [] };
  for (const issue of issues) {
    const field = issue.field ?? '';
    if (field === 'name') {
      placed.name.push(issue);
      continue;
    }
    if (field === 'settings' || field.startsWith('settings.')) {
      placed.settings.push(issue);
      continue;
    }
    const explicit = field.startsWith('params.');
    if (!explicit && (field === '' || field === 'params' || NODE_FIELDS.has(field))) {
      placed.general.push(issue);
      continue;
    }
    const target = nearestRendered(explicit ? field.slice('params.'.length) : field, rendered);
    if (target === null) placed.general.push(issue);
    else byPath.set(target, [...(byPath.get(target) ?? []), issue]);
  }
  return placed;
}

/** The path itself when rendered, else its nearest rendered ancestor ("headers.3.value" → "headers"). */
function nearestRendered(path: string, rendered: ReadonlySet<string>): string | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (rendered.has(candidate)) return candidate;
  }
  return null;
}

/** The message without the "params.url: " prefix the compiler adds, since the field is shown right above it. */
export function issueText(issue: CompileIssue): string {
  const field = issue.field;
  let message = issue.message;
  if (field) for (const prefix of [`${field}: `, `params.${field}: `]) if (message.startsWith(prefix)) message = message.slice(prefix.length);
  // zod's wording for a missing value, said the way a form says it.
  if (field && /^Invalid input: expected .+, received undefined$/.test(message)) return 'Required';
  return message;
}
