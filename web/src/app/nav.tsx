// Left navigation menu model: items per role, and which menu key a URL path belongs to.
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  BuildOutlined,
  CloudOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  FireOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  LineChartOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  ToolOutlined,
  UserOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { can, type Permission, type User } from '@hearth/contracts/auth';
import type { DictKey, TFunction } from '../shared/i18n.ts';

type NavLeaf = { path: string; key: DictKey; icon: ReactNode; permission?: Permission };
type NavGroup = { group: DictKey; children: NavLeaf[] };

const NAV: (NavLeaf | NavGroup)[] = [
  { path: '/', key: 'nav.overview', icon: <DashboardOutlined /> },
  {
    group: 'nav.monitoringGroup',
    children: [
      { path: '/monitoring', key: 'nav.monitoring', icon: <FundProjectionScreenOutlined /> },
      { path: '/alarms', key: 'nav.alarms', icon: <AlertOutlined />, permission: 'alarms.read' },
      { path: '/devices', key: 'nav.devices', icon: <WifiOutlined /> },
      { path: '/telemetry/quality', key: 'nav.quality', icon: <SafetyCertificateOutlined /> },
      {
        path: '/telemetry/dead-letters',
        key: 'nav.dead-letters',
        icon: <ExceptionOutlined />,
        permission: 'deadLetters.read',
      },
    ],
  },
  {
    group: 'nav.weatherGroup',
    children: [
      { path: '/weather', key: 'nav.weather', icon: <CloudOutlined /> },
      { path: '/raise-orders', key: 'nav.raise-orders', icon: <AlertOutlined /> },
      { path: '/forecast', key: 'nav.forecast', icon: <LineChartOutlined /> },
    ],
  },
  {
    group: 'nav.registry',
    children: [
      { path: '/enterprises', key: 'nav.enterprises', icon: <BankOutlined /> },
      { path: '/heat-sources', key: 'nav.heat-sources', icon: <FireOutlined /> },
      { path: '/stations', key: 'nav.stations', icon: <ClusterOutlined /> },
      { path: '/communities', key: 'nav.communities', icon: <ShopOutlined /> },
      { path: '/buildings', key: 'nav.buildings', icon: <BuildOutlined /> },
      { path: '/households', key: 'nav.households', icon: <HomeOutlined /> },
      { path: '/network', key: 'nav.network', icon: <NodeIndexOutlined /> },
      { path: '/departments', key: 'nav.departments', icon: <ApartmentOutlined /> },
      { path: '/repair-teams', key: 'nav.repair-teams', icon: <ToolOutlined /> },
    ],
  },
  {
    group: 'nav.system',
    children: [
      { path: '/users', key: 'nav.users', icon: <UserOutlined />, permission: 'users.manage' },
      { path: '/audit', key: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
    ],
  },
];

type MenuItem = NonNullable<MenuProps['items']>[number];

function leafItem(leaf: NavLeaf, t: TFunction): MenuItem {
  return { key: leaf.path, icon: leaf.icon, label: <Link to={leaf.path}>{t(leaf.key)}</Link> };
}

export function menuItems(user: User, t: TFunction): MenuItem[] {
  const allowed = (leaf: NavLeaf) => !leaf.permission || can(user.role, leaf.permission);
  const items: MenuItem[] = [];
  for (const entry of NAV) {
    if ('group' in entry) {
      const children = entry.children.filter(allowed).map((c) => leafItem(c, t));
      if (children.length > 0)
        items.push({ type: 'group', key: entry.group, label: t(entry.group), children });
    } else if (allowed(entry)) {
      items.push(leafItem(entry, t));
    }
  }
  return items;
}

const NETWORK_SEGMENTS = new Set(['network', 'network-nodes', 'pipes', 'valves']);

/** The menu key (a top-level path) that should be highlighted for a location. */
export function selectedMenuKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === '') return '/';
  if (NETWORK_SEGMENTS.has(first)) return '/network';
  if (first === 'telemetry')
    return pathname.split('/')[2] === 'quality' ? '/telemetry/quality' : '/telemetry/dead-letters';
  return `/${first}`;
}
