import { useMemo, useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import {
  ACTIVITY_RADIUS_DEFAULT_M,
  ACTIVITY_TITLE_MAX,
  ACTIVITY_TYPE_LABELS,
  countsHours,
  HOURS_THRESHOLD_PCT_DEFAULT,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  type CreateActivityRequest,
  type MeetingKind,
} from '@xjy/shared/activity';
import { chinaDateKey, chinaIso } from '@xjy/shared/china-time';
import { ACTIVITY_TYPES, type ActivityType } from '@xjy/shared/enums';
import PrivacyPopup from '../../../../components/privacy-popup';
import StateView from '../../../../components/state-view';
import { useAuth } from '../../../../hooks/use-auth';
import { createActivity } from '../../../../services/activities';
import { getArea } from '../../../../services/areas';
import { errorMessage, isApiError } from '../../../../services/http';
import { getCurrentFix } from '../../../../utils/location';
import { ensurePrivacyConsent } from '../../../../utils/privacy';
import { ROUTES } from '../../../../utils/routes';
import DateTimeField from '../../components/date-field';
import SearchSelect from '../../components/search-select';
import StaffOnly from '../../components/staff-only';
import { useScopeOrganizations } from '../../hooks/use-scope-organizations';
import './index.scss';


function ActivityForm() {
  const { user } = useAuth();
  // Every scope's organizations (not just the first scope's), picked by typing rather than a scroll wheel.
  const orgs = useScopeOrganizations(user);
  const [orgId, setOrgId] = useState<number | null>(null);
  const [type, setType] = useState<ActivityType>('meeting');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(chinaDateKey(Date.now()));
  const [start, setStart] = useState('19:00');
  const [end, setEnd] = useState('21:00');
  const [address, setAddress] = useState('');
  const [radius, setRadius] = useState(String(ACTIVITY_RADIUS_DEFAULT_M));
  const [points, setPoints] = useState('5');
  const [meetingKind, setMeetingKind] = useState<MeetingKind>('group_meeting');
  const [thresholdPct, setThresholdPct] = useState(String(HOURS_THRESHOLD_PCT_DEFAULT));
  const [place, setPlace] = useState<{ lat: number; lng: number; label: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const items = useMemo(() => orgs.data ?? [], [orgs.data]);
  const org = items.find((o) => o.id === orgId) ?? items[0];

  const pickHere = async () => {
    if (!(await ensurePrivacyConsent())) return;
    try {
      const fix = await getCurrentFix();
      setPlace({ lat: fix.lat, lng: fix.lng, label: '当前位置' });
    } catch {
      void Taro.showToast({ title: '无法获取位置', icon: 'none' });
    }
  };

  const submit = async () => {
    if (!org) return;
    setSaving(true);
    setErrors({});
    try {
      // Without a chosen place, the activity sits at the centre of the organization's area.
      let where = place;
      if (!where) {
        const area = await getArea(org.areaId);
        where = { lat: area.centerLat ?? 0, lng: area.centerLng ?? 0, label: area.name };
      }
      const body: CreateActivityRequest = {
        organizationId: org.id,
        type,
        title: title.trim(),
        startsAt: chinaIso(date, start),
        endsAt: chinaIso(date, end),
        lat: where.lat,
        lng: where.lng,
        radiusM: Number(radius) || ACTIVITY_RADIUS_DEFAULT_M,
        ...(type === 'volunteer' ? { points: Number(points) || 0 } : {}),
        ...(type === 'meeting' ? { meetingKind } : {}),
        ...(countsHours(type) ? { hoursThresholdPct: Number(thresholdPct) || HOURS_THRESHOLD_PCT_DEFAULT } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
      };
      const created = await createActivity(body);
      void Taro.showToast({ title: '已发起', icon: 'success' });
      void Taro.redirectTo({ url: `${ROUTES.staffActivityQr}?id=${created.id}` });
    } catch (e) {
      if (isApiError(e) && e.fieldErrors()) setErrors(e.fieldErrors());
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  if (orgs.loading) return <StateView kind='loading' title='正在加载组织…' />;
  if (orgs.error) return <StateView kind='error' title='组织没有加载出来' description={orgs.error.message} actionText='重试' onAction={() => void orgs.reload()} />;
  if (!items.length) return <StateView kind='empty' title='辖区内还没有组织' />;

  return (
    <View className='page activity-edit' data-testid='activity-edit'>
      <View className='card'>
        <Text className='activity-edit__label'>组织</Text>
        <SearchSelect label='组织' options={items.map((o) => ({ value: o.id, label: o.name, hint: o.areaName }))} value={org?.id ?? null} onChange={(v) => v !== null && setOrgId(v)} testId='activity-org' />
        <Text className='activity-edit__label'>类型</Text>
        <Picker mode='selector' range={ACTIVITY_TYPES.map((t) => ACTIVITY_TYPE_LABELS[t])} value={ACTIVITY_TYPES.indexOf(type)} onChange={(e) => setType(ACTIVITY_TYPES[Number(e.detail.value)])}>
          <View className='activity-edit__picker'>{ACTIVITY_TYPE_LABELS[type]}</View>
        </Picker>
        {type === 'meeting' ? (
          <>
            <Text className='activity-edit__label'>会议类型（三会一课）</Text>
            <Picker mode='selector' range={MEETING_KINDS.map((k) => MEETING_KIND_LABELS[k])} value={MEETING_KINDS.indexOf(meetingKind)} onChange={(e) => setMeetingKind(MEETING_KINDS[Number(e.detail.value)])}>
              <View className='activity-edit__picker' data-testid='meeting-kind'>
                {MEETING_KIND_LABELS[meetingKind]}
              </View>
            </Picker>
          </>
        ) : null}
        <Text className='activity-edit__label'>标题</Text>
        <Input className='activity-edit__input' value={title} maxlength={ACTIVITY_TITLE_MAX} placeholder='如：11月主题党日' onInput={(e) => setTitle(e.detail.value)} data-testid='activity-title' />
        {errors.title ? <Text className='field-error'>{errors.title}</Text> : null}
        <Text className='activity-edit__label'>日期与时间</Text>
        <View className='activity-edit__times'>
          <DateTimeField mode='date' label='日期' value={date} onChange={setDate} testId='activity-date' />
          <DateTimeField mode='time' label='开始时间' value={start} onChange={setStart} testId='activity-start' />
          <DateTimeField mode='time' label='结束时间' value={end} onChange={setEnd} testId='activity-end' />
        </View>
        {errors.endsAt ? <Text className='field-error'>{errors.endsAt}</Text> : null}
        <Text className='activity-edit__label'>地点</Text>
        <Input className='activity-edit__input' value={address} placeholder='如：新华社区党群服务站二楼' onInput={(e) => setAddress(e.detail.value)} />
        <View className='activity-edit__place'>
          <Text className='muted'>签到位置：{place ? place.label : `${org?.areaName ?? ''}中心`}</Text>
          <Button className='btn btn--plain' onClick={() => void pickHere()}>
            用我现在的位置
          </Button>
        </View>
        <Text className='activity-edit__label'>签到范围（米）</Text>
        <Input className='activity-edit__input' type='number' value={radius} nativeProps={{ 'aria-label': '签到范围（米）' }} onInput={(e) => setRadius(e.detail.value)} />
        {errors.radiusM ? <Text className='field-error'>{errors.radiusM}</Text> : null}
        {type === 'volunteer' ? (
          <>
            <Text className='activity-edit__label'>志愿积分</Text>
            <Input className='activity-edit__input' type='number' value={points} nativeProps={{ 'aria-label': '志愿积分' }} onInput={(e) => setPoints(e.detail.value)} />
            {errors.points ? <Text className='field-error'>{errors.points}</Text> : null}
          </>
        ) : null}
        {countsHours(type) ? (
          <>
            <Text className='activity-edit__label'>计入时长的最低比例（%）</Text>
            <Input className='activity-edit__input' type='number' value={thresholdPct} aria-label='计入时长的最低比例' nativeProps={{ 'aria-label': '计入时长的最低比例（%）' }} onInput={(e) => setThresholdPct(e.detail.value)} data-testid='hours-threshold' />
            <Text className='muted'>签到至签退的时长达到活动时长的这一比例才计入服务时长</Text>
            {errors.hoursThresholdPct ? <Text className='field-error'>{errors.hoursThresholdPct}</Text> : null}
          </>
        ) : null}
      </View>
      <Button className='btn btn--primary' loading={saving} disabled={saving || !title.trim()} onClick={() => void submit()} data-testid='activity-submit'>
        发起并显示签到码
      </Button>
      <PrivacyPopup />
    </View>
  );
}

export default function ActivityEditPage() {
  return (
    <StaffOnly>
      <ActivityForm />
    </StaffOnly>
  );
}
