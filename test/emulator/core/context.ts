import type { TokenSigner } from '../entra/jwt';
import type { SignInStore } from '../entra/signInStore';
import type { FaultInjector } from '../faults/faultInjector';
import type { KubernetesApi } from '../kubernetes/apiServer';
import type { World } from '../world/world';

/** Everything a route handler may use: the Azure state, the sign-in state, the signing key and the emulator's own URL. */
export interface EmulatorContext {
  world: World;
  signIns: SignInStore;
  signer: TokenSigner;
  faults: FaultInjector;
  /** `https://127.0.0.1:{port}`: both the ARM endpoint and the Entra ID authority host. */
  baseUrl: string;
  /** Key for the signature (`sig`) of async operation status URLs. */
  urlSigningKey: string;
  /** The clusters' Kubernetes API servers (their own listener and CA). */
  kubernetes: KubernetesApi;
}
