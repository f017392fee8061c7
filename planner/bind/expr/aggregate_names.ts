/** Names of the aggregates besides count/sum/avg/min/max (typed in bind_aggregate_call.ts). */
export const EXTRA_AGGREGATES: readonly string[] = ['bool_and', 'bool_or', 'every', 'string_agg', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'percentile_cont', 'percentile_disc', 'mode', 'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg'];
