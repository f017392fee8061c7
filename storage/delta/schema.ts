/** Delta table schemas: the StructType JSON kept in metaData.schemaString. */

export type DeltaDataType = string | DeltaStructType | DeltaArrayType | DeltaMapType;

export interface DeltaStructField {
  readonly name: string;
  readonly type: DeltaDataType;
  readonly nullable: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface DeltaStructType {
  readonly type: 'struct';
  readonly fields: readonly DeltaStructField[];
}

export interface DeltaArrayType {
  readonly type: 'array';
  readonly elementType: DeltaDataType;
  readonly containsNull: boolean;
}

export interface DeltaMapType {
  readonly type: 'map';
  readonly keyType: DeltaDataType;
  readonly valueType: DeltaDataType;
  readonly valueContainsNull: boolean;
}

export function parseSchemaString(schemaString: string): DeltaStructType {
  let obj: unknown;
  try {
    obj = JSON.parse(schemaString);
  } catch (e) {
    throw new Error(`invalid Delta schemaString: ${(e as Error).message}`);
  }
  if (typeof obj !== 'object' || obj === null || (obj as { type?: unknown }).type !== 'struct' || !Array.isArray((obj as { fields?: unknown }).fields)) {
    throw new Error('invalid Delta schemaString: expected {"type":"struct","fields":[...]}');
  }
  const fields = (obj as { fields: unknown[] }).fields.map((f): DeltaStructField => {
    const o = f as Partial<DeltaStructField>;
    if (typeof o.name !== 'string' || o.type === undefined) throw new Error('invalid Delta schemaString: field without name or type');
    return { name: o.name, type: o.type, nullable: o.nullable ?? true, metadata: o.metadata ?? {} };
  });
  return { type: 'struct', fields };
}

export function schemaToString(schema: DeltaStructType): string {
  return JSON.stringify({
    type: 'struct',
    fields: schema.fields.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable, metadata: f.metadata })),
  });
}

/** True when `type` is or contains the primitive `name` (e.g. 'timestamp_ntz'). */
export function typeContains(type: DeltaDataType, name: string): boolean {
  if (typeof type === 'string') return type === name;
  switch (type.type) {
    case 'struct': return type.fields.some((f) => typeContains(f.type, name));
    case 'array': return typeContains(type.elementType, name);
    case 'map': return typeContains(type.keyType, name) || typeContains(type.valueType, name);
    default: return false;
  }
}

/** `decimal(12,2)` → {precision: 12, scale: 2}; null for other types. */
export function parseDecimalType(type: DeltaDataType): { precision: number; scale: number } | null {
  if (typeof type !== 'string') return null;
  const m = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(type);
  return m === null ? null : { precision: Number(m[1]), scale: Number(m[2]) };
}
