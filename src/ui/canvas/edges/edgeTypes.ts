import type { EdgeTypes } from '@xyflow/react';
import { CountEdge } from './CountEdge';

/** Defined once at module level, like NODE_TYPES. */
export const EDGE_TYPES: EdgeTypes = {
  count: CountEdge,
};
