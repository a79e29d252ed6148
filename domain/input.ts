// Building blocks of the use cases' input schemas (zod) that more than one process's forms use.
import { z } from 'zod';

/** An optional text, trimmed, at most `max` characters; empty, null or missing all become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
