// The hosted certify's HTTP surface (Hono): the page, /r/<id>, the JSON API and its server-sent
// events. Security headers on everything: a CSP with no inline script and frame-ancestors 'none'.
// Shapes: contract/service.ts. Queue and limits: jobs.ts; what a run does: runner.ts.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import { type Accepted, type CertifyRequest, CertifyRequestSchema, type ServiceError, type ServiceEvent } from '../../contract/service.ts';
import { renderReport } from '../certify/report.ts';
import { renderHtmlReport } from '../report/html.ts';
import { REPORT_SCRIPT } from '../report/report-script.ts';
import { type Job, type JobQueue, RefusedError } from './jobs.ts';
import { formPage, notFoundPage, runPage } from './page.ts';
import type { Prepared } from './runner.ts';

const PUBLIC = join(import.meta.dirname, 'public');
const ASSETS = { '/app.js': 'text/javascript; charset=utf-8', '/app.css': 'text/css; charset=utf-8' } as const;
const requestShape = TypeCompiler.Compile(CertifyRequestSchema);
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

export interface ServiceDeps {
  queue: JobQueue<Prepared>;
  engines: string[];
  /** Validates and discovers (RefusedError for a 4xx); resolves with what the run needs. */
  prepare: (request: CertifyRequest) => Promise<Prepared>;
  /** Where a run's files (screenshots) are. */
  dirOf: (id: string) => string;
}

function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const fail = (c: Context, e: RefusedError) => c.json({ error: e.message, ...(e.field && { field: e.field }) } satisfies ServiceError, e.status);

/** The body's shape, with the first problem named (TypeBox's own words, at its path). */
function parseRequest(body: unknown): CertifyRequest {
  if (requestShape.Check(body)) return body;
  const first = [...requestShape.Errors(body)][0];
  const field = first?.path.split('/')[1];
  throw new RefusedError(`the request body does not match POST /api/certify's shape: ${first?.path || '/'} ${first?.message ?? ''} (expected {"url": "https://…", "engines"?: ["chromium"], "viewers"?: true, "trustedOrigins"?: [], "viewerOrigin"?: "https://…"})`, 400, field);
}

export function serviceApp(deps: ServiceDeps): Hono {
  const { queue } = deps;
  const app = new Hono();
  app.use(
    secureHeaders({
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', CSP);
  });
  app.use('/api/*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: 'the request body is over 16 KiB' } satisfies ServiceError, 413) }));
  app.onError((error, c) => {
    if (error instanceof RefusedError) return fail(c, error);
    process.stderr.write(`certify service: internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? error}\n`);
    return c.json({ error: 'internal error (logged on the server)' } satisfies ServiceError, 500);
  });

  const assets = Object.fromEntries(Object.keys(ASSETS).map((p) => [p, readFileSync(join(PUBLIC, p.slice(1)), 'utf8')]));
  for (const [path, type] of Object.entries(ASSETS)) app.get(path, (c) => c.body(assets[path]!, 200, { 'content-type': type, 'cache-control': 'no-cache' }));

  app.get('/', (c) => c.html(formPage(deps.engines)));
  app.get('/health', (c) => c.json({ ok: true, ...queue.stats, rssBytes: process.memoryUsage().rss }));

  // Runs being prepared count against their client too: a burst of posts cannot outrun the bound.
  const preparing = new Map<string, number>();
  const submit = async (c: Context, request: CertifyRequest) => {
    const client = clientOf(c);
    queue.admit(client, preparing.get(client) ?? 0);
    preparing.set(client, (preparing.get(client) ?? 0) + 1);
    try {
      const prepared = await deps.prepare(request);
      return queue.submit(client, request.url, prepared.engines, prepared);
    } finally {
      const left = preparing.get(client)! - 1;
      if (left) preparing.set(client, left);
      else preparing.delete(client);
    }
  };

  app.post('/api/certify', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new RefusedError('the request body is not JSON: send {"url": "https://…"} with content-type application/json', 400);
    }
    const job = await submit(c, parseRequest(body));
    const s = queue.status(job, false);
    const accepted: Accepted = { id: job.id, status: job.state === 'queued' ? 'queued' : 'running', ...(s.position !== undefined && { position: s.position }), links: s.links };
    return c.json(accepted, 202, { location: s.links.self });
  });

  // The form without script: a urlencoded post, answered with the run's page.
  app.post('/r', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
    const request: Record<string, unknown> = { url: String(form.url ?? ''), viewers: form.viewers === 'on', engines: list(form.engines) };
    if (form.viewerOrigin) request.viewerOrigin = String(form.viewerOrigin);
    const trusted = String(form.trustedOrigins ?? '').split(/\s+/).filter(Boolean);
    if (trusted.length) request.trustedOrigins = trusted;
    try {
      const job = await submit(c, parseRequest(request));
      return c.redirect(`/r/${job.id}`, 303);
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      return c.html(formPage(deps.engines, { url: String(form.url ?? ''), error: error.message }), error.status);
    }
  });

  const jobOr404 = (id: string): Job<Prepared> => {
    const job = queue.get(id);
    if (!job) throw new RefusedError(`no run ${id}: it never existed, or it finished long enough ago to be forgotten`, 404);
    return job;
  };

  app.get('/api/certify/:id', (c) => c.json(queue.status(jobOr404(c.req.param('id')), true)));
  app.delete('/api/certify/:id', (c) => {
    const job = jobOr404(c.req.param('id'));
    queue.cancel(job);
    return c.json(queue.status(job, false), 202);
  });
  app.get('/api/certify/:id/result.json', (c) => {
    const job = jobOr404(c.req.param('id'));
    if (!job.outcome) throw new RefusedError(`run ${job.id} is ${job.state}: the result exists once it is done`, 409);
    return c.json(job.outcome.result);
  });
  app.get('/api/certify/:id/files/:name', (c) => {
    const job = jobOr404(c.req.param('id'));
    const name = c.req.param('name');
    const file = join(deps.dirOf(job.id), name);
    if (!/^[\w.-]+\.png$/.test(name) || !existsSync(file)) throw new RefusedError(`no file ${name} in run ${job.id}`, 404);
    return c.body(readFileSync(file), 200, { 'content-type': 'image/png' });
  });

  app.get('/api/certify/:id/events', (c) => {
    const job = jobOr404(c.req.param('id'));
    return streamSSE(c, async (stream) => {
      const pending: ServiceEvent[] = [...job.events];
      let wake: () => void = () => {};
      const listener = (e: ServiceEvent) => {
        pending.push(e);
        wake();
      };
      job.listeners.add(listener);
      stream.onAbort(() => wake());
      try {
        while (!stream.aborted) {
          while (pending.length) await stream.writeSSE({ data: JSON.stringify(pending.shift()) });
          if (job.finished) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 15_000).unref();
          });
          if (!pending.length && !job.finished) await stream.write(': keep-alive\n\n');
        }
      } finally {
        job.listeners.delete(listener);
      }
    });
  });

  app.get('/r/:id', (c) => {
    const job = queue.get(c.req.param('id'));
    if (!job) return c.html(notFoundPage(c.req.param('id')), 404);
    return c.html(runPage(queue.status(job, true)));
  });
  // The one report renderer (harness/report/html.ts), its script by src; its inline style allowed by hash only.
  app.get('/report.js', (c) => c.body(REPORT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/r/:id/report.html', (c) => {
    const job = jobOr404(c.req.param('id'));
    if (!job.outcome) throw new RefusedError(`run ${job.id} is ${job.state}: the report exists once it is done`, 409);
    const page = renderHtmlReport(job.outcome.result, { script: { src: '/report.js' }, image: (served) => served });
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    c.header('content-security-policy', CSP.replace("style-src 'self'", `style-src 'self' ${styles.join(' ')}`));
    return c.html(page);
  });
  app.get('/r/:id/report.txt', (c) => {
    const job = jobOr404(c.req.param('id'));
    if (!job.outcome) throw new RefusedError(`run ${job.id} is ${job.state}: the report exists once it is done`, 409);
    return c.text(renderReport(job.outcome.result as unknown as Parameters<typeof renderReport>[0]));
  });
  return app;
}
