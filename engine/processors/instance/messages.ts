// MESSAGE PUBLISH (buffered for its time to live, unique messageId while buffered), MESSAGE EXPIRE
// (from the clock), and MESSAGE_CORRELATION CORRELATE (REST: correlate now or answer 404).
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';

export class MessageProcessors {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * The message side of a subscription a migration moved, as Zeebe's MessageSubscriptionMigrateProcessor: the
   * follow-up command's value becomes the MIGRATED event, under the subscription's key, unchecked.
   */
  migrateSubscription(command: EngineRecord<'MESSAGE_SUBSCRIPTION'>): void {
    this.ctx.w.appendEvent(command.key, 'MESSAGE_SUBSCRIPTION', 'MIGRATED', command.value);
  }

  publish(command: EngineRecord<'MESSAGE'>): void {
    const { w, state, keys, b } = this.ctx;
    const v = command.value;
    if (!v.name) return w.reject('INVALID_ARGUMENT', 'Expected a message name, but it was empty');
    if (v.timeToLive < 0)
      return w.reject(
        'INVALID_ARGUMENT',
        `Expected the time to live to be zero or more, but it was '${v.timeToLive}'`,
      );
    if (v.messageId && state.messages.existsWithId(v.name, v.correlationKey, v.messageId)) {
      return w.reject(
        'ALREADY_EXISTS',
        `Expected to publish a new message with id '${v.messageId}', but a message with that id was already published`,
      );
    }
    const key = keys.next();
    const message = { ...v, deadline: w.now + v.timeToLive };
    w.appendEvent(key, 'MESSAGE', 'PUBLISHED', message);
    w.respond({ key, tenantId: v.tenantId });
    b.messages.correlate(key, message);
    if (v.timeToLive <= 0) w.appendEvent(key, 'MESSAGE', 'EXPIRED', message);
  }

  expire(command: EngineRecord<'MESSAGE'>): void {
    const { w, state } = this.ctx;
    const message = state.messages.get(command.key);
    if (!message || message.value.deadline > w.now) {
      return w.reject(
        'INVALID_STATE',
        `Expected message '${command.key}' to be buffered and due to expire, but it is not`,
      );
    }
    w.appendEvent(command.key, 'MESSAGE', 'EXPIRED', message.value);
  }

  correlate(command: EngineRecord<'MESSAGE_CORRELATION'>): void {
    const { w, keys, b } = this.ctx;
    const v = command.value;
    if (!v.name) return w.reject('INVALID_ARGUMENT', 'Expected a message name, but it was empty');
    const key = keys.next();
    const message = {
      name: v.name,
      correlationKey: v.correlationKey,
      timeToLive: 0,
      messageId: '',
      variables: v.variables,
      deadline: w.now,
      tenantId: v.tenantId,
    };
    const result = b.messages.correlate(key, message);
    const processInstanceKey = result.startedInstanceKey ?? result.processInstanceKeys[0];
    if (processInstanceKey === undefined) {
      return w.reject(
        'NOT_FOUND',
        `Expected to find subscription for message with name '${v.name}' and correlation key '${v.correlationKey}', but none was found.`,
      );
    }
    w.appendEvent(key, 'MESSAGE_CORRELATION', 'CORRELATED', { ...v, messageKey: key, processInstanceKey });
    w.respond({ messageKey: key, tenantId: v.tenantId, processInstanceKey });
  }
}
