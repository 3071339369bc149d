import { NodeError } from '../../engine/errors.ts';

export const DataTableErrorCode = {
  TableNotFound: 'TABLE_NOT_FOUND',
  TableNameInvalid: 'TABLE_NAME_INVALID',
  RowNotFound: 'ROW_NOT_FOUND',
  InvalidField: 'INVALID_FIELD',
  InvalidFilter: 'INVALID_FILTER',
  InvalidQuery: 'INVALID_QUERY',
  InvalidRow: 'INVALID_ROW',
  KeyMissing: 'KEY_MISSING',
} as const;
export type DataTableErrorCode = (typeof DataTableErrorCode)[keyof typeof DataTableErrorCode];

/**
 * An expected data-table failure (missing table, bad filter, row without its key). A NodeError,
 * so a Data Table node that lets it through ends with this code and message; never retryable.
 */
export class DataTableError extends NodeError {
  override name = 'DataTableError';
  declare readonly code: DataTableErrorCode;

  constructor(code: DataTableErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { code, retryable: false, ...(details ? { details } : {}) });
  }
}
