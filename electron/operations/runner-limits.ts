/** How the operation poller paces itself (tests and the crash host make it fast). */
export interface RunnerLimits {
  /** The wait between polls when Azure names none (Retry-After wins). */
  readonly pollIntervalMs: number;
  /** The longest wait between polls (also used while Azure cannot be reached). */
  readonly maxPollIntervalMs: number;
  /** After this long running, Mooring asks Azure once more, records what it says and ends the row. */
  readonly maxRunningAgeMs: number;
  /** How many times a request is sent before Mooring gives up on it (each after reading the state). */
  readonly sendAttempts: number;
}

export const defaultRunnerLimits: RunnerLimits = {
  pollIntervalMs: 5_000,
  maxPollIntervalMs: 60_000,
  maxRunningAgeMs: 3 * 3600_000,
  sendAttempts: 4,
};
