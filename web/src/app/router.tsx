// Route table: /login, then the authenticated shell with overview, monitoring, devices, data quality, dead letters,
// weather, 升温令, load forecast, registry lists/details, network, users, audit.
// Route table: /login, then the authenticated shell with overview, monitoring, alarms, devices, data quality, dead letters,
// registry lists/details, network, users, audit.
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Loading } from '../shared/ui/PageState.tsx';
import { RoleGate } from '../features/auth/RoleGate.tsx';
import { AppLayout } from './AppLayout.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { RouteError } from './RouteError.tsx';

const LIST_RESOURCES: RegistryResourceName[] = [
  'enterprises',
  'heat-sources',
  'stations',
  'communities',
  'buildings',
  'households',
  'departments',
  'repair-teams',
];
const NETWORK_RESOURCES: RegistryResourceName[] = ['network-nodes', 'pipes', 'valves'];

const registryPages = () => import('../features/registry/pages.ts');

function registryRoutes(): RouteObject[] {
  const routes: RouteObject[] = [];
  for (const r of [...LIST_RESOURCES, ...NETWORK_RESOURCES]) {
    routes.push({
      path: `${r}/:id`,
      lazy: async () => {
        const { DetailPage } = await registryPages();
        return { element: <DetailPage key={r} resource={r} /> };
      },
    });
  }
  for (const r of LIST_RESOURCES) {
    routes.push({
      path: r,
      lazy: async () => {
        const { ListPage } = await registryPages();
        return { element: <ListPage key={r} resource={r} /> };
      },
    });
  }
  for (const r of NETWORK_RESOURCES)
    routes.push({ path: r, element: <Navigate to={`/network?tab=${r}`} replace /> });
  return routes;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading full />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../features/overview/OverviewPage.tsx')).OverviewPage,
            }),
          },
          {
            path: 'monitoring',
            lazy: async () => ({
              Component: (await import('../features/monitoring/MonitoringPage.tsx')).MonitoringPage,
            }),
          },
          {
            path: 'alarms',
            lazy: async () => {
              const { AlarmsPage } = await import('../features/alarms/AlarmsPage.tsx');
              return {
                element: (
                  <RoleGate permission="alarms.read">
                    <AlarmsPage />
                  </RoleGate>
                ),
              };
            },
          },
          {
            path: 'devices',
            lazy: async () => ({
              Component: (await import('../features/devices/DevicesPage.tsx')).DevicesPage,
            }),
          },
          {
            path: 'telemetry/quality',
            lazy: async () => ({
              Component: (await import('../features/monitoring/DataQualityPage.tsx')).DataQualityPage,
            }),
          },
          {
            path: 'telemetry/dead-letters',
            lazy: async () => {
              const { DeadLettersPage } = await import('../features/ingest/DeadLettersPage.tsx');
              return {
                element: (
                  <RoleGate permission="deadLetters.read">
                    <DeadLettersPage />
                  </RoleGate>
                ),
              };
            },
          },
          {
            path: 'weather',
            lazy: async () => ({
              Component: (await import('../features/weather/WeatherPage.tsx')).WeatherPage,
            }),
          },
          {
            path: 'forecast',
            lazy: async () => ({
              Component: (await import('../features/forecast/ForecastPage.tsx')).ForecastPage,
            }),
          },
          {
            path: 'raise-orders',
            lazy: async () => ({
              Component: (await import('../features/raise-orders/RaiseOrdersPage.tsx')).RaiseOrdersPage,
            }),
          },
          {
            path: 'raise-orders/:id',
            lazy: async () => ({
              Component: (await import('../features/raise-orders/RaiseOrderDetailPage.tsx'))
                .RaiseOrderDetailPage,
            }),
          },
          ...registryRoutes(),
          {
            path: 'network',
            lazy: async () => ({
              Component: (await import('../features/registry/NetworkPage.tsx')).NetworkPage,
            }),
          },
          {
            path: 'users',
            lazy: async () => {
              const { UsersPage } = await import('../features/users/UsersPage.tsx');
              return {
                element: (
                  <RoleGate permission="users.manage">
                    <UsersPage />
                  </RoleGate>
                ),
              };
            },
          },
          {
            path: 'audit',
            lazy: async () => {
              const { AuditPage } = await import('../features/audit/AuditPage.tsx');
              return {
                element: (
                  <RoleGate permission="audit.read">
                    <AuditPage />
                  </RoleGate>
                ),
              };
            },
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
