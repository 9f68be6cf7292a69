// `pnpm build` of @jil/bridge: compile the contracts into artifacts/contracts.json (a no-op when it is up to date).
import { loadBridgeArtifacts } from './loadBridgeArtifacts.js';

const started = Date.now();
const artifacts = loadBridgeArtifacts();
const size = (artifacts.JilBridge.bytecode.length - 2) / 2;
console.log(`bridge contracts: artifacts/contracts.json ready (JilBridge ${size} bytes of creation code, ${Date.now() - started} ms)`);
