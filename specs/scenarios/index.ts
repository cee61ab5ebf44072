// Every family's table, in catalogue order (for tools that need the scenarios as data), each
// followed by its https variants (`<id>@https`, specs/scenarios/https.ts).

import type { Scenario } from '../../harness/scenarios/types.ts';
import { scenarios as canvas } from './canvas.ts';
import { scenarios as credentialed } from './credentialed.ts';
import { scenarios as preflight } from './preflight.ts';
import { withHttpsVariants } from './https.ts';
import { scenarios as redirect } from './redirect.ts';
import { scenarios as secure } from './secure.ts';
import { scenarios as simple } from './simple.ts';

export const CATALOGUE: Scenario[] = [...[simple, credentialed, preflight, redirect, canvas].flatMap(withHttpsVariants), ...secure];
