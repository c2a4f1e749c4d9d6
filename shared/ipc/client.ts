import type { MooringBridge } from './bridge';
import { operationNames } from './contract';
import type { EventName, InputOf, OperationName, OutputOf, PayloadOf } from './contract';
import type { IpcResult } from './result';

type OperationMethods = {
  [N in OperationName]: (input: InputOf<N>) => Promise<IpcResult<OutputOf<N>>>;
};

export interface MooringClient {
  readonly call: OperationMethods;
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/** A typed client with one method per contract operation, over any bridge implementation. */
export function createClient(bridge: MooringBridge): MooringClient {
  const call = Object.fromEntries(
    operationNames.map((name) => [
      name,
      (input: InputOf<typeof name>) => bridge.invoke(name, input),
    ]),
  ) as unknown as OperationMethods; // built from the same name list the type is mapped over
  return { call, on: (name, listener) => bridge.on(name, listener) };
}
