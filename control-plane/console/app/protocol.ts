// The parts of the protocol the console uses, imported file by file rather than through
// protocol/index.ts: the index also carries the statistics and evaluation code, which the browser
// bundle does not need (bundlers cannot drop module-level zod schemas they cannot prove unused).
export { errorBodySchema, describeZodError } from '../../../protocol/errors.ts';
export {
  LIVE_PATH, LIVE_SUBPROTOCOL, liveCloseCodes, liveServerFrameSchema, parseLiveFrame,
  type LiveChange, type LiveClientFrame, type LiveServerFrame,
} from '../../../protocol/live.ts';
export {
  aliasSchema, modelNameSchema, modelSummarySchema, modelVersionSchema, variantSchema, versionSchema,
  type ModelSummary, type ModelVersion, type Variant, type VariantInfo,
} from '../../../protocol/models.ts';
export type { TensorSpec } from '../../../protocol/tensors.ts';
export { deviceSchema, type Capabilities, type Device } from '../../../protocol/fleet.ts';
export { desiredStateSchema, reportedStateSchema, type DesiredState, type ReportedModel } from '../../../protocol/device-state.ts';
export {
  assignmentSchema, fleetSchema, resourceNameSchema,
  type Assignment, type AssignmentSpec, type Fleet, type FleetSpec,
} from '../../../protocol/assignments.ts';
export { matchesSelector, parseSelector } from '../../../protocol/selector.ts';
export {
  createRolloutBodySchema, rolloutSpecSchema, stepKind,
  type CreateRolloutBody, type Gates, type RolloutSpec, type RolloutStep, type RolloutStepKind,
} from '../../../protocol/rollouts.ts';
export {
  ACTIVE_ROLLOUT_STATES, experimentReportSchema, rolloutDecisionSchema, rolloutViewSchema,
  type CohortCounts, type ExperimentReport, type GateEvidence, type MetricEvidence, type RolloutDecision, type RolloutState,
  type RolloutView, type SrmEvidence,
} from '../../../protocol/rollout-reports.ts';
export {
  driftReportsSchema, durationSeconds, qualityReportsSchema, timeseriesSchema,
  type DriftReport, type FeatureDrift, type QualityReport, type Timeseries,
} from '../../../protocol/evaluation.ts';
export { alertsListSchema, type Alert } from '../../../protocol/alerts.ts';
