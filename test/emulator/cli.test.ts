import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { rawRequest } from './rawClient';
import { demoScenarioPath, emulatorDir, repoRoot } from './testing';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

describe('npm run emulator (cli.ts)', () => {
  it('prints one JSON line, serves HTTPS with its CA, reuses a certificate folder and stops on SIGTERM', async () => {
    const certs = await mkdtemp(path.join(os.tmpdir(), 'emulator-cli-'));
    try {
      const child = spawn(
        tsx,
        [
          path.join(emulatorDir, 'cli.ts'),
          '--scenario',
          demoScenarioPath,
          '--port',
          '0',
          '--certs',
          certs,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      const firstLine = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout }).once('line', resolve),
      );
      const info = JSON.parse(firstLine) as {
        caPath: string;
        armUrl: string;
        authorityUrl: string;
        controlUrl: string;
        controlSecret: string;
      };
      expect(Object.keys(info).sort()).toEqual([
        'armUrl',
        'authorityUrl',
        'caPath',
        'controlSecret',
        'controlUrl',
      ]);
      const ca = await readFile(info.caPath, 'utf8');
      expect(info.caPath.startsWith(certs)).toBe(true);
      const health = await rawRequest(`${info.controlUrl}/health`, ca, {
        headers: { 'x-emulator-secret': info.controlSecret },
      });
      expect(health.status).toBe(200);
      const metadata = await rawRequest(
        `${info.armUrl}/metadata/endpoints?api-version=2022-09-01`,
        ca,
      );
      expect(metadata.body).toEqual([
        expect.objectContaining({ resourceManager: `${info.armUrl}/` }),
      ]);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await rm(certs, { recursive: true, force: true });
    }
  });

  it('exits with the bad field named for an invalid scenario', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'emulator-cli-'));
    try {
      const file = path.join(dir, 'bad.json');
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(
          file,
          JSON.stringify({ tenants: [{ id: 'x', displayName: 'X', defaultDomain: 'x' }] }),
        ),
      );
      const child = spawn(tsx, [path.join(emulatorDir, 'cli.ts'), '--scenario', file], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(/tenants\[0\]\.id/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
