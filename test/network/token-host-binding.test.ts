import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { bearerHostPolicy } from '../../electron/network/bearer-host-policy';
import { createTrustedHosts } from '../../electron/network/trusted-hosts';
import { recordingLogger } from '../auth/accounts-harness';

// The token host binding without a network: what the policy does to a refused request, and
// which Resource Manager URLs and Kubernetes servers the trusted-host list accepts.

const arm = 'https://management.azure.com';

function signedRequest(url: string) {
  return createPipelineRequest({
    url,
    headers: createHttpHeaders({ authorization: 'Bearer secret-token' }),
  });
}

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the policy to refuse the request');
}

const neverSent = () => Promise.reject(new Error('the request reached the HTTP client'));

describe('a refused request', () => {
  it('no longer carries the token, so a caller that retries it sends none', async () => {
    const request = signedRequest('https://attacker.example/steal');
    await refusalOf(bearerHostPolicy(createTrustedHosts(arm)).sendRequest(request, neverSent));
    expect(request.headers.has('authorization')).toBe(false);
  });

  it('is refused the same way when no logger is given', async () => {
    const error = await refusalOf(
      bearerHostPolicy(createTrustedHosts(arm)).sendRequest(
        signedRequest('https://attacker.example/'),
        neverSent,
      ),
    );
    expect(error.code).toBe('unavailable');
    expect(error.details).toEqual({ code: 'TokenHostRefused', host: 'attacker.example' });
  });

  it('is logged with the refused host and the hosts that were allowed', async () => {
    const logger = recordingLogger();
    const trusted = createTrustedHosts(arm);
    trusted.allowKubernetesApiHost('https://10.0.0.4:6443');
    await refusalOf(
      bearerHostPolicy(trusted, logger).sendRequest(
        signedRequest('https://attacker.example:8443/x'),
        neverSent,
      ),
    );
    expect(logger.lines).toEqual([
      `warn Refused to send an Azure token to a host other than the configured cloud ${JSON.stringify(
        { host: 'attacker.example:8443', allowed: [arm, 'https://10.0.0.4:6443'] },
      )}`,
    ]);
  });

  it('passes untouched when it carries no token, whatever its host', async () => {
    const request = createPipelineRequest({ url: 'https://login.example/anything' });
    const sent: string[] = [];
    await bearerHostPolicy(createTrustedHosts(arm)).sendRequest(request, async (passed) => {
      sent.push(passed.url);
      return { request: passed, status: 200, headers: createHttpHeaders() };
    });
    expect(sent).toEqual(['https://login.example/anything']);
  });
});

describe('the trusted-host list', () => {
  it.each([
    ['plain http', 'http://management.azure.com'],
    ['credentials in the URL', 'https://user:pass@management.azure.com'],
    ['no URL at all', 'management.azure.com'],
  ])('refuses a Resource Manager URL with %s', (_case, url) => {
    let thrown: unknown;
    try {
      createTrustedHosts(url);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('invalid-input');
    expect((thrown as AppError).message).toBe(
      'The Resource Manager URL must be an https URL without credentials; correct it in Settings > Connection to Azure.',
    );
  });

  it('refuses a Kubernetes API server that is not https as invalid input, and trusts nothing new', () => {
    const trusted = createTrustedHosts(arm);
    let thrown: unknown;
    try {
      trusted.allowKubernetesApiHost('http://10.0.0.4:6443');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as AppError).code).toBe('invalid-input');
    expect(trusted.allows('http://10.0.0.4:6443/api')).toBe(false);
    expect(trusted.allows('https://10.0.0.4:6443/api')).toBe(false);
  });

  it('trusts a registered Kubernetes server by its origin only', () => {
    const trusted = createTrustedHosts(arm);
    trusted.allowKubernetesApiHost('https://Cluster.Example:6443/some/path');
    expect(trusted.allows('https://cluster.example:6443/api/v1/namespaces')).toBe(true);
    expect(trusted.allows('https://cluster.example/api')).toBe(false);
    expect(trusted.allows('https://cluster.example:6444/api')).toBe(false);
    expect(trusted.list()).toEqual([arm, 'https://cluster.example:6443']);
  });
});
