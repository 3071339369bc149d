import { describe, expect, it } from 'vitest';
import { AllowList, embeddedIPv4, isBlockedAddress, isMetadataHost } from './ip-policy.ts';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    'fd00:ec2::254',
    'not-an-ip',
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:808:808::1'])(
    'allows %s',
    (address) => {
      expect(isBlockedAddress(address)).toBe(false);
    },
  );

  it('extracts embedded IPv4', () => {
    expect(embeddedIPv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(embeddedIPv4('2001:db8::1')).toBeUndefined();
  });

  it('knows metadata host names', () => {
    expect(isMetadataHost('metadata.google.internal.')).toBe(true);
    expect(isMetadataHost('example.com')).toBe(false);
  });
});

describe('AllowList', () => {
  it('matches hosts, wildcards, addresses and CIDRs', () => {
    const allow = new AllowList(['127.0.0.1', '10.0.0.0/8', 'api.internal', '*.corp.example', 'fd00::/8']);
    expect(allow.allowsAddress('127.0.0.1')).toBe(true);
    expect(allow.allowsAddress('127.0.0.2')).toBe(false);
    expect(allow.allowsAddress('10.20.30.40')).toBe(true);
    expect(allow.allowsAddress('fd12::1')).toBe(true);
    expect(allow.allowsHost('API.internal')).toBe(true);
    expect(allow.allowsHost('x.corp.example')).toBe(true);
    expect(allow.allowsHost('corp.example')).toBe(false);
  });

  it('rejects malformed entries', () => {
    expect(() => new AllowList(['10.0.0.0/33'])).toThrow(/CIDR/);
  });
});
