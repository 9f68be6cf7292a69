import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { DockerEngine } from '@jil/shell-update-agent';
import { pushTestImage, startRegistryProxy } from '@jil/shell-update-agent/testing';
import { openPostgres, type Db } from '@jil/server-kit';
import { describeFleetScenarios } from '@jil/shell-hq/testing/scenarios';

const dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
const registry = process.env['JIL_TEST_REGISTRY'] ?? '';
const busybox = process.env['JIL_TEST_BUSYBOX'] ?? '/bin/busybox';
const databaseUrl = process.env['JIL_TEST_DATABASE_URL'];

// Skipped without JIL_TEST_DOCKER_HOST: needs a real Docker engine and registry; .ci/run starts them
// (.ci/start-fleet-deps.sh). HQ runs on PostgreSQL when JIL_TEST_DATABASE_URL is set, else on PGlite.
describe.skipIf(!dockerHost)('fleet against a real Docker registry and dockerd', () => {
  describeFleetScenarios(
    `HQ${databaseUrl ? ' on PostgreSQL' : ''}, agents on dockerd, images in a Registry v2 behind a proxy`,
    async () => {
      const run = randomBytes(4).toString('hex');
      // Every pull and push goes through the proxy, honest until a scenario makes it lie.
      const proxy = await startRegistryProxy(registry);
      const engine = DockerEngine.fromDockerHost(dockerHost!);
      const names = new Set<string>();
      let admin: Db | undefined;
      let db: Db | undefined;
      const schema = `jil_fleet_it_${run}`;
      if (databaseUrl) {
        admin = await openPostgres(databaseUrl);
        await admin.exec(`CREATE SCHEMA ${schema}`);
        db = await openPostgres(databaseUrl, { searchPath: schema });
      }
      return {
        registry: {
          address: proxy.address,
          publish: (path, tag, content) =>
            pushTestImage({ registry: proxy.address, path: `it-${run}/${path}`, tag, busyboxPath: busybox, release: `${run}-${content}` }),
        },
        setLying: (lying) => {
          proxy.lying = lying;
        },
        engineFor: () => DockerEngine.fromDockerHost(dockerHost!),
        containerFor: (nodeId) => {
          const name = `jil-it-${run}-${nodeId}`;
          names.add(name);
          return { name, stopTimeoutSeconds: 2, defaults: { HostConfig: { NetworkMode: 'none' } } };
        },
        ...(db ? { db } : {}),
        async close() {
          for (const name of names) {
            for (const n of [name, `${name}-previous`]) {
              const c = await engine.inspectContainer(n);
              if (c) await engine.removeContainer(c.id);
            }
          }
          await proxy.close();
          await db?.close();
          await admin?.exec(`DROP SCHEMA ${schema} CASCADE`);
          await admin?.close();
        },
      };
    },
  );
});
