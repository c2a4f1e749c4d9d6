import { z } from 'zod';
import {
  ARM_TYPES,
  armResourceName,
  isArmType,
  parseArmId,
  type ArmId,
} from '../../shared/azure/arm-id';
import type { AzureMlExtensionRecord, ClusterRecord, IdentityRecord } from './inventory-records';

/**
 * From the raw items of the cluster, extension and identity lists to the records Mooring keeps.
 * Each item is checked against its schema and its id by the strict parser; an item that fails is
 * answered as a reason (the caller drops and logs it) and never breaks the rest of its page.
 * Only named fields are picked: nothing else Azure sends reaches the database.
 */

export type Mapped<T> =
  { readonly ok: true; readonly record: T } | { readonly ok: false; readonly reason: string };

/** The items that pass their schema; each other one is dropped and told to `onDropped`, never the page. */
export function keptRecords<T>(
  items: readonly unknown[],
  toRecord: (item: unknown) => Mapped<T>,
  onDropped: (reason: string, item: unknown) => void,
): T[] {
  const records: T[] = [];
  for (const item of items) {
    const mapped = toRecord(item);
    if (mapped.ok) records.push(mapped.record);
    else onDropped(mapped.reason, item);
  }
  return records;
}

/** The extension type of Azure ML's cluster extension (compared case-insensitively). */
export const AZURE_ML_EXTENSION_TYPE = 'Microsoft.AzureML.Kubernetes';

const Text = z.string().min(1);
const OptionalText = z.string().nullish();

const AksItem = z.object({
  id: Text,
  name: OptionalText,
  location: z.string(),
  properties: z
    .object({
      apiServerAccessProfile: z.object({ enablePrivateCluster: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
});

const ArcItem = z.object({
  id: Text,
  name: OptionalText,
  location: z.string(),
  properties: z.object({ connectivityStatus: OptionalText }).nullish(),
});

const ExtensionItem = z.object({
  id: Text,
  name: OptionalText,
  properties: z.object({
    extensionType: OptionalText,
    provisioningState: OptionalText,
    /** The version asked for (null when minor versions upgrade automatically). */
    version: OptionalText,
    /** The version installed now. */
    currentVersion: OptionalText,
    releaseTrain: OptionalText,
  }),
});

const IdentityItem = z.object({
  id: Text,
  name: OptionalText,
  location: z.string(),
  properties: z.object({ clientId: Text, principalId: Text }),
});

const fail = (reason: string): Mapped<never> => ({ ok: false, reason });

const present = (value: string | null | undefined): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/** The item's id, parsed, of the expected type and (when given) in the expected subscription. */
function idOf(
  id: string,
  type: string,
  subscriptionId?: string,
): { ok: true; value: ArmId } | { ok: false; reason: string } {
  const parsed = parseArmId(id);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (!isArmType(parsed.value, type))
    return { ok: false, reason: `Its id is not of type ${type}.` };
  if (subscriptionId && parsed.value.subscriptionId !== subscriptionId.toLowerCase()) {
    return { ok: false, reason: 'Its id names another subscription than the one listed.' };
  }
  if (parsed.value.resourceGroup === null) {
    return { ok: false, reason: 'Its id names no resource group.' };
  }
  return { ok: true, value: parsed.value };
}

const issueText = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`).join('; ');

export function toAksCluster(item: unknown, subscriptionId: string): Mapped<ClusterRecord> {
  const parsed = AksItem.safeParse(item);
  if (!parsed.success) return fail(issueText(parsed.error));
  const id = idOf(parsed.data.id, ARM_TYPES.aksCluster, subscriptionId);
  if (!id.ok) return fail(id.reason);
  return {
    ok: true,
    record: {
      id: parsed.data.id,
      kind: 'aks',
      name: present(parsed.data.name) ?? armResourceName(id.value),
      resourceGroup: id.value.resourceGroup ?? '',
      location: parsed.data.location,
      connectivityStatus: null,
      // No access profile is a public API server, as Azure creates clusters by default.
      privateCluster: parsed.data.properties?.apiServerAccessProfile?.enablePrivateCluster === true,
    },
  };
}

export function toArcCluster(item: unknown, subscriptionId: string): Mapped<ClusterRecord> {
  const parsed = ArcItem.safeParse(item);
  if (!parsed.success) return fail(issueText(parsed.error));
  const id = idOf(parsed.data.id, ARM_TYPES.arcCluster, subscriptionId);
  if (!id.ok) return fail(id.reason);
  return {
    ok: true,
    record: {
      id: parsed.data.id,
      kind: 'arc',
      name: present(parsed.data.name) ?? armResourceName(id.value),
      resourceGroup: id.value.resourceGroup ?? '',
      location: parsed.data.location,
      connectivityStatus: present(parsed.data.properties?.connectivityStatus),
      privateCluster: null,
    },
  };
}

/**
 * One item of a cluster's extension list: the Azure ML extension's record, `null` for any other
 * extension, or why the item could not be read.
 */
export function toAzureMlExtension(item: unknown): Mapped<AzureMlExtensionRecord | null> {
  const parsed = ExtensionItem.safeParse(item);
  if (!parsed.success) return fail(issueText(parsed.error));
  const { properties } = parsed.data;
  if (properties.extensionType?.toLowerCase() !== AZURE_ML_EXTENSION_TYPE.toLowerCase()) {
    return { ok: true, record: null };
  }
  const parsedId = parseArmId(parsed.data.id);
  if (!parsedId.ok) return fail(parsedId.reason);
  if (!isArmType(parsedId.value, ARM_TYPES.extension)) {
    return fail(`Its id is not of type ${ARM_TYPES.extension}.`);
  }
  return {
    ok: true,
    record: {
      id: parsed.data.id,
      name: present(parsed.data.name) ?? armResourceName(parsedId.value),
      provisioningState: present(properties.provisioningState) ?? 'Unknown',
      version: present(properties.currentVersion) ?? present(properties.version),
      releaseTrain: present(properties.releaseTrain),
    },
  };
}

export function toIdentity(item: unknown, subscriptionId: string): Mapped<IdentityRecord> {
  const parsed = IdentityItem.safeParse(item);
  if (!parsed.success) return fail(issueText(parsed.error));
  const id = idOf(parsed.data.id, ARM_TYPES.userAssignedIdentity, subscriptionId);
  if (!id.ok) return fail(id.reason);
  return {
    ok: true,
    record: {
      id: parsed.data.id,
      name: present(parsed.data.name) ?? armResourceName(id.value),
      resourceGroup: id.value.resourceGroup ?? '',
      location: parsed.data.location,
      clientId: parsed.data.properties.clientId,
      principalId: parsed.data.properties.principalId,
    },
  };
}
