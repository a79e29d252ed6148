// Zeebe's gateways give up waiting for the broker's answer to a command after its request timeout
// (`requestTimeout`, 15 s by default). Here only commands the engine holds — a user task transition or
// a variable update waiting for its task listeners — can take that long; the command itself goes on.
export const DEFAULT_REQUEST_TIMEOUT_MILLIS = 15_000;

/** The answer, or `timedOut()` thrown when it has not come within `millis` (the answer still comes, unheard). */
export async function within<T>(answer: Promise<T>, millis: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), millis);
  });
  try {
    return await Promise.race([answer, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** A duration as Java prints it (`PT15S`, `PT1.5S`), for Zeebe's timeout message. */
export function javaDuration(millis: number): string {
  return `PT${millis / 1000}S`;
}
