// The forecasting worker's entry when the engine runs from its TypeScript sources (vitest): Node
// cannot import .ts in a worker thread by itself, so this registers typescript-hooks.mjs, then
// imports the real entry (ml-worker.ts). Built code never comes here: see worker-launcher.ts.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('./typescript-hooks.mjs', import.meta.url);
await import(workerData.entry);
