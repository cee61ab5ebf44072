// A static IIIF Image API 3.0 level-0 tree (info.json plus pre-cut tiles and sizes), written to a
// folder for a plain web server to serve: the kind of deployment certify is pointed at.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

const WIDTH = 512;
const HEIGHT = 384;
const TILE = 256;

export async function writeLevel0Tree(root: string, baseUrl: string, identifier = 'img1'): Promise<string> {
  const id = `${baseUrl}/iiif/${identifier}`;
  const dir = join(root, 'iiif', identifier);
  // A gradient with shapes, so every tile differs.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><defs><linearGradient id="g"><stop offset="0" stop-color="#2b6cb0"/><stop offset="1" stop-color="#f6ad55"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="160" cy="140" r="90" fill="#2f855a"/><rect x="300" y="200" width="150" height="120" fill="#c53030"/></svg>`;
  const source = await sharp(Buffer.from(svg)).png().toBuffer();
  const write = async (region: { left: number; top: number; width: number; height: number } | 'full', w: number, h: number) => {
    const regionPath = region === 'full' ? 'full' : `${region.left},${region.top},${region.width},${region.height}`;
    const file = join(dir, regionPath, `${w},${h}`, '0', 'default.jpg');
    mkdirSync(dirname(file), { recursive: true });
    const image = region === 'full' ? sharp(source) : sharp(source).extract(region);
    writeFileSync(file, await image.resize(w, h).jpeg({ quality: 80 }).toBuffer());
  };
  for (let top = 0; top < HEIGHT; top += TILE) {
    for (let left = 0; left < WIDTH; left += TILE) {
      const width = Math.min(TILE, WIDTH - left);
      const height = Math.min(TILE, HEIGHT - top);
      await write({ left, top, width, height }, width, height);
    }
  }
  const sizes = [1, 2, 4].map((f) => ({ width: WIDTH / f, height: HEIGHT / f })).reverse();
  for (const s of sizes) await write('full', s.width, s.height);
  mkdirSync(join(dir, 'full', 'max', '0'), { recursive: true });
  writeFileSync(join(dir, 'full', 'max', '0', 'default.jpg'), await sharp(source).jpeg({ quality: 80 }).toBuffer());
  const info = {
    '@context': 'http://iiif.io/api/image/3/context.json',
    id,
    type: 'ImageService3',
    protocol: 'http://iiif.io/api/image',
    profile: 'level0',
    width: WIDTH,
    height: HEIGHT,
    sizes,
    tiles: [{ width: TILE, scaleFactors: [1] }],
  };
  writeFileSync(join(dir, 'info.json'), JSON.stringify(info, null, 2));
  return id;
}
