import type { HTMLAttributes, ReactNode, SyntheticEvent } from 'react';

// React types `onCancel` on <dialog> only, but dispatches it to every ancestor in the tree.
const stopCancel = { onCancel: (event: SyntheticEvent) => event.stopPropagation() } as HTMLAttributes<HTMLDivElement>;

/**
 * Keeps Escape in a dialog opened from inside another dialog to that inner dialog. React
 * bubbles the inner <dialog>'s `cancel` event up the component tree, where the outer Dialog
 * would take it as its own and close too; this stops it on the way.
 */
export function NestedDialogBoundary({ children }: { children: ReactNode }) {
  return (
    <div className="contents" {...stopCancel}>
      {children}
    </div>
  );
}
