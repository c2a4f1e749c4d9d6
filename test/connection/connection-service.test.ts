import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID } from '../../electron/connection/runtime';
import { testEncryptor } from '../support/test-encryptor';
import {
  connectionService,
  failureOf,
  memoryTokenStorage,
  temporaryFolder,
  type ServiceUnderTest,
} from './harness';

let folder: ReturnType<typeof temporaryFolder>;
const open: ServiceUnderTest[] = [];
const organisationApp = 'aaaaaaaa-1111-2222-3333-444444444444';

beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => {
  for (const instance of open.splice(0)) instance.close();
  folder.remove();
});

function service(options?: Parameters<typeof connectionService>[1]) {
  const instance = connectionService(folder.path, options);
  open.push(instance);
  return instance;
}

const policy = (content: unknown) =>
  folder.file('policy.json', typeof content === 'string' ? content : JSON.stringify(content));

describe('connection settings', () => {
  it('start as Azure public cloud, the default client id, the system proxy and no extra CA', async () => {
    const view = await service().service.view();
    expect(view).toEqual({
      settings: {
        cloud: 'AzureCloud',
        customResourceManagerUrl: null,
        clientId: null,
        proxy: { mode: 'system' },
        extraCaFile: null,
        allowWeakTokenProtection: false,
      },
      lockedByPolicy: [],
      policyFile: null,
      policyProblem: null,
      resolved: {
        resourceManager: 'https://management.azure.com',
        authorityHost: 'https://login.microsoftonline.com',
        clientId: DEFAULT_CLIENT_ID,
      },
      tokenStorage: memoryTokenStorage,
      tokenOptIn: 'unavailable',
      proxyPassword: null,
    });
  });

  it.each([
    [
      'AzureUSGovernment',
      'https://management.usgovcloudapi.net',
      'https://login.microsoftonline.us',
    ],
    ['AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
  ] as const)('switch to %s with its endpoints', async (cloud, resourceManager, authorityHost) => {
    const { service: connection } = service();
    const view = await connection.update({ cloud });
    expect(view.resolved).toMatchObject({ resourceManager, authorityHost });
    const runtime = await connection.runtime();
    expect(runtime.cloud.armScope).toBe(`${resourceManager}/.default`);
    expect(runtime.armClientOptions().endpoint).toBe(resourceManager);
  });

  it('take an organisation’s client id, stored lower-case, for sign-in', async () => {
    const { service: connection } = service();
    const view = await connection.update({ clientId: organisationApp.toUpperCase() });
    expect(view.settings.clientId).toBe(organisationApp);
    expect(view.resolved.clientId).toBe(organisationApp);
    expect((await connection.runtime()).clientId).toBe(organisationApp);
  });

  it('refuse a client id that is not a GUID, naming the field and what to enter', async () => {
    const error = await failureOf(service().service.update({ clientId: 'my-app' }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      'Client id "my-app" is not a GUID; enter the Application (client) ID of your app registration (like 04b07795-8ddb-461a-bbee-02f9e1bf7b46), or leave it empty for the default.',
    );
    expect(error.details).toEqual({ field: 'clientId' });
  });

  it('refuse an unknown cloud or field by name', async () => {
    const unknownCloud = await failureOf(service().service.update({ cloud: 'Mars' as never }));
    // In plain words, naming the field and what it may be; never the validator's own text.
    expect(unknownCloud.message).toMatch(/^Cloud must be one of AzureCloud, /);
    expect(unknownCloud.message).not.toMatch(/Invalid|expected/i);
    const unknownField = await failureOf(service().service.update({ colour: 'blue' } as never));
    expect(unknownField.code).toBe('invalid-input');
  });

  it('survive a restart on the same database', async () => {
    // Only where something can encrypt them may tokens be kept without the OS key store.
    const encryptor = testEncryptor('weak');
    const first = service({ encryptor });
    await first.service.update({
      cloud: 'AzureUSGovernment',
      clientId: organisationApp,
      proxy: { mode: 'manual', url: 'http://proxy.contoso.com:3128' },
      allowWeakTokenProtection: true,
    });
    first.close();
    const restarted = await service({ encryptor }).service.view();
    expect(restarted.settings).toEqual({
      cloud: 'AzureUSGovernment',
      customResourceManagerUrl: null,
      clientId: organisationApp,
      proxy: { mode: 'manual', url: 'http://proxy.contoso.com:3128' },
      extraCaFile: null,
      allowWeakTokenProtection: true,
    });
  });

  it('announce every change with connection.changed carrying the new view', async () => {
    const instance = service();
    const view = await instance.service.update({ proxy: { mode: 'none' } });
    expect(instance.changes).toEqual([view]);
    expect(view.settings.proxy).toEqual({ mode: 'none' });
  });

  it('rebuild the runtime after a change', async () => {
    const { service: connection } = service();
    const before = await connection.runtime();
    expect(await connection.runtime()).toBe(before);
    await connection.update({ clientId: organisationApp });
    const after = await connection.runtime();
    expect(after).not.toBe(before);
    expect(after.clientId).toBe(organisationApp);
  });

  it('leave nothing changed when one field of an update is refused', async () => {
    const { service: connection } = service();
    await failureOf(connection.update({ proxy: { mode: 'none' }, clientId: 'nope' }));
    expect((await connection.view()).settings.proxy).toEqual({ mode: 'system' });
  });
});

describe('the administrator policy file', () => {
  it('overrides the user’s values and lists the fields it locks', async () => {
    const own = service();
    await own.service.update({ clientId: organisationApp, proxy: { mode: 'none' } });
    own.close();
    const file = policy({
      clientId: 'bbbbbbbb-1111-2222-3333-444444444444',
      proxy: { mode: 'manual', url: 'http://proxy.contoso.com:3128' },
    });
    const { service: connection } = service({ policyFile: file });
    const view = await connection.view();
    expect(view.policyFile).toBe(file);
    expect(view.policyProblem).toBeNull();
    expect(view.lockedByPolicy.sort()).toEqual(['clientId', 'proxy']);
    expect(view.settings.clientId).toBe('bbbbbbbb-1111-2222-3333-444444444444');
    expect(view.settings.proxy).toEqual({ mode: 'manual', url: 'http://proxy.contoso.com:3128' });
    expect((await connection.runtime()).clientId).toBe('bbbbbbbb-1111-2222-3333-444444444444');
  });

  it('refuses a change to a locked field, naming the policy file', async () => {
    const file = policy({ proxy: { mode: 'none' } });
    const { service: connection } = service({ policyFile: file });
    const error = await failureOf(
      connection.update({ proxy: { mode: 'manual', url: 'http://elsewhere.example:8080' } }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      `Proxy is set by your administrator in the policy file ${file} and cannot be changed here; ask your administrator to change it.`,
    );
    expect((await connection.view()).settings.proxy).toEqual({ mode: 'none' });
  });

  it('accepts a locked field sent back unchanged with other fields, and saves the others', async () => {
    const { service: connection } = service({ policyFile: policy({ proxy: { mode: 'none' } }) });
    const view = await connection.update({ proxy: { mode: 'none' }, clientId: organisationApp });
    expect(view.settings.clientId).toBe(organisationApp);
  });

  it('means no policy when the file is absent', async () => {
    const missing = `${folder.path}/policy.json`;
    const view = await service({ policyFile: missing }).service.view();
    expect(view.policyFile).toBe(missing);
    expect(view.policyProblem).toBeNull();
    expect(view.lockedByPolicy).toEqual([]);
  });

  describe('when malformed', () => {
    it('is reported in the view with every field locked', async () => {
      const file = policy('{ "proxy": { "mode": "manual", "url": ');
      const view = await service({ policyFile: file }).service.view();
      expect(view.policyProblem).toMatch(
        /^The policy file .*policy\.json cannot be applied: it is not valid JSON \(.*\)\. Mooring will not connect to Azure until your administrator corrects it\.$/,
      );
      expect(view.lockedByPolicy.sort()).toEqual([
        'allowWeakTokenProtection',
        'clientId',
        'cloud',
        'customResourceManagerUrl',
        'extraCaFile',
        'proxy',
      ]);
    });

    it('refuses every change', async () => {
      const { service: connection } = service({ policyFile: policy({ proxy: 'none' }) });
      const error = await failureOf(connection.update({ allowWeakTokenProtection: true }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/^The policy file .* cannot be applied: proxy: /);
    });

    it('stops Mooring from connecting rather than falling back to the user’s settings', async () => {
      const own = service();
      await own.service.update({ proxy: { mode: 'none' } });
      own.close();
      const { service: connection, logText } = service({
        policyFile: policy({ clientId: 'typo' }),
      });
      const error = await failureOf(connection.runtime());
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(/Client id "typo" is not a GUID.*will not connect to Azure/);
      expect(logText()).toContain('cannot be applied');
    });
  });
});
