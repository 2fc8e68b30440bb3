import { RatioError } from '../domain/ratio';
import { ContractError } from './errors';
import { isMethodName, methods, type CallContext, type ContractHandlers, type MethodName, type MethodResults } from './methods';

/**
 * The single entry every transport uses: checks the method exists, validates the input
 * with the contract's schema, runs the handler, and turns domain errors into contract
 * errors. Transports add only framing (HTTP, IPC) and the caller's source.
 */
export async function dispatch(
  handlers: ContractHandlers,
  method: string,
  rawInput: unknown,
  context: CallContext,
): Promise<MethodResults[MethodName]> {
  if (!isMethodName(method)) throw new ContractError('UNKNOWN_METHOD', `unknown method "${method}"`);
  // No input at all means "no arguments"; anything else (null included) must be the input object.
  const parsed = methods[method].input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ContractError('INVALID_INPUT', `${method}: ${where}${issue.message}`);
  }
  try {
    const handler = handlers[method] as (input: unknown, context: CallContext) => Promise<MethodResults[MethodName]>;
    return await handler.call(handlers, parsed.data, context);
  } catch (error) {
    if (error instanceof RatioError) throw new ContractError('INVALID_INPUT', error.message);
    throw error;
  }
}
