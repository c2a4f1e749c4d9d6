/**
 * Compares the shape of a response body with an official example: same keys, same value types, recursively.
 * Arrays are compared by their first elements; `null` on either side matches any type (Azure marks these
 * properties nullable). Returns the differences as readable paths, empty when the shapes agree.
 */
export interface ShapeRules {
  /** Paths (like `value[].properties.tags`) whose object keys are data, not schema: only the first entry's value is compared. */
  maps?: string[];
  /** Paths the emulator may add beyond the example, each justified where the rules are declared. */
  extraKeys?: string[];
  /** Paths of the example the emulator may leave out, each justified where the rules are declared. */
  optionalKeys?: string[];
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function shapeDifferences(
  example: unknown,
  actual: unknown,
  rules: ShapeRules = {},
  path = '',
): string[] {
  const label = path || '(body)';
  if (example === null || actual === null) return [];
  const expectedType = typeOf(example);
  const actualType = typeOf(actual);
  if (expectedType !== actualType) return [`${label}: expected ${expectedType}, got ${actualType}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length === 0 || actual.length === 0) return [];
    return shapeDifferences(example[0], actual[0], rules, `${path}[]`);
  }
  if (expectedType !== 'object') return [];
  const e = example as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  if (rules.maps?.includes(path)) {
    const firstExample = Object.values(e)[0];
    const firstActual = Object.values(a)[0];
    return firstExample === undefined || firstActual === undefined
      ? []
      : shapeDifferences(firstExample, firstActual, rules, `${path}{}`);
  }
  const differences: string[] = [];
  const child = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of Object.keys(e)) {
    if (!(key in a)) {
      if (!rules.optionalKeys?.includes(child(key))) differences.push(`${child(key)}: missing`);
      continue;
    }
    differences.push(...shapeDifferences(e[key], a[key], rules, child(key)));
  }
  for (const key of Object.keys(a)) {
    if (!(key in e) && !rules.extraKeys?.includes(child(key)))
      differences.push(`${child(key)}: not in the example`);
  }
  return differences;
}
