import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NodeError } from '../errors.ts';
import type { FetchLike } from '../node-api.ts';
import { AllowList, isBlockedAddress, isMetadataHost } from './ip-policy.ts';

/** Resolves a host name to its addresses; injected so tests and the server can control DNS. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const defaultResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export const NetworkErrorCode = {
  AddressBlocked: 'HTTP_ADDRESS_BLOCKED',
  ProtocolBlocked: 'HTTP_PROTOCOL_BLOCKED',
  DnsFailed: 'HTTP_DNS_FAILED',
  TooManyRedirects: 'HTTP_TOO_MANY_REDIRECTS',
} as const;

export interface NetworkPolicy {
  /** Hosts and CIDRs that may be reached even though they are private (see AllowList). */
  allowList?: readonly string[];
  resolve?: HostResolver;
  maxRedirects?: number;
}

function hostnameOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Refuses URLs that point (directly, through DNS, or through a redirect) at a
 * private, loopback, link-local, unique-local or metadata address unless the
 * allow-list permits them. The check resolves DNS itself before connecting;
 * a DNS answer that changes between the check and fetch's own lookup is not
 * caught (that needs a pinned-address dispatcher).
 */
export async function assertReachable(url: URL, allowList: AllowList, resolve: HostResolver): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NodeError(`Only http and https URLs are allowed, not ${url.protocol}`, {
      code: NetworkErrorCode.ProtocolBlocked,
      retryable: false,
      details: { url: url.href },
    });
  }
  const host = hostnameOf(url);
  if (allowList.allowsHost(host)) return;
  if (isMetadataHost(host)) {
    throw new NodeError(`Requests to the metadata host "${host}" are not allowed`, {
      code: NetworkErrorCode.AddressBlocked,
      retryable: false,
      details: { host },
    });
  }
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      throw new NodeError(`Could not resolve "${host}": ${err instanceof Error ? err.message : String(err)}`, {
        code: NetworkErrorCode.DnsFailed,
        details: { host },
      });
    }
    if (addresses.length === 0) {
      throw new NodeError(`"${host}" has no addresses`, { code: NetworkErrorCode.DnsFailed, details: { host } });
    }
  }
  for (const address of addresses) {
    if (isBlockedAddress(address) && !allowList.allowsAddress(address)) {
      throw new NodeError(
        `Refusing to connect to ${host}${address === host ? '' : ` (${address})`}: private, loopback, link-local and metadata addresses are blocked unless allow-listed`,
        { code: NetworkErrorCode.AddressBlocked, retryable: false, details: { host, address } },
      );
    }
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A fetch that applies `assertReachable` to the URL and to every redirect hop
 * (redirects are followed here, manually, so that no hop escapes the check).
 */
export function createGuardedFetch(fetchImpl: FetchLike, policy: NetworkPolicy = {}): FetchLike {
  const allowList = new AllowList(policy.allowList ?? []);
  const resolve = policy.resolve ?? defaultResolver;
  const maxRedirects = policy.maxRedirects ?? 10;
  return async (input, init = {}) => {
    let url = new URL(typeof input === 'string' ? input : input.href);
    let currentInit: RequestInit = { ...init, redirect: 'manual' };
    for (let hop = 0; ; hop++) {
      await assertReachable(url, allowList, resolve);
      const response = await fetchImpl(url, currentInit);
      if (init.redirect === 'manual' || !REDIRECTS.has(response.status)) return response;
      const location = response.headers.get('location');
      if (!location) return response;
      if (init.redirect === 'error') {
        await response.body?.cancel();
        throw new NodeError(`Unexpected redirect to ${location}`, { code: NetworkErrorCode.TooManyRedirects, retryable: false });
      }
      if (hop >= maxRedirects) {
        await response.body?.cancel();
        throw new NodeError(`More than ${maxRedirects} redirects`, { code: NetworkErrorCode.TooManyRedirects, retryable: false });
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      const method = (currentInit.method ?? 'GET').toUpperCase();
      // Same rules as the fetch standard: 303 (and 301/302 after POST) turn into a body-less GET.
      const toGet = (response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST');
      const headers = new Headers(currentInit.headers);
      if (next.origin !== url.origin) {
        headers.delete('authorization');
        headers.delete('cookie');
      }
      if (toGet) {
        headers.delete('content-type');
        currentInit = { ...currentInit, headers, method: 'GET', body: undefined };
      } else currentInit = { ...currentInit, headers };
      url = next;
    }
  };
}
