import { FakeEngine } from '@jil/shell-update-agent/testing';
import { FakeRegistry } from './testing/FakeRegistry.js';
import { describeFleetScenarios } from './testing/describeFleetScenarios.js';

// The whole control plane in one process, without Docker: HQ on PGlite, agents on a fake engine, a fake registry.
// tests/fleet runs the same scenarios against a real registry and dockerd when .ci/run starts them.
describeFleetScenarios('fleet HQ and agents (fake registry and engine)', async () => {
  const registry = await FakeRegistry.start();
  return {
    registry: { address: registry.address, publish: async (path, tag, content) => registry.push(path, tag, content) },
    setLying: (lying) => {
      registry.lying = lying;
    },
    engineFor: () => new FakeEngine(registry.source),
    close: () => registry.close(),
  };
});
