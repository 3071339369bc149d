/**
 * Versions the server saves on its own carry fixed messages: the draft snapshot before a
 * restore ("Before restoring version 3") and the snapshot a draft run used ("Draft run").
 * The list marks them so people can tell them from versions someone saved on purpose.
 */
export type VersionOrigin = { kind: 'saved' } | { kind: 'before-restore'; restoredNumber: number } | { kind: 'draft-run' };

export function versionOrigin(message: string): VersionOrigin {
  const restore = /^Before restoring version (\d+)$/.exec(message);
  if (restore) return { kind: 'before-restore', restoredNumber: Number(restore[1]) };
  if (message === 'Draft run') return { kind: 'draft-run' };
  return { kind: 'saved' };
}
