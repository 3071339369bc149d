'use client';

import { isFieldVisible, type FieldSpec } from '../schema-fields.ts';
import { getIn, type Path } from '../value-path.ts';
import { ParamField } from './ParamField.tsx';

/** The visible fields of one object (the params, a group, a list item, a union branch). */
export function FieldList({ fields, path, value }: { fields: readonly FieldSpec[]; path: Path; value: unknown }) {
  const siblings = (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  return (
    <>
      {fields.map((field) =>
        isFieldVisible(field, siblings, fields) ? <ParamField key={field.key} field={field} path={[...path, field.key]} value={getIn(siblings, [field.key])} /> : null,
      )}
    </>
  );
}
