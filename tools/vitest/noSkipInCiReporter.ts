/**
 * A vitest reporter for CI: under `CI=true` a skipped test fails the run. Every suite that needs a real server
 * (PostgreSQL, Kafka, a Docker engine and registry, Chromium, cargo) skips itself when the server is missing — fine on
 * a laptop, but in CI, where `.ci/run` starts all of them, a skip means a server did not come up or a variable was
 * not passed, and the run must not pass quietly. A test may opt out only by having `(skipped in CI: <reason>)` in its
 * name. Registered in vitest.config.ts.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export default class NoSkipInCiReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (process.env['CI'] !== 'true') return;
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state === 'skipped' && !/\(skipped in CI: [^)]+\)/.test(test.fullName))
          skipped.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
      }
      if (module.state() === 'skipped') skipped.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} (whole file)`);
    }
    if (skipped.length === 0) return;
    const message = `CI=true and ${skipped.length} test(s) skipped — a server the suite needs is missing in CI:\n${skipped
      .slice(0, 50)
      .map((s) => `  - ${s}`)
      .join('\n')}`;
    this.#vitest?.logger.error(message);
    process.exitCode = 1;
  }
}
