/**
 * Upgraders for older workflow exports. Each entry turns a document of
 * `schemaVersion: n` into `schemaVersion: n + 1`; parseDefinition chains them
 * so any export we ever produced stays readable. Never edit a released entry:
 * add a new one and bump CURRENT_SCHEMA_VERSION instead.
 */
type RawDoc = Record<string, unknown>;
export type Upgrader = (doc: RawDoc) => RawDoc;

export const CURRENT_SCHEMA_VERSION = 1;

function isRecord(value: unknown): value is RawDoc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Version 0 (pre-release exports, no `schemaVersion` field): nodes carried
 * `parameters`, `version`, `position: [x, y]` and flat retry flags
 * (`retryOnFail`, `maxTries`, `waitBetweenTries`, `continueOnFail`); edges
 * used React Flow's `sourceHandle` / `targetHandle`.
 */
function upgrade0to1(doc: RawDoc): RawDoc {
  // Shapes that are not arrays are left for the schema to reject with a precise path.
  const nodes: unknown = doc.nodes;
  const edges: unknown = doc.edges ?? doc.connections;
  const { connections: _connections, ...rest } = doc;
  return {
    ...rest,
    schemaVersion: 1,
    nodes: !Array.isArray(nodes) ? nodes : nodes.map((node: unknown) => {
      if (!isRecord(node)) return node;
      const {
        parameters,
        version,
        retryOnFail,
        maxTries,
        waitBetweenTries,
        continueOnFail,
        disabled,
        position,
        ...keep
      } = node;
      const settings: RawDoc = isRecord(keep.settings) ? { ...keep.settings } : {};
      if (retryOnFail === true) {
        const tries = typeof maxTries === 'number' ? maxTries : 3;
        settings.retries = Math.max(0, Math.min(10, tries - 1));
        settings.backoff = { kind: 'fixed', baseMs: typeof waitBetweenTries === 'number' ? waitBetweenTries : 1000 };
      }
      if (continueOnFail === true) settings.onError = 'continue';
      if (disabled === true) settings.disabled = true;
      const upgraded: RawDoc = { ...keep, settings };
      if (keep.typeVersion === undefined && version !== undefined) upgraded.typeVersion = version;
      if (keep.params === undefined && parameters !== undefined) upgraded.params = parameters;
      if (Array.isArray(position)) upgraded.position = { x: position[0], y: position[1] };
      else if (position !== undefined) upgraded.position = position;
      return upgraded;
    }),
    edges: !Array.isArray(edges) ? edges : edges.map((edge: unknown) => {
      if (!isRecord(edge)) return edge;
      const { sourceHandle, targetHandle, ...keep } = edge;
      const sourceOutput = keep.sourceOutput ?? sourceHandle ?? 'main';
      const targetInput = keep.targetInput ?? targetHandle ?? 'main';
      return {
        ...keep,
        id: keep.id ?? `${String(keep.source)}:${String(sourceOutput)}->${String(keep.target)}:${String(targetInput)}`,
        sourceOutput,
        targetInput,
      };
    }),
  };
}

export const UPGRADERS: Readonly<Record<number, Upgrader>> = {
  0: upgrade0to1,
};
