import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator';
import { rawRequest } from './rawClient';
import { ScenarioError } from './scenario/load';
import { demoScenarioPath } from './testing';

const tenant = '11111111-1111-1111-1111-111111111111';

describe('startEmulator', () => {
  it('serves a scenario object with settings overrides and removes its temporary CA file on close', async () => {
    const emu = await startEmulator({
      scenario: {
        tenants: [{ id: tenant, displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' }],
      },
      settings: { pageSize: 7 },
    });
    expect(emu.world.settings.pageSize).toBe(7);
    expect(existsSync(emu.caPath)).toBe(true);
    const config = await rawRequest(
      `${emu.authorityUrl('contoso.onmicrosoft.com')}/v2.0/.well-known/openid-configuration`,
      emu.caPem,
    );
    expect(config.body).toMatchObject({ issuer: `${emu.authorityHost}/${tenant}/v2.0` });
    expect(emu.requestLog.entries()).toEqual([
      expect.objectContaining({ kind: 'entra', status: 200, method: 'GET' }),
    ]);
    await emu.close();
    expect(existsSync(emu.caPath)).toBe(false);
  });

  it('refuses a scenario with broken references before taking a port', async () => {
    await expect(
      startEmulator({
        scenario: {
          tenants: [
            { id: tenant, displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' },
          ],
          roleAssignments: [
            {
              scope: '/subscriptions/22222222-2222-2222-2222-222222222222',
              principal: 'x@contoso.com',
              role: 'Owner',
            },
          ],
        },
      }),
    ).rejects.toBeInstanceOf(ScenarioError);
  });

  it('fails to start on a port already in use', async () => {
    const first = await startEmulator({ scenario: demoScenarioPath });
    try {
      await expect(startEmulator({ scenario: demoScenarioPath, port: first.port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
  });
});
