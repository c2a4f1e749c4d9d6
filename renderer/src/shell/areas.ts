/** The app's top-level areas, in navigation order. */
export const AREAS = ['inventory', 'attach', 'activity', 'accounts', 'settings'] as const;
export type AreaId = (typeof AREAS)[number];

export const AREA_LABELS: Record<AreaId, string> = {
  inventory: 'Inventory',
  attach: 'Attach',
  activity: 'Activity',
  accounts: 'Accounts',
  settings: 'Settings',
};

export const isAreaId = (value: string): value is AreaId =>
  (AREAS as readonly string[]).includes(value);
