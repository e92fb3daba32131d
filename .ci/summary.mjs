// Prints the closing line CI reads, "N passed, N failed", from vitest's JSON report, and
// exits non-zero when anything failed or the run never produced a report (build, install).
import { existsSync, readFileSync } from 'node:fs';

const [report, exitCode] = process.argv.slice(2);
const rc = Number(exitCode);

if (!existsSync(report)) {
  console.log('ci: no test report (the build, install or test start-up failed before vitest reported)');
  console.log('0 passed, 1 failed');
  process.exit(rc === 0 ? 1 : rc);
}
const results = JSON.parse(readFileSync(report, 'utf8'));
const failed = results.numFailedTests + (rc !== 0 && results.numFailedTests === 0 ? 1 : 0);
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
