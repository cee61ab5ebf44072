// `npm run auth:table -- [matrix.json] [docs/auth.md]`: regenerates the deployments × engines table.

import { DEPLOYMENT_ROWS, writeTable } from './deployments.ts';

const [matrix = 'matrix-report/matrix.json', doc = 'docs/auth.md'] = process.argv.slice(2).filter((a) => a !== '--');
if (process.argv.includes('--help')) {
  console.log('usage: npm run auth:table -- [matrix.json (default matrix-report/matrix.json)] [doc (default docs/auth.md)]\nRewrites the "Auth 2.0 deployments × engines" table in the doc from the matrix.');
  process.exit(0);
}
try {
  console.log(writeTable(matrix, doc, DEPLOYMENT_ROWS));
} catch (error) {
  console.error(`auth:table: ${(error as Error).message}`);
  process.exit(2);
}
