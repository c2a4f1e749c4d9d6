import type { z } from 'zod';
import { contract } from '../../shared/ipc/contract';
import type {
  EventName,
  OperationName,
  OutputOf,
  ParsedInputOf,
  PayloadOf,
} from '../../shared/ipc/contract';

/** Who is calling; transports fill it in so handlers and the journal can tell callers apart. */
export interface CallContext {
  readonly transport: 'electron' | 'browser-host' | 'test';
}

export type Handler<N extends OperationName> = (
  input: ParsedInputOf<N>,
  context: CallContext,
) => OutputOf<N> | Promise<OutputOf<N>>;

/** One handler per contract operation; the compiler refuses a missing or extra one. */
export type HandlerMap = { [N in OperationName]: Handler<N> };

export type EventListener = <E extends EventName>(name: E, payload: PayloadOf<E>) => void;

/** Services publish events here; every transport subscribes and forwards them to its windows. */
export interface EventHub {
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void;
  subscribe(listener: EventListener): () => void;
}

export interface EventHubOptions {
  /**
   * Told of a payload outside the contract, which is then not sent (like an operation's output,
   * nothing the contract does not describe reaches the window). Default: it throws, so a test
   * that emits one fails at once; the app passes its logger.
   */
  readonly onInvalidPayload?: (name: EventName, error: z.ZodError) => void;
}

export function createEventHub(options: EventHubOptions = {}): EventHub {
  const listeners = new Set<EventListener>();
  const onInvalidPayload =
    options.onInvalidPayload ??
    ((name: EventName, error: z.ZodError) => {
      throw new Error(`The ${name} event payload is outside the contract: ${error.message}`);
    });
  return {
    emit(name, payload) {
      const checked = contract.events[name].payload.safeParse(payload);
      if (!checked.success) {
        onInvalidPayload(name, checked.error);
        return;
      }
      // What the contract describes, and nothing more (unknown keys are stripped).
      const sent = checked.data as PayloadOf<typeof name>;
      for (const listener of listeners) listener(name, sent);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
