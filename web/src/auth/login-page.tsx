import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { describeLoginError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { BrandMark } from '../layout/brand-mark';
import { LanguageSwitch } from '../layout/language-switch';
import { moduleForPath } from '../layout/module-nav';
import { useAuth } from './auth-context';
import { canOpenModule, homePathFor, type Role } from './roles';

interface LoginFields {
  username: string;
  password: string;
}

/**
 * Where the user was going before being sent to log in: only a path inside this app (never another
 * site) and only a module this user's role may open; otherwise the role's home.
 */
function landingPath(state: unknown, role: Role): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? (state as { from: unknown }).from : undefined;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return homePathFor(role);
  const module = moduleForPath(from);
  return module && canOpenModule(role, module) ? from : homePathFor(role);
}

export function LoginPage() {
  const { state, login } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginFields>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (state.status === 'authenticated') {
    return <Navigate to={landingPath(location.state, state.user.role)} replace />;
  }

  async function submit(fields: LoginFields) {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(fields.username.trim(), fields.password);
      navigate(landingPath(location.state, user.role), { replace: true });
    } catch (failure) {
      setError(describeLoginError(failure, t));
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  }

  const notice = state.status === 'anonymous' && state.reason === 'session-expired' && !error;

  return (
    <div className="kefu-login">
      <div className="kefu-login__language">
        <LanguageSwitch />
      </div>
      <main className="kefu-login__main">
        {/* Plain elements rather than Card/Typography: those pull Tabs and the text editor into the
            first screen's JavaScript, which has a 350 KB gzip budget. */}
        <div className="kefu-login__brand">
          <BrandMark size={44} />
          <div>
            <div className="kefu-login__product">{t('app.name')}</div>
            <div className="kefu-text-secondary">{t('app.tagline')}</div>
          </div>
        </div>
        <section className="kefu-login__card" aria-labelledby="login-title">
          <h1 id="login-title" className="kefu-login__title">
            {t('login.title')}
          </h1>
          <p className="kefu-text-secondary kefu-login__subtitle">{t('login.subtitle')}</p>
          {notice && <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
          {error && (
            <Alert type="error" showIcon title={error} role="alert" data-testid="login-error" style={{ marginBottom: 16 }} />
          )}
          <Form<LoginFields>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            disabled={submitting}
            size="large"
            name="login"
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus spellCheck={false} />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </Button>
          </Form>
          <p className="kefu-text-secondary kefu-login__hint">{t('login.forgotPassword')}</p>
        </section>
      </main>
      <footer className="kefu-login__footer">Kefu · 客服</footer>
    </div>
  );
}
