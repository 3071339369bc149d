import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { JsonObject } from '../../../engine/items.ts';
import { DataTableAdmin } from '../../data-tables/data-table-admin.ts';
import { DataTableError } from '../../data-tables/data-table-error.ts';
import { MAX_TABLE_NAME } from '../../data-tables/table-names.ts';
import { Id } from '../schemas.ts';
import { memberProcedure, router } from '../trpc.ts';

const TableName = z.string().trim().min(1, 'must not be empty').max(MAX_TABLE_NAME, `must be at most ${MAX_TABLE_NAME} characters`);
const RowData = z.record(z.string().max(200), z.unknown()).refine((d) => Object.keys(d).length <= 500, 'has more than 500 columns');
const Filter = z.object({
  field: z.string().max(200),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'exists', 'notExists']),
  value: z.unknown().optional(),
});
const TableRef = z.object({ workspaceId: Id, tableId: Id });
const RowRef = TableRef.extend({ rowId: Id });

/** Store failures keep their message; missing tables and rows are NOT_FOUND, the rest BAD_REQUEST. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof DataTableError)) throw err;
    const notFound = err.code === 'TABLE_NOT_FOUND' || err.code === 'ROW_NOT_FOUND';
    throw new TRPCError({ code: notFound ? 'NOT_FOUND' : 'BAD_REQUEST', message: err.message, cause: err });
  }
}

/**
 * Workspace data tables for the Data tables page. Viewers read tables and rows; editors
 * create, rename and delete tables and add, change and delete rows. A table name already
 * taken in the workspace is CONFLICT.
 */
export const dataTableRouter = router({
  list: memberProcedure('viewer')
    .input(z.object({ workspaceId: Id }))
    .query(({ ctx, input }) => new DataTableAdmin(ctx.db).list(input.workspaceId)),

  create: memberProcedure('editor')
    .input(z.object({ workspaceId: Id, name: TableName, columns: z.array(z.string().max(200)).max(200).optional() }))
    .mutation(({ ctx, input }) => mapped(() => new DataTableAdmin(ctx.db).create(input.workspaceId, input.name, input.columns))),

  rename: memberProcedure('editor')
    .input(TableRef.extend({ name: TableName }))
    .mutation(({ ctx, input }) => mapped(() => new DataTableAdmin(ctx.db).rename(input.workspaceId, input.tableId, input.name))),

  delete: memberProcedure('editor')
    .input(TableRef)
    .mutation(async ({ ctx, input }) => {
      await mapped(() => new DataTableAdmin(ctx.db).delete(input.workspaceId, input.tableId));
      return { deleted: true };
    }),

  /** A page of rows (creation order unless `orderBy`), the number matching, and the columns to show. */
  rows: memberProcedure('viewer')
    .input(
      TableRef.extend({
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
        filters: z.array(Filter).max(20).optional(),
        search: z.string().max(200).optional(),
        orderBy: z.object({ field: z.string().max(200), direction: z.enum(['asc', 'desc']) }).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      mapped(async () => {
        const admin = new DataTableAdmin(ctx.db);
        const table = await admin.get(input.workspaceId, input.tableId);
        const page = await admin.rows(input.workspaceId, input.tableId, {
          offset: input.offset,
          limit: input.limit,
          ...(input.filters ? { filters: input.filters } : {}),
          ...(input.search ? { search: input.search } : {}),
          ...(input.orderBy ? { orderBy: input.orderBy } : {}),
        });
        return { table: { id: table.id, name: table.name, rowCount: table.rowCount }, ...page };
      }),
    ),

  insertRow: memberProcedure('editor')
    .input(TableRef.extend({ data: RowData }))
    .mutation(({ ctx, input }) => mapped(() => new DataTableAdmin(ctx.db).insertRow(input.workspaceId, input.tableId, input.data as JsonObject))),

  /** Replaces the row's data; `merge: true` merges the given columns into it instead. */
  updateRow: memberProcedure('editor')
    .input(RowRef.extend({ data: RowData, merge: z.boolean().default(false) }))
    .mutation(({ ctx, input }) =>
      mapped(() => new DataTableAdmin(ctx.db).updateRow(input.workspaceId, input.tableId, input.rowId, input.data as JsonObject, input.merge)),
    ),

  deleteRow: memberProcedure('editor')
    .input(RowRef)
    .mutation(async ({ ctx, input }) => {
      await mapped(() => new DataTableAdmin(ctx.db).deleteRow(input.workspaceId, input.tableId, input.rowId));
      return { deleted: true };
    }),
});
