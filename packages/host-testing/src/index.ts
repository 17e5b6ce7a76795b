import '@hotpath/protocol/assert-node';

export { createTestHost, type TestHost, type TestHostOptions } from './test-host.ts';
