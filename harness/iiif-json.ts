// Reading IIIF JSON the way viewers do, shared by certify (which plans requests from it) and the
// viewer check (which opens the image in real viewers).

type Json = Record<string, unknown>;

/** A node's `type` / `@type` values (Presentation 3 and 2 spell it differently). */
export const types = (j: Json) => [j.type, j['@type']].flat().filter((t): t is string => typeof t === 'string');

/** The first image service in a Presentation 3 or 2 manifest. */
export function firstImageService(manifest: Json): string | undefined {
  return imageServices(manifest, 1)[0];
}

/** Every image service a Presentation 3 or 2 manifest references (canvases in order, each once), up to `max`. */
export function imageServices(manifest: Json, max = Infinity): string[] {
  const services: unknown[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > 12 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth + 1));
    const j = node as Json;
    if (('service' in j || 'services' in j) && ('format' in j || types(j).some((t) => t === 'Image' || t === 'dctypes:Image'))) {
      for (const s of [j.service, j.services].flat()) if (s) services.push(s);
    }
    for (const value of Object.values(j)) walk(value, depth + 1);
  };
  walk(manifest, 0);
  const ids = new Set<string>();
  for (const s of services) {
    const j = s as Json;
    const id = (j.id ?? j['@id']) as string | undefined;
    const profile = JSON.stringify(j.profile ?? '') + JSON.stringify(j['@context'] ?? '') + types(j).join();
    if (id && /ImageService|iiif\.io\/api\/image|level[012]/.test(profile)) ids.add(id.replace(/\/$/, ''));
    if (ids.size >= max) break;
  }
  return [...ids];
}
