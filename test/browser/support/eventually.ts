// A page often writes a value a moment after the element the test waited for: a list reloaded after a save, a
// field its component fills after mounting, a page's content after its navigation. Reading it once then races
// the page; reading it until it is what the test expects does not, and a value that never comes still fails
// with Jest's own message for the last value read.

/**
 * Reads `read()` until it equals `expected` (Jest's `toEqual`, so `expect.stringMatching(…)` and the other
 * asymmetric matchers work too) and returns that value; after `ms` fails as `expect(last).toEqual(expected)`.
 */
export async function eventually<T>(read: () => Promise<T>, expected: unknown, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    try {
      expect(value).toEqual(expected);
      return value;
    } catch (mismatch) {
      if (Date.now() >= end) throw mismatch;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
