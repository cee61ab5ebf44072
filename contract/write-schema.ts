// `npm run schema`: writes harness/matrix/matrix.schema.json from the contract (contract/
// matrix.ts). The unit suite fails when the committed file differs from what this would write.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matrixJsonSchema } from './matrix.ts';

export const MATRIX_SCHEMA_FILE = fileURLToPath(new URL('../harness/matrix/matrix.schema.json', import.meta.url));

export const matrixSchemaText = () => `${JSON.stringify(matrixJsonSchema(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write('Usage: npm run schema\n\nWrites harness/matrix/matrix.schema.json from contract/matrix.ts.\n');
  } else {
    writeFileSync(MATRIX_SCHEMA_FILE, matrixSchemaText());
    process.stdout.write(`schema: wrote ${MATRIX_SCHEMA_FILE}\n`);
  }
}
