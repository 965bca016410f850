// Shows its children only to holders of a permission; others get a 403 result.
import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { Permission } from '@hearth/contracts/auth';
import { useCan } from '../../shared/user.ts';
import { useT } from '../../shared/i18n.ts';

export function RoleGate({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  const t = useT();
  if (!allowed) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
