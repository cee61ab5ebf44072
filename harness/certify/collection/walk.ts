// Discovery for a whole collection: from a Presentation 2/3 Collection (nested collections
// followed), a manifest with many canvases, or a list of URLs, to every image service referenced.
// Bounded everywhere: concurrency, requests per second per host, a timeout and a size cap per
// document, caps on depth, documents and services; a document read twice (a collection that
// includes itself) is not followed again. What could not be read is listed, never hidden.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import pLimit from 'p-limit';
import { imageServices, types } from '../../iiif-json.ts';
import { SafeFetch, TargetError, bodyText } from '../safe-fetch.ts';

export interface WalkLimits {
  concurrency: number;
  /** Requests per second per host. */
  rate: number;
  timeoutMs: number;
  maxDepth: number;
  maxDocuments: number;
  maxServices: number;
  maxDocumentBytes: number;
}

export const DEFAULT_WALK: WalkLimits = { concurrency: 8, rate: 50, timeoutMs: 10_000, maxDepth: 5, maxDocuments: 10_000, maxServices: 10_000, maxDocumentBytes: 20 * 1024 * 1024 };

export interface FoundService {
  /** The service's base URI, without a trailing slash. */
  url: string;
  /** The manifest (or list entry) that referenced it first. */
  from: string;
}

export interface WalkResult {
  documents: number;
  services: FoundService[];
  unreachable: { url: string; reason: string }[];
  skipped: { url: string; reason: string }[];
  truncated: string[];
}

export interface WalkProgress {
  (counts: { documents: number; servicesFound: number }): void;
}

type Json = Record<string, unknown>;
const ACCEPT = { Accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1' };

/** At most `rate` request starts per second per host. */
export class HostRate {
  private next = new Map<string, number>();
  constructor(private readonly rate: number) {}
  async wait(url: string): Promise<void> {
    const host = new URL(url).host;
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + 1000 / this.rate);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}

const idOf = (j: Json) => (typeof j.id === 'string' ? j.id : typeof j['@id'] === 'string' ? (j['@id'] as string) : undefined);
const isCollection = (j: Json) => types(j).some((t) => t === 'Collection' || t === 'sc:Collection');
const isManifest = (j: Json) => types(j).some((t) => t === 'Manifest' || t === 'sc:Manifest');
const isImageService = (j: Json) => j.protocol === 'http://iiif.io/api/image' || types(j).some((t) => /^ImageService[23]$/.test(t));

/** A collection's members, Presentation 3 (`items`) and 2 (`collections`, `manifests`, `members`). */
function members(j: Json): string[] {
  const out: string[] = [];
  for (const key of ['items', 'collections', 'manifests', 'members']) {
    const list = j[key];
    if (!Array.isArray(list)) continue;
    for (const m of list) {
      if (!m || typeof m !== 'object') continue;
      const id = idOf(m as Json);
      if (id && (isCollection(m as Json) || isManifest(m as Json) || key !== 'items')) out.push(id);
    }
  }
  return out;
}

export class Walker {
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly rate: HostRate;
  private readonly seen = new Set<string>();
  private readonly services = new Map<string, FoundService>();
  private readonly result: WalkResult = { documents: 0, services: [], unreachable: [], skipped: [], truncated: [] };
  private scheduled = 0;

  constructor(
    private readonly limits: WalkLimits = DEFAULT_WALK,
    private readonly progress?: WalkProgress,
    /** Each image service as it is found (accepted under --max-services), so its fingerprint can start while the walk goes on. */
    private readonly onService?: (s: FoundService) => void,
  ) {
    this.limit = pLimit(limits.concurrency);
    this.rate = new HostRate(limits.rate);
  }

  /** Walks from one URL (a collection, a manifest, or an image service). */
  async fromUrl(url: string): Promise<WalkResult> {
    await this.visit(url, 0, url);
    return this.finish();
  }

  /** Walks every entry of a list (a file, or `-` for stdin): one URL per line, `#` comments and blank lines ignored. */
  async fromList(path: string): Promise<WalkResult> {
    const input = path === '-' ? process.stdin : createReadStream(path);
    const lines = createInterface({ input, crlfDelay: Infinity });
    const visits: Promise<void>[] = [];
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (this.scheduled >= this.limits.maxDocuments) {
        this.cap(`the list has more than ${this.limits.maxDocuments} entries: only the first ${this.limits.maxDocuments} were read (--max-documents)`);
        break;
      }
      visits.push(this.visit(line, 0, `list line ${visits.length + 1}`));
    }
    lines.close();
    if (path === '-') process.stdin.destroy();
    await Promise.all(visits);
    return this.finish();
  }

  private finish(): WalkResult {
    this.result.services = [...this.services.values()];
    return this.result;
  }

  private cap(message: string) {
    if (!this.result.truncated.includes(message)) this.result.truncated.push(message);
  }

  private addService(url: string, from: string) {
    const id = url.replace(/\/info\.json$/, '').replace(/\/$/, '');
    if (this.services.has(id)) return;
    if (this.services.size >= this.limits.maxServices) return this.cap(`more than ${this.limits.maxServices} image services: the rest were not certified (--max-services)`);
    const found = { url: id, from };
    this.services.set(id, found);
    this.onService?.(found);
  }

  private async visit(url: string, depth: number, from: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      this.result.unreachable.push({ url, reason: `not an http(s) URL (from ${from})` });
      return;
    }
    const key = parsed.href.replace(/#.*$/, '');
    if (this.seen.has(key)) {
      if (depth > 0) this.result.skipped.push({ url, reason: `already read: included again by ${from} (a collection that includes itself or an ancestor is not followed twice)` });
      return;
    }
    if (this.services.size >= this.limits.maxServices) return this.cap(`more than ${this.limits.maxServices} image services: the rest were not certified (--max-services)`);
    if (this.scheduled >= this.limits.maxDocuments) return this.cap(`more than ${this.limits.maxDocuments} documents: the rest were not read (--max-documents)`);
    this.seen.add(key);
    this.scheduled++;
    const json = await this.limit(() => this.read(key));
    if (typeof json === 'string') {
      this.result.unreachable.push({ url, reason: json });
      return;
    }
    this.result.documents++;
    this.progress?.({ documents: this.result.documents, servicesFound: this.services.size });
    if (isCollection(json)) {
      if (depth >= this.limits.maxDepth) {
        this.cap(`collections nested deeper than ${this.limits.maxDepth} were not followed (--max-depth)`);
        return;
      }
      await Promise.all(members(json).map((m) => this.visit(m, depth + 1, url)));
    } else if (isManifest(json)) {
      const found = imageServices(json);
      if (!found.length) this.result.unreachable.push({ url, reason: 'a manifest that references no IIIF Image service' });
      for (const s of found) this.addService(s, url);
    } else if (isImageService(json)) {
      this.addService(idOf(json) ?? url, from === url ? url : from);
    } else {
      this.result.unreachable.push({ url, reason: 'not a IIIF Collection, Manifest or Image service (no Collection, Manifest or ImageService type)' });
    }
  }

  /** The document as JSON, or why it could not be read. */
  private async read(url: string): Promise<Json | string> {
    const http = new SafeFetch({ timeoutMs: this.limits.timeoutMs, maxBodyBytes: this.limits.maxDocumentBytes, maxRequests: 12 });
    try {
      await this.rate.wait(url);
      const hops = await http.follow(url, ACCEPT);
      const last = hops.at(-1)!;
      if (last.status >= 400) return `answered ${last.status}`;
      if (last.truncated) return `larger than ${Math.round(this.limits.maxDocumentBytes / 1024 / 1024)} MB: not read (a IIIF document that big is not one a viewer can load)`;
      const json = JSON.parse(bodyText(last)) as unknown;
      return json && typeof json === 'object' && !Array.isArray(json) ? (json as Json) : 'not a JSON object';
    } catch (error) {
      if (error instanceof TargetError) return error.message;
      if (error instanceof SyntaxError) return 'not JSON';
      return String((error as Error).message);
    }
  }
}
