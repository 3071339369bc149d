import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a workflow may not reach unless allow-listed: loopback,
 * private, carrier-grade NAT, link-local (cloud metadata lives at
 * 169.254.169.254), unique-local and link-local IPv6, multicast, reserved and
 * documentation ranges.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible range
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Host names that reach cloud metadata services whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

export function isMetadataHost(hostname: string): boolean {
  return METADATA_HOSTS.has(hostname.toLowerCase().replace(/\.$/, ''));
}

function expandIPv6(address: string): number[] | undefined {
  let addr = address.toLowerCase();
  const zone = addr.indexOf('%');
  if (zone !== -1) addr = addr.slice(0, zone);
  // Dotted IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const dotted = addr.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const parts = (dotted[1] as string).split('.').map(Number);
    const hi = (((parts[0] as number) << 8) | (parts[1] as number)).toString(16);
    const lo = (((parts[2] as number) << 8) | (parts[3] as number)).toString(16);
    addr = addr.slice(0, addr.length - (dotted[1] as string).length) + `${hi}:${lo}`;
  }
  const [head, tail] = addr.split('::') as [string, string | undefined];
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headParts.length - tailParts.length;
  if (tail === undefined ? headParts.length !== 8 : missing < 0) return undefined;
  const all = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts];
  const nums = all.map((h) => parseInt(h, 16));
  return nums.length === 8 && nums.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? nums : undefined;
}

/** The IPv4 address embedded in IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) addresses. */
export function embeddedIPv4(address: string): string | undefined {
  const h = expandIPv6(address);
  if (!h) return undefined;
  const [a, b, c, d, e, f, g, i] = h as [number, number, number, number, number, number, number, number];
  const v4 = (x: number, y: number) => `${x >> 8}.${x & 0xff}.${y >> 8}.${y & 0xff}`;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return v4(g, i);
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return v4(g, i);
  if (a === 0x2002) return v4(b, c);
  return undefined;
}

/** True for any address a workflow must not reach by default. Unparseable input counts as blocked. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIPv4(address);
    if (v4 !== undefined && blocked.check(v4, 'ipv4')) return true;
    return blocked.check(address.replace(/%.*$/, ''), 'ipv6');
  }
  return true;
}

/** Hosts and address ranges that are reachable despite the rules above. */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly ranges = new BlockList();
  private hasRanges = false;

  /** Entries: `10.0.0.0/8`, `::1/128`, `127.0.0.1`, `api.internal`, `*.corp.example`. Invalid entries throw. */
  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      const slash = entry.indexOf('/');
      if (slash !== -1) {
        const net = entry.slice(0, slash);
        const prefix = Number(entry.slice(slash + 1));
        const family = isIP(net);
        if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
          throw new Error(`Invalid allow-list CIDR "${raw}"`);
        }
        this.ranges.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6');
        this.hasRanges = true;
      } else if (isIP(entry) !== 0) {
        this.ranges.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
        this.hasRanges = true;
      } else if (entry.startsWith('*.')) {
        this.suffixes.push(entry.slice(1));
      } else {
        this.hosts.add(entry.replace(/\.$/, ''));
      }
    }
  }

  allowsHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    return this.hosts.has(host) || this.suffixes.some((suffix) => host.endsWith(suffix));
  }

  allowsAddress(address: string): boolean {
    if (!this.hasRanges) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return this.ranges.check(address.replace(/%.*$/, ''), family === 4 ? 'ipv4' : 'ipv6');
  }
}
