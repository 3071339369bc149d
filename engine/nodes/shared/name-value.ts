import { z } from 'zod';

/** A `{ name, value }` row, as used for headers, query parameters and form fields (lists allow repeats). */
export const NameValueSchema = z.object({
  name: z.string().min(1).describe('Name'),
  value: z.union([z.string(), z.number(), z.boolean()]).describe('Value (expressions allowed)'),
});

export const NameValueListSchema = z.array(NameValueSchema).default([]);

export type NameValue = z.infer<typeof NameValueSchema>;
