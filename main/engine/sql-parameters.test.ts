import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { appRoot } from './app-paths.js';

/** Methods that run SQL text: our SqlExecutor, pg and better-sqlite3. */
const SQL_METHODS = new Set(['all', 'one', 'run', 'query', 'exec', 'prepare']);

/**
 * Values spliced into SQL text must be fixed SQL, never data. Allowed: UPPER_CASE constants
 * (column lists, statements) and these locals, each built only from fixed clauses:
 */
const REVIEWED_FRAGMENTS = new Set([
  'conditions', // audit-repository, asset-repository, bid-repository: AND-joined fixed filter clauses, values bound as parameters
  'scope', // feature-flag-repository: 'organization_id IS NULL' or 'organization_id = ?'
  'savepoint', // pg-executor: 'sp' + nesting depth
  'channel', // notification-listener: LISTEN takes no parameters; the name is checked to be a plain identifier
  'exclusion', // cache-refresh: '' or ' AND id NOT IN (?, …)', the ids bound as parameters
  'placeholders', // outbox, sync-conflict and bid repositories: '?, ?, …', one per id bound as a parameter
  'zoneFilter', // market-data-repository: '' or ' AND m.zone_id IN (?, …)', the ids bound as parameters
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

/** Every `${...}` in a template literal passed as SQL whose expression is not a reviewed constant. */
export function stringBuiltSql(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const findings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SQL_METHODS.has(node.expression.name.text)) {
      const [first] = node.arguments;
      if (first && ts.isTemplateExpression(first)) {
        for (const span of first.templateSpans) {
          const expression = span.expression;
          const safe = ts.isIdentifier(expression) && (/^[A-Z][A-Z0-9_]*$/.test(expression.text) || REVIEWED_FRAGMENTS.has(expression.text));
          if (!safe) {
            const { line } = source.getLineAndCharacterOfPosition(expression.getStart());
            findings.push(`${relative(appRoot, file)}:${line + 1} \${${expression.getText()}}`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('SQL only through parameters', () => {
  it('finds string-built SQL (the check itself works)', () => {
    const findings = stringBuiltSql('example.ts', "await sql.all(`SELECT * FROM users WHERE email = '${email}'`);\nawait sql.all(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);");
    expect(findings).toEqual(['example.ts:1 ${email}']);
  });

  it('splices no data into SQL anywhere in the engine', () => {
    const files = sourceFiles(join(appRoot, 'main', 'engine'));
    expect(files.flatMap((file) => stringBuiltSql(file, readFileSync(file, 'utf8')))).toEqual([]);
  });
});
