// Shared wire shapes: ids, pagination, error envelope, GeoJSON geometry.
import { z } from 'zod';

export const Id = z.coerce.number().int().positive();

/** Query string of every list endpoint: 1-based page, bounded page size, free-text `q`, `sort` as `field` or `-field`. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(64).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** true: `total` is an estimate (lists past 100,000 matching rows); absent or false: exact */
    totalIsEstimate: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export type Page<T> = {
  items: T[];
  total: number;
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
};

export const ErrorDetail = z.object({
  line: z.number().int().optional(),
  column: z.string().optional(),
  path: z.string().optional(),
  reason: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** Every non-2xx answer: a stable machine code (`work_order.not_found`) and a human message. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** WGS-84 longitude/latitude pair. */
export const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const LineStringGeometry = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(Position).min(2),
});
export type PointGeometry = z.infer<typeof PointGeometry>;
export type LineStringGeometry = z.infer<typeof LineStringGeometry>;

export const Longitude = z.number().min(-180).max(180);
export const Latitude = z.number().min(-90).max(90);
export const Timestamp = z.string().describe('ISO 8601 UTC timestamp');
