// A IIIF collection over real Debian servers, for `certify` in collection mode (tests and the
// `collection` bench): image services spread over four differently configured servers (the
// configurations and their expected root causes are the rows of certify-real-servers.test.ts),
// manifests and nested collections (Presentation 3 and 2, one that includes itself) served by a
// real nginx too. Every service's expected verdict and root causes come from its server's row.

import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cause } from '../../harness/certify/evidence.ts';
import { APACHE_BASE, NGINX_BASE, nginxOptions, startApache, startLighttpdIipsrv, startNginx } from './real-server-configs.ts';
import { type Daemon, cutTrees } from './real-servers.ts';


export interface ImageHost {
  name: string;
  /** Share of the services on this host. */
  share: number;
  /** Written from the configuration (same rows as certify-real-servers.test.ts). */
  expected: Cause[];
  start(dir: string, trees: string, tiffDir: string): Promise<Daemon>;
  /** Where identifier `id` lives on it. */
  kind: 'tree' | 'iipsrv';
}

export const IMAGE_HOSTS: ImageHost[] = [
  {
    name: 'nginx: add_header always, OPTIONS answered 204',
    share: 0.35,
    expected: [],
    kind: 'tree',
    start: (dir, trees) => startNginx(dir, trees, { server: NGINX_BASE, iiif: `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;` }),
  },
  {
    name: 'nginx: add_header without always (404s lack ACAO)',
    share: 0.3,
    expected: ['errors-without-acao'],
    kind: 'tree',
    start: (dir, trees) => startNginx(dir, trees, { server: NGINX_BASE, iiif: `${nginxOptions('')}\n      add_header Access-Control-Allow-Origin "*";` }),
  },
  {
    name: 'Apache: Header always set ACAO only, no Allow-Headers',
    share: 0.2,
    expected: ['preflight-allow-headers'],
    kind: 'tree',
    start: (dir, trees) => startApache(dir, trees, `${APACHE_BASE}\nHeader always set Access-Control-Allow-Origin "*"`),
  },
  {
    name: 'lighttpd + iipsrv: no CORS configuration at all',
    share: 0.15,
    expected: ['no-acao'],
    kind: 'iipsrv',
    start: (dir, _trees, tiffDir) => startLighttpdIipsrv(dir, tiffDir, ''),
  },
];

export interface ExpectedService {
  url: string;
  host: ImageHost;
}

export interface RealCollection {
  /** The top collection (Presentation 3; includes a Presentation 2 sub-collection and itself). */
  collection: string;
  /** Every manifest URL, one a line (for --list). */
  manifests: string[];
  services: ExpectedService[];
  hosts: { host: ImageHost; daemon: Daemon }[];
  stop(): Promise<void>;
}

/** Counts per host for `total` services, by share (the last host takes the rounding). */
export function spread(total: number): number[] {
  const counts = IMAGE_HOSTS.map((h) => Math.round(h.share * total));
  counts[counts.length - 1]! += total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

/**
 * Starts the servers with `total` services and the documents: the first `doubles` manifests have
 * two canvases (two services), the others one, so there are `total - doubles` manifests.
 */
export async function startRealCollection(dir: string, total: number, doubles = 0): Promise<RealCollection> {
  const { trees, tiff } = cutTrees(dir);
  const tiffDir = join(dir, 'tiffs');
  mkdirSync(tiffDir, { recursive: true });
  const daemons: Daemon[] = [];
  try {
    const counts = spread(total);
    const hosts: RealCollection['hosts'] = [];
    const services: ExpectedService[] = [];
    for (const [h, host] of IMAGE_HOSTS.entries()) {
      const started = await host.start(dir, trees, tiffDir);
      daemons.push(started);
      // startApache does not return its document root; it is apache-<port>/www.
      const daemon = host.kind === 'tree' ? { ...started, root: started.root ?? join(dir, `apache-${started.port}`, 'www') } : started;
      hosts.push({ host, daemon });
      for (let k = 1; k <= counts[h]!; k++) {
        const id = `img-${String(k).padStart(4, '0')}`;
        if (host.kind === 'iipsrv') {
          linkSync(tiff, join(tiffDir, `${id}.tif`));
          services.push({ url: `${daemon.origin}/iiif/${id}.tif`, host });
        } else {
          const from = join(daemon.root!, 'iiif', 'v3', 'img');
          const to = join(daemon.root!, 'iiif', 'v3', id);
          cpSync(from, to, { recursive: true });
          writeFileSync(join(to, 'info.json'), readFileSync(join(from, 'info.json'), 'utf8').replace(/\/iiif\/v3\/img"/, `/iiif/v3/${id}"`));
          services.push({ url: `${daemon.origin}/iiif/v3/${id}`, host });
        }
      }
      if (daemon.root) execFileSync('chmod', ['-R', 'a+rX', daemon.root]);
    }
    execFileSync('chmod', ['-R', 'a+rX', tiffDir]);
    // Interleave hosts, so every manifest range mixes servers.
    const num = (u: string) => Number(/img-(\d+)/.exec(u)?.[1]);
    services.sort((a, b) => num(a.url) - num(b.url) || a.url.localeCompare(b.url));
    const docs = await startNginx(dir, trees, { iiif: '      add_header Access-Control-Allow-Origin "*" always;' });
    daemons.push(docs);
    const manifests = writeDocuments(daemon0Root(docs), docs.origin, services, doubles);
    return {
      collection: `${docs.origin}/iiif/collection/top.json`,
      manifests,
      services,
      hosts,
      stop: async () => {
        for (const d of daemons) await d.stop();
      },
    };
  } catch (error) {
    for (const d of daemons) await d.stop();
    throw error;
  }
}

const daemon0Root = (d: Daemon) => d.root!;

function writeDocuments(root: string, origin: string, services: ExpectedService[], doubles: number): string[] {
  const dir = join(root, 'iiif', 'collection');
  mkdirSync(dir, { recursive: true });
  const base = `${origin}/iiif/collection`;
  const groups: ExpectedService[][] = [];
  for (let i = 0; i < services.length; ) {
    const n = groups.length < doubles ? 2 : 1;
    groups.push(services.slice(i, i + n));
    i += n;
  }
  const half = Math.ceil(groups.length / 2);
  const manifests = groups.map((svcs, m) => {
    const url = `${base}/m${m + 1}.json`;
    const v3 = m < half;
    writeFileSync(join(dir, `m${m + 1}.json`), JSON.stringify(v3 ? manifest3(url, svcs) : manifest2(url, svcs)));
    return url;
  });
  writeFileSync(
    join(dir, 'top.json'),
    JSON.stringify({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: `${base}/top.json`,
      type: 'Collection',
      label: { en: ['Top'] },
      items: [
        { id: `${base}/sub3.json`, type: 'Collection' },
        { id: `${base}/sub2.json`, type: 'Collection' },
        // Includes itself: certify must read it once and say so.
        { id: `${base}/top.json`, type: 'Collection' },
      ],
    }),
  );
  writeFileSync(join(dir, 'sub3.json'), JSON.stringify({ '@context': 'http://iiif.io/api/presentation/3/context.json', id: `${base}/sub3.json`, type: 'Collection', label: { en: ['P3'] }, items: manifests.slice(0, half).map((id) => ({ id, type: 'Manifest' })) }));
  writeFileSync(join(dir, 'sub2.json'), JSON.stringify({ '@context': 'http://iiif.io/api/presentation/2/context.json', '@id': `${base}/sub2.json`, '@type': 'sc:Collection', label: 'P2', manifests: manifests.slice(half).map((id) => ({ '@id': id, '@type': 'sc:Manifest' })) }));
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  return manifests;
}

function manifest3(id: string, services: ExpectedService[]) {
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id,
    type: 'Manifest',
    label: { en: [id] },
    items: services.map((s, i) => ({
      id: `${id}/canvas/${i}`,
      type: 'Canvas',
      width: 1000,
      height: 700,
      items: [{ id: `${id}/page/${i}`, type: 'AnnotationPage', items: [{ id: `${id}/anno/${i}`, type: 'Annotation', motivation: 'painting', target: `${id}/canvas/${i}`, body: { id: `${s.url}/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg', service: [{ id: s.url, type: s.host.kind === 'iipsrv' ? 'ImageService2' : 'ImageService3', profile: s.host.kind === 'iipsrv' ? 'http://iiif.io/api/image/2/level1.json' : 'level0' }] } }] }],
    })),
  };
}

function manifest2(id: string, services: ExpectedService[]) {
  return {
    '@context': 'http://iiif.io/api/presentation/2/context.json',
    '@id': id,
    '@type': 'sc:Manifest',
    label: id,
    sequences: [
      {
        '@type': 'sc:Sequence',
        canvases: services.map((s, i) => ({
          '@id': `${id}/canvas/${i}`,
          '@type': 'sc:Canvas',
          width: 1000,
          height: 700,
          images: [{ '@type': 'oa:Annotation', motivation: 'sc:painting', on: `${id}/canvas/${i}`, resource: { '@id': `${s.url}/full/full/0/default.jpg`, '@type': 'dctypes:Image', format: 'image/jpeg', service: { '@context': 'http://iiif.io/api/image/2/context.json', '@id': s.url, profile: 'http://iiif.io/api/image/2/level1.json' } } }],
        })),
      },
    ],
  };
}
