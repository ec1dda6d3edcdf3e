import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type HttpApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

// The error and user shapes live in the contract (src/contract/); re-exported under their old names.
export { errorBodySchema as errorSchema } from '../../contract/common.js';
export { userSchema } from '../../contract/users.js';
