// `npm run setup:browsers`: make every engine runnable on this machine. Uses the same resolver as
// the tests, so "installed" here means "the tests will find it". Tries Playwright's own download
// first; where that is unreachable, installs the Debian packages (as root on Debian/Ubuntu);
// otherwise says exactly what to run.

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { parseOrExit } from './cli/command.ts';
import { INSTALL_HINT, resolveEngine } from './engines/resolve.ts';
import { ENGINES } from './engines/registry.ts';
import { selectedEngines } from './engines/select.ts';
import { EngineUnavailableError } from './engines/types.ts';
import type { EngineName } from '../contract/engine.ts';
import { COMMAND, TOOLS } from './cli/setup-browsers.ts';

/** "ok" lines, which --quiet leaves out. */
let reportOk = (line: string) => console.log(line);

function missingEngines(engines: EngineName[]): Map<EngineName, string> {
  const missing = new Map<EngineName, string>();
  for (const engine of engines) {
    try {
      const plan = resolveEngine(engine);
      // A system build that runs under a display (Firefox, WebKit) needs an X server unless the user brings one.
      if (plan.source === 'system' && ENGINES[engine].needsDisplay && !process.env.DISPLAY && !onPath('Xvfb')) {
        missing.set(engine, 'Xvfb is not installed (needed for a virtual display)');
      } else {
        reportOk(`  ok       ${engine.padEnd(8)} ${plan.source.padEnd(7)} ${plan.executable}`);
      }
    } catch (error) {
      if (!(error instanceof EngineUnavailableError)) throw error;
      missing.set(engine, error.message.split('. ')[0]!);
    }
  }
  for (const [engine, why] of missing) console.log(`  missing  ${engine.padEnd(8)} ${why}`);
  return missing;
}

function missingTools(): typeof TOOLS {
  if (onlyEngines) return [];
  const missing = TOOLS.filter((t) => !existsSync(t.path));
  for (const t of TOOLS) (missing.includes(t) ? console.log : reportOk)(`  ${missing.includes(t) ? 'missing' : 'ok     '}  ${t.name.padEnd(8)} ${t.path} (${t.why})`);
  return missing;
}

/**
 * nginx, Apache, lighttpd and Varnish start as system services when installed, all on port 80 (or
 * 6081), and a failed start fails the install: the tests start their own instances, so the
 * services are kept from starting (policy-rc.d exit 101), unless the machine already has a policy.
 */
function withoutServiceStarts(install: () => boolean): boolean {
  const policy = '/usr/sbin/policy-rc.d';
  if (existsSync(policy)) return install();
  writeFileSync(policy, '#!/bin/sh\n# cors harness setup: no service starts during install\nexit 101\n', { mode: 0o755 });
  try {
    return install();
  } finally {
    rmSync(policy, { force: true });
  }
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[], timeoutMs: number): boolean {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

let onlyEngines = false;

function main(): number {
  const { values } = parseOrExit(COMMAND);
  onlyEngines = values['engines-only'] === true;
  if (values.quiet) reportOk = () => {};
  const engines = selectedEngines();
  reportOk(onlyEngines ? 'Browser engines:' : 'Browser engines and test tools:');
  let missing = missingEngines(engines);
  let tools = missingTools();
  if (missing.size === 0 && tools.length === 0) return 0;
  if (values.check) {
    console.log('\nRun `npm run setup:browsers` to install them.');
    return 1;
  }

  if (!values['no-download'] && missing.size > 0) {
    // Fails within seconds where the download host is unreachable, so it is cheap to try first.
    run('npx', ['--no-install', 'playwright', 'install', ...missing.keys()], 10 * 60_000);
    missing = missingEngines([...missing.keys()]);
    if (missing.size === 0 && tools.length === 0) return 0;
  }

  const packages = [...new Set([...[...missing.keys()].flatMap((e) => INSTALL_HINT[e].debian), ...tools.map((t) => t.debian)])];
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`\nInstalling Debian packages: ${packages.join(' ')}`);
    if (!run('apt-get', ['update', '-q'], 10 * 60_000) || !withoutServiceStarts(() => run('apt-get', ['install', '-y', '-q', ...packages], 20 * 60_000))) {
      console.error('\nsetup:browsers: apt-get failed (see its output above).');
      return 1;
    }
    missing = missingEngines([...missing.keys()]);
    tools = missingTools();
    if (missing.size === 0 && tools.length === 0) return 0;
  }

  console.error(
    `\nsetup:browsers: still missing: ${[...missing.keys(), ...tools.map((t) => t.name)].join(', ')}.\n` +
      `Install Playwright's builds (\`npx playwright install ${[...missing.keys()].join(' ')}\`) where the download is reachable,\n` +
      `or the system packages as root: \`apt-get install -y ${packages.join(' ')}\`.`,
  );
  return 1;
}

process.exitCode = main();
