export { diffErrorCodes } from './error-codes.ts';
export { type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.ts';
