/** An embedded service could not start for a reason the operator can fix; `runMain` prints only its message. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
