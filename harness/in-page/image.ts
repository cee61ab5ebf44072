// In-page image → canvas: load an <img> (with or without a crossorigin attribute), draw it to a 2D
// canvas and try to read a pixel back. Self-contained (sent as source text), JSON in and out. It
// reports what a viewer's code can observe: a load error, a tainted canvas, or readable pixels.

export interface ImageCanvasArgs {
  url: string;
  /** The crossorigin attribute; null leaves it off (a no-cors request). */
  crossOrigin: 'anonymous' | 'use-credentials' | null;
  timeoutMs?: number;
}

export type ImageCanvasOutcome =
  | { kind: 'load-error' }
  | { kind: 'timeout' }
  | { kind: 'readable'; width: number; height: number; pixel: number[] }
  | { kind: 'tainted'; width: number; height: number; errorName: string; message: string };

export async function imageToCanvasInPage({ url, crossOrigin, timeoutMs = 10_000 }: ImageCanvasArgs): Promise<ImageCanvasOutcome> {
  const img = new Image();
  if (crossOrigin !== null) img.crossOrigin = crossOrigin;
  const result = await new Promise<'load' | 'error' | 'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    img.onload = () => {
      clearTimeout(timer);
      resolve('load');
    };
    img.onerror = () => {
      clearTimeout(timer);
      resolve('error');
    };
    img.src = url;
  });
  if (result === 'error') return { kind: 'load-error' };
  if (result === 'timeout') return { kind: 'timeout' };
  const width = img.naturalWidth;
  const height = img.naturalHeight;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.drawImage(img, 0, 0);
  try {
    return { kind: 'readable', width, height, pixel: Array.from(ctx.getImageData(0, 0, 1, 1).data) };
  } catch (error) {
    const e = error as Error;
    return { kind: 'tainted', width, height, errorName: e.name, message: e.message };
  }
}
