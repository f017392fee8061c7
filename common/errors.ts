/**
 * The one error type that reaches clients. Only server/pgwire turns it into an ErrorResponse.
 * Anything else thrown is reported as XX000 internal_error.
 */
export interface QueryErrorOptions {
  readonly detail?: string;
  readonly hint?: string;
  /** 1-based character position in the statement text, as PostgreSQL reports it */
  readonly position?: number;
  readonly severity?: 'ERROR' | 'FATAL' | 'PANIC';
  readonly cause?: unknown;
  /** CONTEXT line (ErrorResponse field W), e.g. `COPY t, line 3, column a: "x"` */
  readonly context?: string;
}

export class QueryError extends Error {
  readonly sqlstate: string;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly position: number | undefined;
  readonly severity: 'ERROR' | 'FATAL' | 'PANIC';
  readonly context: string | undefined;

  constructor(sqlstate: string, message: string, options: QueryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QueryError';
    this.sqlstate = sqlstate;
    this.detail = options.detail;
    this.hint = options.hint;
    this.position = options.position;
    this.severity = options.severity ?? 'ERROR';
    this.context = options.context;
  }

  /** The same error with a position filled in (when it has none yet). */
  withPosition(position: number | undefined): QueryError {
    if (position === undefined || this.position !== undefined) return this;
    return new QueryError(this.sqlstate, this.message, { detail: this.detail, hint: this.hint, position, severity: this.severity, cause: this.cause, context: this.context });
  }
}

/** SQLSTATE codes used by Pier (PostgreSQL Appendix A). */
export const SQLSTATE = {
  successful_completion: '00000',
  warning: '01000',
  no_active_sql_transaction: '25P01',
  active_sql_transaction: '25001',
  in_failed_sql_transaction: '25P02',
  read_only_sql_transaction: '25006',
  feature_not_supported: '0A000',
  cardinality_violation: '21000',
  string_data_right_truncation: '22001',
  numeric_value_out_of_range: '22003',
  null_value_not_allowed: '22004',
  invalid_datetime_format: '22007',
  datetime_field_overflow: '22008',
  division_by_zero: '22012',
  invalid_parameter_value: '22023',
  invalid_text_representation: '22P02',
  invalid_escape_sequence: '22025',
  not_null_violation: '23502',
  check_violation: '23514',
  invalid_cursor_name: '34000',
  invalid_sql_statement_name: '26000',
  invalid_authorization_specification: '28000',
  invalid_password: '28P01',
  serialization_failure: '40001',
  syntax_error: '42601',
  insufficient_privilege: '42501',
  undefined_column: '42703',
  undefined_function: '42883',
  undefined_table: '42P01',
  undefined_object: '42704',
  undefined_parameter: '42P02',
  invalid_schema_name: '3F000',
  duplicate_table: '42P07',
  duplicate_schema: '42P06',
  duplicate_column: '42701',
  duplicate_object: '42710',
  ambiguous_column: '42702',
  ambiguous_function: '42725',
  datatype_mismatch: '42804',
  grouping_error: '42803',
  indeterminate_datatype: '42P18',
  invalid_column_reference: '42P10',
  wrong_object_type: '42809',
  invalid_table_definition: '42P16',
  dependent_objects_still_exist: '2BP01',
  cannot_coerce: '42846',
  protocol_violation: '08P01',
  query_canceled: '57014',
  admin_shutdown: '57P01',
  out_of_memory: '53200',
  program_limit_exceeded: '54000',
  io_error: '58030',
  internal_error: 'XX000',
  data_corrupted: 'XX001',
} as const;

export function internalError(message: string, cause?: unknown): QueryError {
  return new QueryError(SQLSTATE.internal_error, message, { cause });
}
