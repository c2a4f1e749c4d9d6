// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import type { ConnectionSettings, ConnectionView } from '../../shared/domain/connection';
import {
  changedSettings,
  draftFrom,
  fieldOfServerError,
  proxyPasswordStatus,
  validateDraft,
} from '../../renderer/src/pages/settings/connection/connection-form';

const stored: ConnectionSettings = {
  cloud: 'AzureCloud',
  customResourceManagerUrl: null,
  clientId: null,
  proxy: { mode: 'system' },
  extraCaFile: null,
  allowWeakTokenProtection: false,
};
const draft = draftFrom(stored);

describe('the connection settings form', () => {
  it('accepts the stored defaults as they are', () => {
    expect(validateDraft(draft)).toEqual({});
    expect(changedSettings(draft, stored, [])).toEqual({});
  });

  it('asks a custom cloud for an https Resource Manager URL without query or credentials', () => {
    const custom = { ...draft, cloud: 'Custom' as const };

    expect(validateDraft(custom).customResourceManagerUrl).toMatch(
      /Enter the Resource Manager URL/,
    );
    expect(
      validateDraft({ ...custom, customResourceManagerUrl: 'http://management.contoso.local' })
        .customResourceManagerUrl,
    ).toBe('The Resource Manager URL must start with https://.');
    expect(
      validateDraft({ ...custom, customResourceManagerUrl: 'https://management.local/?a=1' })
        .customResourceManagerUrl,
    ).toMatch(/query/);
    expect(
      validateDraft({ ...custom, customResourceManagerUrl: 'https://127.0.0.1:8443' }),
    ).toEqual({});
  });

  it('takes an empty client id as the default and refuses one that is not a GUID', () => {
    expect(validateDraft({ ...draft, clientId: '  ' })).toEqual({});
    expect(validateDraft({ ...draft, clientId: 'my-app' }).clientId).toMatch(/is a GUID/);
    expect(validateDraft({ ...draft, clientId: '11111111-2222-3333-4444-555555555555' })).toEqual(
      {},
    );
  });

  it('needs a manual proxy as scheme, host and port only', () => {
    const manual = { ...draft, proxyMode: 'manual' as const };

    expect(validateDraft(manual).proxyUrl).toMatch(/Enter the proxy address/);
    expect(validateDraft({ ...manual, proxyUrl: 'socks5://proxy:1080' }).proxyUrl).toMatch(
      /http:\/\/ or https:\/\//,
    );
    expect(validateDraft({ ...manual, proxyUrl: 'http://proxy:8080/pac' }).proxyUrl).toMatch(
      /no path/,
    );
    expect(validateDraft({ ...manual, proxyUrl: 'http://proxy.contoso.com:8080' })).toEqual({});
  });

  describe('with a proxy password', () => {
    const withUser: ConnectionSettings = {
      ...stored,
      proxy: { mode: 'manual', url: 'http://alice@proxy.contoso.com:3128' },
    };
    const view = (proxyPassword: ConnectionView['proxyPassword']): ConnectionView => ({
      settings: withUser,
      lockedByPolicy: [],
      policyFile: null,
      policyProblem: null,
      resolved: { resourceManager: '', authorityHost: '', clientId: '' },
      tokenStorage: { mode: 'memory', osKeyStoreAvailable: false },
      tokenOptIn: 'unavailable',
      proxyPassword,
    });
    const manual = draftFrom(withUser);

    it('starts with an empty password field and sends nothing until one is typed', () => {
      expect(manual.proxyPassword).toBe('');
      expect(validateDraft(manual)).toEqual({});
      expect(changedSettings(manual, withUser, [])).toEqual({});
    });

    it('sends a typed password with the address, encoded', () => {
      expect(changedSettings({ ...manual, proxyPassword: 'p@ss:word' }, withUser, [])).toEqual({
        proxy: { mode: 'manual', url: 'http://alice:p%40ss%3Aword@proxy.contoso.com:3128' },
      });
    });

    it('sends a changed user name without the saved password', () => {
      expect(
        changedSettings({ ...manual, proxyUrl: 'http://bob@proxy.contoso.com:3128' }, withUser, []),
      ).toEqual({ proxy: { mode: 'manual', url: 'http://bob@proxy.contoso.com:3128' } });
    });

    it('wants the password in its own field, and a user name for it', () => {
      expect(
        validateDraft({ ...manual, proxyUrl: 'http://alice:secret@proxy.contoso.com:3128' })
          .proxyUrl,
      ).toMatch(/Remove the password from the address/);
      expect(
        validateDraft({
          ...manual,
          proxyUrl: 'http://proxy.contoso.com:3128',
          proxyPassword: 'secret',
        }).proxyPassword,
      ).toMatch(/needs a user name/);
      expect(validateDraft({ ...manual, proxyPassword: 'secret' })).toEqual({});
    });

    it('says a password is saved while the user and host are those it was saved for', () => {
      expect(proxyPasswordStatus(manual, view('encrypted')).placeholder).toBe('saved');
      expect(proxyPasswordStatus(manual, view('memory')).hint).toMatch(
        /enter it again after Mooring restarts/,
      );
      expect(proxyPasswordStatus(manual, view(null)).placeholder).toBe('');
      expect(
        proxyPasswordStatus(
          { ...manual, proxyUrl: 'http://bob@proxy.contoso.com:3128' },
          view('encrypted'),
        ).placeholder,
      ).toBe('');
    });
  });

  it('wants the extra CA file as a full path on any platform', () => {
    expect(validateDraft({ ...draft, extraCaFile: 'certs/ca.pem' }).extraCaFile).toMatch(
      /full path/,
    );
    expect(validateDraft({ ...draft, extraCaFile: '/etc/ssl/ca.pem' })).toEqual({});
    expect(validateDraft({ ...draft, extraCaFile: 'C:\\certs\\ca.pem' })).toEqual({});
  });

  it('keeps the custom Resource Manager URL while another cloud is chosen', () => {
    const custom = {
      ...stored,
      cloud: 'Custom' as const,
      customResourceManagerUrl: 'https://arm.local',
    };

    expect(changedSettings({ ...draftFrom(custom), cloud: 'AzureCloud' }, custom, [])).toEqual({
      cloud: 'AzureCloud',
    });
  });

  it('sends only the fields that changed and that policy does not lock', () => {
    const edited = {
      ...draft,
      clientId: ' 11111111-2222-3333-4444-555555555555 ',
      proxyMode: 'manual' as const,
      proxyUrl: 'http://proxy:8080',
      extraCaFile: '/etc/ssl/ca.pem',
    };

    expect(changedSettings(edited, stored, ['extraCaFile'])).toEqual({
      clientId: '11111111-2222-3333-4444-555555555555',
      proxy: { mode: 'manual', url: 'http://proxy:8080' },
    });
  });

  it('puts a refusal from the main process on the field it names', () => {
    expect(
      fieldOfServerError({
        code: 'invalid-input',
        message: 'x',
        details: { field: 'extraCaFile' },
      }),
    ).toBe('extraCaFile');
    expect(
      fieldOfServerError({
        code: 'invalid-input',
        message: 'x',
        details: [{ path: 'proxy.url', message: 'Too big' }],
      }),
    ).toBe('proxyUrl');
    expect(
      fieldOfServerError({
        code: 'invalid-input',
        message: 'x',
        details: { fields: ['clientId'] },
      }),
    ).toBe('clientId');
    expect(fieldOfServerError({ code: 'unavailable', message: 'x' })).toBeNull();
  });
});

describe('limits in plain words', () => {
  it('says how long a field may be, never the validator text', () => {
    const long = `/certs/${'a'.repeat(5000)}.pem`;
    const errors = validateDraft({ ...draft, extraCaFile: long });
    expect(errors.extraCaFile).toBe('The path of the CA file must be at most 4,096 characters.');
    expect(errors.extraCaFile).not.toMatch(/Too big|<=|string/);
  });
});
