import { Suspense, lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Navigate, useLocation, type RouteObject } from 'react-router-dom';
import { useAuth, useCurrentUser } from './auth/auth-context';
import { LoginPage } from './auth/login-page';
import { canOpenModule, homePathFor, moduleKeys, type ModuleKey } from './auth/roles';
import { AppLayout, PageLoading } from './layout/app-layout';
import { RouteErrorPage } from './shared/route-error-page';

// One chunk per module: the first screen loads only the shell and the login page.
const modulePages: Record<ModuleKey, LazyExoticComponent<ComponentType>> = {
  desk: lazy(() => import('./desk/desk-page').then((m) => ({ default: m.DeskPage }))),
  dashboard: lazy(() => import('./dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage }))),
  quality: lazy(() => import('./quality/quality-page').then((m) => ({ default: m.QualityPage }))),
  tickets: lazy(() => import('./tickets/tickets-page').then((m) => ({ default: m.TicketsPage }))),
  customers: lazy(() => import('./customers/customers-page').then((m) => ({ default: m.CustomersPage }))),
  callbacks: lazy(() => import('./callbacks/callbacks-page').then((m) => ({ default: m.CallbacksPage }))),
  reports: lazy(() => import('./reports/reports-page').then((m) => ({ default: m.ReportsPage }))),
  settings: lazy(() => import('./settings/settings-page').then((m) => ({ default: m.SettingsPage }))),
  reviews: lazy(() => import('./reviews/reviews-page').then((m) => ({ default: m.ReviewsPage }))),
  knowledge: lazy(() => import('./knowledge/knowledge-page').then((m) => ({ default: m.KnowledgePage }))),
  visits: lazy(() => import('./visits/visits-page').then((m) => ({ default: m.VisitsPage }))),
};

const KioskDisplayScreen = lazy(() => import('./visits/display-screen').then((m) => ({ default: () => <m.DisplayScreen kiosk /> })));

/** The wall display belongs to the walk-in module: the same roles open it. */
function KioskDisplay() {
  const user = useCurrentUser();
  if (!canOpenModule(user.role, 'visits')) return <ForbiddenPage module="visits" />;
  return <KioskDisplayScreen />;
}

const ForbiddenPage = lazy(() => import('./shared/status-pages').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('./shared/status-pages').then((m) => ({ default: m.NotFoundPage })));

function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'checking') return <PageLoading />;
  if (state.status === 'anonymous') {
    const from = state.reason === 'logged-out' ? undefined : location.pathname + location.search + location.hash;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  return children;
}

function ModuleRoute({ module }: { module: ModuleKey }) {
  const user = useCurrentUser();
  if (!canOpenModule(user.role, module)) return <ForbiddenPage module={module} />;
  const Page = modulePages[module];
  return <Page />;
}

function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={homePathFor(user.role)} replace />;
}

function LoginRoute() {
  const { state } = useAuth();
  return state.status === 'checking' ? <PageLoading /> : <LoginPage />;
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute />, errorElement: <RouteErrorPage /> },
  // The waiting-room wall display: the whole screen, no menus (a kiosk browser signed in as reception).
  {
    path: '/kiosk/visits',
    element: (
      <RequireSession>
        <Suspense fallback={<PageLoading />}>
          <KioskDisplay />
        </Suspense>
      </RequireSession>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...moduleKeys.map((module) => ({
        path: `${module}/*`,
        element: <ModuleRoute module={module} />,
        errorElement: <RouteErrorPage />,
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
