import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering of ../shared/DESIGN.md §Layout and docs/architecture.md, read from every package.json and every shell's
// imports: packages are pure and never reach a shell; shells share code through @jil/server-kit, not through each other.
const root = resolve(import.meta.dirname, '..');

interface Manifest {
  dir: string;
  name: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
}

function manifests(folder: 'packages' | 'shells'): Manifest[] {
  return readdirSync(join(root, folder))
    .map((entry) => join(folder, entry))
    .filter((dir) => statSync(join(root, dir)).isDirectory())
    .map((dir) => {
      const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Partial<Manifest> & { name: string };
      return {
        dir,
        name: json.name,
        dependencies: json.dependencies ?? {},
        devDependencies: json.devDependencies ?? {},
        peerDependencies: json.peerDependencies ?? {},
        optionalDependencies: json.optionalDependencies ?? {},
      };
    });
}

const packages = manifests('packages');
const shells = manifests('shells');
const shellNames = new Set(shells.map((s) => s.name));

/** What a package needs at run time (devDependencies are tests and tooling). */
const runtimeDeps = (m: Manifest): string[] => [
  ...Object.keys(m.dependencies),
  ...Object.keys(m.peerDependencies),
  ...Object.keys(m.optionalDependencies),
];
const allDeps = (m: Manifest): string[] => [...runtimeDeps(m), ...Object.keys(m.devDependencies)];

/**
 * The only shell → shell runtime dependencies: the CLI is the composition root — `jil serve` and `jil demo` run the
 * pre-clearance service (`startService`) and start validator processes (`startValidatorProcesses`).
 */
const ALLOWED_SHELL_DEPS: Record<string, string[]> = {
  // The CLI is the composition root: `jil bridge demo` wires pre-clearance, the validators, the ledger and the relayer,
  // which know each other only through interfaces (docs/bridge.md).
  '@jil/cli': ['@jil/shell-bridge-relayer', '@jil/shell-ledger', '@jil/shell-preclearance', '@jil/shell-validator'],
};

/** Shell → shell devDependencies, used by tests only (checked below against the importing files). */
const ALLOWED_SHELL_DEV_DEPS: Record<string, string[]> = {
  // The fleet scenarios and the dashboard test run real update agents (startAgent, FakeEngine) against HQ.
  '@jil/shell-hq': ['@jil/shell-update-agent'],
  // The end-to-end callback test asks a running pre-clearance service (startService) for a real PSA.
  '@jil/shell-fireblocks-callback': ['@jil/shell-preclearance'],
};

/** Runtime server dependencies: database drivers, HTTP servers, Docker and Kafka clients. */
const SERVER_RUNTIME = /^(pg|@types\/pg|@electric-sql\/pglite|fastify|@fastify\/.+|dockerode|@types\/dockerode|.*kafka.*)$/;
/** The packages allowed to hold them: the shells' private kit, and the test kit. */
const SERVER_PACKAGES = new Set(['@jil/server-kit', '@jil/testkit']);

/** A file that only tests use: test files, `testing/` helpers and `__fixtures__`. */
const isTestCode = (file: string): boolean => /\.test\.ts$|[/\\](testing|__fixtures__)[/\\]/.test(file);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...sourceFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** The `@jil/shell-*` packages a file imports (static and dynamic imports, `export … from`; not comments). */
function importedShells(file: string): string[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(@jil\/[^'/]+)(?:\/[^']*)?'/g)) {
    if (shellNames.has(m[1]!)) found.add(m[1]!);
  }
  return [...found];
}

describe('layering', () => {
  it('reads every package and shell', () => {
    expect(packages.map((p) => p.name)).toContain('@jil/server-kit');
    expect(packages.map((p) => p.name)).toContain('@jil/core');
    expect([...shellNames]).toEqual(expect.arrayContaining(['@jil/cli', '@jil/shell-hq', '@jil/shell-preclearance']));
  });

  it('no shell depends on another shell, except the CLI (the composition root)', () => {
    const found = shells.flatMap((s) =>
      runtimeDeps(s)
        .filter((d) => shellNames.has(d))
        .map((d) => `${s.name} -> ${d}`),
    );
    const allowed = Object.entries(ALLOWED_SHELL_DEPS).flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`));
    expect(found.sort()).toEqual(allowed.sort());
  });

  it('shell → shell devDependencies are the listed test-only ones', () => {
    const found = shells.flatMap((s) =>
      Object.keys(s.devDependencies)
        .filter((d) => shellNames.has(d))
        .map((d) => `${s.name} -> ${d}`),
    );
    const allowed = Object.entries(ALLOWED_SHELL_DEV_DEPS).flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`));
    expect(found.sort()).toEqual(allowed.sort());
  });

  it("a shell's source imports another shell only where its package.json allows it (tests only for devDependencies)", () => {
    const violations: string[] = [];
    for (const shell of shells) {
      for (const file of sourceFiles(join(root, shell.dir, 'src'))) {
        for (const imported of importedShells(file)) {
          if (imported === shell.name) continue;
          const where = relative(root, file);
          if (shell.dependencies[imported] !== undefined && (ALLOWED_SHELL_DEPS[shell.name] ?? []).includes(imported)) continue;
          if (shell.devDependencies[imported] !== undefined && isTestCode(file)) continue;
          violations.push(`${where} imports ${imported}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('no package depends on a shell', () => {
    const found = packages.flatMap((p) =>
      allDeps(p)
        .filter((d) => shellNames.has(d) || d === '@jil/cli')
        .map((d) => `${p.name} -> ${d}`),
    );
    expect(found).toEqual([]);
  });

  it('only @jil/server-kit and @jil/testkit among the packages depend on pg, PGlite, Fastify, dockerode or Kafka', () => {
    const found = packages
      .filter((p) => !SERVER_PACKAGES.has(p.name))
      .flatMap((p) =>
        allDeps(p)
          .filter((d) => SERVER_RUNTIME.test(d))
          .map((d) => `${p.name} -> ${d}`),
      );
    expect(found).toEqual([]);
  });

  it('no package depends on @jil/server-kit: it is for the shells', () => {
    const found = packages.filter((p) => p.name !== '@jil/server-kit' && allDeps(p).includes('@jil/server-kit')).map((p) => p.name);
    expect(found).toEqual([]);
  });

  it('a verifier installs no list parser: @jil/psa and @jil/sdk depend on none of csv-parse, fast-xml-parser, @jil/ingest', () => {
    // devDependencies too: @jil/ingest depends on @jil/psa, and a psa → ingest devDependency would be a cycle.
    const PARSERS = new Set(['csv-parse', 'fast-xml-parser', '@jil/ingest']);
    const verifiers = packages.filter((p) => p.name === '@jil/psa' || p.name === '@jil/sdk');
    expect(verifiers.map((p) => p.name).sort()).toEqual(['@jil/psa', '@jil/sdk']);
    const found = verifiers.flatMap((p) =>
      allDeps(p)
        .filter((d) => PARSERS.has(d))
        .map((d) => `${p.name} -> ${d}`),
    );
    expect(found).toEqual([]);
  });

  it('the list parsers are dependencies of @jil/ingest only, among the packages', () => {
    const found = packages.flatMap((p) =>
      allDeps(p)
        .filter((d) => d === 'csv-parse' || d === 'fast-xml-parser')
        .map((d) => `${p.name} -> ${d}`),
    );
    expect(found.sort()).toEqual(['@jil/ingest -> csv-parse', '@jil/ingest -> fast-xml-parser']);
  });

  it('@jil/server-kit is private and never published', () => {
    const kit = JSON.parse(readFileSync(join(root, 'packages/server-kit/package.json'), 'utf8')) as { private?: boolean };
    expect(kit.private).toBe(true);
  });

  it('the test kits are private and never published', () => {
    const kits = packages.filter((p) => p.name.endsWith('testkit')).map((p) => p.name);
    expect(kits.sort()).toEqual(['@jil/core-testkit', '@jil/psa-testkit', '@jil/testkit']);
    for (const kit of ['core-testkit', 'psa-testkit', 'testkit']) {
      const json = JSON.parse(readFileSync(join(root, 'packages', kit, 'package.json'), 'utf8')) as { private?: boolean };
      expect(json.private, kit).toBe(true);
    }
  });

  it('no file imports another workspace package by relative path (import it by name, through its exports map)', () => {
    expect(relativeCrossPackageImports().length).toBeGreaterThan(0); // the scan sees the known exceptions below
    const found = relativeCrossPackageImports().filter((v) => !CROSS_PACKAGE_EXCEPTIONS.has(v.file));
    expect(found.map((v) => `${v.file} imports ${v.specifier}`)).toEqual([]);
  });
});

/**
 * Files still allowed to reach into another package's files by path, each with its reason (the list shrinks, never
 * grows):
 * - three scripts measure internals of published packages that no entry point exposes (a test-only entry in a
 *   published package is not allowed): the signature backends of @jil/core and the name matcher's scoring of
 *   @jil/psa.
 */
const CROSS_PACKAGE_EXCEPTIONS = new Set(['scripts/bench-crypto.ts', 'scripts/bench-screening.ts', 'scripts/eval-names.ts']);

/** The folders of the workspace packages (pnpm-workspace.yaml), `.` being the root package (tests/, scripts/). */
function workspaceDirs(): Set<string> {
  const dirs = new Set(['.', 'examples']);
  for (const folder of ['packages', 'shells', 'tools']) {
    for (const entry of readdirSync(join(root, folder))) {
      try {
        if (statSync(join(root, folder, entry, 'package.json')).isFile()) dirs.add(`${folder}/${entry}`);
      } catch {
        // not a package folder
      }
    }
  }
  return dirs;
}

/** Relative import specifiers (static, dynamic, `export … from`) of every source file under the given trees. */
function relativeCrossPackageImports(): { file: string; specifier: string }[] {
  const dirs = workspaceDirs();
  const owner = (path: string): string => {
    for (let dir = dirname(path); ; dir = dirname(dir)) if (dirs.has(dir) || dir === '.') return dir;
  };
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return ['node_modules', 'dist', 'target'].includes(entry.name) ? [] : files(path);
      return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
    });
  const found: { file: string; specifier: string }[] = [];
  for (const file of ['packages', 'shells', 'tests', 'scripts', 'examples'].flatMap(files)) {
    const code = readFileSync(join(root, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.\.?\/[^'"]*)['"]/g)) {
      const target = relative(root, resolve(root, dirname(file), m[1]!));
      // The packages' tsup.config.ts share the root's tsup.base.ts: build configuration, not a package's code.
      if (/^tsup\.base\.[jt]s$/.test(target)) continue;
      if (owner(target) !== owner(file)) found.push({ file, specifier: m[1]! });
    }
  }
  return found;
}
