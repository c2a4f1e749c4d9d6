import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorContext } from '../core/context';
import { jsonOf, type EmulatorRequest } from '../core/request';
import type { RequestLog } from '../core/requestLog';
import { json, type Reply } from '../core/reply';
import { completeAuthorization, validateAuthorizeRequest } from '../entra/browserSignIn';
import { approveDeviceCode } from '../entra/deviceCodeFlow';
import { azureThrottlingLimits } from '../faults/faultInjector';
import { settingsSchema, throttlingSchema } from '../scenario/schema';
import {
  changeCluster,
  changeCompute,
  clusterChange,
  computeChange,
  computeRemoval,
  describePrincipal,
  principalNotFoundChange,
  removeCompute,
} from './worldChanges';

export const controlPrefix = '/_emulator';

const browserSignIn = z.strictObject({ authorizeUrl: z.url(), username: z.string() });
const deviceApproval = z.strictObject({ userCode: z.string(), username: z.string() });
const accountBody = z.strictObject({ username: z.string() });
const burstBody = z.strictObject({
  pathPattern: z.string(),
  method: z.string().optional(),
  status: z.number().int().min(500).max(599),
  count: z.number().int().positive(),
  code: z.string().optional(),
});
const dropBody = z.strictObject({
  pathPattern: z.string(),
  method: z.string().optional(),
  count: z.number().int().positive(),
});
const latencyBody = z
  .strictObject({
    fixedMs: z.number().nonnegative(),
    jitterMs: z.number().nonnegative().default(0),
  })
  .nullable();
const throttlingBody = z.union([z.literal('azure'), throttlingSchema, z.null()]);
const lateFailureBody = z.strictObject({
  computeName: z.string(),
  code: z.string().default('ClusterUnreachable'),
  message: z.string(),
  /** Every provisioningErrors entry of the failed compute; default one of code and message. */
  errors: z
    .array(z.strictObject({ code: z.string(), message: z.string(), target: z.string().optional() }))
    .optional(),
});
const requestKinds = ['arm', 'entra', 'control'] as const;
// Not settingsSchema.partial(): its defaults would reset every setting the patch leaves out.
const settingsPatch = z.strictObject(
  Object.fromEntries(
    Object.entries(settingsSchema.shape).map(([key, schema]) => [key, schema.unwrap().optional()]),
  ) as Record<keyof typeof settingsSchema.shape, z.ZodOptional<z.ZodNumber>>,
);

function secretMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function invalid(error: z.ZodError): Reply {
  return json(400, {
    error: {
      code: 'InvalidControlRequest',
      message: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    },
  });
}

/**
 * Test-only control endpoints (scripted sign-in, faults, settings, request log, changes made outside the app),
 * guarded by the `x-emulator-secret` header.
 */
export async function handleControl(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  secret: string,
  log: RequestLog,
): Promise<Reply> {
  if (!secretMatches(secret, request.headers['x-emulator-secret'])) {
    return json(401, {
      error: { code: 'Unauthorized', message: 'The x-emulator-secret header is missing or wrong.' },
    });
  }
  const route = `${request.method} ${request.path.slice(controlPrefix.length)}`;
  const parsed = jsonOf(request);
  const body = parsed === undefined ? {} : parsed;
  const parse = <T>(
    schema: z.ZodType<T>,
    handle: (value: T) => Reply | Promise<Reply>,
  ): Reply | Promise<Reply> => {
    const result = schema.safeParse(body);
    return result.success ? handle(result.data) : invalid(result.error);
  };
  const principalPath = /^GET \/directory\/principals\/([^/]+)$/.exec(route);
  if (principalPath?.[1]) return describePrincipal(ctx, principalPath[1], request.receivedAt);
  switch (route) {
    case 'GET /health':
      return json(200, { status: 'ok' });
    case 'POST /sign-in/browser':
      return parse(browserSignIn, (b) =>
        completeBrowserSignIn(ctx, b.authorizeUrl, b.username, request.receivedAt),
      );
    case 'POST /sign-in/device':
      return parse(deviceApproval, (b) => {
        const problem = approveDeviceCode(ctx, b.userCode, b.username);
        return problem
          ? json(400, { error: { code: 'DeviceCodeNotApproved', message: problem } })
          : json(200, { approved: true });
      });
    case 'POST /refresh-tokens/revoke':
      return parse(accountBody, (b) =>
        json(200, { revoked: ctx.signIns.revokeRefreshTokens(b.username) }),
      );
    case 'POST /refresh-tokens/expire':
      return parse(accountBody, (b) =>
        json(200, { expired: ctx.signIns.expireRefreshTokens(b.username, request.receivedAt) }),
      );
    case 'GET /requests': {
      const q = request.url.searchParams;
      const kind = q.get('kind');
      return json(200, {
        value: log.find({
          method: q.get('method') ?? undefined,
          pathPattern: q.get('pathPattern') ?? undefined,
          kind: requestKinds.find((k) => k === kind),
        }),
      });
    }
    case 'DELETE /requests':
      log.clear();
      return json(200, {});
    case 'GET /faults':
      return json(200, ctx.faults.snapshot());
    case 'DELETE /faults':
      ctx.faults.reset();
      return json(200, ctx.faults.snapshot());
    case 'PUT /faults/latency':
      return parse(latencyBody, (b) => {
        ctx.faults.latency = b;
        return json(200, ctx.faults.snapshot());
      });
    case 'PUT /faults/throttling':
      return parse(throttlingBody, (b) => {
        ctx.faults.setThrottling(b === 'azure' ? azureThrottlingLimits : b);
        return json(200, ctx.faults.snapshot());
      });
    case 'POST /faults/bursts':
      return parse(burstBody, (b) => {
        ctx.faults.addBurst(b);
        return json(200, ctx.faults.snapshot());
      });
    case 'POST /faults/drops':
      return parse(dropBody, (b) => {
        ctx.faults.addDrop(b);
        return json(200, ctx.faults.snapshot());
      });
    case 'POST /faults/late-attach-failures':
      return parse(lateFailureBody, (b) => {
        ctx.faults.lateAttachFailures.push(b);
        return json(200, ctx.faults.snapshot());
      });
    case 'POST /faults/principal-not-found':
      return parse(principalNotFoundChange, (b) => {
        ctx.faults.addPrincipalNotFound({
          principalId: b.principalId,
          until: request.receivedAt + b.seconds * 1000,
        });
        return json(200, ctx.faults.snapshot());
      });
    case 'PATCH /computes':
      return parse(computeChange, (b) => changeCompute(ctx, b, request.receivedAt));
    case 'DELETE /computes':
      return parse(computeRemoval, (b) => removeCompute(ctx, b, request.receivedAt));
    case 'PATCH /clusters':
      return parse(clusterChange, (b) => changeCluster(ctx, b));
    case 'GET /settings':
      return json(200, ctx.world.settings);
    case 'PATCH /settings':
      return parse(settingsPatch, (b) => {
        Object.assign(
          ctx.world.settings,
          Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)),
        );
        return json(200, ctx.world.settings);
      });
    default:
      return json(404, {
        error: { code: 'UnknownControlEndpoint', message: `No control endpoint '${route}'.` },
      });
  }
}

/**
 * What a browser does after the user picks an account: the emulator issues the code and itself performs the
 * form_post to the app's loopback redirect URI (the app's msal loopback server then completes the sign-in).
 */
async function completeBrowserSignIn(
  ctx: EmulatorContext,
  authorizeUrl: string,
  username: string,
  now: number,
): Promise<Reply> {
  const checked = validateAuthorizeRequest(ctx, new URL(authorizeUrl));
  if ('error' in checked)
    return json(400, { error: { code: 'InvalidAuthorizeRequest', message: checked.error } });
  const response = completeAuthorization(ctx, checked.pending, username, now);
  const target = new URL(response.redirectUri);
  // msal's loopback server listens on 127.0.0.1 while its redirect URI says localhost.
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  const form = new URLSearchParams(response.fields).toString();
  const status = await new Promise<number>((resolve, reject) => {
    const post = http.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    post.on('error', reject);
    post.end(form);
  }).catch(() => -1); // -1: the redirect URI did not answer (no app listening)
  return json(200, {
    redirectUri: response.redirectUri,
    redirectStatus: status,
    error: response.fields['error'] ?? null,
  });
}
