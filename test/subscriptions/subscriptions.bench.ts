/**
 * The local record at scale: snapshot() and applyFilters() over 5,000 subscriptions in 100
 * tenants (two accounts, so every subscription has an "also seen by"), on a real database file
 * in a temporary folder. The record is written by the same code a refresh uses. Prints figures;
 * asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/store/database';
import { createSubscriptionsService } from '../../electron/subscriptions/create-subscriptions-service';
import type { ReadyTenant } from '../../electron/subscriptions/directory';
import { createSubscriptionsStore } from '../../electron/subscriptions/subscriptions-store';
import type { TenantListing } from '../../electron/subscriptions/subscriptions-store';

const TENANTS = 100;
const PER_TENANT = 50;

const guid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function listings(): TenantListing[] {
  const result: TenantListing[] = [];
  for (const [accountId, username] of [
    ['account-a', 'a@contoso.com'],
    ['account-b', 'b@contoso.com'],
  ] as const) {
    for (let t = 0; t < TENANTS; t++) {
      const tenant: ReadyTenant = {
        accountId,
        username,
        tenantId: guid(1, t),
        tenantName: `Tenant ${String(t).padStart(3, '0')}`,
      };
      const subscriptions = Array.from({ length: PER_TENANT }, (_, s) => ({
        subscriptionId: guid(2, t * PER_TENANT + s),
        displayName: `Subscription ${t}-${s}`,
        state: 'Enabled',
        tenantId: tenant.tenantId,
      }));
      result.push({ tenant, subscriptions });
    }
  }
  return result;
}

function measure(label: string, runs: number, body: (i: number) => unknown): void {
  const warmUps = runs > 1 ? Math.min(runs, 5) : 0; // a one-off (the first write) is measured cold
  for (let i = 0; i < warmUps; i++) body(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(
    `${label.padEnd(56)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms  (${runs} runs)`,
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-subscriptions-bench-'));
try {
  const database = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
  const store = createSubscriptionsStore(database);
  const all = listings();
  const order = ['account-a', 'account-b'];
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, minute++)).toISOString();

  measure('refresh write, first time (5,000 new subscriptions)', 1, () =>
    store.recordRefresh(all, order, at()),
  );
  measure('refresh write, unchanged (5,000 subscriptions)', 10, () =>
    store.recordRefresh(all, order, at()),
  );

  const service = createSubscriptionsService({
    database,
    events: { emit: () => {} },
    directory: {
      readyTenants: () => Promise.reject(new Error('the benchmark never lists from Azure')),
      credentialFor: () => {
        throw new Error('the benchmark never lists from Azure');
      },
    },
    runtime: () => Promise.reject(new Error('the benchmark never lists from Azure')),
  });

  const count = service.snapshot().subscriptions.length;
  console.log(`subscriptions in the record: ${count} in ${TENANTS} tenants`);
  measure('snapshot()', 50, () => service.snapshot());
  measure('applyFilters(): favourite one subscription', 200, (i) =>
    service.applyFilters([{ subscriptionId: guid(2, i % count), favourite: i % 2 === 0 }]),
  );
  const tenantSubscriptions = Array.from({ length: PER_TENANT }, (_, s) => guid(2, s));
  measure('applyFilters(): select none in a tenant (50 changes)', 50, (i) =>
    service.applyFilters(
      tenantSubscriptions.map((subscriptionId) => ({ subscriptionId, selected: i % 2 === 0 })),
    ),
  );
  const everything = Array.from({ length: count }, (_, s) => guid(2, s));
  measure('applyFilters(): hide all 5,000', 10, (i) =>
    service.applyFilters(
      everything.map((subscriptionId) => ({ subscriptionId, hidden: i % 2 === 0 })),
    ),
  );
  database.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
