// The foundation's proof that each engine really runs and really enforces CORS: the same
// cross-origin fetch is blocked without Access-Control-Allow-Origin and readable with `*`, and the
// server's log shows the request arrived either way (blocking happens in the browser, not the network).

import { performAction } from '../harness/in-page/actions.ts';
import { expect, test } from '../harness/runner/test.ts';

const cases = [
  { path: '/smoke/no-acao', title: 'without ACAO is blocked', readable: false },
  { path: '/smoke/acao-star', title: 'with ACAO * is readable', readable: true },
];

for (const { path, title, readable } of cases) {
  test(`smoke: cross-origin fetch ${title}`, async ({ probe, origins, token, serverLog }) => {
    await probe.open(`${origins.viewer}/blank`);
    const outcome = await probe.run(performAction, { kind: 'fetch', url: `${origins.image}${path}?token=${token}` });

    if (readable) expect(outcome).toEqual({ result: 'readable', type: 'cors', status: 200, redirected: false, body: 'smoke-body' });
    else expect(outcome).toEqual({ result: 'blocked', error: 'TypeError' });

    const arrived = await serverLog.forToken(token);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ method: 'GET', role: 'image', origin: origins.viewer });
  });
}
