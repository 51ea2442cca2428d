import { ApiError } from '../services/http/errors';
import {
  type Handlers,
  type MessageName,
  messages,
  type ParsedInputOf,
  type ReplyOf,
  type SenderInfo,
} from './protocol';
import { fail, ok, type Result } from './result';

/** One message, handled: input parsed with zod, then the handler's value or error as a Result. */
export async function dispatch<K extends MessageName>(
  backend: { handlers: Handlers },
  name: K,
  data: unknown,
  sender: SenderInfo,
): Promise<Result<ReplyOf<K>>> {
  const input = messages[name].input.safeParse(data);
  if (!input.success) return fail(new ApiError({ kind: 'bad_request', detail: input.error.issues[0]?.message }));
  try {
    // The table ties each name to its input and reply; TypeScript cannot follow that through `name`.
    const handler = backend.handlers[name] as (input: ParsedInputOf<K>, sender: SenderInfo) => Promise<ReplyOf<K>>;
    return ok(await handler(input.data as ParsedInputOf<K>, sender));
  } catch (error) {
    return fail(error);
  }
}
