import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, repoRoot } from '../emulator/testing';
import { ids, temporaryFolder } from './operations-fixture';

/**
 * Kills the main-process host with SIGKILL at random points of attach, identity change and
 * detach, restarts it on the same database and checks that nothing was lost, duplicated or sent
 * twice, and that every operation ends in the state the emulator holds.
 */

const KILLS = 30;
const COMPUTES = ['crash-0', 'crash-1', 'crash-2', 'crash-3', 'crash-4', 'crash-5'];
const STEPS = ['attach', 'update-identity', 'detach'] as const;
const workspaceId = ids.workspace('mlw-forecasting');

let emu: RunningEmulator;
let folder: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  emu = await startEmulator({
    scenario: demoScenarioPath,
    settings: { attachDelayMs: 1200, deleteDelayMs: 800, principalReplicationDelayMs: 200 },
  });
  folder = temporaryFolder();
});
afterAll(async () => {
  await emu.close();
  folder.dispose();
});

function commandFor(computeName: string, step: (typeof STEPS)[number]) {
  const computeId = ids.compute(workspaceId, computeName);
  if (step === 'attach') {
    return {
      name: 'attach.start',
      input: {
        workspaceId,
        clusterId: ids.aks('aks-cpu-prod-weu'),
        computeName,
        identity: { type: 'SystemAssigned' },
      },
    };
  }
  if (step === 'update-identity') {
    return {
      name: 'computes.updateIdentity',
      input: {
        computeId,
        identity: { type: 'UserAssigned', identityId: ids.identity('id-ml-training') },
      },
    };
  }
  return { name: 'computes.detach', input: { computeId } };
}

interface HostRun {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  waitFor(line: string, timeoutMs: number): Promise<void>;
}

function startHost(command: unknown): HostRun {
  const sp = emu.scenario.servicePrincipals[0];
  if (!sp) throw new Error('the scenario has no service principal');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('test', 'operations', 'crash-host.ts')],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MOORING_ARM_URL: emu.armUrl,
        MOORING_CA_PATH: emu.caPath,
        MOORING_TENANT: sp.tenantId,
        MOORING_CLIENT_ID: sp.clientId,
        MOORING_CLIENT_SECRET: sp.clientSecret,
        MOORING_DATA_DIR: folder.dir,
        MOORING_SLOW_ANSWERS_MS: '300',
        MOORING_COMMAND: command === null ? '' : JSON.stringify(command),
      },
    },
  );
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (line, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`host never printed "${line}"; stderr: ${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          if (lines.some((l) => l === line || l.startsWith(`${line} `))) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        void exited.then(() => setTimeout(check, 0));
        check();
      }),
  };
}

interface JournalRow {
  operation_id: string;
  kind: string;
  status: string;
  compute_name: string;
}

function readJournal(): JournalRow[] {
  if (!fs.existsSync(folder.file)) return [];
  // No host runs now: the test reads the file as the next start-up would.
  const db = new BetterSqlite3(folder.file);
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'operations'").get();
    return exists
      ? (db
          .prepare('SELECT operation_id, kind, status, compute_name FROM operations')
          .all() as JournalRow[])
      : [];
  } finally {
    db.close();
  }
}

/** The next step to start: the first compute whose previous step has ended (its row succeeded). */
function nextStep(
  rows: readonly JournalRow[],
): { computeName: string; step: (typeof STEPS)[number] } | null {
  for (const computeName of COMPUTES) {
    const own = rows.filter((row) => row.compute_name === computeName);
    if (own.some((row) => row.status === 'pending' || row.status === 'running')) continue;
    const step = STEPS[own.length];
    if (step) return { computeName, step };
  }
  return null;
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during attach, identity change and detach`, async () => {
    const seen = new Set<string>();
    let kills = 0;
    let killedMidOperation = 0;
    for (let cycle = 0; cycle < 200; cycle += 1) {
      const rows = readJournal();
      for (const row of rows) seen.add(row.operation_id);
      const next = nextStep(rows);
      const unfinished = rows.some((row) => row.status === 'pending' || row.status === 'running');
      if (kills >= KILLS && !next && !unfinished) break;
      const host = startHost(next ? commandFor(next.computeName, next.step) : null);
      await host.waitFor('ready', 30_000);
      if (kills < KILLS) {
        // A random point: before the request, between request and answer, while polling …
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1400));
        host.child.kill('SIGKILL');
        await host.exited;
        kills += 1;
        if (readJournal().some((row) => row.status === 'pending' || row.status === 'running')) {
          killedMidOperation += 1;
        }
      } else {
        await host.waitFor('idle', 60_000);
        expect(await host.exited).toBe(0);
      }
    }
    expect(kills).toBe(KILLS);
    // Many kills must land inside an operation, or the test proves little.
    expect(killedMidOperation).toBeGreaterThanOrEqual(KILLS / 3);

    const db = new BetterSqlite3(folder.file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db
        .prepare('SELECT operation_id, kind, status, compute_name FROM operations')
        .all() as JournalRow[];
      // No row lost …
      for (const id of seen) expect(rows.some((row) => row.operation_id === id)).toBe(true);
      for (const computeName of COMPUTES) {
        const own = rows.filter((row) => row.compute_name === computeName);
        // … none duplicated, every one ended as it did in Azure.
        expect(own.map((row) => row.kind).sort()).toEqual(['attach', 'detach', 'update-identity']);
        expect(own.map((row) => `${row.kind}:${row.status}`)).toEqual(
          own.map((row) => `${row.kind}:succeeded`),
        );
        const computeId = ids.compute(workspaceId, computeName);
        expect(emu.world.findCompute(computeId, Date.now())).toBeUndefined();
        const local = db
          .prepare('SELECT removed_at FROM computes WHERE compute_key = lower(?)')
          .get(computeId) as { removed_at: string | null } | undefined;
        expect(local?.removed_at).toBeTruthy();
        // No operation sent twice: one PUT per attach and per identity change, one DELETE.
        const requests = emu.requestLog
          .entries()
          .filter(
            (entry) => entry.kind === 'arm' && entry.path.includes(`/computes/${computeName}?`),
          );
        expect(
          requests.filter((entry) => entry.method === 'PUT').map((entry) => entry.status),
        ).toEqual([201, 201]);
        expect(
          requests.filter((entry) => entry.method === 'DELETE').map((entry) => entry.status),
        ).toEqual([202]);
      }
    } finally {
      db.close();
    }
  }, 240_000);
});
