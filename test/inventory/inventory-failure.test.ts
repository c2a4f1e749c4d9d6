import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { describeInventoryFailure } from '../../electron/inventory/inventory-failure';

const where = { subscriptionName: 'Contoso ML Production' };
/** One sentence: what happened; what to do. */
const ONE_SENTENCE = /^[^;]+; [^;]+\.$/;

const restError = (statusCode: number, code?: string) =>
  new RestError('failed', { statusCode, ...(code ? { code } : {}) });

describe('describing a failed inventory listing', () => {
  it.each([
    [restError(403, 'AuthorizationFailed'), 'AuthorizationFailed', /Reader role/],
    [
      restError(401, 'InvalidAuthenticationTokenTenant'),
      'InvalidAuthenticationTokenTenant',
      /sign in to that tenant again/,
    ],
    [
      restError(429, 'SubscriptionRequestsThrottled'),
      'SubscriptionRequestsThrottled',
      /wait a minute/,
    ],
    [restError(503), 'HTTP 503', /in a few minutes/],
    [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED',
      /proxy/,
    ],
    [
      Object.assign(new Error('AADSTS50076: MFA'), { errorCode: 'interaction_required' }),
      'AADSTS50076',
      /Sign in/,
    ],
    [new DOMException('timed out', 'TimeoutError'), 'ListingTimedOut', /took too long/],
    [new Error('odd'), 'Error', /see the log/],
  ])('keeps the code and says what to do (%#)', (error, code, advice) => {
    const problem = describeInventoryFailure(error, where);
    expect(problem.code).toBe(code);
    expect(problem.message).toMatch(advice);
    expect(problem.message).toMatch(ONE_SENTENCE);
    expect(problem.message).toContain('Contoso ML Production');
  });

  it('names the workspace when only its computes failed', () => {
    const problem = describeInventoryFailure(restError(404, 'ResourceNotFound'), {
      ...where,
      workspaceName: 'mlw-fraud-prod',
    });
    expect(problem.message).toContain(
      'the computes of workspace mlw-fraud-prod in Contoso ML Production',
    );
  });
});
