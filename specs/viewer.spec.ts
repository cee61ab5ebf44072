// The viewer family: its table (specs/scenarios/viewer.ts) bound to every engine, judged by pixels.

import { viewerTests } from '../harness/viewers/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/viewer.ts';

viewerTests(scenarios, deviations);
