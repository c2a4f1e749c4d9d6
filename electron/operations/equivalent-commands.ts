import { armResourceName, type ArmId } from '../../shared/azure/arm-id';
import type {
  EquivalentCommands,
  IdentityChoice,
  RequestPreview,
} from '../../shared/domain/operations';

/**
 * One POSIX shell word: left bare when it holds only characters no shell treats specially,
 * otherwise single-quoted (a single quote inside becomes '\'' ), so nothing in a name, a
 * description or a body can break out of its argument.
 */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const command = (words: readonly string[]): string => words.map(shellWord).join(' ');

interface ComputeScope {
  readonly compute: ArmId;
  readonly workspace: ArmId;
}

const scopeArguments = ({ compute, workspace }: ComputeScope): string[] => [
  '--name',
  armResourceName(compute),
  '--workspace-name',
  armResourceName(workspace),
  '--resource-group',
  workspace.resourceGroup ?? '',
  '--subscription',
  workspace.subscriptionId,
];

const identityArguments = (identity: IdentityChoice, identityId: ArmId | null): string[] => {
  switch (identity.type) {
    case 'None':
      return ['--identity-type', 'None'];
    case 'SystemAssigned':
      return ['--identity-type', 'SystemAssigned'];
    case 'UserAssigned':
      return [
        '--identity-type',
        'UserAssigned',
        '--user-assigned-identities',
        identityId?.id ?? '',
      ];
  }
};

/** `az rest` sending exactly Mooring's request: the same method, URL and body text. */
export function azRestCommand(method: 'PUT' | 'DELETE', url: URL, body: string | null): string {
  const words = ['az', 'rest', '--method', method.toLowerCase(), '--url', url.toString()];
  if (body !== null) words.push('--headers', 'Content-Type=application/json', '--body', body);
  return command(words);
}

export function attachCommands(
  parts: ComputeScope & {
    readonly cluster: ArmId;
    readonly namespace: string;
    readonly identity: IdentityChoice;
    readonly identityId: ArmId | null;
    readonly url: URL;
    readonly body: string;
  },
): EquivalentCommands {
  const identity =
    parts.identity.type === 'None' ? [] : identityArguments(parts.identity, parts.identityId);
  return {
    az: command([
      'az',
      'ml',
      'compute',
      'attach',
      ...scopeArguments(parts),
      '--type',
      'Kubernetes',
      '--resource-id',
      parts.cluster.id,
      '--namespace',
      parts.namespace,
      ...identity,
    ]),
    azRest: azRestCommand('PUT', parts.url, parts.body),
  };
}

export function updateIdentityCommands(
  parts: ComputeScope & {
    readonly identity: IdentityChoice;
    readonly identityId: ArmId | null;
    readonly url: URL;
    readonly body: string;
  },
): EquivalentCommands {
  return {
    az: command([
      'az',
      'ml',
      'compute',
      'update',
      ...scopeArguments(parts),
      ...identityArguments(parts.identity, parts.identityId),
    ]),
    azRest: azRestCommand('PUT', parts.url, parts.body),
  };
}

export function detachCommands(parts: ComputeScope & { readonly url: URL }): EquivalentCommands {
  return {
    az: command(['az', 'ml', 'compute', 'detach', ...scopeArguments(parts), '--yes']),
    azRest: azRestCommand('DELETE', parts.url, null),
  };
}

/** The preview the renderer shows: path and query (no host), the body pretty-printed, the commands. */
export function requestPreview(
  method: 'PUT' | 'DELETE',
  url: URL,
  body: string | null,
  commands: EquivalentCommands,
): RequestPreview {
  return {
    method,
    path: `${url.pathname}${url.search}`,
    body: body === null ? null : JSON.stringify(JSON.parse(body) as unknown, null, 2),
    commands,
  };
}
