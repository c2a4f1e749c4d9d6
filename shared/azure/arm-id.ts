/**
 * The one parser for Azure Resource Manager resource ids. Every id that reaches a URL — typed by
 * the user, sent by the renderer or answered by Azure — goes through `parseArmId` first, and URLs
 * are built from the parsed segments (`armIdPath`), never by concatenating the text that came in.
 *
 * An id has the shape
 *   /subscriptions/{guid}[/resourceGroups/{rg}[/providers/{Namespace}/{type}/{name}[/{type}/{name}]…]]
 * (ARM spells the fixed segments in any case). Extension resources
 * (`{parent id}/providers/{Namespace}/{type}/{name}`, such as a cluster's Azure ML extension) are
 * accepted too, as further provider levels.
 */

export interface ArmResourceLevel {
  /** The resource provider namespace of this level, e.g. `Microsoft.MachineLearningServices`. */
  readonly namespace: string;
  /** The type segments of this level, e.g. `['workspaces', 'computes']`. */
  readonly types: readonly string[];
  /** The name segments, one per type. */
  readonly names: readonly string[];
}

export interface ArmId {
  /** The subscription GUID, lower-cased. */
  readonly subscriptionId: string;
  readonly resourceGroup: string | null;
  /** The provider levels in order; empty for a subscription or resource-group id. */
  readonly levels: readonly ArmResourceLevel[];
  /** The canonical text of the id (fixed segments spelled as ARM documents them). */
  readonly id: string;
}

export type ArmIdResult =
  { readonly ok: true; readonly value: ArmId } | { readonly ok: false; readonly reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Resource groups: letters, digits, underscores, hyphens, periods and parentheses; not ending in a period. */
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/u;
/** A provider namespace such as `Microsoft.ContainerService`. */
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;
/** A resource type segment such as `managedClusters`. */
const TYPE_SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
/**
 * A resource name segment. Names differ per type (each type's own rules are checked where they
 * matter), but none may carry characters that change a URL's meaning or an invisible one.
 */
const NAME_SEGMENT = /^[\p{L}\p{N}_\-.()~]{1,260}$/u;

export const MAX_ARM_ID_LENGTH = 1024;

const fail = (reason: string): ArmIdResult => ({ ok: false, reason });

/** Parses an ARM resource id strictly; the reason says in plain words what is wrong. */
export function parseArmId(input: unknown): ArmIdResult {
  if (typeof input !== 'string' || input.length === 0) return fail('The resource id is empty.');
  if (input.length > MAX_ARM_ID_LENGTH) {
    return fail(`A resource id has at most ${MAX_ARM_ID_LENGTH.toLocaleString('en')} characters.`);
  }
  if (/[?#%\\\s]/u.test(input) || hasControlCharacter(input)) {
    return fail(
      'A resource id may not contain spaces, "?", "#", "%" or "\\": paste the id exactly as Azure shows it.',
    );
  }
  if (!input.startsWith('/')) return fail('A resource id starts with "/subscriptions/".');
  const segments = input.slice(1).split('/');
  if (segments.at(-1) === '') segments.pop(); // one trailing slash is harmless
  if (segments.some((segment) => segment === ''))
    return fail('A resource id has no empty segments ("//").');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return fail('A resource id has no "." or ".." segments.');
  }

  let index = 0;
  const next = (): string | undefined => segments[index++];
  if (next()?.toLowerCase() !== 'subscriptions')
    return fail('A resource id starts with "/subscriptions/".');
  const subscriptionId = next();
  if (subscriptionId === undefined || !GUID.test(subscriptionId)) {
    return fail(
      'The subscription in a resource id is a GUID (00000000-0000-0000-0000-000000000000).',
    );
  }

  let resourceGroup: string | null = null;
  if (segments[index]?.toLowerCase() === 'resourcegroups') {
    index += 1;
    const group = next();
    if (group === undefined || !RESOURCE_GROUP.test(group) || group.endsWith('.')) {
      return fail(
        'The resource group name has 1 to 90 letters, digits, "_", "-", "." or parentheses, and does not end in ".".',
      );
    }
    resourceGroup = group;
  }

  const levels: ArmResourceLevel[] = [];
  while (index < segments.length) {
    if (segments[index]?.toLowerCase() !== 'providers') {
      return fail(`Expected "providers" in the resource id, found "${segments[index] ?? ''}".`);
    }
    index += 1;
    const namespace = next();
    if (namespace === undefined || !NAMESPACE.test(namespace)) {
      return fail(
        'After "providers" a resource id names a provider such as "Microsoft.ContainerService".',
      );
    }
    const types: string[] = [];
    const names: string[] = [];
    while (index < segments.length && segments[index]?.toLowerCase() !== 'providers') {
      const type = next();
      const name = next();
      if (type === undefined || !TYPE_SEGMENT.test(type)) {
        return fail(`"${type ?? ''}" is not a resource type segment.`);
      }
      if (name === undefined) return fail(`The resource id names no ${type} after "${type}/".`);
      if (!NAME_SEGMENT.test(name)) {
        return fail(
          `The ${type} name in the resource id has characters a resource name cannot have.`,
        );
      }
      types.push(type);
      names.push(name);
    }
    if (types.length === 0)
      return fail(`The resource id names no resource of provider ${namespace}.`);
    levels.push({ namespace, types, names });
  }
  const value: ArmId = {
    subscriptionId: subscriptionId.toLowerCase(),
    resourceGroup,
    levels,
    id: '',
  };
  return { ok: true, value: { ...value, id: armIdPath(value) } };
}

function hasControlCharacter(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200b || code === 0xfeff)
      return true;
  }
  return false;
}

/** Parses or throws; for ids that must be valid (the message is the parser's reason). */
export function requireArmId(input: unknown, what = 'resource id'): ArmId {
  const result = parseArmId(input);
  if (!result.ok) throw new InvalidArmIdError(what, result.reason);
  return result.value;
}

export class InvalidArmIdError extends Error {
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {
    super(`The ${what} is not a valid Azure resource id. ${reason}`);
    this.name = 'InvalidArmIdError';
  }
}

/** The URL path of a parsed id: every segment URL-encoded, fixed segments in ARM's spelling. */
export function armIdPath(id: Pick<ArmId, 'subscriptionId' | 'resourceGroup' | 'levels'>): string {
  const parts = ['subscriptions', id.subscriptionId];
  if (id.resourceGroup !== null) parts.push('resourceGroups', id.resourceGroup);
  for (const level of id.levels) {
    parts.push('providers', level.namespace);
    level.types.forEach((type, i) => parts.push(type, level.names[i] ?? ''));
  }
  return `/${parts.map(encodeURIComponent).join('/')}`;
}

/** The full type of the last level, e.g. `Microsoft.MachineLearningServices/workspaces/computes`. */
export function armResourceType(id: ArmId): string | null {
  const last = id.levels.at(-1);
  return last ? [last.namespace, ...last.types].join('/') : null;
}

/** The name of the resource the id points at (its last name segment). */
export function armResourceName(id: ArmId): string {
  return id.levels.at(-1)?.names.at(-1) ?? id.resourceGroup ?? id.subscriptionId;
}

/** True when the id is of the given type (case-insensitive, as ARM compares types). */
export function isArmType(id: ArmId, type: string): boolean {
  return armResourceType(id)?.toLowerCase() === type.toLowerCase();
}

/** A child id one level down: `{parent}/{type}/{name}` built from segments, never by text. */
export function armChildId(parent: ArmId, type: string, name: string): ArmId {
  const last = parent.levels.at(-1);
  if (!last)
    throw new InvalidArmIdError('parent resource id', 'It names no resource to nest under.');
  const levels = [
    ...parent.levels.slice(0, -1),
    { ...last, types: [...last.types, type], names: [...last.names, name] },
  ];
  return requireArmId(armIdPath({ ...parent, levels }));
}

/** An extension resource under another resource: `{parent}/providers/{namespace}/{type}/{name}`. */
export function armExtensionId(
  parent: ArmId,
  namespace: string,
  type: string,
  name: string,
): ArmId {
  const levels = [...parent.levels, { namespace, types: [type], names: [name] }];
  return requireArmId(armIdPath({ ...parent, levels }));
}

/** Two ids name the same resource (ARM ids compare case-insensitively). */
export function sameArmId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export const ARM_TYPES = {
  workspace: 'Microsoft.MachineLearningServices/workspaces',
  compute: 'Microsoft.MachineLearningServices/workspaces/computes',
  aksCluster: 'Microsoft.ContainerService/managedClusters',
  arcCluster: 'Microsoft.Kubernetes/connectedClusters',
  userAssignedIdentity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  extension: 'Microsoft.KubernetesConfiguration/extensions',
  storageAccount: 'Microsoft.Storage/storageAccounts',
  containerRegistry: 'Microsoft.ContainerRegistry/registries',
  keyVault: 'Microsoft.KeyVault/vaults',
} as const;
