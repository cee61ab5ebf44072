// Fixture host names (`npm run fixtures -- --host <name> --cross-site-host <name>`): the origins
// follow them, the cross-site pair stays cross-site (public suffix list), bad input is refused
// with what to do. Browserless; matrix-remote.test.ts runs a matrix on such names.

import { expect, test } from '../support/browserless.ts';
import { ConfigError, DEFAULT_HOSTS, HOST_ENV, checkHosts, hostsFromEnv, originsFor } from '../../fixtures/origins.ts';
import { fixtureOrigins, trustedOrigins } from '../../fixtures/profile-rules.ts';

const ports = { viewer: 1001, image: 1003, other: 1005 };

test('by default the origins are localhost (one site) and 127.0.0.1 (the cross site)', () => {
  expect(hostsFromEnv({})).toBe(DEFAULT_HOSTS);
  expect(originsFor(ports, 'http', DEFAULT_HOSTS, '192.0.2.9')).toEqual({
    viewer: 'http://localhost:1001',
    image: 'http://localhost:1003',
    other: 'http://localhost:1005',
    imageCrossSite: 'http://127.0.0.1:1003',
    // the machine's non-loopback address: origins that are not potentially trustworthy (mixed content)
    imageRemote: 'http://192.0.2.9:1003',
    viewerRemote: 'http://192.0.2.9:1001',
    // a host name engines reach only when launched with it mapped (mixed-content-named rows)
    imageNamed: 'http://tiles.example.test:1003',
    viewerNamed: 'http://tiles.example.test:1001',
    // one site of its own under mapped names: same-site, cross-origin hosts (subdomain cookie rows)
    viewerSite: 'http://example.test:1001',
    imageSite: 'http://example.test:1003',
    imageSubdomain: 'http://www1.example.test:1003',
  });
});

test('named hosts go into every origin, IPv6 literals in brackets, and into the allow-lists the profiles build', () => {
  const hosts = hostsFromEnv({ [HOST_ENV.site]: 'runner.example.org', [HOST_ENV.crossSite]: '2001:db8::7' });
  const origins = originsFor(ports, 'https', hosts, '192.0.2.9');
  expect(origins).toEqual({
    viewer: 'https://runner.example.org:1001',
    image: 'https://runner.example.org:1003',
    other: 'https://runner.example.org:1005',
    imageCrossSite: 'https://[2001:db8::7]:1003',
    imageRemote: 'https://192.0.2.9:1003',
    viewerRemote: 'https://192.0.2.9:1001',
    imageNamed: 'https://tiles.example.test:1003',
    viewerNamed: 'https://tiles.example.test:1001',
    viewerSite: 'https://example.test:1001',
    imageSite: 'https://example.test:1003',
    imageSubdomain: 'https://www1.example.test:1003',
  });
  expect(trustedOrigins(origins, ports)).toEqual(['https://runner.example.org:1001', 'https://[2001:db8::7]:1001']);
  const env = { ...process.env };
  try {
    Object.assign(process.env, { [HOST_ENV.site]: 'runner.example.org', [HOST_ENV.crossSite]: '192.0.2.7' });
    expect(fixtureOrigins(ports)).toContain('http://192.0.2.7:1005');
    expect(fixtureOrigins(ports)).toContain('http://runner.example.org:1005');
  } finally {
    process.env = env;
  }
});

test('a same-site pair, half a pair or a malformed name is refused, saying what to give', () => {
  expect(() => checkHosts({ site: 'a.example.co.uk', crossSite: 'b.example.co.uk' })).toThrow(/same site \(example\.co\.uk\)/);
  expect(() => checkHosts({ site: 'ci.example.org', crossSite: 'CI.example.org' })).toThrow(ConfigError);
  expect(() => hostsFromEnv({ [HOST_ENV.site]: 'runner.lan' })).toThrow(/CORS_FIXTURE_CROSS_SITE_HOST is unset.*--cross-site-host/);
  expect(() => checkHosts({ site: 'http://x', crossSite: '10.0.0.1' })).toThrow(/not a host name/);
  // Different registrable domains, an IP address against a name, two addresses: cross-site.
  for (const pair of [['viewer.example.org', 'images.example.net'], ['runner.lan', '192.0.2.7'], ['127.0.0.2', '127.0.0.3']] as const) {
    expect(checkHosts({ site: pair[0], crossSite: pair[1] })).toEqual({ site: pair[0], crossSite: pair[1] });
  }
});
