/**
 * How Clearmark's contexts ask each other: a request type's rule (its payload schema and who may
 * send it), the types a table of rules and answers declares, the check every incoming message
 * passes before a handler sees it, and the sending side that never throws. The requests
 * themselves are declared by concern beside this module (library, saved, transfer, sync, content).
 */
import * as v from 'valibot';
import { describeFailure, isRecord } from '../checks';
import { errorMessage, fail, type Result } from '../result';

/** Who sent a message, as far as the receiver can tell. */
export type SenderKind = 'content' | 'extension';

/** A request type's payload (every field but `type`) and the contexts it is accepted from. */
export interface Rule<Payload extends v.GenericSchema = v.GenericSchema> {
  payload: Payload;
  from: readonly SenderKind[];
}
export const FROM_BOTH = ['content', 'extension'] as const;
/** Clearmark's own pages and background only: never a content script, which a page can reach. */
export const FROM_PAGES = ['extension'] as const;
export const FROM_CONTENT = ['content'] as const;

/** A rule: the payload's fields, and who may send it. */
export const rule = /*#__NO_SIDE_EFFECTS__*/ <T extends v.ObjectEntries>(fields: T, from: readonly SenderKind[]) => ({
  payload: v.object(fields, 'must be an object'),
  from,
});

/** The API a table of rules and a table of answers declare: each request's checked payload and its answer. */
export type ApiOf<Rules extends Record<string, Rule>, Answers extends { [K in keyof Rules]: unknown }> = {
  [K in keyof Rules]: { req: v.InferOutput<Rules[K]['payload']>; res: Answers[K] };
};

type Requests<Api> = { [K in keyof Api]: { type: K } & (Api[K] extends { req: infer R } ? R : never) };
/** Any request of an API. */
export type Message<Api> = Requests<Api>[keyof Api];
/** The request of one type. */
export type RequestOf<Api, K extends keyof Api> = Requests<Api>[K];
/** The answer one request type is declared to give. */
export type Answer<Api, K extends keyof Api> = Api[K] extends { res: infer R } ? R : never;

/**
 * One handler per request type, each checked by the compiler against its declared answer: a
 * handler that answers the wrong shape, or a request type without a handler, does not compile.
 */
export type Handlers<Api, Context = void> = {
  [K in keyof Api]: (
    request: RequestOf<Api, K>,
    context: Context,
  ) => Result<Answer<Api, K>> | Promise<Result<Answer<Api, K>>>;
};

/** Calls the handler for a checked request. */
export function dispatch<Api, Context>(handlers: Handlers<Api, Context>, request: Message<Api>, context: Context) {
  return handle(handlers, request.type, request, context);
}
function handle<Api, K extends keyof Api, Context>(
  handlers: Handlers<Api, Context>,
  type: K,
  request: RequestOf<Api, K>,
  context: Context,
) {
  return handlers[type](request, context);
}

/** Sends one request and awaits its typed answer; never throws. */
export type Ask<Api> = <K extends keyof Api>(
  request: Extract<Message<Api>, { type: K }>,
) => Promise<Result<Answer<Api, K>>>;

/**
 * The one way Clearmark's contexts ask each other: `transport` is `runtime.sendMessage` (to the
 * background) or `tabs.sendMessage` bound to a tab. An answer that never comes, or a side that
 * cannot be reached, is an `unreachable` failure in words for people (the caller's, in the
 * user's language), never a throw.
 */
export interface UnreachableWords {
  silent: () => string;
  unreachable: (reason: string) => string;
}
export function createAsk<Api>(transport: (message: unknown) => Promise<unknown>, words: UnreachableWords): Ask<Api> {
  return async <K extends keyof Api>(request: Extract<Message<Api>, { type: K }>): Promise<Result<Answer<Api, K>>> => {
    try {
      const answer = await transport(request);
      // Answers cross contexts as plain data; their shape was fixed by the handler's type on the other side.
      if (isRecord(answer) && typeof answer.ok === 'boolean') return answer as Result<Answer<Api, K>>;
      return fail('unreachable', words.silent());
    } catch (error) {
      return fail('unreachable', words.unreachable(errorMessage(error)));
    }
  };
}

/**
 * Checks a message against a table of rules: an object with a known `type`, from a sender the
 * type accepts, with every payload field as its schema says. Answers the checked fields only
 * (anything else the message carried is dropped), or why it was rejected.
 */
export function parseWith<M>(
  rules: Readonly<Record<string, Rule>>,
  message: unknown,
  sender: SenderKind | null,
): Result<M> {
  const rejected = (why: string) => fail('rejected', why);
  if (sender === null) return rejected('Rejected: the message did not come from Clearmark itself');
  if (!isRecord(message) || typeof message.type !== 'string')
    return rejected('Rejected: a message must be an object with a "type"');
  const type = message.type;
  const found = Object.hasOwn(rules, type) ? rules[type] : undefined;
  if (!found) return rejected(`Rejected: unknown message type "${type}"`);
  if (!found.from.includes(sender)) return rejected(`Rejected: "${type}" is not accepted from a ${sender} context`);
  const checked = v.safeParse(found.payload, message, { abortEarly: true });
  if (!checked.success)
    return rejected(`Rejected "${type}": ${describeFailure(found.payload, message) ?? 'is not valid'}`);
  // The schema of this type checked every field its request type names, and dropped the rest.
  return { ok: true, value: { ...(checked.output as object), type } as M };
}

/** The sender fields we look at (a subset of runtime.MessageSender, so tests need no browser). */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Classifies a sender: our own extension pages and background, our content scripts, or
 * anyone else (null). `extensionOrigin` is `runtime.getURL('')`.
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab) return 'content';
  return null;
}
