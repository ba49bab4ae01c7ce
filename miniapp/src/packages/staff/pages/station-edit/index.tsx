import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro, { useRouter } from '@tarojs/taro';
import { AMENITIES, AMENITY_LABELS, STATION_KIND_LABELS, STATION_KINDS, type Amenity, type StationKind } from '@xjy/shared/enums';
import { formatHoursText, parseHoursText } from '@xjy/shared/opening-hours';
import { STATION_ADDRESS_MAX, STATION_HOST_UNIT_MAX, STATION_NAME_MAX, STATION_PHOTOS_MAX, type CreateStationRequest } from '@xjy/shared/station';
import { useEffect, useRef, useState } from 'react';
import PhotoGrid from '../../../../components/photo-grid';
import PrivacyPopup from '../../../../components/privacy-popup';
import StateView from '../../../../components/state-view';
import { useAuth } from '../../../../hooks/use-auth';
import { uploadTile, usePhotoUploads } from '../../../../hooks/use-photo-uploads';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage, isApiError } from '../../../../services/http';
import { createStation, getStation, updateStation } from '../../../../services/stations';
import { choosePhotos } from '../../../../utils/choose-photos';
import { getCurrentPosition } from '../../../../utils/location';
import { ensurePrivacyConsent } from '../../../../utils/privacy';
import { AMENITY_ICONS } from '../../../../utils/station-format';
import StaffOnly from '../../components/staff-only';
import { useScopeCommunities } from '../../hooks/use-scope-communities';
import ServicesSection from './services-section';
import './index.scss';

interface Form {
  name: string;
  kind: StationKind;
  hostUnit: string;
  address: string;
  lat: string;
  lng: string;
  amenities: Amenity[];
  hours: string;
  phone: string;
  areaId: number | null;
}

const EMPTY: Form = { name: '', kind: 'rest_station', hostUnit: '', address: '', lat: '', lng: '', amenities: ['drinking_water', 'seating', 'phone_charging'], hours: '1-7 08:00-20:00', phone: '', areaId: null };

function StationForm() {
  const { user } = useAuth();
  const id = Number(useRouter().params.id) || null;
  const existing = useRequest(() => getStation(id!), `station-${id}`, id !== null);
  const communities = useScopeCommunities(user);
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const photos = usePhotoUploads(STATION_PHOTOS_MAX);
  const { reset: resetPhotos } = photos;
  /** The photo ids as loaded: an edit that leaves them alone does not send them. */
  const loadedPhotoIds = useRef<number[]>([]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    const s = existing.data;
    if (!s) return;
    setForm({ name: s.name, kind: s.kind, hostUnit: s.hostUnit, address: s.address, lat: String(s.lat), lng: String(s.lng), amenities: s.amenities, hours: formatHoursText(s.hours), phone: s.phone ?? '', areaId: s.areaId });
    loadedPhotoIds.current = s.photos.map((p) => p.id);
    resetPhotos(s.photos);
  }, [existing.data, resetPhotos]);

  const options = communities.data ?? [];
  const areaIndex = Math.max(0, options.findIndex((o) => o.id === form.areaId));

  const here = async () => {
    if (!(await ensurePrivacyConsent())) return;
    try {
      const p = await getCurrentPosition();
      setForm((f) => ({ ...f, lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) }));
    } catch {
      void Taro.showToast({ title: '暂时无法获取位置，请手动填写', icon: 'none' });
    }
  };

  const save = async () => {
    const local: Record<string, string> = {};
    const hours = parseHoursText(form.hours);
    if (!form.name.trim()) local.name = '请填写名称';
    if ('error' in hours) local.hours = `开放时间格式不对：${hours.error}`;
    if (!Number.isFinite(Number(form.lat)) || !Number.isFinite(Number(form.lng)) || !form.lat || !form.lng) local.lat = '请填写坐标，或点“用我的位置”';
    const areaId = form.areaId ?? options[0]?.id;
    if (!areaId) local.areaId = '请选择所属社区';
    if (photos.uploading) local.photoMediaIds = '照片还在上传，请稍候再保存';
    else if (photos.failed) local.photoMediaIds = '有照片没有上传成功，请点“重试”或删掉它再保存';
    setErrors(local);
    if (local.photoMediaIds) void Taro.showToast({ title: local.photoMediaIds, icon: 'none' });
    if (Object.keys(local).length || 'error' in hours) return;
    const photoMediaIds = photos.mediaIds;
    const photosChanged = photoMediaIds.join(',') !== loadedPhotoIds.current.join(',');
    const body: CreateStationRequest = {
      name: form.name.trim(),
      kind: form.kind,
      hostUnit: form.hostUnit.trim(),
      address: form.address.trim(),
      lat: Number(form.lat),
      lng: Number(form.lng),
      amenities: form.amenities,
      hours: hours.ranges,
      phone: form.phone.trim() || null,
      ...(photosChanged ? { photoMediaIds } : {}),
      areaId: areaId!,
    };
    setSaving(true);
    try {
      if (id) await updateStation(id, body);
      else await createStation(body);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack().catch(() => undefined);
    } catch (e) {
      if (isApiError(e) && e.details?.fields?.length) setErrors(e.fieldErrors());
      else void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  if (id && existing.loading) return <StateView kind='loading' title='正在加载…' />;
  if (id && existing.error) return <StateView kind='error' title='没能加载驿站' description={existing.error.message} actionText='重试' onAction={() => void existing.reload()} />;

  const field = (key: 'name' | 'hostUnit' | 'address' | 'phone', label: string, max: number) => (
    <View className='station-edit__field'>
      <Text className='station-edit__label'>{label}</Text>
      <Input className='station-edit__input' data-testid={`edit-${key}`} value={form[key]} maxlength={max} nativeProps={{ 'aria-label': label }} onInput={(e) => set(key, e.detail.value)} />
      {errors[key] ? <Text className='field-error'>{errors[key]}</Text> : null}
    </View>
  );

  return (
    <View className='page station-edit' data-testid='station-edit'>
      <View className='card'>
        {field('name', '名称', STATION_NAME_MAX)}
        <View className='station-edit__field'>
          <Text className='station-edit__label'>类型</Text>
          <Picker mode='selector' range={STATION_KINDS.map((k) => STATION_KIND_LABELS[k])} value={STATION_KINDS.indexOf(form.kind)} onChange={(e) => set('kind', STATION_KINDS[Number(e.detail.value)])}>
            <Text className='station-edit__picker'>{STATION_KIND_LABELS[form.kind]} ›</Text>
          </Picker>
        </View>
        {field('hostUnit', '承办单位', STATION_HOST_UNIT_MAX)}
        {field('address', '地址', STATION_ADDRESS_MAX)}
        {field('phone', '电话', 20)}
        <View className='station-edit__field'>
          <Text className='station-edit__label'>所属社区</Text>
          {communities.loading ? (
            <Text className='muted'>加载中…</Text>
          ) : (
            <Picker mode='selector' range={options.map((o) => o.label)} value={areaIndex} onChange={(e) => set('areaId', options[Number(e.detail.value)]?.id ?? null)}>
              <Text className='station-edit__picker' data-testid='edit-area'>
                {options[areaIndex]?.label ?? '辖区内没有社区'} ›
              </Text>
            </Picker>
          )}
          {errors.areaId ? <Text className='field-error'>{errors.areaId}</Text> : null}
        </View>
        <View className='station-edit__field'>
          <Text className='station-edit__label'>位置（GCJ-02）</Text>
          <View className='station-edit__coords'>
            <Input className='station-edit__input' type='digit' placeholder='纬度' value={form.lat} onInput={(e) => set('lat', e.detail.value)} data-testid='edit-lat' />
            <Input className='station-edit__input' type='digit' placeholder='经度' value={form.lng} onInput={(e) => set('lng', e.detail.value)} data-testid='edit-lng' />
          </View>
          <Button className='btn btn--secondary' onClick={() => void here()}>
            用我的位置
          </Button>
          {errors.lat ? <Text className='field-error'>{errors.lat}</Text> : null}
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>服务项目</Text>
        <View className='station-edit__amenities'>
          {AMENITIES.map((a) => (
            <Text
              key={a}
              className={`station-edit__amenity ${form.amenities.includes(a) ? 'station-edit__amenity--on' : ''}`}
              onClick={() => set('amenities', form.amenities.includes(a) ? form.amenities.filter((x) => x !== a) : [...form.amenities, a])}
            >
              {AMENITY_ICONS[a]} {AMENITY_LABELS[a]}
            </Text>
          ))}
        </View>
      </View>

      <View className='card' data-testid='edit-photos'>
        <Text className='card__title'>照片</Text>
        <PhotoGrid
          tiles={photos.items.map(uploadTile)}
          max={STATION_PHOTOS_MAX}
          onAdd={() => void choosePhotos(photos.room).then(photos.add)}
          onRemove={photos.remove}
          onRetry={photos.retry}
          addTestId='edit-add-photo'
        />
        <Text className='muted'>最多 {STATION_PHOTOS_MAX} 张，选好即上传；门头、休息区和服务设施各一张，方便骑手找到。</Text>
        {errors.photoMediaIds ? <Text className='field-error'>{errors.photoMediaIds}</Text> : null}
      </View>

      <View className='card'>
        <Text className='card__title'>开放时间</Text>
        <Text className='muted'>每组“星期 时段”，用分号隔开；1=周一…7=周日；结束早于开始表示跨过午夜；全天写 24h。例：1-5 08:30-12:00,14:00-18:00; 6,7 09:00-17:00</Text>
        <Textarea className='station-edit__hours' data-testid='edit-hours' nativeProps={{ 'aria-label': '开放时间' }} value={form.hours} onInput={(e) => set('hours', e.detail.value)} />
        {errors.hours ? <Text className='field-error'>{errors.hours}</Text> : null}
      </View>

      <Button className='btn btn--primary station-edit__save' disabled={saving} onClick={() => void save()} data-testid='edit-save'>
        {saving ? '保存中…' : '保存'}
      </Button>
      {id !== null && existing.data ? <ServicesSection stationId={id} /> : null}
      <PrivacyPopup />
    </View>
  );
}

export default function StationEditPage() {
  return (
    <StaffOnly>
      <StationForm />
    </StaffOnly>
  );
}
