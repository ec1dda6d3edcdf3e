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

/**
 * What is wrong with a field, as a stable code the web words in the reader's language
 * (`fieldError.<code>` in web/src/i18n/messages.ts) with the `params` it names; `message` stays the
 * server's own sentence for API clients, logs and the CLI. A field error without a code is shown by
 * its message. Codes are added, never renamed (CONTRACT.md).
 */
export const fieldErrorCodes = [
  /** Empty or missing. */
  'required',
  /** Not the JSON type expected: params `expected`. */
  'invalid_type',
  /** Text shorter / longer than allowed: params `minimum` / `maximum` (characters). */
  'too_short',
  'too_long',
  /** A list with too few / too many items: params `minimum` / `maximum`. */
  'too_few',
  'too_many',
  /** A number below / above the range: params `minimum` / `maximum`. */
  'too_small',
  'too_big',
  /** Not in the expected form (a time, an e-mail address, a pattern): params `format` where known. */
  'invalid_format',
  /** Not one of the allowed values: params `values` (comma-separated). */
  'one_of',
  /** Fields the route does not take: params `keys`. */
  'unknown_keys',
  /** Not a phone number that can be dialled. */
  'invalid_phone',
  /** The record it names does not exist (or is not active). */
  'not_found',
  /** An end (time, date, period) that is not after its start: params `start` where known (the form shows it beside). */
  'ends_before_start',
  /** An interval that starts and ends at the same time (a do-not-call span). */
  'zero_length',
  /** An interval that overlaps another of the same list or channel: params `with` (the other). */
  'overlaps',
  /** A setting that only applies together with another: params `setting` (the one it needs). */
  'only_with',
  /** Call events in an order no call can have: params `event` (at the impossible time) and `other` (CTI event types). */
  'out_of_order',
  /** A recording reference that is neither an http(s) address nor a plain path under the recordings directory. */
  'invalid_recording',
  /** A recording path given while no recordings directory is configured: only a full http(s) address will do. */
  'recording_needs_url',
  /** A new password shorter than the policy's minimum: params `minimum` (characters). */
  'password_too_short',
  /** A new password equal to the user name. */
  'password_same_as_username',
  /** A new password on the list of the most common ones. */
  'password_common',
  /** The current password given to change one's own is wrong. */
  'wrong_password',
  /** A user name outside 2–64 letters, digits, `.`, `_`, `-` (starting with a letter or digit). */
  'invalid_username',
  /** The user may not name themself here (handing a visit to oneself). */
  'not_self',
  /** A file of a type not taken: params `values` (the types that are). */
  'file_type',
  /** A callback rule that selects no one who may be called: params `matched` (customers it matched before the skips). */
  'selects_none',
  /** No callable time for the number in the callback period: params `first`, `last` (local dates). */
  'no_callable_time',
  /** The team has no agents to give the work to: params `team` where known. */
  'no_agents',
  /** The callback task is closed and takes no more attempts or assignments. */
  'task_closed',
  /** The campaign already has planned tasks, so its rule and type stay as they are. */
  'campaign_planned',
  /** A supervisor may act for their own team only: params `team` (theirs). */
  'own_team_only',
  /** The call was not placed for this callback task. */
  'call_not_linked',
  /** An attempt already records this call. */
  'call_already_recorded',
  /** The call was never answered, so the customer cannot have been reached. */
  'call_not_answered',
  /** An attempt's time must lie after the task's creation (or its last attempt) and before now. */
  'attempt_time',
  /** A quality check that does not apply to this call (the engine judged it n/a). */
  'check_not_applicable',
  /** A check appealed that did not fail: nothing to appeal. */
  'check_not_failed',
  /** A check named in a decision that the appeal did not name. */
  'check_not_appealed',
  /** A recognizer result that is not from the recognizer chosen: params `from`, and `guess` (the one it looks like) with `looks_like_recognizer`. */
  'wrong_recognizer',
  'looks_like_recognizer',
  /** No sentence on the agent's channel: params `channel` (the agent's) and `channels` (those present). */
  'no_agent_channel',
  /** The same value given twice in one list. */
  'duplicate',
  /** The value already belongs to another record: params `by` (that record's code or name) where it may be shown. */
  'taken',
  /** Not a date that exists, written YYYY-MM-DD (`2026-02-30`, `2026/5/1`). */
  'invalid_date',
  /** Not a time of day written HH:MM on the 24-hour clock. */
  'invalid_time',
  /** Not a typed duration: a number and a unit h (clock hours), wd (working days) or bh (business hours). */
  'invalid_duration',
  /** Not a time zone the server knows (IANA names such as Asia/Shanghai). */
  'unknown_time_zone',
  /** The default calendar cannot stop being the default: another one must be made the default instead. */
  'default_required',
  /** A working day with no business hours. */
  'no_business_hours',
  /** A date outside the year it is listed for: params `year`. */
  'not_in_year',
  /** Someone saved a newer version since this edit began: params `current` (that version). */
  'stale_version',
  /** A bulletin in force the user has not acknowledged: params `title`, `version`, `effectiveDate`. */
  'unread_bulletin',
  /** A standard pack's text is not YAML/JSON (a `line` names where the parser stopped). */
  'invalid_yaml',
  /** A standard pack names a phrase set it does not define: params `name`. */
  'unknown_phrase_set',
  /** A standard pack's phrase uses a `{variable}` it does not define: params `name`. */
  'unknown_variable',
  /** Not a regular expression the engine can compile. */
  'invalid_regex',
  /** A phrase set with neither phrases nor regex: it could never match. */
  'empty_phrase_set',
  /** A lower bound above its upper bound: params `min`, `max`. */
  'min_above_max',
  /** A rule's `scope.after: when` without a `when` condition. */
  'requires_when',
  /** A standard pack's callback hours that leave no minute to call on a working day (or on the first one after days off). */
  'no_calling_hours',
  /** A time that must lie in the future does not. */
  'not_in_future',
  /** A ticket description too vague to act on (PH-RECORD). */
  'vague_description',
  /** Anything else: shown by its message. */
  'invalid',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];
export type FieldErrorParams = Record<string, string | number>;

export interface FieldError {
  /** Dotted path into the input, e.g. `customer.phone` or `utterances.3.text`. */
  path: string;
  message: string;
  code?: FieldErrorCode;
  params?: FieldErrorParams;
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
