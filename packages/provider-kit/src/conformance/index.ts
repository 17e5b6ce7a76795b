import '@hotpath/protocol/assert-node';

export {
  type AgreementTarget,
  assertDialectAgreement,
  type ExpectedAnswer,
  streamingAgreementCases,
} from './agreement-cases.ts';
export {
  type ConformanceCase,
  type ConformanceTarget,
  type ConformanceUpstream,
  type ConformanceUpstreamStats,
  providerConformanceCases,
} from './provider-cases.ts';
export {
  loadRecordings,
  parseCapture,
  type RecordedAnswer,
  type RecordedResponse,
  type RecordingServer,
  serveRecordings,
} from './recordings.ts';
export {
  assertWellTypedDelta,
  assertWellTypedResult,
  assertWrongTypedFieldRefused,
  type FieldPath,
  fieldPaths,
  type WrongTypedSample,
  type WrongTypedTarget,
} from './wrong-typed-fields.ts';
