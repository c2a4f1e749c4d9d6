import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import type { Reply } from '../core/reply';
import type { ApiFamily } from './apiVersions';
import type { Caller } from './caller';

/** One ARM operation: method + path pattern (named groups become params), its api-version family and handler. */
export interface ArmRoute {
  method: string;
  pattern: RegExp;
  family: ApiFamily;
  resourceType: string;
  /** Metadata endpoints answer without a token. */
  anonymous?: boolean;
  handle(
    ctx: EmulatorContext,
    request: EmulatorRequest,
    caller: Caller,
    params: Record<string, string>,
  ): Reply | Promise<Reply>;
}

const guidOrName = '[^/]+';
/** Path fragments for route patterns (ARM matches them case-insensitively). */
export const p = {
  sub: `/subscriptions/(?<sub>${guidOrName})`,
  rg: `/resourceGroups/(?<rg>${guidOrName})`,
  ws: `/providers/Microsoft\\.MachineLearningServices/workspaces/(?<ws>${guidOrName})`,
};

export function route(
  method: string,
  pattern: string,
  family: ApiFamily,
  resourceType: string,
  handle: ArmRoute['handle'],
  anonymous = false,
): ArmRoute {
  return {
    method,
    pattern: new RegExp(`^${pattern}$`, 'i'),
    family,
    resourceType,
    handle,
    anonymous,
  };
}
