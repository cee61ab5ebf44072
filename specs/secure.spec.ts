// The secure family: its table (specs/scenarios/secure.ts) bound to every engine. Its rows are
// about https itself (mixed content, http ↔ https redirects, third-party cookies), so they have no
// @https variants: each names its own schemes.

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/secure.ts';

scenarioTests(scenarios, deviations);
