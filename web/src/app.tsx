import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context';
import { antdLocales, applyDateLocale } from './i18n/antd-locale';
import { I18nProvider, useI18n } from './i18n/i18n-context';
import { routes } from './routes';

// Calm: one muted blue, little radius, no gradients; dense enough for agents' screens.
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5f8b',
    colorInfo: '#1f5f8b',
    borderRadius: 6,
    fontSize: 14,
    colorBgLayout: '#f5f6f8',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemHeight: 40, itemMarginInline: 8, itemBorderRadius: 6 },
  },
};

const router = createBrowserRouter(routes);

function LocalizedApp() {
  const { locale } = useI18n();
  // Before the pickers render: their calendars read dayjs's global locale.
  applyDateLocale(locale);
  return (
    // autoInsertSpace off: centres write 登录, not 登 录, on their buttons.
    <ConfigProvider locale={antdLocales[locale]} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

export function KefuApp() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
