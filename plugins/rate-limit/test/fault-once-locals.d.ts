// The typed per-call local rate-limit-plugin.test.ts's fault-once middleware marks a call with.
// Kept in its own file, so the test file stays as it is.
export {};

declare module '@hotpath/protocol' {
  interface CallLocals {
    'fault-once:seen'?: boolean;
  }
}
