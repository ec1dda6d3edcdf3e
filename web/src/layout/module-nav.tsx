import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileTextOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { ModuleKey } from '../auth/roles';
import type { MessageKey } from '../i18n/messages';

interface ModuleNav {
  path: string;
  label: MessageKey;
  summary: MessageKey;
  icon: ReactNode;
}

export const moduleNav: Record<ModuleKey, ModuleNav> = {
  desk: { path: '/desk', label: 'nav.desk', summary: 'module.desk.summary', icon: <CustomerServiceOutlined /> },
  dashboard: {
    path: '/dashboard',
    label: 'nav.dashboard',
    summary: 'module.dashboard.summary',
    icon: <DashboardOutlined />,
  },
  quality: { path: '/quality', label: 'nav.quality', summary: 'module.quality.summary', icon: <AuditOutlined /> },
  tickets: { path: '/tickets', label: 'nav.tickets', summary: 'module.tickets.summary', icon: <FileTextOutlined /> },
  customers: { path: '/customers', label: 'nav.customers', summary: 'module.customers.summary', icon: <TeamOutlined /> },
  callbacks: { path: '/callbacks', label: 'nav.callbacks', summary: 'module.callbacks.summary', icon: <PhoneOutlined /> },
  reports: { path: '/reports', label: 'nav.reports', summary: 'module.reports.summary', icon: <BarChartOutlined /> },
  settings: { path: '/settings', label: 'nav.settings', summary: 'module.settings.summary', icon: <SettingOutlined /> },
  reviews: { path: '/reviews', label: 'nav.reviews', summary: 'module.reviews.summary', icon: <SafetyCertificateOutlined /> },
  knowledge: { path: '/knowledge', label: 'nav.knowledge', summary: 'module.knowledge.summary', icon: <BookOutlined /> },
  visits: { path: '/visits', label: 'nav.visits', summary: 'module.visits.summary', icon: <ShopOutlined /> },
};

/** The module a location belongs to, by its first path segment. */
export function moduleForPath(pathname: string): ModuleKey | undefined {
  const segment = pathname.split('/')[1] ?? '';
  return (Object.keys(moduleNav) as ModuleKey[]).find((key) => moduleNav[key].path === `/${segment}`);
}
