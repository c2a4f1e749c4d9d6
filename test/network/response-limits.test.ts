import type { ServerResponse } from 'node:http';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { isRestError } from '@azure/core-rest-pipeline';
import { AuthError } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionRuntime } from '../../electron/connection/build-runtime';
import { resolveCustomCloud } from '../../electron/connection/custom-cloud';
import { sendHttps } from '../../electron/network/https-request';
import { MsalNetworkClient } from '../../electron/network/msal-network-client';
import { RESPONSE_LIMITS } from '../../electron/network/response-limits';
import { createNetworkTransport } from '../../electron/network/transport';
import { tokenCredential } from '../emulator/trust';
import { startScriptedServer, type ScriptedServer } from './scripted-server';

/** A host that never stops answering: whatever reads it must stop on its own. */
let endless: ScriptedServer;
/** How many bytes the endless host managed to send before the client hung up, per request. */
const sent: number[] = [];

function streamForever(response: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let total = 0;
  const index = sent.push(0) - 1;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"value": [');
  const pump = () => {
    while (!response.destroyed) {
      total += chunk.length;
      sent[index] = total;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
  };
  response.on('close', () => undefined);
  pump();
}

beforeAll(async () => {
  endless = await startScriptedServer((_request, response) => streamForever(response));
});
afterAll(async () => {
  await endless.close();
});

const transport = () =>
  createNetworkTransport({
    proxy: { mode: 'none' },
    extraCaPems: [endless.caPem],
    resolveSystemProxy: async () => null,
  });

async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

const host = () => endless.url.slice('https://'.length);

describe('answers are read only up to a limit for their kind', () => {
  it('a cloud description stops at 1 MiB and says what to do', async () => {
    const error = await failureOf(resolveCustomCloud(endless.url, transport()));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(
      new RegExp(
        `${host()} sent a cloud description larger than 1 MiB, so Mooring stopped reading it; a proxy or captive portal may be in the way\\.`,
      ),
    );
  });

  it('a sign-in answer stops at 1 MiB', async () => {
    const error = await failureOf(
      new MsalNetworkClient(transport()).sendGetRequestAsync(`${endless.url}/common/discovery`),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).errorMessage).toMatch(/sent a sign-in answer larger than 1 MiB/);
  });

  it('an Azure Resource Manager page stops at 32 MiB', async () => {
    const runtime = createConnectionRuntime({
      cloud: {
        id: 'Custom',
        displayName: 'Endless',
        resourceManager: endless.url,
        authorityHost: endless.url,
        armScope: `${endless.url}/.default`,
      },
      clientId: 'unused',
      transport: transport(),
    });
    const client = new SubscriptionClient(
      tokenCredential(async () => ({ accessToken: 'unused', expiresOn: null })),
      { ...runtime.armClientOptions(), retryOptions: { maxRetries: 0 } },
    );
    const before = sent.length;
    const error = await failureOf(client.tenants.list().next());
    expect(isRestError(error) && error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toMatch(/sent an Azure Resource Manager answer larger than 32 MiB/);
    // Cut off near the limit, not after reading everything the host had.
    expect(sent[before]).toBeLessThan(RESPONSE_LIMITS.list + 16 * 1024 * 1024);
  });

  it('a plain request is answered in full below the limit', async () => {
    const small = await startScriptedServer((_request, response) =>
      response.writeHead(200).end('{"ok": true}'),
    );
    try {
      const answer = await sendHttps(
        createNetworkTransport({
          proxy: { mode: 'none' },
          extraCaPems: [small.caPem],
          resolveSystemProxy: async () => null,
        }),
        { method: 'GET', url: small.url, kind: 'metadata', timeoutMs: 10_000 },
      );
      expect(answer.text).toBe('{"ok": true}');
    } finally {
      await small.close();
    }
  });
});
