// The browser tests' wait for a value the page writes a moment later: it returns once the read equals what is
// expected, and a value that never comes fails as Jest's toEqual does, naming what was expected and what was read.
import { eventually } from './support/eventually';

/** A read that answers `before` until `ms` have passed, then `after`. */
const changing = <T>(before: T, after: T, ms: number) => {
  const at = Date.now() + ms;
  let reads = 0;
  return {
    read: async () => (reads++, Date.now() < at ? before : after),
    reads: () => reads,
  };
};

it('reads until the value equals the expected one, and returns it', async () => {
  const rows = changing(0, 2, 300);
  await expect(eventually(rows.read, 2)).resolves.toBe(2);
  expect(rows.reads()).toBeGreaterThan(1);
});

it('compares as toEqual does, asymmetric matchers included', async () => {
  const texts = changing(['旧'], ['新', '2026-11'], 200);
  await eventually(texts.read, ['新', '2026-11']);
  const status = changing<string | null>(null, '期满日：2027/03/04', 200);
  await expect(eventually(status.read, expect.stringMatching(/^期满日：/))).resolves.toBe(
    '期满日：2027/03/04',
  );
});

it('fails with Jest’s own message for the last value read once the time is up', async () => {
  const started = Date.now();
  const failure = await eventually(async () => 1, 2, 400).catch((e: Error) => e);
  expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  expect(failure).toBeInstanceOf(Error);
  // eslint-disable-next-line no-control-regex -- Jest colours its message when the terminal can
  const message = (failure as Error).message.replace(/\u001b\[\d+m/g, '');
  expect(message).toMatch(/toEqual[\s\S]*Expected: 2[\s\S]*Received: 1/);
});
