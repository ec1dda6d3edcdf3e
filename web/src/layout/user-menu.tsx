import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Space, Tag, type MenuProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { useAuth, useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';

export function UserMenu() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);

  async function signOut() {
    setLoggingOut(true);
    try {
      await logout();
    } catch (error) {
      // The local session is already cleared; tell the user the server may still hold theirs.
      void message.warning(describeApiError(error, t));
    }
    navigate('/login', { replace: true });
  }

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: t('header.signedInAs', { username: user.username }),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: loggingOut ? t('header.loggingOut') : t('header.logout'),
      disabled: loggingOut,
    },
  ];

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') void signOut();
        },
      }}
    >
      <Button type="text" aria-label={t('header.userMenu')} data-testid="user-menu" style={{ height: 40 }}>
        <Space size={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f5f8b' }} />
          <span>{user.displayName}</span>
          <Tag style={{ marginInlineEnd: 0 }}>{t(`role.${user.role}`)}</Tag>
          <DownOutlined style={{ fontSize: 10 }} aria-hidden />
        </Space>
      </Button>
    </Dropdown>
  );
}
