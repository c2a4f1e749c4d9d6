// @ts-check
/**
 * `npm run mutation`: StrykerJS over the modules where a silent bug costs most. Not part of
 * `npm test` (it runs the covering tests once per mutant). `MOORING_MUTATE=path,path` narrows it.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const modules = [
  // The boundary: the one ARM id parser, naming rules and IPC validation.
  'shared/azure/arm-id.ts',
  'shared/azure/names.ts',
  'electron/ipc/dispatcher.ts',
  'electron/ipc/handlers.ts',
  // Tokens: the cache at rest and the secret store.
  'electron/auth/token-cache-plugin.ts',
  'electron/auth/secret-store.ts',
  // What the admin sees: subscription filters, inventory reconciliation and drift.
  'electron/subscriptions/subscriptions-store.ts',
  'electron/inventory/inventory-store.ts',
  'electron/inventory/snapshot-reader.ts',
  'electron/inventory/workspace-writer.ts',
  'electron/inventory/compute-history.ts',
  'electron/inventory/compute-drift.ts',
  'electron/inventory/discovery-store.ts',
  'electron/inventory/store-scope.ts',
  // The operation journal: the rows that survive a restart, and those of role changes.
  'electron/operations/journal-store.ts',
  'electron/operations/role-journal.ts',
  // The preflight's pure checks (the ARM and Kubernetes readers around them are I/O).
  'electron/preflight/compute-checks.ts',
  'electron/preflight/fix-commands.ts',
  'electron/preflight/kubeconfig-yaml.ts',
  'electron/preflight/kubeconfig.ts',
  'electron/preflight/namespace-check.ts',
  'electron/preflight/permissions.ts',
  'electron/preflight/resource-checks.ts',
  // Token host binding: where a bearer token may go.
  'electron/network/bearer-host-policy.ts',
  'electron/network/trusted-hosts.ts',
];

/*
 * Surviving mutants that are equivalent (no input can tell them from the code), last measured on
 * shared/azure/arm-id.ts; each is counted as survived in the published score, not ignored:
 * - `subscriptionId === undefined`, `namespace === undefined` → false: the regex then tests the
 *   text "undefined", which is no GUID and no provider namespace, so the same reason is given.
 * - `type === undefined` → false, `type ?? ''`, `segments[index]?.` / `?? ''` inside the segment
 *   loops, `level.names[i] ?? ''`: the loops run while `index < segments.length`, and types and
 *   names are pushed together, so these values are always defined.
 * - `id: ''` → any text: a placeholder replaced on the next line by the canonical id.
 * - `code < 0x20` → `code <= 0x20` and `code === 0xfeff` → false in hasControlCharacter: U+0020
 *   and U+FEFF are whitespace, refused with the same reason by the `\s` check just before.
 * And on electron/ipc/dispatcher.ts:
 * - `issues[0]?.message ?? 'unknown problem'` (optional chaining, fallback text): a failed zod
 *   parse always carries at least one issue.
 * And on electron/network/trusted-hosts.ts and bearer-host-policy.ts:
 * - `catch { return undefined; }` → `catch {}` in httpsOrigin: the function then falls off its
 *   end, which returns undefined too.
 * - `origin !== undefined &&` → true in allows(): an undefined origin equals no https origin and
 *   is never in the Kubernetes set (allowKubernetesApiHost refuses what has no origin).
 * - `BEARER_HOST_POLICY_NAME` → '': the name only labels the policy in the pipeline; no other
 *   policy orders itself after it or removes it by name.
 * And on electron/subscriptions/subscriptions-store.ts:
 * - `statements.narrowed.get()?.narrowed ?? 0`: `SELECT EXISTS (…)` always answers one row.
 * - `index === -1 ? order.length : index` → `index`, and `if (!primary) continue` → false, in
 *   demoteAccount: a subscription's sightings are exactly the accounts its row names (both are
 *   written from one resolution in one transaction), so every sighting is found in `order`, and
 *   a subscription the account sees has at least that account's sighting.
 * - `if (tenantOf.has(id)) continue` → false in applyFilters: a repeated id is looked up again
 *   and finds the same tenant.
 * And on the inventory record (inventory-store.ts, snapshot-reader.ts, discovery-store.ts):
 * - `if (workspaceKey === undefined) continue` → false in recordSubscription: a refresh lists
 *   computes only of the workspaces it listed in the same result, so each has a key.
 * - `row.listed_at === null ? [] : …` → false in the snapshot's age: a null in the list is
 *   passed over by the reduce (`null < text` is false), so the oldest date is the same; and
 *   `at < min` → `at <= min` there: an equal date replaces itself.
 * - `if (!row) throw …` after the cluster and identity upserts: `INSERT … RETURNING` always
 *   returns the row it wrote.
 * - `extension_id !== null && extension_name !== null` (→ `||`, → true) and
 *   `extension_provisioning_state ?? 'Unknown'`: the three are written together from one
 *   extension record whose id, name and state are strings, so all are set or none is.
 * And on the operation journal (journal-store.ts, role-journal.ts):
 * - `statements.pollNumber.get(id)?.n ?? 1`: `SELECT coalesce(max(…), 0) + 1` always answers
 *   one row.
 * - `level.names[0] ?? ''` and `body ?? ''` in the role journal: a parsed ARM level has a name
 *   for each of its types, and a grant (the only kind that puts a body in its command) always
 *   has one.
 * And on the preflight (electron/preflight/):
 * - `id.resourceGroup ?? ''` (fix-commands.ts, resource-checks.ts): the preflight's workspace and
 *   cluster ids name resources, which always sit in a resource group.
 * - The `''` no-access reason readPermissions passes to readResource: it returns earlier when
 *   there is no access, so that text is never used.
 * - In extensionFinding, `Array.isArray(items) ? items : []` → a one-element list and the
 *   `typeof item === 'object' && item !== null` guard → true: propertiesOf and textOf already
 *   read anything that is not an object as empty, so no extension is found either way.
 * - `/\s+/g` → `/\s/g` in normalizedRegion: removing every blank one by one or in runs leaves
 *   the same text.
 * - `access?.credential` in namespaceFinding: it only gets there after reading the user
 *   credential, which needs access.
 */
export default {
  testRunner: 'vitest',
  // Forks, as `npm test` runs them: some tests set the process umask, which workers may not.
  vitest: { configFile: 'vitest.mutation.config.ts', pool: 'forks' },
  coverageAnalysis: 'perTest',
  mutate: process.env.MOORING_MUTATE ? process.env.MOORING_MUTATE.split(',') : modules,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'coverage', 'reports', '.demo-data', 'test-results'],
  cleanTempDir: true,
};
