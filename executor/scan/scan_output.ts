/**
 * The output columns of a scan task (`ScanTask.output`, from a physical scan's `ScanOutput`,
 * planner/physical/nodes.ts): the task reads and filters on all of its `fields`, then keeps only these columns,
 * so the others (typically used only by the filter) are never copied by the row selection nor returned.
 */
import type { Field } from '../../common/types.js';
import type { Batch } from '../../common/vector.js';

/** The fields of the batches a task yields: `fields`, or the `output` ones of them in order. */
export function outputFields(fields: readonly Field[], output: readonly number[] | undefined): readonly Field[] {
  return output === undefined ? fields : output.map((i) => fields[i]!);
}

/** The output columns of a batch of read columns (no copy). */
export function selectOutput(b: Batch, output: readonly number[] | undefined): Batch {
  return output === undefined ? b : { length: b.length, columns: output.map((i) => b.columns[i]!) };
}
