import type { PrismaClient } from '../../generated/prisma/client.ts';
import { normalizePath } from './activation.ts';

export type WebhookRoute = {
  triggerId: string;
  workflowId: string;
  versionId: string;
  nodeId: string;
  method: string;
  /** Path segments; a segment starting with ":" captures a parameter. */
  segments: string[];
};

/**
 * Finds the live webhook for a request. Routes are cached per workflow for `ttlMs`, so a
 * hot webhook costs no query; activation elsewhere is picked up within that time.
 */
export class WebhookRouter {
  private readonly cache = new Map<string, { until: number; routes: WebhookRoute[] }>();
  constructor(private readonly db: PrismaClient, private readonly ttlMs = 1000) {}

  invalidate(workflowId: string): void {
    this.cache.delete(workflowId);
  }

  async match(workflowId: string, method: string, path: string): Promise<{ route: WebhookRoute; params: Record<string, string> } | { methodNotAllowed: true } | null> {
    const routes = await this.routesOf(workflowId);
    const parts = normalizePath(path).split('/');
    let pathMatched = false;
    for (const route of routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }

  private async routesOf(workflowId: string): Promise<WebhookRoute[]> {
    const now = Date.now();
    const hit = this.cache.get(workflowId);
    if (hit && hit.until > now) return hit.routes;
    const rows = await this.db.trigger.findMany({ where: { workflowId, type: 'webhook' } });
    const routes = rows.map((r) => ({
      triggerId: r.id,
      workflowId: r.workflowId,
      versionId: r.versionId,
      nodeId: r.nodeId,
      method: r.method ?? 'POST',
      segments: (r.path ?? '').split('/'),
    }));
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(workflowId, { until: now + this.ttlMs, routes });
    return routes;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(':')) {
      if (!v) return null;
      params[p.slice(1)] = decodeURIComponent(v);
    } else if (p !== v) return null;
  }
  return params;
}
