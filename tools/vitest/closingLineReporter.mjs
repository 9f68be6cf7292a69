/**
 * A vitest reporter that ends every run with one plain, uncoloured line that any CI log reader understands:
 *
 *     vitest: 1806 passed, 0 failed, 0 skipped
 *
 * vitest's own summary ("Tests  1806 passed (1806)") is coloured and has no `failed` count when nothing failed, so
 * a tool that reads test runners' closing lines cannot tell it from a run that executed nothing. Plain JavaScript so
 * that both vitest.config.ts (vitest 5, Node 24) and vitest.node20.config.mjs (vitest 4, Node 20) load it.
 * Counts are tests (not files); `todo` counts as skipped.
 */
export default class ClosingLineReporter {
  onTestRunEnd(testModules) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed to load has no tests; count it so the line never says 0 failed for a broken run.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
    }
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
