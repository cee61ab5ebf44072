// Turns a scenario's symbolic targets into real URLs for this run: origins from the run's ports,
// the scenario token added everywhere (so every hop lands in the same log), placeholders filled.

import { makeUrl } from '../../fixtures/make-params.ts';
import type { Origins } from '../../fixtures/origins.ts';
import { RUNNER_PATH } from '../../fixtures/runner-page.ts';
import type { Action, MakeSpec, ResolvedAction, Target, MakeParams, Scheme } from '../../contract/page.ts';
import { resolveAuthAction } from '../auth/resolve.ts';


export interface RunContext {
  /** The origins under the scenario's scheme (what `{viewer}` etc. and targets mean by default). */
  origins: Origins;
  token: string;
  /** The origins under each scheme, for targets that name their own. */
  originsByScheme?: Record<Scheme, Origins>;
}

/** Fills `{viewer}` etc.; `{viewer:upper}` gives the origin upper-cased (a case-mismatch ACAO). */
export function fill(value: string, { origins, token }: RunContext): string {
  return value.replace(/\{(viewer|image|other|imageCrossSite|token)(:upper)?\}/g, (_, name: string, upper?: string) => {
    const filled = name === 'token' ? token : origins[name as keyof Origins];
    return upper ? filled.toUpperCase() : filled;
  });
}

export function resolveTarget(target: Target, ctx: RunContext): string {
  if (target.scheme && !ctx.originsByScheme) throw new Error(`a target names scheme ${target.scheme}, but the run context has no origins by scheme`);
  const origin = target.scheme ? ctx.originsByScheme![target.scheme][target.origin] : ctx.origins[target.origin];
  let url: string;
  if ('make' in target) {
    url = makeUrl(origin, { ...resolveMake(target.make, ctx), token: ctx.token });
  } else {
    const path = fill(target.path, ctx);
    url = `${origin}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(ctx.token)}`;
  }
  return target.userinfo ? url.replace('://', `://${target.userinfo}@`) : url;
}

function resolveMake(make: MakeSpec, ctx: RunContext): Omit<MakeParams, 'token'> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(make)) {
    if (typeof value === 'string') out[name] = fill(value, ctx);
    else if (Array.isArray(value)) out[name] = value.map((v: string) => fill(v, ctx));
    else if (value && typeof value === 'object') out[name] = resolveTarget(value as Target, ctx);
    else out[name] = value;
  }
  return out;
}

export function resolveAction(action: Action, ctx: RunContext): ResolvedAction {
  if (action.kind === 'sequence') return { ...action, steps: action.steps.map((s) => resolveAction(s, ctx)) };
  if (action.kind === 'wait') return action;
  if (action.kind === 'auth') return resolveAuthAction(action, ctx);
  const { target, ...rest } = action;
  const frame = action.kind === 'fetch' && action.frame;
  // A sandboxed frame loads the viewer's own runner page; the sandbox makes its origin opaque.
  const frameUrl = frame ? `${ctx.origins[frame === 'other' ? 'other' : 'viewer']}${RUNNER_PATH}` : undefined;
  return { ...rest, url: resolveTarget(target, ctx), ...(frameUrl && { frameUrl }) } as ResolvedAction;
}
