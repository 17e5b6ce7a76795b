const KEY_LIKE = /\b(sk|pk|key|ak)-[A-Za-z0-9_*-]{8,}/g;

/**
 * Removes secrets from text that may reach errors, logs or events: every
 * occurrence of the given secrets, and anything shaped like an API key.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_LIKE, '$1-[redacted]');
}
