import { armError, type Reply } from '../core/reply';

/** api-versions accepted per resource provider: those the SDKs and the app send, plus the examples' ones. */
export const apiVersions = {
  resources: ['2016-06-01', '2020-01-01', '2021-01-01', '2022-01-01', '2022-12-01'],
  machineLearning: [
    '2022-10-01',
    '2023-04-01',
    '2023-10-01',
    '2024-04-01',
    '2024-10-01',
    '2025-01-01-preview',
    '2025-06-01',
    '2025-09-01',
  ],
  containerService: [
    '2023-10-01',
    '2024-05-01',
    '2024-09-01',
    '2025-01-01',
    '2025-05-01',
    '2025-07-01',
  ],
  connectedClusters: [
    '2021-10-01',
    '2024-01-01',
    '2024-07-01-preview',
    '2025-08-01-preview',
    '2026-03-01',
  ],
  kubernetesConfiguration: ['2022-11-01', '2023-05-01', '2024-11-01', '2025-03-01'],
  managedIdentity: ['2018-11-30', '2023-01-31', '2023-07-31-preview', '2024-11-30'],
  authorization: [
    '2015-07-01',
    '2018-01-01-preview',
    '2020-04-01-preview',
    '2020-10-01-preview',
    '2022-04-01',
  ],
  metadata: ['2019-05-01', '2020-06-01', '2022-09-01'],
} as const;

export type ApiFamily = keyof typeof apiVersions;

/** ARM's 400 when api-version is missing or not one the resource type supports. */
export function checkApiVersion(
  url: URL,
  family: ApiFamily,
  resourceType: string,
): Reply | undefined {
  const version = url.searchParams.get('api-version');
  if (!version) {
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  const supported: readonly string[] = apiVersions[family];
  if (!supported.includes(version)) {
    return armError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}' for resource type '${resourceType}'.`,
    );
  }
  return undefined;
}
