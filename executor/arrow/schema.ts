/** Arrow schema → Pier fields (for read_parquet and for Parquet files of Delta tables). */
import { type DataType, type Field as ArrowField, type Schema, Type } from 'apache-arrow';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { type Field, type SqlType, T, arrayType, numericType } from '../../common/types.js';

/** The Pier type of an Arrow type; 0A000 for types Pier has no equivalent of. */
export function sqlTypeFromArrow(type: DataType, columnName = '?'): SqlType {
  switch (type.typeId) {
    case Type.Bool: return T.bool;
    case Type.Int: {
      const t = type as unknown as { bitWidth: number; isSigned: boolean };
      if (t.isSigned) return t.bitWidth <= 16 ? T.int2 : t.bitWidth === 32 ? T.int4 : T.int8;
      return t.bitWidth <= 8 ? T.int2 : t.bitWidth === 16 ? T.int4 : t.bitWidth === 32 ? T.int8 : numericType(20, 0);
    }
    case Type.Float: {
      const p = (type as unknown as { precision: number }).precision;
      return p === 2 ? T.float8 : T.float4;
    }
    case Type.Decimal: {
      const t = type as unknown as { precision: number; scale: number };
      return numericType(t.precision, t.scale);
    }
    case Type.Utf8: case Type.LargeUtf8: return T.text;
    case Type.Dictionary: return sqlTypeFromArrow((type as unknown as { dictionary: DataType }).dictionary, columnName);
    case Type.Date: return T.date;
    case Type.Timestamp: return (type as unknown as { timezone?: string | null }).timezone ? T.timestamptz : T.timestamp;
    case Type.Null: return T.text;
    case Type.Binary: case Type.LargeBinary: case Type.FixedSizeBinary: return T.bytea;
    case Type.List: case Type.LargeList: case Type.FixedSizeList: {
      // lists of scalars → arrays of them; lists of nested values → jsonb[] (executor/arrow/nested_from_arrow.ts)
      const child = (type as unknown as { children: { type: DataType }[] }).children[0]!.type;
      const nested = [Type.List, Type.LargeList, Type.FixedSizeList, Type.Struct, Type.Map].includes(child.typeId);
      return arrayType(nested ? T.jsonb : sqlTypeFromArrow(child, columnName));
    }
    case Type.Struct: case Type.Map: return T.jsonb;
    default:
      throw new QueryError(SQLSTATE.feature_not_supported, `column "${columnName}" has unsupported Parquet/Arrow type ${String(type)}`);
  }
}

export function fieldFromArrow(f: ArrowField): Field {
  return { name: f.name, type: sqlTypeFromArrow(f.type as DataType, f.name), nullable: f.nullable };
}

export function fieldsFromArrowSchema(schema: Schema): Field[] {
  return schema.fields.map((f) => fieldFromArrow(f as ArrowField));
}

