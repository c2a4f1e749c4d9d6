import { performance } from 'node:perf_hooks';
import { startEmulator } from './emulator';
import { rawRequest } from './rawClient';
import { generateScenario, largeScenarioSize } from './scenario/generate';
import { userArmToken } from './testing';

/**
 * `npx tsx test/emulator/bench.ts`: start-up time, memory and request latencies of the emulator serving the
 * large generated scenario (100 tenants × 50 subscriptions × 20 workspaces × 20 computes). Prints figures only.
 */
function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function memory(): string {
  const m = process.memoryUsage();
  return `rss ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}`;
}

async function main(): Promise<void> {
  const size = { ...largeScenarioSize };
  for (const arg of process.argv.slice(2)) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    if (key && key in size && value) size[key as keyof typeof size] = Number(value);
  }
  console.log(`scenario size: ${JSON.stringify(size)}`);
  console.log(`memory before: ${memory()}`);
  let t = performance.now();
  const scenario = generateScenario(size);
  console.log(
    `generate: ${(performance.now() - t).toFixed(0)} ms (${scenario.subscriptions.length} subscriptions, ${scenario.workspaces.length} workspaces, ${scenario.computes.length} computes)`,
  );
  t = performance.now();
  const emu = await startEmulator({ scenario, validate: false });
  console.log(`start (state + certificates + listen): ${(performance.now() - t).toFixed(0)} ms`);
  console.log(`memory after start: ${memory()}`);
  try {
    const firstTenant = scenario.tenants[0]?.id ?? '';
    t = performance.now();
    const token = await userArmToken(emu, 'admin@tenant0.example', firstTenant);
    console.log(`interactive sign-in (msal, scripted): ${(performance.now() - t).toFixed(1)} ms`);
    const sub = scenario.subscriptions[0]?.id ?? '';
    const requests: [string, string][] = [
      ['GET /tenants', '/tenants?api-version=2022-12-01'],
      ['GET /subscriptions', '/subscriptions?api-version=2022-12-01'],
      [
        'list workspaces',
        `/subscriptions/${sub}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-09-01`,
      ],
      [
        'list AKS clusters',
        `/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters?api-version=2025-07-01`,
      ],
      [
        'list computes',
        `/subscriptions/${sub}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-0/computes?api-version=2025-09-01`,
      ],
      [
        'get compute',
        `/subscriptions/${sub}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-0/computes/k8s-1?api-version=2025-09-01`,
      ],
      [
        'role assignments at the subscription (atScope)',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`,
      ],
    ];
    for (const [label, path] of requests) {
      const timings: number[] = [];
      let status = 0;
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        status = (
          await rawRequest(`${emu.armUrl}${path}`, emu.caPem, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status;
        timings.push(performance.now() - started);
      }
      timings.sort((a, b) => a - b);
      console.log(
        `${label}: status ${status}, median ${(timings[10] ?? 0).toFixed(2)} ms, max ${(timings[19] ?? 0).toFixed(2)} ms (20 requests)`,
      );
    }
    console.log(`memory at end: ${memory()}`);
  } finally {
    await emu.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
