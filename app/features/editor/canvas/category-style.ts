/** Icon tile colours per node category, from the semantic tokens so both themes follow. */
export const CATEGORY_TINT: Record<string, string> = {
  trigger: 'bg-warning-soft text-warning-text',
  core: 'bg-accent-soft text-accent-text',
  flow: 'bg-success-soft text-success-text',
  data: 'bg-accent-soft text-accent-text',
  ai: 'bg-accent-soft text-accent-text',
  integration: 'bg-subtle text-muted',
  utility: 'bg-subtle text-muted',
};

export const tintOf = (category: string | undefined): string => (category && CATEGORY_TINT[category]) || 'bg-subtle text-muted';
