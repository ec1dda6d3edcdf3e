import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Spin, type MenuProps } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { modulesFor } from '../auth/roles';
import { useI18n } from '../i18n/i18n-context';
import { BrandMark } from './brand-mark';
import { LanguageSwitch } from './language-switch';
import { moduleForPath, moduleNav } from './module-nav';
import { UserMenu } from './user-menu';

const collapsedStorageKey = 'kefu.nav.collapsed';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(collapsedStorageKey) === '1';
  } catch {
    return false;
  }
}

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="kefu-page-loading" role="status">
      <Spin />
      <span>{t('common.loading')}</span>
    </div>
  );
}

export function AppLayout() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const location = useLocation();
  const [savedCollapsed, setCollapsed] = useState(readCollapsed);
  // A phone (below Ant's `md`, 768 px): the menu is hidden until the header button opens it, so the
  // screen's 390 px go to the page; the saved desktop preference is left alone.
  const [narrow, setNarrow] = useState(false);
  const [openOnNarrow, setOpenOnNarrow] = useState(false);
  const collapsed = narrow ? !openOnNarrow : savedCollapsed;
  const current = moduleForPath(location.pathname);
  // On a phone the opened menu closes once a module is chosen.
  useEffect(() => setOpenOnNarrow(false), [location.pathname]);

  function toggleCollapsed() {
    if (narrow) {
      setOpenOnNarrow((was) => !was);
      return;
    }
    setCollapsed((was) => {
      try {
        window.localStorage.setItem(collapsedStorageKey, was ? '0' : '1');
      } catch {
        // Layout preference only.
      }
      return !was;
    });
  }

  // Labels are links so that keyboard users, middle-click and "open in new tab" all work.
  const items: MenuProps['items'] = modulesFor(user.role).map((key) => ({
    key,
    icon: moduleNav[key].icon,
    label: <Link to={moduleNav[key].path}>{t(moduleNav[key].label)}</Link>,
  }));

  return (
    <Layout className="kefu-shell">
      <Layout.Sider
        theme="light"
        width={208}
        collapsedWidth={narrow ? 0 : 64}
        collapsed={collapsed}
        breakpoint="md"
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setOpenOnNarrow(false);
        }}
        trigger={null}
        className="kefu-shell__sider"
      >
        <Link to="/" className="kefu-shell__brand" aria-label={t('app.name')}>
          <BrandMark size={30} />
          {!collapsed && <span className="kefu-shell__brand-name">{t('app.name')}</span>}
        </Link>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={items}
            style={{ borderInlineEnd: 'none' }}
            data-testid="main-nav"
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="kefu-shell__header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggleCollapsed}
            aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
            aria-expanded={!collapsed}
          />
          <span className="kefu-shell__title">{current ? t(moduleNav[current].label) : ''}</span>
          <div className="kefu-shell__header-actions">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="kefu-shell__content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
