import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KEYS_USAGE } from './commands/keys.js';
import { runValidators } from './commands/validators.js';
import { REPO_ROOT } from './paths.js';

/** `jil <version> (Node <version>)`, from shells/cli/package.json. */
export function versionLine(): string {
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'shells/cli/package.json'), 'utf8')) as { version: string };
  return `jil ${pkg.version} (Node ${process.version})`;
}

/**
 * `jil help [<command>]` and `jil <command> --help`: the usage of one command (the lines of `usage` that describe it),
 * or all of `usage`. Exit 0; 2 for an unknown command.
 */
export async function commandHelp(command: string | undefined, usage: string): Promise<number> {
  if (command === undefined) {
    console.log(usage);
    return 0;
  }
  if (command === 'validators') return runValidators(['--help']);
  if (command === 'keys') {
    console.log(KEYS_USAGE);
    return 0;
  }
  const lines = usage.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  jil ${command} `) || l === `  jil ${command}`);
  if (start < 0) {
    console.error(`unknown command: ${command} (jil --help lists them)`);
    return 2;
  }
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith('    ') && !lines[end]!.startsWith('  jil ')) end++;
  console.log(
    ['Usage:', ...lines.slice(start, end), '', ...lines.slice(lines.findIndex((l) => l.startsWith('List freshness')))].join('\n'),
  );
  return 0;
}

/**
 * One line for an error that ends the command, and its exit code: a usage error (unknown option, missing file,
 * bad value) is 2, anything else 1. Never a stack trace unless `JIL_DEBUG=1`.
 */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  const e = error as { code?: unknown; message?: unknown; path?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('ERR_PARSE_ARGS')) return { line: `${String(e.message).split('. To specify')[0]} (jil --help)`, exitCode: 2 };
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : 'permission denied';
    return { line: `error: ${what}${e.path ? `: ${String(e.path)}` : ''}`, exitCode: 2 };
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { line: `error${code ? ` ${code}` : ''}: ${message}`, exitCode: 1 };
}
