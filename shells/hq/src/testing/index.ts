/** Test, demo and benchmark tooling: an in-process manifest registry and a whole fleet on loopback. */
export { FakeRegistry } from './FakeRegistry.js';
export {
  startFleetHarness,
  type FleetHarness,
  type FleetHarnessOptions,
  type HarnessAnswer,
  type HarnessRegistry,
} from './fleetHarness.js';
