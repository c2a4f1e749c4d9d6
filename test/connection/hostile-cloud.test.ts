import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cloudFromMetadata, parseResourceManagerUrl } from '../../electron/azure/clouds';
import { resolveCustomCloud } from '../../electron/connection/custom-cloud';
import { createNetworkTransport } from '../../electron/network/transport';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { json, startScriptedServer, type ScriptedServer } from '../network/scripted-server';

/**
 * A host the user typed as a custom cloud describes itself at /metadata/endpoints. Its answer
 * must never decide that Microsoft's tokens, or another cloud's, go to it.
 */
let emu: RunningEmulator;
let hostile: ScriptedServer;
/** What the hostile host answers next; a marker in it shows whether a message echoes it. */
let answer: unknown;
const MARKER = 'HOSTILE-TEXT-7f3a';

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  hostile = await startScriptedServer((_request, response) => json(response, 200, answer));
});
afterAll(async () => {
  await Promise.all([emu.close(), hostile.close()]);
});
afterEach(() => {
  emu.requestLog.clear();
});

const transport = () =>
  createNetworkTransport({
    proxy: { mode: 'none' },
    extraCaPems: [hostile.caPem, emu.caPem],
    resolveSystemProxy: async () => null,
  });

const describing = (overrides: {
  resourceManager?: string;
  loginEndpoint?: string;
  audience?: string;
}) => [
  {
    name: MARKER,
    resourceManager: overrides.resourceManager ?? `${hostile.url}/`,
    authentication: {
      loginEndpoint: overrides.loginEndpoint ?? `${hostile.url}/`,
      audiences: [overrides.audience ?? `${hostile.url}/`],
    },
  },
];

async function refusal(
  description: unknown,
): Promise<Error & { code?: string; details?: unknown }> {
  answer = description;
  try {
    await resolveCustomCloud(hostile.url, transport());
  } catch (error) {
    return error as Error & { code?: string; details?: unknown };
  }
  throw new Error('the custom cloud was accepted');
}

describe('a custom cloud whose metadata answer is hostile', () => {
  it("is refused when it names Microsoft's token audience", async () => {
    const error = await refusal(describing({ audience: 'https://management.core.windows.net/' }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      `The cloud at ${hostile.url.slice('https://'.length)} cannot be used: it asks for tokens meant for Microsoft's own Resource Manager, which must never be sent to another host. Check the Resource Manager URL, or choose Azure, Azure US Government or Azure China if you meant one of them.`,
    );
    expect(error.details).toEqual({ field: 'customResourceManagerUrl' });
  });

  it.each([
    'https://management.azure.com/',
    'https://management.usgovcloudapi.net/',
    'https://management.core.chinacloudapi.cn/',
  ])('is refused when its audience is %s', async (audience) => {
    expect((await refusal(describing({ audience }))).message).toMatch(
      /asks for tokens meant for Microsoft's own Resource Manager/,
    );
  });

  it('is refused when its description is for another Resource Manager', async () => {
    const error = await refusal(
      describing({ resourceManager: emu.armUrl, audience: `${emu.armUrl}/` }),
    );
    expect(error.message).toMatch(
      /cannot be used: its description is for another Resource Manager\./,
    );
  });

  it.each([
    'https://login.microsoftonline.com/',
    'https://login.microsoftonline.us',
    'https://login.chinacloudapi.cn/',
  ])(
    'is refused when it names its own audience but the public sign-in host %s',
    async (loginEndpoint) => {
      const error = await refusal(describing({ loginEndpoint }));
      expect(error.message).toMatch(/it names Microsoft's own sign-in service/);
    },
  );

  it('is refused when its sign-in endpoint is not https, without repeating it', async () => {
    const error = await refusal(describing({ loginEndpoint: `http://${MARKER}.example/` }));
    expect(error.message).toMatch(/its sign-in endpoint is not a plain https URL/);
  });

  it('never has its answer repeated in the message the user sees', async () => {
    for (const description of [
      describing({ audience: 'https://management.azure.com/' }),
      describing({ loginEndpoint: `http://${MARKER}.example/` }),
      { [MARKER]: MARKER },
    ]) {
      expect((await refusal(description)).message).not.toContain(MARKER);
    }
  });

  it('sends no token anywhere while being refused', async () => {
    await refusal(describing({ audience: `${emu.armUrl}/`, resourceManager: emu.armUrl }));
    expect(hostile.requests.every((request) => !request.bearer)).toBe(true);
    expect(emu.requestLog.entries().filter((entry) => entry.hasAuthorization)).toEqual([]);
  });

  it('is accepted when it describes itself with its own sign-in host and audience', async () => {
    answer = describing({});
    const cloud = await resolveCustomCloud(hostile.url, transport());
    expect(cloud).toMatchObject({
      resourceManager: hostile.url,
      authorityHost: hostile.url,
      armScope: `${hostile.url}/.default`,
    });
  });
});

describe('a custom Resource Manager URL', () => {
  it("may not be one of Microsoft's clouds", () => {
    expect(() => parseResourceManagerUrl('https://management.azure.com')).toThrow(
      /is the Resource Manager of one of Microsoft's clouds, not a custom cloud; choose Azure/,
    );
  });

  it('keeps an answer without a resourceManager field as describing the URL asked', () => {
    const cloud = cloudFromMetadata('https://management.contoso.local', {
      authentication: {
        loginEndpoint: 'https://login.contoso.local/',
        audiences: ['https://management.contoso.local/'],
      },
    });
    expect(cloud.authorityHost).toBe('https://login.contoso.local');
  });
});
