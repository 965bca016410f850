// Shows its children only to the given roles; others get a 403 result.
import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { Role } from '@hearth/contracts/auth';
import { hasRole, useUser } from '../../shared/user.ts';
import { useT } from '../../shared/i18n.ts';

export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useUser();
  const t = useT();
  if (!hasRole(user, roles)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
