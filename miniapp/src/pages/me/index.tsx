import { useEffect, useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro from '@tarojs/taro';
import type { UpdateMeRequest } from '@xjy/shared/auth';
import { TRADE_LABELS, TRADES } from '@xjy/shared/enums';
import { NICKNAME_MAX } from '@xjy/shared/limits';
import LoginPrompt from '../../components/login-prompt';
import { useRequireLogin } from '../../hooks/use-auth';
import { useReshow } from '../../hooks/use-reshow';
import { errorMessage, isApiError } from '../../services/http';
import { updateMe } from '../../services/me';
import { areaLevelLabel, roleLabel } from '../../utils/labels';
import { ROUTES } from '../../utils/routes';
import './index.scss';

type FieldErrors = Partial<Record<keyof UpdateMeRequest, string>>;

export default function MePage() {
  const auth = useRequireLogin();
  const { user } = auth;
  const [nickname, setNickname] = useState(user?.nickname ?? '');
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // Collapsed by default: a long scope list would push the 工作台 entry off the first screen.
  const [scopesOpen, setScopesOpen] = useState(false);

  useEffect(() => {
    setNickname(user?.nickname ?? '');
  }, [user?.nickname]);

  useReshow(() => {
    if (auth.isLoggedIn) auth.refreshUser().catch(() => undefined);
  });

  if (!auth.isLoggedIn || !user) {
    return (
      <View className='page' data-testid='me-page'>
        <LoginPrompt title='还没有登录' description='登录后可以设置昵称和职业，查看积分和随手拍记录。' />
        <Button className='btn btn--plain' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
          隐私保护指引
        </Button>
      </View>
    );
  }

  const save = async (body: UpdateMeRequest, successText: string) => {
    setSaving(true);
    setFieldErrors({});
    try {
      auth.setUser(await updateMe(body));
      void Taro.showToast({ title: successText, icon: 'success' });
    } catch (error) {
      const fields = isApiError(error) ? error.fieldErrors() : {};
      const key = Object.keys(body)[0] as keyof UpdateMeRequest;
      setFieldErrors({ ...fields, [key]: fields[key] ?? errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const saveNickname = () => {
    const value = nickname.trim();
    if (!value) {
      setFieldErrors({ nickname: '昵称不能为空' });
      return;
    }
    if (value.length > NICKNAME_MAX) {
      setFieldErrors({ nickname: `昵称最多 ${NICKNAME_MAX} 个字` });
      return;
    }
    void save({ nickname: value }, '昵称已保存');
  };

  const tradeIndex = user.trade ? TRADES.indexOf(user.trade) : -1;
  const logout = () => {
    auth.signOut();
    void Taro.reLaunch({ url: ROUTES.stations });
  };

  return (
    <View className='page me' data-testid='me-page'>
      <View className='me__header'>
        <View className='me__avatar'>{user.nickname.slice(0, 1)}</View>
        <View>
          <Text className='me__nickname' data-testid='me-nickname'>
            {user.nickname}
          </Text>
          <Text className='me__role' data-testid='me-role'>
            {roleLabel(user)}
          </Text>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>个人资料</Text>
        <Text className='me__field-label'>昵称</Text>
        <View className='me__nickname-row'>
          <Input
            className='me__input'
            value={nickname}
            maxlength={NICKNAME_MAX}
            placeholder='填写昵称'
            data-testid='nickname-input'
            onInput={(event) => setNickname(event.detail.value)}
          />
          <Button
            className='btn btn--primary me__save'
            disabled={saving || nickname.trim() === user.nickname}
            loading={saving}
            onClick={saveNickname}
            data-testid='nickname-save'
          >
            保存
          </Button>
        </View>
        {fieldErrors.nickname ? (
          <Text className='field-error' data-testid='nickname-error'>
            {fieldErrors.nickname}
          </Text>
        ) : null}

        {user.role === 'worker' ? (
          <>
            <Picker
              mode='selector'
              range={TRADES.map((trade) => TRADE_LABELS[trade])}
              value={tradeIndex < 0 ? 0 : tradeIndex}
              onChange={(event) => void save({ trade: TRADES[Number(event.detail.value)] }, '职业已保存')}
            >
              <View className='row' data-testid='trade-picker'>
                <Text className='row__label'>职业</Text>
                <Text className='row__value'>
                  {user.trade ? TRADE_LABELS[user.trade] : '请选择'}
                  <Text className='row__arrow'>›</Text>
                </Text>
              </View>
            </Picker>
            {fieldErrors.trade ? <Text className='field-error'>{fieldErrors.trade}</Text> : null}
          </>
        ) : null}
        {user.username ? (
          <View className='row'>
            <Text className='row__label'>账号</Text>
            <Text className='row__value'>{user.username}</Text>
          </View>
        ) : null}
      </View>

      {auth.isStaff ? (
        <View className='card'>
          <Text className='card__title'>管辖范围</Text>
          {user.role === 'admin' ? (
            <Text className='muted'>管理员可管理全市所有区域</Text>
          ) : user.scopes.length === 0 ? (
            <Text className='muted'>尚未分配管辖区域，请联系管理员</Text>
          ) : (
            <>
              <View className='row' data-testid='me-scopes-toggle' onClick={() => setScopesOpen(!scopesOpen)}>
                <Text className='row__label'>共 {user.scopes.length} 个区域</Text>
                <Text className='row__value'>{scopesOpen ? '收起' : '展开'}</Text>
              </View>
              {scopesOpen
                ? user.scopes.map((scope) => (
                    <View key={scope.id} className='row' data-testid='me-scope'>
                      <Text className='row__label'>{scope.name}</Text>
                      <Text className='row__value'>{areaLevelLabel(scope.level)}</Text>
                    </View>
                  ))
                : null}
            </>
          )}
          <Button
            className='btn btn--primary me__workbench'
            data-testid='staff-entry'
            onClick={() => void Taro.navigateTo({ url: ROUTES.staffHome })}
          >
            进入工作台
          </Button>
        </View>
      ) : null}

      {user.role === 'department' ? (
        <View className='card'>
          <Text className='card__title'>案件处置</Text>
          <Text className='muted'>签收派给本部门的案件，处置后拍照反馈</Text>
          <Button className='btn btn--primary me__workbench' data-testid='dept-entry' onClick={() => void Taro.navigateTo({ url: ROUTES.deptCases })}>
            进入处置工作台
          </Button>
        </View>
      ) : null}

      <View className='card' data-testid='org-entries'>
        <View className='row' onClick={() => void Taro.navigateTo({ url: ROUTES.myOrgs })} data-testid='entry-my-orgs'>
          <Text className='row__label'>我的组织</Text>
          <Text className='row__value'>
            居住地 · 工作地<Text className='row__arrow'>›</Text>
          </Text>
        </View>
        <View className='row' onClick={() => void Taro.navigateTo({ url: ROUTES.activities })} data-testid='entry-activities'>
          <Text className='row__label'>组织活动与签到</Text>
          <Text className='row__arrow'>›</Text>
        </View>
        <View className='row' onClick={() => void Taro.navigateTo({ url: ROUTES.myCheckIns })} data-testid='entry-check-ins'>
          <Text className='row__label'>我的签到</Text>
          <Text className='row__arrow'>›</Text>
        </View>
      </View>

      <View className='card'>
        <View className='row' onClick={() => void Taro.switchTab({ url: ROUTES.points })}>
          <Text className='row__label'>我的积分</Text>
          <Text className='row__value'>
            {user.pointsBalance}
            <Text className='row__arrow'>›</Text>
          </Text>
        </View>
        <View className='row' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
          <Text className='row__label'>隐私保护指引</Text>
          <Text className='row__arrow'>›</Text>
        </View>
      </View>

      <Button className='btn btn--plain' onClick={logout} data-testid='logout'>
        退出登录
      </Button>
    </View>
  );
}
