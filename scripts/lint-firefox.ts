import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/*
 * `npm run lint:firefox`: Mozilla's addons-linter over the Firefox build. Fails on any error, and
 * on any warning except those that come from a library bundled in (each listed with why it stays),
 * after checking that PadBridge's own code does not do what those warnings are about.
 */

const BUILD = '.output/firefox-mv3';

/** Warnings that only libraries cause, and why they stay. */
const FROM_LIBRARIES: Record<string, string> = {
  DANGEROUS_EVAL:
    "zod's core holds a `new Function` for its optional compiled parsers; every entry point sets zod to jitless (lib/services/zod-csp.ts), so it is never called, not even to probe",
  UNSAFE_VAR_ASSIGNMENT:
    'React DOM (extension pages) and Preact (content script) assign innerHTML only for dangerouslySetInnerHTML, which PadBridge never uses',
};
/** What PadBridge's own sources must never contain, for the warnings above to stay the libraries' alone. */
const NEVER_IN_OUR_CODE = [/\binnerHTML\b/, /\bnew Function\b/, /\beval\(/, /dangerouslySetInnerHTML/];

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const ours = ['lib', 'components', 'entrypoints'].flatMap(sources);
const offending = ours.filter((file) => NEVER_IN_OUR_CODE.some((pattern) => pattern.test(readFileSync(file, 'utf8'))));

let output: string;
try {
  output = execFileSync('npx', ['addons-linter', '--output', 'json', BUILD], { encoding: 'utf8' });
} catch (error) {
  // addons-linter exits non-zero when it finds errors; its report is still on stdout.
  output = String((error as { stdout?: string }).stdout ?? '');
}
const report = JSON.parse(output) as { errors: Message[]; warnings: Message[]; notices: Message[] };
const describe = (m: Message) => `  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} — ${m.message}`;
const unexplained = report.warnings.filter((w) => !FROM_LIBRARIES[w.code]);
const explained = report.warnings.filter((w) => FROM_LIBRARIES[w.code]);

console.log(
  `addons-linter: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`,
);
for (const w of explained) console.log(`${describe(w)}\n    stays: ${FROM_LIBRARIES[w.code]}`);
if (report.errors.length || unexplained.length || offending.length) {
  for (const m of [...report.errors, ...unexplained]) console.error(describe(m));
  for (const file of offending) console.error(`  ${file} uses what only libraries may (innerHTML, eval, new Function)`);
  process.exit(1);
}
