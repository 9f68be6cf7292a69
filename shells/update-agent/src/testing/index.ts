/** Test and demo tooling: build and push a one-layer busybox image with plain fetch. Not for production use. */
export { pushTestImage, DOCKER_MANIFEST_V2, type PushedTestImage, type PushTestImageParameters } from './pushTestImage.js';
export { tarArchive, type TarEntry } from './tarArchive.js';
export { startRegistryProxy, type RegistryProxy } from './startRegistryProxy.js';
export { FakeEngine } from './FakeEngine.js';
