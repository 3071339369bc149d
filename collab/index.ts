/**
 * Public surface of collab/: the workflow document (schema, typed operations, mapping to and
 * from definitions), presence, per-user undo, schema guard and version diffs. Shared by the
 * browser editor and the server.
 */
export {
  DOC_NODES,
  DOC_EDGES,
  DOC_META,
  DOC_ROOTS,
  NodeField,
  EdgeField,
  nodesOf,
  edgesOf,
  metaOf,
  nodeMapOf,
  edgeMapOf,
  paramsMapOf,
  readNode,
  readEdge,
  createNodeMap,
  createEdgeMap,
  definitionFromDoc,
  docFromDefinition,
  replaceDocContent,
  encodeDoc,
  decodeDoc,
  type NodeMap,
  type EdgeMap,
  type ParamsMap,
} from './workflow-doc.ts';
export {
  addNode,
  removeNode,
  updateNodePosition,
  moveNodes,
  renameNode,
  setNodeSettings,
  getNode,
  nodeIds,
  edgeIdsOfNode,
  type NewNode,
  type Position,
} from './ops/nodes.ts';
export { addEdge, removeEdge, getEdge, type NewEdge } from './ops/edges.ts';
export { renameNodeWithReferences, renameReferences, NODE_REFERENCE } from './ops/node-references.ts';
export { setParam, removeParam, editParamText, paramText, getParam, type TextEdit } from './ops/params.ts';
export { applyDefinition } from './apply-definition.ts';
export { CollabError, CollabErrorCode, type CollabErrorPath } from './errors.ts';
export {
  installSchemaGuard,
  findViolations,
  repairViolations,
  checkNode,
  checkEdge,
  SchemaViolationCode,
  type SchemaViolation,
  type GuardScope,
} from './schema-guard.ts';
export {
  AwarenessStateSchema,
  AwarenessUserSchema,
  FollowingSchema,
  FlowPointSchema,
  ViewportSchema,
  EditingSchema,
  sanitizeAwareness,
  readPeers,
  colorForUser,
  type AwarenessState,
  type AwarenessUser,
  type Following,
  type FlowPoint,
} from './awareness.ts';
export { createUndoManager, asOneUndoStep, beginDrag, type DragSession, type DragOptions } from './undo.ts';
export {
  diffDefinitions,
  sameDefinition,
  type DefinitionDiff,
  type NodeChange,
  type EdgeChange,
  type FieldChange,
  type FieldChangeKind,
} from './version-diff.ts';
export {
  captureOwnRestores,
  encodeRestoreNotice,
  parseRestoreNotice,
  RESTORE_NOTICE_TYPE,
  type RestoreNotice,
} from './restore-notice.ts';
