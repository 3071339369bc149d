import type { NodeCategory } from '../../../../engine/node-api.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';

/** Palette sections in the order a workflow is built: start, then core steps, then the rest. */
export const CATEGORY_ORDER: readonly NodeCategory[] = ['trigger', 'core', 'flow', 'data', 'ai', 'integration', 'utility'];

export const CATEGORY_LABEL: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  core: 'Core',
  flow: 'Flow',
  data: 'Data',
  ai: 'AI',
  integration: 'Integrations',
  utility: 'Utility',
};

export type PaletteGroup = { category: NodeCategory; label: string; items: NodeTypeDescription[] };

/** Latest version per type only: older versions stay loadable but new nodes use the newest. */
export function latestVersions(types: Iterable<NodeTypeDescription>): NodeTypeDescription[] {
  const latest = new Map<string, NodeTypeDescription>();
  for (const t of types) {
    const seen = latest.get(t.type);
    if (!seen || t.version > seen.version) latest.set(t.type, t);
  }
  return [...latest.values()];
}

const normalise = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/**
 * Types matching every word of `query` (in name, type, description or category), grouped by
 * category in CATEGORY_ORDER; names that start with the query come first within a group.
 */
export function groupNodeTypes(types: Iterable<NodeTypeDescription>, query: string): PaletteGroup[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  const q = normalise(query.trim());
  const matches = latestVersions(types).filter((t) => {
    const haystack = normalise(`${t.displayName} ${t.type} ${t.description} ${t.category} ${CATEGORY_LABEL[t.category] ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
  const rank = (t: NodeTypeDescription) => (q && normalise(t.displayName).startsWith(q) ? 0 : 1);
  const groups: PaletteGroup[] = [];
  const known = new Set<string>(CATEGORY_ORDER);
  const categories = [...CATEGORY_ORDER, ...new Set(matches.map((t) => t.category).filter((c) => !known.has(c)))];
  for (const category of categories) {
    const items = matches
      .filter((t) => t.category === category)
      .sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
    if (items.length > 0) groups.push({ category, label: CATEGORY_LABEL[category] ?? category, items });
  }
  return groups;
}
