// Four kinds of image a viewer check meets on real servers, generated here (nothing downloaded) and
// cut into level-0 trees by `vips dzsave --layout iiif3` (tiles only: no full/, no sizes):
// - a light page: white with dark text-like bars (manuscripts, books, maps look like this);
// - a dark image: near black with a few lighter shapes;
// - a mostly uniform one: parchment colour with one small stain;
// - a photograph-like one: soft gradients, blurred shapes and sensor-like noise.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { requireBinary } from './real-servers.ts';

export const VIEWER_IMAGES = ['light-page', 'dark', 'mostly-uniform', 'photo'] as const;
export type ViewerImage = (typeof VIEWER_IMAGES)[number];

const W = 1200;
const H = 900;

function lightPageSvg(): string {
  const bars: string[] = [];
  // Lines of "words": dark bars 14 px high, 34 px apart, of varying lengths, in two columns.
  for (let line = 0; line < 22; line++) {
    for (const column of [80, 640]) {
      let x = column;
      for (let word = 0; word < 6; word++) {
        const len = 30 + ((line * 7 + word * 13 + column) % 50);
        if (x + len > column + 480) break;
        bars.push(`<rect x="${x}" y="${90 + line * 34}" width="${len}" height="14" fill="#1e1e1e"/>`);
        x += len + 14;
      }
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#ffffff"/>${bars.join('')}</svg>`;
}

const SVG: Record<Exclude<ViewerImage, 'photo'>, () => string> = {
  'light-page': lightPageSvg,
  dark: () =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#0c0c14"/>` +
    '<circle cx="300" cy="300" r="120" fill="#5a6478"/><rect x="650" y="420" width="380" height="260" fill="#3c2a1e"/><circle cx="900" cy="200" r="60" fill="#b4b4a0"/></svg>',
  'mostly-uniform': () =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#dccca8"/>` + '<ellipse cx="820" cy="610" rx="70" ry="45" fill="#6e5032"/></svg>',
};

async function photoLike(): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs>` +
    '<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b6fb0"/><stop offset="0.55" stop-color="#c9d8e8"/><stop offset="0.56" stop-color="#5d7a3a"/><stop offset="1" stop-color="#2f3f1c"/></linearGradient>' +
    '<filter id="soft"><feGaussianBlur stdDeviation="18"/></filter></defs>' +
    '<rect width="100%" height="100%" fill="url(#sky)"/>' +
    '<g filter="url(#soft)"><ellipse cx="350" cy="560" rx="260" ry="90" fill="#24331a"/><circle cx="920" cy="180" r="70" fill="#fff3c0"/><rect x="700" y="430" width="240" height="260" fill="#8a5a3c"/></g></svg>';
  const base = await sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
  const noise = await sharp({ create: { width: W, height: H, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } } }).png().toBuffer();
  return sharp(base).composite([{ input: noise, blend: 'soft-light' }]).removeAlpha().png().toBuffer();
}

/** The image as PNG bytes. */
export async function viewerImage(kind: ViewerImage): Promise<Buffer> {
  return kind === 'photo' ? photoLike() : sharp(Buffer.from(SVG[kind]())).removeAlpha().png().toBuffer();
}

const HOST_PLACEHOLDER = 'cors-certify-host.invalid';

/**
 * A tree in the layout startNginx serves (iiif/v3/img, iiif/v2/img with placeholder ids), cut by
 * vips dzsave from `kind`, 256-px tiles, no sizes and no full/ (level 0 as deployed).
 */
export async function cutViewerTree(dir: string, kind: ViewerImage): Promise<string> {
  const vips = requireBinary('/usr/bin/vips');
  const trees = join(dir, `trees-${kind}`);
  mkdirSync(join(trees, 'iiif', 'v3'), { recursive: true });
  mkdirSync(join(trees, 'iiif', 'v2'), { recursive: true });
  const source = join(dir, `${kind}.png`);
  writeFileSync(source, await viewerImage(kind));
  execFileSync(vips, ['dzsave', source, join(trees, 'iiif', 'v3', 'img'), '--layout', 'iiif3', '--tile-size', '256', '--id', `http://${HOST_PLACEHOLDER}/iiif/v3`]);
  execFileSync(vips, ['dzsave', source, join(trees, 'iiif', 'v2', 'img'), '--layout', 'iiif', '--tile-size', '256', '--id', `http://${HOST_PLACEHOLDER}/iiif/v2`]);
  const info = JSON.parse(readFileSync(join(trees, 'iiif', 'v3', 'img', 'info.json'), 'utf8')) as { sizes?: unknown };
  if (info.sizes) throw new Error(`vips dzsave wrote sizes into ${kind}'s info.json: the tree is not the tiles-only level 0 under test`);
  chmodSync(dir, 0o755);
  return trees;
}
