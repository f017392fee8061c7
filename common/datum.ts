/**
 * Datum: the JS value of one SQL value. Plain data only (no classes), so datums and anything
 * holding them (bound expressions, plan fragments) survive structured clone into worker threads.
 *
 * | SqlType                  | Datum                                                            |
 * |--------------------------|------------------------------------------------------------------|
 * | bool                     | boolean                                                          |
 * | int2, int4               | number (integral)                                                |
 * | int8                     | bigint                                                           |
 * | float4, float8           | number                                                           |
 * | numeric                  | Numeric  { unscaled: bigint, scale: number } = unscaled / 10^scale |
 * | text, varchar, bpchar, unknown | string                                                     |
 * | date                     | number: days since 1970-01-01 (may be negative)                  |
 * | timestamp                | bigint: microseconds since 1970-01-01 00:00:00 (no zone)         |
 * | timestamptz              | bigint: microseconds since 1970-01-01 00:00:00 UTC               |
 * | bytea                    | string: one char per byte (codes 0–255)                          |
 * | json, jsonb              | string: json as entered; jsonb normalised (json_format.ts)       |
 * | interval                 | Interval { months, days, micros: bigint }                        |
 * | array (of T)             | readonly Datum[] (one-dimensional, elements are T's datums/null)  |
 * | any, when NULL           | null                                                             |
 */

/** An exact decimal: value = unscaled × 10^-scale. `scale` is PostgreSQL's display scale (dscale), ≥ 0. */
export interface Numeric {
  readonly unscaled: bigint;
  readonly scale: number;
  /** PostgreSQL numeric also has 'NaN', 'Infinity', '-Infinity'; absent for ordinary values. */
  readonly special?: 'nan' | 'inf' | '-inf';
}

export interface Interval {
  readonly months: number;
  readonly days: number;
  readonly micros: bigint;
}

export type Datum = null | boolean | number | bigint | string | Numeric | Interval | readonly Datum[];

export function numeric(unscaled: bigint, scale: number): Numeric {
  return { unscaled, scale };
}
