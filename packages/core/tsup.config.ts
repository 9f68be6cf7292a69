import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

export default defineConfig(packageBuild({ index: 'src/index.ts', tlog: 'src/tlog/index.ts', events: 'src/events/index.ts' }));
