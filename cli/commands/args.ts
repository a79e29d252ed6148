// A small `--name value` / `--flag` parser for the sub-commands, with a clear error for unknown options.

/** A mistake in the command line: reported with exit code 2. */
export class UsageError extends Error {}

export function parseArgs(
  args: string[],
  known: Record<string, 'string' | 'number' | 'boolean'>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const kind = known[name];
    if (!kind)
      throw new UsageError(
        `unknown option '--${name}' (known: ${
          Object.keys(known)
            .map((k) => '--' + k)
            .join(', ') || 'none'
        })`,
      );
    if (kind === 'boolean') {
      out[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`option '--${name}' needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isInteger(n) || n < 0)
        throw new UsageError(`option '--${name}' needs a non-negative integer, got '${value}'`);
      out[name] = n;
    } else out[name] = value;
  }
  return out;
}
