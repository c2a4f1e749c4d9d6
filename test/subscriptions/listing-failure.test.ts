import { RestError } from '@azure/core-rest-pipeline';
import { InteractionRequiredAuthError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { homedIn, toListedSubscription } from '../../electron/subscriptions/arm-listing';
import { describeListingFailure } from '../../electron/subscriptions/listing-failure';

const where = { tenantName: 'Northwind Traders', username: 'admin@contoso.com' };

describe('describing why one tenant could not be listed', () => {
  it('keeps the AADSTS code of a tenant that needs an interactive sign-in and says to sign in there', () => {
    const error = new InteractionRequiredAuthError(
      'interaction_required',
      'correlation-id',
      'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
    );
    const problem = describeListingFailure(error, where);
    expect(problem.code).toBe('AADSTS50076');
    expect(problem.message).toMatch(/Northwind Traders needs admin@contoso\.com to sign in again/);
    expect(problem.message).toMatch(/choose Sign in beside this message/);
  });

  it('keeps the ARM error code of a refusal and says what to ask for', () => {
    const error = new RestError('The client does not have authorization', {
      code: 'AuthorizationFailed',
      statusCode: 403,
    });
    expect(describeListingFailure(error, where)).toEqual({
      code: 'AuthorizationFailed',
      message: expect.stringMatching(
        /may not list the subscriptions of Northwind Traders.*ask an administrator/,
      ),
    });
  });

  it('tells the user to wait when Azure still throttles after the SDK retried', () => {
    const error = new RestError('throttled', {
      code: 'SubscriptionRequestsThrottled',
      statusCode: 429,
    });
    expect(describeListingFailure(error, where)).toEqual({
      code: 'SubscriptionRequestsThrottled',
      message: expect.stringMatching(/throttling.*wait a minute, then refresh/),
    });
  });

  it('names the HTTP status when ARM sent no error code', () => {
    const error = new RestError('bad gateway', { statusCode: 502 });
    expect(describeListingFailure(error, where).code).toBe('HTTP 502');
  });

  it('points at network, proxy and CA settings when no answer came back', () => {
    const error = new RestError('connect ECONNREFUSED 127.0.0.1:9', { code: 'REQUEST_SEND_ERROR' });
    expect(describeListingFailure(error, where)).toEqual({
      code: 'REQUEST_SEND_ERROR',
      message: expect.stringMatching(/could not reach Azure Resource Manager.*proxy and extra CA/),
    });
  });

  it('names a proxy or certificate failure as such, with what to do, never as Azure or the sign-in', () => {
    const refused = new RestError(
      'The proxy proxy.contoso.com:3128 refused the connection (PROXY_REFUSED). Check the proxy address in Settings.',
      { code: 'PROXY_REFUSED' },
    );
    expect(describeListingFailure(refused, where)).toEqual({
      code: 'PROXY_REFUSED',
      message:
        'Listing the subscriptions of Northwind Traders failed: The proxy proxy.contoso.com:3128 refused the connection (PROXY_REFUSED). Check the proxy address in Settings.',
    });
    const untrusted = new RestError(
      'The certificate presented for management.azure.com is not trusted (SELF_SIGNED_CERT_IN_CHAIN). Add the CA under Settings > Extra CA certificates.',
      {
        code: 'UNTRUSTED_CERTIFICATE',
      },
    );
    expect(describeListingFailure(untrusted, where).message).toMatch(
      /certificate .* is not trusted/,
    );
    const proxyPassword = new RestError('proxy authentication required', { statusCode: 407 });
    expect(describeListingFailure(proxyPassword, where).message).toMatch(
      /^The proxy asked Mooring for a user name and password .*Settings/,
    );
    for (const error of [refused, untrusted, proxyPassword]) {
      expect(describeListingFailure(error, where).message).not.toMatch(
        /sign-in|unexpectedly|Resource Manager/,
      );
    }
  });

  it('reports a listing stopped for taking too long', () => {
    const error = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeListingFailure(error, where).code).toBe('ListingTimedOut');
  });

  it("keeps the accounts service's own message and code", () => {
    const error = new AppError('unavailable', 'Sign in to Northwind Traders again.', {
      code: 'AADSTS50173',
    });
    expect(describeListingFailure(error, where)).toEqual({
      code: 'AADSTS50173',
      message: 'Sign in to Northwind Traders again.',
    });
  });
});

describe('what a listing keeps', () => {
  const tenant = 'bd79c068-555e-57b3-b248-2d47f661607e';
  const other = '9c5a4304-2bef-52f6-b840-53cdc67f42de';

  it('keeps only subscriptions homed in the tenant listed', () => {
    const listed = [
      {
        subscriptionId: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
        displayName: 'Home',
        state: 'Enabled',
        tenantId: tenant,
      },
      {
        subscriptionId: '4a6a65ca-1384-5662-9425-06767a84562c',
        displayName: 'Managed',
        state: 'Enabled',
        tenantId: other,
      },
    ];
    expect(homedIn(tenant.toUpperCase(), listed).map((s) => s.displayName)).toEqual(['Home']);
  });

  it('lower-cases ids and skips entries without a GUID id or tenant', () => {
    expect(
      toListedSubscription({
        subscriptionId: 'ADE2BC8C-C23B-5A54-BF0E-BE3B4B13F9A0',
        tenantId: tenant.toUpperCase(),
        displayName: 'Prod',
        state: 'Enabled',
      }),
    ).toEqual({
      subscriptionId: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
      tenantId: tenant,
      displayName: 'Prod',
      state: 'Enabled',
    });
    expect(toListedSubscription({ subscriptionId: 'x', tenantId: tenant })).toBeUndefined();
    expect(
      toListedSubscription({ subscriptionId: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0' }),
    ).toBeUndefined();
  });
});
