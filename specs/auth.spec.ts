// The auth family: IIIF Authorization Flow 2.0 walked in every engine (specs/scenarios/auth.ts),
// windows and clicks driven as a person would (harness/auth/flow.ts). Rows name their own scheme.

import { authTests } from '../harness/auth/define.ts';
import { deviations } from './deviations.ts';
import { FAMILY_TABLES } from './scenarios/index.ts';

authTests(FAMILY_TABLES.auth, deviations);
