/** What the main process shows when no compute type is chosen: Kubernetes first. */
export const DEFAULT_COMPUTE_TYPES_SHOWN: readonly string[] = ['Kubernetes'];
