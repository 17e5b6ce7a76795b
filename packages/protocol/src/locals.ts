/**
 * Typed per-call values: what plugins and the caller tell each other about one call (its cache
 * status, the upstream time, the file it is about …). Empty here; each plugin declares the keys
 * it writes by declaration merging, the way it declares its {@link Services}, so every reader
 * gets the writer's type and a key nobody declared is a compile error.
 *
 * Declare every key optional (`?:`): a call only carries the values someone wrote. A caller
 * passes its own object in the call options (`host.complete(request, { locals })`) and reads it
 * after the call; middleware reads and writes `ctx.locals`.
 *
 * @example
 * ```ts
 * // In the plugin that writes it:
 * declare module '@hotpath/protocol' {
 *   interface CallLocals {
 *     upstreamMs?: number; // milliseconds the upstream took
 *   }
 * }
 * context.wrap('complete', (next) => async (request, ctx) => {
 *   const started = performance.now();
 *   try { return await next(request, ctx); } finally { ctx.locals.upstreamMs = performance.now() - started; }
 * }, { order: 'post' });
 *
 * // In the application:
 * const locals: CallLocals = {};
 * await host.complete(request, { locals });
 * console.log(locals.upstreamMs);
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, like Services.
export interface CallLocals {}
