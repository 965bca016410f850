// Roles, users, login and session contracts (SPEC §2).
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const ROLES = ['admin', 'supervisor', 'department', 'enterprise', 'operator', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** 角色 labels for the console. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '供热主管部门',
  department: '协同部门',
  enterprise: '供热企业',
  operator: '热线坐席',
  viewer: '只读/大屏',
};

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
export const Password = z.string().min(8, 'at least 8 characters').max(200);

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  enterpriseId: z.number().int().nullable(),
  departmentCode: z.string().nullable(),
  active: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const CreateUser = z
  .object({
    username: Username,
    password: Password,
    displayName: z.string().trim().min(1).max(60).optional(),
    role: Role,
    enterpriseId: z.number().int().positive().optional(),
    departmentCode: z.string().trim().min(1).max(40).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'enterprise' && u.enterpriseId === undefined)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'enterprise users need enterpriseId' });
    if (u.role !== 'enterprise' && u.enterpriseId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: 'only enterprise users have enterpriseId',
      });
    if (u.role === 'department' && u.departmentCode === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['departmentCode'],
        message: 'department users need departmentCode',
      });
  });
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  password: Password.optional(),
  active: z.boolean().optional(),
});
export type UpdateUser = z.infer<typeof UpdateUser>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), expiresAt: Timestamp, user: User });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Timestamp,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
