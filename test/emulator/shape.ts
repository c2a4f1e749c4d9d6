/**
 * Compares a response body with an official example: same keys and value types, recursively, every
 * array element (each against the example's element at its index, or its last one when the answer
 * has more), `null` only where the example has `null` (or a rule allows it), and the values of the
 * keys the example fixes — resource types, enums and states — equal to the example's.
 * Returns the differences as readable paths, empty when the answer agrees.
 */
export interface ShapeRules {
  /** Paths (like `value[].properties.tags`) whose object keys are data, not schema: only their values' shapes are compared. */
  maps?: string[];
  /** Paths the emulator may add beyond the example, each justified where the rules are declared. */
  extraKeys?: string[];
  /** Paths of the example the emulator may leave out, each justified where the rules are declared. */
  optionalKeys?: string[];
  /** Paths where either side may be `null` (Azure marks them nullable and the scenario's data differs). */
  nullable?: string[];
  /**
   * The scenario's values at a path where the example's value is another resource's data (a
   * state, a kind, a placeholder): the answer must be one of these instead. Keyed by path, with
   * arrays written `value[]`; each entry is justified where the rules are declared.
   */
  values?: Record<string, readonly unknown[]>;
}

/** Keys whose value the example fixes (types, enums, states): compared by value, not only by type. */
export const FIXED_VALUE_KEYS = new Set([
  'type',
  'kind',
  'computeType',
  'provisioningState',
  'principalType',
  'clusterType',
  'extensionType',
  'roleType',
  'state',
  'status',
  'connectivityStatus',
  'publicNetworkAccess',
  'isAttachedCompute',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** `value[3].properties` → `value[].properties`, the form the path lists use. */
const generic = (path: string) => path.replace(/\[\d+\]/g, '[]');
const listed = (list: string[] | undefined, path: string) =>
  list?.includes(path) === true || list?.includes(generic(path)) === true;

export function shapeDifferences(
  example: unknown,
  actual: unknown,
  rules: ShapeRules = {},
  path = '',
): string[] {
  const label = path || '(body)';
  if (example === null || actual === null) {
    if (example === actual || listed(rules.nullable, path)) return [];
    return [`${label}: expected ${typeOf(example)}, got ${typeOf(actual)}`];
  }
  const expectedType = typeOf(example);
  const actualType = typeOf(actual);
  if (expectedType !== actualType) return [`${label}: expected ${expectedType}, got ${actualType}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length === 0) return [];
    return actual.flatMap((element, index) =>
      shapeDifferences(
        example[Math.min(index, example.length - 1)],
        element,
        rules,
        `${path}[${index}]`,
      ),
    );
  }
  if (expectedType !== 'object') {
    const key = path.split('.').pop() ?? '';
    const allowed = rules.values?.[generic(path)];
    if (allowed) {
      return allowed.includes(actual)
        ? []
        : [`${label}: expected one of ${JSON.stringify(allowed)}, got ${JSON.stringify(actual)}`];
    }
    if (FIXED_VALUE_KEYS.has(key) && example !== actual) {
      return [`${label}: expected ${JSON.stringify(example)}, got ${JSON.stringify(actual)}`];
    }
    return [];
  }
  const e = example as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  if (listed(rules.maps, path)) {
    const exampleValues = Object.values(e);
    return Object.entries(a).flatMap(([key, value], index) =>
      exampleValues.length === 0
        ? []
        : shapeDifferences(
            exampleValues[Math.min(index, exampleValues.length - 1)],
            value,
            rules,
            `${path}{${key}}`,
          ),
    );
  }
  const differences: string[] = [];
  const child = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of Object.keys(e)) {
    if (!(key in a)) {
      if (!listed(rules.optionalKeys, child(key))) differences.push(`${child(key)}: missing`);
      continue;
    }
    differences.push(...shapeDifferences(e[key], a[key], rules, child(key)));
  }
  for (const key of Object.keys(a)) {
    if (!(key in e) && !listed(rules.extraKeys, child(key)))
      differences.push(`${child(key)}: not in the example`);
  }
  return differences;
}
