import { z } from 'zod';

// Shared input pieces: every id is a bounded string, every name trimmed and bounded.
export const Id = z.string().trim().min(1, 'must not be empty').max(64, 'is not a valid id');
export const Name = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
export const Description = z.string().max(2000, 'must be at most 2000 characters');
export const RoleInput = z.enum(['owner', 'editor', 'viewer']);
