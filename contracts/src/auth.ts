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

/** Every role: reading the registry, monitoring, the overview and the map. */
export const ALL_ROLES: readonly Role[] = ROLES;
/** The city's authority (主管部门) and the administrator. */
export const CITY_MANAGER_ROLES = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Roles that change registry data and device credentials (the server still applies the enterprise scope). */
export const REGISTRY_WRITER_ROLES = ['admin', 'supervisor', 'enterprise'] as const satisfies readonly Role[];
/** Account administration. */
export const ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];

/**
 * 权限 What each guarded capability needs, declared once: the server's route guards and the console's menu,
 * routes and buttons read the same lists.
 */
export const PERMISSIONS = {
  'users.manage': ADMIN_ROLES,
  'audit.read': CITY_MANAGER_ROLES,
  'deadLetters.read': CITY_MANAGER_ROLES,
  'registry.write': REGISTRY_WRITER_ROLES,
  /** enterprises and departments: the authority's own lists */
  'registry.writeOrganisation': CITY_MANAGER_ROLES,
  'devices.write': REGISTRY_WRITER_ROLES,
  'import.run': REGISTRY_WRITER_ROLES,
  /** station weather-compensation settings 气候补偿参数 (an enterprise its own stations) */
  'compensation.write': REGISTRY_WRITER_ROLES,
  /** weather observations and forecasts: import, provider refresh */
  'weather.import': CITY_MANAGER_ROLES,
  /** heating start/stop decision records 供热气候会商 */
  'weather.decide': CITY_MANAGER_ROLES,
  /** 升温令: issue, cancel, recheck */
  'raiseOrders.issue': CITY_MANAGER_ROLES,
  /** 报警中心: enterprise users read and handle their own alarms only */
  'alarms.read': ['admin', 'supervisor', 'enterprise', 'viewer'],
  'alarms.handle': REGISTRY_WRITER_ROLES,
  'alarmRules.read': CITY_MANAGER_ROLES,
  'alarmRules.write': CITY_MANAGER_ROLES,
  /** 诉求工单: read (scoped: an enterprise its own orders, a department the orders routed to it) */
  'workOrders.read': ALL_ROLES,
  /** 受理: the hotline desk and the authority take complaints */
  'workOrders.create': ['admin', 'supervisor', 'operator'],
  /** 派单 / re-dispatch after 退单, 并单 */
  'workOrders.dispatch': ['admin', 'supervisor', 'operator'],
  /** the handling unit's steps: 签收, 联系群众, 上门, 测温, 办结, 退单, pause (scoped to the unit's orders) */
  'workOrders.handle': ['admin', 'supervisor', 'enterprise', 'department'],
  /** 回访 (satisfaction) */
  'workOrders.callback': ['admin', 'supervisor', 'operator'],
  /** 督办, reopen, archive */
  'workOrders.supervise': CITY_MANAGER_ROLES,
  /** the responsibility table and the SLA rules */
  'workOrders.configure': CITY_MANAGER_ROLES,
  /** monthly statistics per handling unit (scoped like reads) */
  'workOrders.stats': ['admin', 'supervisor', 'department', 'enterprise', 'viewer'],
  /** Open311 client keys */
  'open311.keys': ADMIN_ROLES,
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * 个人信息 Personal data and the roles that see it in full; every other role reads it masked (张**,
 * 138****5678). Household owners: the authority and the enterprise serving them. Staff contacts (repair team
 * leaders): everyone who coordinates repairs; the read-only screen sees them masked.
 */
export const PERSONAL_DATA_ROLES = {
  householdOwner: ['admin', 'supervisor', 'enterprise'],
  staffContact: ['admin', 'supervisor', 'enterprise', 'department', 'operator'],
} as const satisfies Record<string, readonly Role[]>;
export type PersonalDataKind = keyof typeof PERSONAL_DATA_ROLES;

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

/**
 * The role rules of an account, on creation and on the result of an update: an enterprise user has an
 * enterprise and nobody else has one; a department user has a department.
 */
export function accountRoleIssues(u: {
  role: Role;
  enterpriseId?: number | null | undefined;
  departmentCode?: string | null | undefined;
}): { path: 'enterpriseId' | 'departmentCode'; message: string }[] {
  const issues: { path: 'enterpriseId' | 'departmentCode'; message: string }[] = [];
  const hasEnterprise = u.enterpriseId !== undefined && u.enterpriseId !== null;
  if (u.role === 'enterprise' && !hasEnterprise)
    issues.push({ path: 'enterpriseId', message: 'enterprise users need enterpriseId' });
  if (u.role !== 'enterprise' && hasEnterprise)
    issues.push({ path: 'enterpriseId', message: 'only enterprise users have enterpriseId' });
  if (u.role === 'department' && (u.departmentCode === undefined || u.departmentCode === null))
    issues.push({ path: 'departmentCode', message: 'department users need departmentCode' });
  return issues;
}

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
    for (const issue of accountRoleIssues(u))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type CreateUser = z.infer<typeof CreateUser>;

/**
 * A change to an account; unknown fields are refused. The role rules hold for the account after the change
 * (checked by the server); a role other than `enterprise` clears the enterprise unless one is given.
 * Changing the password, role, enterprise, department or active flag ends the account's sessions.
 */
export const UpdateUser = z.strictObject({
  displayName: z.string().trim().min(1).max(60).optional(),
  password: Password.optional(),
  active: z.boolean().optional(),
  role: Role.optional(),
  enterpriseId: z.number().int().positive().nullable().optional(),
  departmentCode: z.string().trim().min(1).max(40).nullable().optional(),
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
  /** the actor's display name 显示名 (username beside it) */
  actorName: z.string().nullable().optional(),
  /** the entity's name and code 名称/编码, from the registry or the record itself (deleted objects) */
  entityName: z.string().nullable().optional(),
  entityCode: z.string().nullable().optional(),
  /** names of the references in `changes`: `<resource>/<id>` (e.g. `enterprises/3`) and `departments/<code>` */
  names: z.record(z.string(), z.string()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
