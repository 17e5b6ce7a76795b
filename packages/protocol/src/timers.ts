/**
 * The longest delay a Node.js timer honours: 2³¹ − 1 ms (about 24.8 days). A longer delay given to
 * `setTimeout` or `setInterval` fires after 1 ms instead, with a `TimeoutOverflowWarning`, so
 * every duration option either refuses values above it or caps a wait at it.
 */
export const MAX_TIMER_MS: number = 2 ** 31 - 1;
