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

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
