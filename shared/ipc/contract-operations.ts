import { z } from 'zod';
import {
  AttachRequest,
  ComputeDetail,
  ComputeTarget,
  IdentityChangePreview,
  IdentityChoice,
  OperationDetail,
  OperationTarget,
  OperationView,
  PreflightReport,
  RequestPreview,
} from '../domain/operations';
import { StrictArmId } from '../domain/arm-input';
import { event, operation } from './contract-kit';
import { NoInput } from './no-input';

const MAX_BULK_ATTACH = 50;

/** Attach, identity change and detach: the job itself, every one a row of the operation journal. */
export const operationsOperations = {
  'attach.preflight': operation({
    summary:
      'Check an attach before anything is sent: extension, subscription, region, name, rights, identity, namespace.',
    input: AttachRequest,
    output: PreflightReport,
  }),
  'attach.preview': operation({
    summary: 'The exact request an attach will send, and the equivalent az commands.',
    input: AttachRequest,
    output: RequestPreview,
  }),
  'attach.start': operation({
    summary: 'Attach a cluster as a Kubernetes compute; progress arrives as operations.changed.',
    input: AttachRequest,
    output: OperationView,
  }),
  'attach.startBulk': operation({
    summary:
      'Attach one cluster to several workspaces (or several clusters to one): one journal row each.',
    input: z.object({ requests: z.array(AttachRequest).min(1).max(MAX_BULK_ATTACH) }).strict(),
    output: z.array(OperationView),
  }),
  'computes.get': operation({
    summary: 'A compute with its identity, state history and operations, from the local record.',
    input: ComputeTarget,
    output: ComputeDetail,
  }),
  'computes.previewIdentityChange': operation({
    summary: 'What changing a compute identity sends and which role assignments it would lose.',
    input: z.object({ computeId: StrictArmId, identity: IdentityChoice }).strict(),
    output: IdentityChangePreview,
  }),
  'computes.updateIdentity': operation({
    summary: 'Change a compute identity (GET, change identity, full PUT), tracked to its end.',
    input: z.object({ computeId: StrictArmId, identity: IdentityChoice }).strict(),
    output: OperationView,
  }),
  'computes.previewDetach': operation({
    summary: 'The exact detach request (underlyingResourceAction=Detach) and its az commands.',
    input: ComputeTarget,
    output: RequestPreview,
  }),
  'computes.detach': operation({
    summary: 'Detach a compute; the cluster, its extension and namespace stay as they are.',
    input: ComputeTarget,
    output: OperationView,
  }),
  'operations.list': operation({
    summary: 'Operations running now and those that ended recently, across tenants.',
    input: NoInput,
    output: z.array(OperationView),
  }),
  'operations.get': operation({
    summary: 'One operation with its request, every poll and its equivalent commands.',
    input: OperationTarget,
    output: OperationDetail,
  }),
} as const;

export const operationsEvents = {
  'operations.changed': event({
    summary: 'An operation was recorded, polled or ended.',
    payload: OperationView,
  }),
} as const;
