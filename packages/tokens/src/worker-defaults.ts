// Defaults of the worker pool, each measured on the development machine (see the README).

/**
 * Texts shorter than this many characters are tokenized inline: below it a worker round trip
 * costs more than it saves. Measured on the development machine (see the README, "Crossover").
 */
export const DEFAULT_INLINE_THRESHOLD = 16_384;
/**
 * Payloads shorter than this many bytes or characters are hashed inline. On the development
 * machine the pool never out-ran inline hashing up to 4 MB (see the README, "Crossover"), so
 * only larger payloads go to a thread; lower it to trade throughput for a free event loop.
 */
export const DEFAULT_HASH_INLINE_THRESHOLD = 8_388_608;
