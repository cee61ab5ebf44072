// Prints "N passed, N failed[, N skipped]" from a Playwright JSON report; a missing report is a failure.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/results.json';
if (!existsSync(file)) {
  console.log(`no test report at ${file}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const { stats } = JSON.parse(readFileSync(file, 'utf8'));
const passed = stats.expected + stats.flaky;
const failed = stats.unexpected;
console.log(`${passed} passed, ${failed} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
