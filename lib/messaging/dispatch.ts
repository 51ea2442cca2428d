import type { Backend, SenderInfo } from './handlers';
import { ApiError } from '../services/http/errors';
import { inputSchemas, type MessageName } from './protocol';
import { fail, ok } from './result';

/** One message, handled: input parsed with zod, then the handler's value or error as a Result. */
export async function dispatch(
  backend: Backend,
  name: MessageName,
  data: unknown,
  sender: SenderInfo,
): Promise<unknown> {
  const input = inputSchemas[name].safeParse(data);
  if (!input.success) return fail(new ApiError({ kind: 'bad_request', detail: input.error.issues[0]?.message }));
  try {
    const handler = backend.handlers[name] as (input: unknown, sender: SenderInfo) => Promise<unknown>;
    const value = await handler(input.data, sender);
    // getStatus answers plainly; everything else as a Result.
    return name === 'getStatus' ? value : ok(value);
  } catch (error) {
    return fail(error);
  }
}
