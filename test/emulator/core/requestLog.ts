export interface RequestLogEntry {
  time: string;
  method: string;
  /** Path and query as received. */
  path: string;
  /** The query parameters, decoded (the last value of a repeated name). */
  query: Record<string, string>;
  /** True when the request carried an Authorization header (whatever its value). */
  hasAuthorization: boolean;
  /** The JSON body of an ARM request (never logged for Entra ID or control requests: they carry secrets). */
  body?: unknown;
  status: number;
  durationMs: number;
  kind: 'arm' | 'entra' | 'control';
  /** The caller: username or service principal client id (ARM), or undefined. */
  account?: string;
  requestId: string;
  /** Set when a fault was injected: 'dropped', 'burst'. */
  fault?: string;
}

/** What to pick from the log; every given field must match. */
export interface RequestLogQuery {
  method?: string | undefined;
  /** Case-insensitive regular expression over the path (without the query). */
  pathPattern?: string | undefined;
  kind?: RequestLogEntry['kind'] | undefined;
  /** Query parameters that must be present with these values (case-insensitive values). */
  query?: Record<string, string> | undefined;
}

/** The requests the emulator served, for tests to assert on (bounded so long demos do not grow without end). */
export class RequestLog {
  private items: RequestLogEntry[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.items.push(entry);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  entries(): RequestLogEntry[] {
    return [...this.items];
  }

  /** The entries matching `query`, oldest first. */
  find(query: RequestLogQuery): RequestLogEntry[] {
    const pattern = query.pathPattern ? new RegExp(query.pathPattern, 'i') : undefined;
    return this.items.filter(
      (e) =>
        (!query.method || e.method === query.method.toUpperCase()) &&
        (!query.kind || e.kind === query.kind) &&
        (!pattern || pattern.test(e.path.split('?')[0] ?? '')) &&
        Object.entries(query.query ?? {}).every(
          ([name, value]) => e.query[name]?.toLowerCase() === value.toLowerCase(),
        ),
    );
  }

  clear(): void {
    this.items = [];
  }
}
