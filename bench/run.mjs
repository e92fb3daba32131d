import analytics from './analytics.mjs';
import auth from './auth.mjs';
import fanout from './fanout.mjs';
import ingest from './ingest.mjs';
import rendererBoot from './renderer-boot.mjs';
import startup from './startup.mjs';
import sync from './sync.mjs';

/** Each benchmark prints its own report and throws only when it could not measure at all. */
const benchmarks = { startup, auth, 'renderer-boot': rendererBoot, fanout, ingest, sync, analytics };

// `node bench/run.mjs fanout ingest` (or `npm run bench -- fanout`) runs only those named.
const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(benchmarks);
const unknown = names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) throw new Error(`No benchmark ${unknown.join(', ')}; there are: ${Object.keys(benchmarks).join(', ')}`);

for (const name of names) {
  try {
    await benchmarks[name]();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
