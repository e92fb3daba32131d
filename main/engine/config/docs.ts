import { configFileVariable, settings } from './settings.js';

/**
 * The configuration documents, written from the settings table so that they cannot drift
 * from what the loader accepts: the README table and .env.example. `optibid config-docs`
 * rewrites both; a test fails when either is out of date.
 */
const documented = (): { env: string; defaultText: string; description: string; feature: string; example?: string }[] => [
  { ...configFileVariable, example: '/etc/optibid/optibid.json' },
  ...Object.values(settings).map((s) => ({ env: s.env, defaultText: s.defaultText, description: s.description, feature: s.feature, example: s.example ?? String(s.defaultValue) })),
];

export const README_BEGIN = '<!-- settings:begin (written by `optibid config-docs`) -->';
export const README_END = '<!-- settings:end -->';

export function readmeSettingsTable(): string {
  const rows = documented().map((s) => `| \`${s.env}\` | ${s.defaultText} | ${s.description} | ${s.feature} |`);
  return ['| variable | default | meaning | needed for |', '|---|---|---|---|', ...rows].join('\n');
}

export function envExample(): string {
  const header = [
    '# OptiBid Terminal settings (written by `optibid config-docs` from main/engine/config/settings.ts).',
    '# Every variable is optional: the terminal runs on its embedded defaults (SQLite under the',
    '# user data directory). Set them in the environment, or in a JSON file named by',
    '# OPTIBID_CONFIG_FILE whose keys are these names.',
  ];
  const entries = documented().map((s) => `# ${s.description}\n# default: ${s.defaultText}; needed for: ${s.feature}\n# ${s.env}=${s.example ?? ''}`);
  return `${[...header, '', entries.join('\n\n')].join('\n')}\n`;
}

/** The README with its settings table replaced; throws if the markers are missing. */
export function withSettingsTable(readme: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${README_BEGIN} ... ${README_END} section`);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${readmeSettingsTable()}\n${readme.slice(end)}`;
}
