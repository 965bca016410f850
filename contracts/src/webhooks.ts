// Webhook outbox 外部推送: the deliveries supervisors list and retry (the outbox itself lives in the server).
import { z } from 'zod';
import { PageQuery, Timestamp, pageOf } from './common.ts';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const WebhookDeliveryStatus = z.enum(WEBHOOK_DELIVERY_STATUSES);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: '待发送',
  delivered: '已送达',
  failed: '发送失败',
};

/** One event in the outbox and where its delivery stands. */
export const WebhookDelivery = z.object({
  id: z.number().int(),
  /** the event id sent as `X-Hearth-Event-Id` (a receiver drops an id it has seen: at-least-once delivery) */
  eventId: z.string().describe('事件编号 / event id'),
  topic: z.string().describe('主题 / topic, e.g. alarm.raised'),
  status: WebhookDeliveryStatus.describe('状态 / status'),
  attempts: z.number().int().describe('已尝试次数 / attempts made'),
  /** HTTP status of the last attempt (null: no answer — timeout or connection error) */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable().describe('最近错误 / last error'),
  nextAttemptAt: Timestamp.nullable().describe('下次尝试 / next attempt (pending only)'),
  deliveredAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  payload: z.unknown().describe('事件内容 / the event payload'),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  status: WebhookDeliveryStatus.optional(),
  topic: z.string().trim().max(100).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;

export const WebhookDeliveryPage = pageOf(WebhookDelivery);
