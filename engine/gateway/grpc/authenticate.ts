// Puts the engine's authentication in front of every gRPC method: the `authorization` metadata the SDKs send
// (`Basic …` for CAMUNDA_AUTH_STRATEGY=BASIC, `Bearer …` for OAUTH) is checked before the handler runs, and a
// caller without valid credentials gets UNAUTHENTICATED, as from Zeebe's gateway.
import * as grpc from '@grpc/grpc-js';
import type { EngineAuthenticator } from '../auth';

type AnyCall = { metadata: grpc.Metadata; emit(event: 'error', e: unknown): boolean };
type Handler = (call: AnyCall, callback?: (e: unknown) => void) => void;

export function authenticated<T extends object>(implementation: T, auth: EngineAuthenticator): T {
  if (!auth.enabled) return implementation;
  const guarded: Record<string, Handler> = {};
  for (const [name, handler] of Object.entries(implementation as Record<string, Handler>)) {
    guarded[name] = (call, callback) => {
      const header = call.metadata.get('authorization')[0];
      void auth.authenticate(header === undefined ? undefined : header.toString()).then((result) => {
        if (result.ok) return handler(call, callback);
        const error = Object.assign(new Error(result.reason), {
          code: grpc.status.UNAUTHENTICATED,
          details: result.reason,
          metadata: new grpc.Metadata(),
        });
        // Unary calls answer through the callback; a server stream ends with its status through 'error'.
        if (callback) callback(error);
        else call.emit('error', error);
      });
    };
  }
  return guarded as T;
}
