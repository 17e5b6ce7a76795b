import '@hotpath/protocol/assert-node';

export { type CallRecord, jsonLineSink, type LogSink } from './call-record.ts';
export { LoggingPluginArgumentError } from './errors.ts';
export { type CallLog, type LoggingPluginOptions, loggingPlugin } from './logging-plugin.ts';
