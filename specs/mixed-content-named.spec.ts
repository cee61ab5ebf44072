// Mixed content on a mapped host name (specs/scenarios/mixed-content-named.ts): these rows run in a
// browser of their own, launched with tiles.example.test mapped to the fixture server, so no
// normal cell's browser has the mapping (WebKitGTK reaches it through the pass-through proxy).

import { NAMED_HOST } from '../fixtures/origins.ts';
import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { test } from '../harness/runner/test.ts';
import { deviations } from './deviations.ts';
import { deviationsFor } from './scenarios/index.ts';
import { scenarios } from './scenarios/mixed-content-named.ts';

// These tests get a browser of their own, launched with the mapping (harness/runner/test.ts).
test.use({ mapHosts: [NAMED_HOST] });
// Only the deviations of these rows: the secure family's others are bound in secure.spec.ts.
scenarioTests(scenarios, deviationsFor(scenarios, deviations));
