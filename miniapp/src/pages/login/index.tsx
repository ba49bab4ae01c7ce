import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Button from '../../components/button';
import { DEMO_ACCOUNT_LABELS } from '@xjy/shared/auth';
import { getAppInfo } from '../../services/auth';
import { useLogin } from '../../hooks/use-login';
import { useRequest } from '../../hooks/use-request';
import { peekLoginReturn, SESSION_EXPIRED_MESSAGE } from '../../utils/login-return';
import './index.scss';

/** weapp: 微信一键登录 first; h5 (staff at a desk): account and password. Demo accounts when the server allows. */
export default function LoginPage() {
  const isWeapp = process.env.TARO_ENV === 'weapp';
  const appInfo = useRequest(getAppInfo, 'app-info');
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(!isWeapp);
  const busy = login.pending !== null;
  const [expired] = useState(() => peekLoginReturn()?.reason === 'expired');

  const submitPassword = () => {
    if (!username.trim() || !password) return;
    void login.withPassword({ username: username.trim(), password });
  };

  return (
    <View className='page login' data-testid='login-page'>
      <View className='login__brand'>
        <Text className='login__title'>新就业群体服务</Text>
        <Text className='login__subtitle'>爱心驿站 · 随手拍 · 新市民积分</Text>
      </View>

      {expired ? (
        <View className='login__expired' role='alert' data-testid='login-expired'>
          <Text>{SESSION_EXPIRED_MESSAGE}</Text>
        </View>
      ) : null}

      {appInfo.error ? (
        <View className='login__offline' data-testid='login-network-error'>
          <Text className='login__offline-title'>暂时连不上服务器</Text>
          <Text className='login__offline-text'>{appInfo.error.message}</Text>
          <Button className='btn btn--secondary login__offline-retry' onClick={() => void appInfo.reload()}>
            重试
          </Button>
        </View>
      ) : null}

      {isWeapp ? (
        <View className='card'>
          <Button
            className='btn btn--primary login__wechat'
            loading={login.pending === 'wechat'}
            disabled={busy}
            onClick={() => void login.withWechat()}
            data-testid='wechat-login'
          >
            微信一键登录
          </Button>
          {appInfo.data && !appInfo.data.wechatConfigured ? (
            <Text className='muted login__note'>服务器尚未配置微信登录，请使用下方账号登录</Text>
          ) : null}
          {!showPassword ? (
            <Button className='btn btn--plain login__switch' onClick={() => setShowPassword(true)}>
              工作人员账号登录
            </Button>
          ) : null}
        </View>
      ) : null}

      {showPassword ? (
        <View className='card'>
          <Text className='card__title'>账号登录</Text>
          <Text className='login__label'>用户名</Text>
          <Input
            className='login__input'
            value={username}
            placeholder='请输入用户名'
            nativeProps={{ 'aria-label': '用户名', autoComplete: 'username' }}
            data-testid='login-username'
            onInput={(event) => setUsername(event.detail.value)}
          />
          <Text className='login__label'>密码</Text>
          <Input
            className='login__input'
            value={password}
            password
            placeholder='请输入密码'
            nativeProps={{ 'aria-label': '密码', autoComplete: 'current-password' }}
            data-testid='login-password'
            onInput={(event) => setPassword(event.detail.value)}
            onConfirm={submitPassword}
          />
          <Button
            className='btn btn--primary login__submit'
            loading={login.pending === 'password'}
            disabled={busy || !username.trim() || !password}
            onClick={submitPassword}
            data-testid='login-submit'
          >
            登录
          </Button>
        </View>
      ) : null}

      {login.error ? (
        <Text className='login__error' data-testid='login-error'>
          {login.error}
        </Text>
      ) : null}

      {appInfo.data?.devLogin ? (
        <View className='card' data-testid='demo-accounts'>
          <Text className='card__title'>演示账号</Text>
          <Text className='muted'>开发环境可一键登录以下账号体验</Text>
          <View className='login__demo-list'>
            {appInfo.data.demoAccounts.map((account) => (
              <Button
                key={account}
                className='btn btn--secondary login__demo'
                loading={login.pending === account}
                disabled={busy}
                data-testid={`demo-login-${account}`}
                onClick={() => void login.asDemo(account)}
              >
                {DEMO_ACCOUNT_LABELS[account] ?? account}
              </Button>
            ))}
          </View>
        </View>
      ) : null}

      {appInfo.loading ? <Text className='muted login__loading'>正在连接服务器…</Text> : null}
    </View>
  );
}
