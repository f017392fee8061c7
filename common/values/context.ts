/** Session settings that change how values are parsed and printed. Plain data (goes to workers). */
export interface ValueContext {
  /** IANA zone name or a fixed offset like 'UTC', 'Europe/Oslo', '+02:00'. Default 'UTC'. */
  readonly timeZone: string;
  /** PostgreSQL DateStyle output: only 'ISO, MDY' is required now. */
  readonly dateStyle: string;
  /** extra_float_digits (PG default 1: shortest round-trip output). */
  readonly extraFloatDigits: number;
  /** IntervalStyle: 'postgres' (default). */
  readonly intervalStyle: string;
}

export const DEFAULT_VALUE_CONTEXT: ValueContext = {
  timeZone: 'UTC',
  dateStyle: 'ISO, MDY',
  extraFloatDigits: 1,
  intervalStyle: 'postgres',
};
