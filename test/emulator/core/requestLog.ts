export interface RequestLogEntry {
  time: string;
  method: string;
  /** Path and query as received. */
  path: string;
  status: number;
  durationMs: number;
  kind: 'arm' | 'entra' | 'control';
  /** The caller: username or service principal client id (ARM), or undefined. */
  account?: string;
  /** True when the request carried an Authorization header, valid or not: proof of where tokens went. */
  bearer?: true;
  requestId: string;
  /** Set when a fault was injected: 'dropped', 'burst'. */
  fault?: string;
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

  clear(): void {
    this.items = [];
  }
}
