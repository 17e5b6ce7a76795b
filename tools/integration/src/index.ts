export { type FullHost, type FullHostOptions, startFullHost } from './full-host.ts';
export {
  type RecordedRequest,
  type RecordingProxy,
  startRecordingProxy,
} from './recording-proxy.ts';
