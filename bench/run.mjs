import analytics from './analytics.mjs';
import auth from './auth.mjs';
import epf from './epf.mjs';
import fanout from './fanout.mjs';
import ingest from './ingest.mjs';
import rendererBoot from './renderer-boot.mjs';
import startup from './startup.mjs';
import sync from './sync.mjs';

/** Each benchmark prints its own report and throws only when it could not measure at all. */
const benchmarks = { startup, auth, 'renderer-boot': rendererBoot, fanout, ingest, sync, analytics, epf };

// `node bench/run.mjs fanout ingest` (or `npm run bench -- fanout`) runs only those named; the
// words after a name that are not benchmarks are its arguments (`npm run bench -- epf FILE --days 28`).
const plan = [];
const unknown = [];
for (const word of process.argv.slice(2)) {
  if (word in benchmarks) plan.push({ name: word, args: [] });
  else if (plan.length > 0) plan.at(-1).args.push(word);
  else unknown.push(word);
}
if (unknown.length > 0) throw new Error(`No benchmark ${unknown.join(', ')}; there are: ${Object.keys(benchmarks).join(', ')}`);

for (const { name, args } of plan.length > 0 ? plan : Object.keys(benchmarks).map((name) => ({ name, args: [] }))) {
  try {
    await benchmarks[name](args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
