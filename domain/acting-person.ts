// The person on whose behalf a worker acts. The web adds this one reserved variable to every user-task
// completion and every start-form start it makes, so the worker that carries out the completion (a weekly report's sign-off, a lead's
// review) can name that person in the domain audit instead of only `worker:<job type>`. Nobody else may set
// it: the web refuses a submission that carries it, and the workers trust it only for the user tasks their
// handler declares (workers/runtime/acting-person.ts).
import { z } from 'zod';

export const actingPersonVariable = 'zhuanbanActor';

export const actingPersonSchema = z.object({
  userId: z.number().int().positive(),
  username: z.string().min(1),
  /** The completed user task; null for a start form (elementId is then the process's start event). */
  userTaskKey: z.string().regex(/^\d+$/).nullable(),
  elementId: z.string().min(1),
});

export type ActingPerson = z.infer<typeof actingPersonSchema>;
