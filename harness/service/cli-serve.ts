// The --serve and --worker options of `npm run certify` and what they start (serve.ts,
// worker.ts). Kept apart from the single-target CLI so each file says one thing.

import { UsageError, wholeNumber } from '../cli/command.ts';
import { selectedEngines } from '../engines/select.ts';
import { EngineUnavailableError } from '../engines/types.ts';
import { DEFAULT_QUEUE_LIMITS } from './jobs.ts';
import { DEFAULT_RUN_LIMITS } from './runner.ts';
import { QueueUrlError, parseQueueUrl } from './queue-redis.ts';
import { startService } from './serve.ts';
import { startWorker } from './worker.ts';

function address(flag: string) {
  return (raw: string) => {
    if (!/^[\w.:-]+$/.test(raw)) throw new UsageError(`${flag} takes an address or host name, got "${raw}"`);
    return raw;
  };
}

export const SERVE_OPTIONS = {
  serve: { type: 'boolean', description: 'serve certify as a web page and an HTTP API (docs/certify-service.md) instead of certifying one URL' },
  port: { type: 'string', value: '<n>', description: 'with --serve: the port (0: one the kernel picks, printed)', default: '0', parse: wholeNumber('port', 0, 65535) },
  host: { type: 'string', value: '<addr>', description: 'with --serve: the address to listen on (0.0.0.0 or :: to expose it)', default: '127.0.0.1', parse: address('--host') },
  queue: {
    type: 'string',
    value: '<redis-url>',
    description: 'with --serve: launch no browser, only put runs in this Redis queue (BullMQ) for workers to run; with --worker: the queue to take runs from. redis://host:port[/db] (rediss:// for TLS)',
    parse: (raw: string) => {
      try {
        return parseQueueUrl(raw);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    },
  },
  worker: { type: 'boolean', description: 'take runs from --queue and run them in this machine\'s engines (start as many workers, on as many machines, as you like; a run whose worker dies is run again by another)' },
  'allow-private': { type: 'boolean', description: 'with --serve or --worker: also certify targets on loopback, private, link-local and other non-public addresses (refused by default: the page fetches what strangers type)' },
  'max-runs': { type: 'string', value: '<n>', description: 'with --serve: runs at once (each uses every engine); with --worker: runs at once on this worker', default: String(DEFAULT_QUEUE_LIMITS.concurrency), parse: wholeNumber('max-runs', 1, 16) },
  'per-client': { type: 'string', value: '<n>', description: 'with --serve: runs one client may have queued or running', default: String(DEFAULT_QUEUE_LIMITS.perClient), parse: wholeNumber('per-client', 1, 100) },
  'run-timeout': { type: 'string', value: '<s>', description: 'with --serve or --worker: seconds one run may take before it is stopped', default: String(DEFAULT_RUN_LIMITS.runMs / 1000), parse: wholeNumber('run-timeout', 10, 3600) },
  keep: { type: 'string', value: '<min>', description: 'with --serve: minutes a finished run is kept (its /r/<id> page and JSON)', default: String(DEFAULT_QUEUE_LIMITS.keepMs / 60_000), parse: wholeNumber('keep', 1, 7 * 24 * 60) },
  'dns-server': { type: 'string', value: '<ip:port>', description: 'with --serve or --worker: resolve target names with this DNS server instead of the system resolver', parse: address('--dns-server') },
  'test-public-address': {
    type: 'string',
    value: '<ip>',
    multiple: true,
    description: "tests only: treat this loopback address as public (the project's tests may send traffic only to loopback)",
    parse: address('--test-public-address'),
  },
} as const;

interface ServeValues {
  port: number;
  host: string;
  'allow-private'?: boolean;
  'max-runs': number;
  'per-client': number;
  'run-timeout': number;
  keep: number;
  'dns-server'?: string;
  'test-public-address'?: string[];
  queue?: string;
  samples: number;
  timeout: number;
  quiet?: boolean;
}

export async function serveCommand(v: ServeValues, usage: (cause: string) => never): Promise<number> {
  const { engines, policy, log } = shared(v, usage);
  let service;
  try {
    service = await startService({
      host: v.host,
      port: v.port,
      engines,
      policy,
      queue: { ...DEFAULT_QUEUE_LIMITS, concurrency: v['max-runs'], perClient: v['per-client'], keepMs: v.keep * 60_000 },
      run: { ...DEFAULT_RUN_LIMITS, runMs: v['run-timeout'] * 1000, samples: v.samples, fetch: { ...DEFAULT_RUN_LIMITS.fetch, timeoutMs: v.timeout * 1000 } },
      log: v.quiet ? () => {} : log,
      ...(v.queue && { queueUrl: v.queue }),
    });
  } catch (error) {
    reportStartFailure(error, log);
    return 2;
  }
  // The one line scripts wait for (the port is the kernel's choice unless --port was given).
  process.stdout.write(`certify service listening on ${service.url}${v['allow-private'] ? ' (--allow-private: private targets allowed)' : ''}${v.queue ? ' (runs go to the --queue workers)' : ''}\n`);
  await stopSignal();
  await service.close();
  return 0;
}

/** What --serve and --worker read alike: the engines, the address policy, and the log on stderr. */
function shared(v: ServeValues, usage: (cause: string) => never) {
  let engines;
  try {
    engines = selectedEngines();
  } catch (error) {
    usage((error as Error).message);
  }
  const policy = { allowPrivate: !!v['allow-private'], ...(v['dns-server'] && { dnsServer: v['dns-server'] }), ...(v['test-public-address'] && { treatAsPublic: v['test-public-address'] }) };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return { engines, policy, log };
}

function reportStartFailure(error: unknown, log: (line: string) => void): void {
  const errors = error instanceof AggregateError ? error.errors : [error];
  for (const e of errors) log(`certify: ${e instanceof EngineUnavailableError || e instanceof QueueUrlError ? e.message : String((e as Error)?.stack ?? e)}`);
}

const stopSignal = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

/** `--worker --queue redis://…`: runs what the servers queue until stopped (a second signal drops the runs in hand). */
export async function workerCommand(v: ServeValues, usage: (cause: string) => never): Promise<number> {
  if (!v.queue) usage('--worker needs --queue redis://host:port: the Redis the --serve server queues runs in');
  const { engines, policy, log } = shared(v, usage);
  let worker;
  try {
    worker = await startWorker({
      queueUrl: v.queue,
      engines,
      policy,
      run: { ...DEFAULT_RUN_LIMITS, runMs: v['run-timeout'] * 1000, samples: v.samples, fetch: { ...DEFAULT_RUN_LIMITS.fetch, timeoutMs: v.timeout * 1000 } },
      concurrency: v['max-runs'],
      keepMs: v.keep * 60_000,
      log: v.quiet ? () => {} : log,
    });
  } catch (error) {
    reportStartFailure(error, log);
    return 2;
  }
  process.stdout.write(`certify worker ${worker.name} ready${v['allow-private'] ? ' (--allow-private: private targets allowed)' : ''}\n`);
  await stopSignal();
  log('finishing the runs in hand (a second SIGINT/SIGTERM drops them: another worker runs them again)…');
  const force = stopSignal().then(() => worker.close(true));
  await Promise.race([worker.close(false), force]);
  return 0;
}
