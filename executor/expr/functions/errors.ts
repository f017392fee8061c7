import { QueryError, SQLSTATE } from '../../../common/errors.js';

export const divisionByZero = () => new QueryError(SQLSTATE.division_by_zero, 'division by zero');
export const outOfRange = (what: 'integer' | 'bigint' | 'smallint') => new QueryError(SQLSTATE.numeric_value_out_of_range, `${what} out of range`);
export const floatOverflow = () => new QueryError(SQLSTATE.numeric_value_out_of_range, 'value out of range: overflow');
