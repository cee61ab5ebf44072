// Performs a scenario's action inside the page and reports what page JavaScript could observe.
// Sent to the browser as source text, so it is one self-contained function: no imports, no outer
// variables, JSON in and out. The same code runs in every engine; nothing here branches on engine.

import type { ImageUse, Observation, ResolvedAction } from '../../contract/page.ts';

export async function performAction(action: ResolvedAction): Promise<Observation> {
  // Per action: how long a request (headers, and body for fetch) or an image load may take.
  const DEFAULT_TIMEOUT_MS = 20_000;
  const limit = (a: { timeoutMs?: number }) => a.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const errorName = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : String(e));
  const taint = (e: unknown) => (errorName(e) === 'SecurityError' ? 'tainted' : `error:${errorName(e)}`);
  const withTimeout = <T,>(promise: Promise<T>, fallback: T, ms: number) =>
    Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);

  const readHeaders = (names: string[] | undefined, get: (name: string) => string | null) =>
    names ? Object.fromEntries(names.map((n) => [n.toLowerCase(), get(n)])) : undefined;

  const describeBody = (type: string | null, bytes: ArrayBuffer, chars = 200) =>
    type && /^(text\/|application\/(ld\+)?json)/.test(type)
      ? new TextDecoder().decode(bytes).slice(0, chars)
      : `<${type ?? 'no type'}, ${bytes.byteLength} bytes>`;

  /** fetch() from another document (an iframe running fixtures' /runner page), answered by postMessage. */
  async function fetchInFrame(a: Extract<ResolvedAction, { kind: 'fetch' }>): Promise<Observation> {
    const frame = document.createElement('iframe');
    if (a.frame === 'sandboxed') frame.setAttribute('sandbox', 'allow-scripts');
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = a.frameUrl!;
    document.body.append(frame);
    try {
      if ((await withTimeout(loaded.then(() => true), false, limit(a))) === false) return { result: 'blocked', error: 'frame did not load' };
      const answer = new Promise<Observation>((resolve) =>
        addEventListener('message', function onMessage(e) {
          if (e.source !== frame.contentWindow) return;
          removeEventListener('message', onMessage);
          resolve(e.data as Observation);
        }),
      );
      const init = { method: a.method, headers: a.headers, mode: a.mode, credentials: a.credentials, cache: a.cache, body: a.body };
      frame.contentWindow!.postMessage({ url: a.url, init, read: a.read }, '*');
      return await withTimeout(answer, { result: 'blocked', error: 'timeout' } as Observation, limit(a));
    } finally {
      frame.remove();
    }
  }

  async function doFetch(a: Extract<ResolvedAction, { kind: 'fetch' }>): Promise<Observation> {
    if (a.frame) return fetchInFrame(a);
    // The abort covers the body as well as the headers, so a slow-drip response ends in time too.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limit(a));
    const failed = (e: unknown, stage = '') => ({ result: 'blocked' as const, error: controller.signal.aborted ? 'timeout' : `${stage}${errorName(e)}` });
    try {
      let response: Response;
      try {
        response = await fetch(a.url, { method: a.method, headers: a.headers, mode: a.mode, credentials: a.credentials, redirect: a.redirect, body: a.body, cache: a.cache, signal: controller.signal });
      } catch (e) {
        return failed(e);
      }
      if (response.type === 'opaque' || response.type === 'opaqueredirect') {
        return { result: 'opaque', type: response.type, status: response.status };
      }
      let body: string;
      try {
        body = describeBody(response.headers.get('content-type'), await response.arrayBuffer(), a.bodyChars);
      } catch (e) {
        return failed(e, 'body:');
      }
      const headers = readHeaders(a.read, (n) => response.headers.get(n));
      const urlUserinfo = response.url !== '' && new URL(response.url).username !== '';
      return { result: 'readable', type: response.type, status: response.status, redirected: response.redirected, body, ...(headers && { headers }), ...(urlUserinfo && { urlUserinfo }) };
    } finally {
      clearTimeout(timer);
    }
  }

  function doXhr(a: Extract<ResolvedAction, { kind: 'xhr' }>): Promise<Observation> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(a.method ?? 'GET', a.url);
      xhr.withCredentials = !!a.withCredentials;
      xhr.timeout = limit(a);
      for (const [name, value] of Object.entries(a.headers ?? {})) xhr.setRequestHeader(name, value);
      // XHR sets its "upload listener flag" when the upload object has a listener: a preflight follows.
      if (a.uploadListener) xhr.upload.addEventListener('progress', () => {});
      xhr.onload = () => {
        const headers = readHeaders(a.read, (n) => xhr.getResponseHeader(n));
        resolve({ result: 'readable', status: xhr.status, body: xhr.responseText.slice(0, 200), ...(headers && { headers }) });
      };
      xhr.onerror = () => resolve({ result: 'blocked', status: xhr.status, error: 'error event' });
      xhr.ontimeout = () => resolve({ result: 'blocked', error: 'timeout' });
      xhr.send(a.body ?? null);
    });
  }

  function canvasFor(source: { width: number; height: number }) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, source.width);
    canvas.height = Math.max(1, source.height);
    return canvas;
  }

  /** Draws to a fresh canvas and tries to read it back; SecurityError means the canvas is tainted. */
  function readBack(source: CanvasImageSource & { width: number; height: number }): string {
    const canvas = canvasFor(source);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    try {
      ctx.getImageData(0, 0, 1, 1);
      return 'clean';
    } catch (e) {
      return taint(e);
    }
  }

  async function use(img: HTMLImageElement, how: ImageUse): Promise<string> {
    const canvas = canvasFor(img);
    const ctx = canvas.getContext('2d')!;
    switch (how) {
      case '2d':
        return readBack(img);
      case 'toDataURL':
        ctx.drawImage(img, 0, 0);
        try {
          canvas.toDataURL();
          return 'clean';
        } catch (e) {
          return taint(e);
        }
      case 'toBlob':
        ctx.drawImage(img, 0, 0);
        try {
          return await new Promise<string>((resolve) => canvas.toBlob((blob) => resolve(blob ? 'clean' : 'error:null blob')));
        } catch (e) {
          return taint(e);
        }
      case 'reset':
        // Does resetting the bitmap (setting width) clear the origin-clean flag? HTML says it does
        // (security-with-canvas-elements; whatwg/html#2660); the scenario table holds the verdict.
        ctx.drawImage(img, 0, 0);
        // eslint-disable-next-line no-self-assign -- setting the width resets the canvas: the point of this step
        canvas.width = canvas.width;
        try {
          ctx.getImageData(0, 0, 1, 1);
          return 'clean';
        } catch (e) {
          return taint(e);
        }
      case 'pattern': {
        // A pattern made from the image, filled over the canvas, then read back.
        const pattern = ctx.createPattern(img, 'repeat');
        if (!pattern) return 'error:null pattern';
        ctx.fillStyle = pattern;
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        try {
          ctx.getImageData(0, 0, 1, 1);
          return 'clean';
        } catch (e) {
          return taint(e);
        }
      }
      case 'canvas-copy':
        // The image drawn on one canvas, that canvas drawn on a second one, the second read back.
        ctx.drawImage(img, 0, 0);
        return readBack(canvas);
      case 'webgl': {
        const gl = document.createElement('canvas').getContext('webgl');
        if (!gl) return 'unavailable';
        gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
        try {
          gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, img);
          return 'clean';
        } catch (e) {
          return taint(e);
        }
      }
      case 'bitmap': {
        let bitmap: ImageBitmap;
        try {
          bitmap = await createImageBitmap(img);
        } catch (e) {
          return `rejected:${errorName(e)}`;
        }
        return readBack(bitmap);
      }
    }
  }

  async function doImage(a: Extract<ResolvedAction, { kind: 'image' }>): Promise<Observation> {
    const img = new Image();
    if (a.crossOrigin) img.crossOrigin = a.crossOrigin;
    const loaded = await withTimeout(
      new Promise<boolean>((resolve) => {
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
        img.src = a.url;
      }),
      null,
      limit(a),
    );
    if (loaded === null) {
      img.src = ''; // stop the load
      return { result: 'error', error: 'timeout' };
    }
    if (!loaded) return { result: 'error' };
    const canvas: Observation['canvas'] = {};
    for (const how of a.use ?? []) canvas[how] = await use(img, how);
    return { result: 'loaded', size: `${img.naturalWidth}x${img.naturalHeight}`, ...(a.use?.length && { canvas }) };
  }

  async function doFetchBitmap(a: Extract<ResolvedAction, { kind: 'fetch-bitmap' }>): Promise<Observation> {
    let blob: Blob;
    try {
      blob = await (await fetch(a.url)).blob();
    } catch (e) {
      return { result: 'blocked', error: errorName(e) };
    }
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(blob);
    } catch (e) {
      return { result: 'error', error: errorName(e) };
    }
    return { result: 'loaded', canvas: { bitmap: readBack(bitmap) } };
  }

  async function perform(a: ResolvedAction): Promise<Observation> {
    switch (a.kind) {
      case 'fetch':
        return doFetch(a);
      case 'xhr':
        return doXhr(a);
      case 'image':
        return doImage(a);
      case 'fetch-bitmap':
        return doFetchBitmap(a);
      case 'viewer':
        throw new Error('viewer actions open a viewer page; they run through harness/viewers, not in-page');
      case 'auth':
        throw new Error('auth actions drive windows and clicks; they run through harness/auth, not in-page');
      case 'wait':
        await new Promise((resolve) => setTimeout(resolve, a.ms));
        return { result: 'done' };
      case 'sequence': {
        const steps: Observation[] = [];
        for (const step of a.steps) steps.push(await perform(step));
        return { result: 'done', steps };
      }
    }
  }

  return perform(action);
}
