import auth from './auth.mjs';
import rendererBoot from './renderer-boot.mjs';
import startup from './startup.mjs';

/** Each benchmark prints its own report and throws only when it could not measure at all. */
const benchmarks = [startup, auth, rendererBoot];

for (const benchmark of benchmarks) {
  try {
    await benchmark();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
