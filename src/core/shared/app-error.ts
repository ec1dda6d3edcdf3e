/**
 * The one error type that crosses module boundaries. Codes are the contract's error codes;
 * the HTTP adapter maps them to statuses in one table (src/adapters/http/errors.ts) and the
 * CLI maps them to exit codes, so the core never knows about either.
 */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  /** Dotted path into the input, e.g. `customer.phone` or `utterances.3.text`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldError[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  static validation(message: string, fields?: FieldError[]): AppError {
    return new AppError('VALIDATION', message, fields);
  }
  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
  static conflict(message: string, fields?: FieldError[]): AppError {
    return new AppError('CONFLICT', message, fields);
  }
  static forbidden(message = 'Forbidden'): AppError {
    return new AppError('FORBIDDEN', message);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
