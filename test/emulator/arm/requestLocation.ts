import type { EmulatorContext } from '../core/context';

const locationSegment = /\/locations\/([^/]+)/i;
const topLevelResource =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+)/i;

/**
 * The region ARM routes a request to, as its refusals name it: a `locations/{l}` segment of the path, else the region
 * of the resource the path is under, else (a list, a tenant-level call) the scenario's first region.
 */
export function requestLocation(ctx: EmulatorContext, path: string): string {
  const named = locationSegment.exec(path)?.[1];
  if (named) return named.toLowerCase();
  const id = topLevelResource.exec(path)?.[1];
  const resource = id
    ? (ctx.world.findWorkspace(id) ?? ctx.world.findCluster(id) ?? ctx.world.findIdentity(id))
    : undefined;
  return resource?.location.toLowerCase() ?? ctx.world.locations[0] ?? '';
}
