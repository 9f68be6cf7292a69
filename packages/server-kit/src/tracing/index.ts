export { startTracing, type RunningTracing } from './startTracing.js';
