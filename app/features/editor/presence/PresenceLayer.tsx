'use client';

import { FollowingIndicator } from './FollowingIndicator.tsx';
import { PeerCursors } from './PeerCursors.tsx';
import { useFollowViewport } from './use-follow-viewport.ts';
import { usePublishCursor } from './use-publish-cursor.ts';
import { usePublishFollowing } from './use-publish-following.ts';
import { usePublishSelection } from './use-publish-selection.ts';
import { usePublishViewport } from './use-publish-viewport.ts';

/**
 * Multiplayer presence on the canvas; rendered as a child of <ReactFlow>. Publishes this
 * user's cursor, viewport, selection and whom they follow; draws peers' cursors; mirrors the
 * viewport of the person being followed. Everything it publishes is cleared on unmount.
 */
export function PresenceLayer() {
  usePublishCursor();
  usePublishViewport();
  usePublishSelection();
  usePublishFollowing();
  useFollowViewport();
  return (
    <>
      <PeerCursors />
      <FollowingIndicator />
    </>
  );
}
