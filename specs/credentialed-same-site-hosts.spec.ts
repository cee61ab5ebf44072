// Cookies across hosts of one site (specs/scenarios/credentialed-same-site-hosts.ts): these rows run
// in a browser of their own, launched with example.test and www1.example.test mapped to the fixture
// server, so no normal cell's browser has the mapping (WebKitGTK reaches them through the pass-through proxy).

import { SITE_HOST, SUBDOMAIN_HOST } from '../fixtures/origins.ts';
import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { test } from '../harness/runner/test.ts';
import { deviations } from './deviations.ts';
import { deviationsFor } from './scenarios/index.ts';
import { scenarios } from './scenarios/credentialed-same-site-hosts.ts';

test.use({ mapHosts: [SITE_HOST, SUBDOMAIN_HOST] });
// Only the deviations of these rows: the credentialed family's others are bound in credentialed.spec.ts.
scenarioTests(scenarios, deviationsFor(scenarios, deviations));
