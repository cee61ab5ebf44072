// Which addresses a hosted certify may reach: the service fetches URLs strangers type, so loopback,
// private, link-local, multicast and reserved ranges are refused (unless --allow-private). The
// check runs where the connection is made (guardedDispatcher): the name is resolved here, checked,
// and the socket connects to that checked address, so a name that resolves elsewhere a second time
// (DNS rebinding) cannot slip through, and every redirect hop is a new, checked connection.

import { lookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';

/** Ranges never reached without --allow-private, each with the word users see. */
const REFUSED: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'ipv4', 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'ipv4', 'shared carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'ipv4', 'documentation (TEST-NET-1)'],
  ['192.168.0.0', 16, 'ipv4', 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'ipv4', 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['100::', 64, 'ipv6', 'discard-only'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['fc00::', 7, 'ipv6', 'private (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

export class RefusedTargetError extends Error {
  override name = 'RefusedTargetError';
}

export interface AddressPolicy {
  /** --allow-private: every address is allowed. */
  allowPrivate: boolean;
  /** Tests only: loopback addresses treated as public (tests may send traffic only to loopback). */
  treatAsPublic?: string[];
  /** A DNS server (host:port) to resolve target names with instead of the system's resolver. */
  dnsServer?: string;
}

/** Why an address is refused (the range's name), or null when it may be reached. */
export function refusalOf(address: string, policy: AddressPolicy): string | null {
  if (policy.allowPrivate) return null;
  const plain = address.replace(/^\[|\]$/g, '');
  if (policy.treatAsPublic?.includes(plain)) return null;
  const family = isIP(plain);
  if (!family) return 'not an IP address';
  // IPv4-mapped and NAT64 addresses carry an IPv4 address: judge that one.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)?.[1];
  if (embedded) return refusalOf(embedded, policy);
  for (const [net, prefix, type, name] of REFUSED) {
    const list = new BlockList();
    list.addSubnet(net, prefix, type);
    if (list.check(plain, family === 4 ? 'ipv4' : 'ipv6')) return `${plain} is ${name}`;
  }
  if (family === 6 && /^::ffff:/i.test(plain)) return `${plain} is an IPv4-mapped address`;
  return null;
}

/** The addresses a host name stands for (an IP literal is itself). */
export async function resolveHost(hostname: string, policy: AddressPolicy): Promise<string[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return [host];
  try {
    if (policy.dnsServer) {
      const resolver = new Resolver({ timeout: 3000, tries: 1 });
      resolver.setServers([policy.dnsServer]);
      const [v4, v6] = await Promise.all([resolver.resolve4(host).catch(() => []), resolver.resolve6(host).catch(() => [])]);
      if (!v4.length && !v6.length) throw new Error('ENOTFOUND');
      return [...v4, ...v6];
    }
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new RefusedTargetError(`${host} does not resolve (no DNS answer): check the host name`);
  }
}

/** Resolves and checks: the first address when every one may be reached, else a refusal naming the range. */
export async function checkedAddress(hostname: string, policy: AddressPolicy): Promise<string> {
  const addresses = await resolveHost(hostname, policy);
  for (const a of addresses) {
    const why = refusalOf(a, policy);
    if (why) {
      const named = isIP(hostname.replace(/^\[|\]$/g, '')) ? '' : ` (${hostname} resolves to it)`;
      throw new RefusedTargetError(`refused: ${why}${named}; a hosted certify reaches only public addresses (start it with --allow-private to certify servers on a private network)`);
    }
  }
  return addresses[0]!;
}

/** A URL's host checked before anything is sent (quick answers for the API; the connection checks again). */
export async function checkUrl(url: string, policy: AddressPolicy): Promise<void> {
  await checkedAddress(new URL(url).hostname, policy);
}

/** An undici dispatcher whose every connection resolves, checks, and connects to the checked address. */
export function guardedDispatcher(policy: AddressPolicy, connectTimeoutMs = 10_000): Agent {
  const connect = buildConnector({ timeout: connectTimeoutMs });
  // A kept-alive socket stays on the address it was checked for; a new one is checked again.
  return new Agent({
    connect: (options, callback) => {
      const name = options.hostname.replace(/^\[|\]$/g, '');
      checkedAddress(name, policy).then(
        (address) => connect({ ...options, hostname: address, servername: options.servername ?? (isIP(name) ? undefined : name) } as typeof options, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}
