// Module hooks compiling the engine's TypeScript sources as a worker thread imports them, for
// runs from sources only (see typescript-worker.mjs). Sources import each other as './x.js' (the
// compiled name): such a specifier resolves to './x.ts' when no .js file is there. Each file is
// compiled alone (the sources use isolatedModules and verbatimModuleSyntax, so that is exact).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const compilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true, inlineSourceMap: true };

export async function resolve(specifier, context, next) {
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (relative && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const compiledName = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(compiledName))) return next(`${specifier.slice(0, -'.js'.length)}.ts`, context);
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { source } = await next(url, { ...context, format: 'module' });
  const { outputText } = ts.transpileModule(String(source), { fileName: fileURLToPath(url), compilerOptions });
  return { format: 'module', source: outputText, shortCircuit: true };
}
