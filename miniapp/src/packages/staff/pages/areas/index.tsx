import { ScrollView, Text, View } from '@tarojs/components';
import StateView from '../../../../components/state-view';
import { useAreaBrowser } from '../../../../hooks/use-area-browser';
import { useAuth } from '../../../../hooks/use-auth';
import { areaLevelLabel } from '../../../../utils/labels';
import StaffOnly from '../../components/staff-only';
import { keyboardActivatable } from '../../components/focusable';
import './index.scss';

function AreaBrowserView() {
  const { user } = useAuth();
  const browser = useAreaBrowser(user);
  const items = browser.data ?? [];

  return (
    <View className='page areas' data-testid='area-browser'>
      <ScrollView scrollX className='areas__trail'>
        <View className='areas__trail-inner'>
          <Text className={`areas__crumb ${browser.trail.length === 0 ? 'areas__crumb--current' : ''}`} onClick={() => browser.backTo(-1)} {...keyboardActivatable(() => browser.backTo(-1))}>
            {user?.role === 'admin' ? '全部区域' : '我的管辖'}
          </Text>
          {browser.trail.map((crumb, index) => (
            <Text
              key={crumb.id}
              className={`areas__crumb ${index === browser.trail.length - 1 ? 'areas__crumb--current' : ''}`}
              onClick={() => browser.backTo(index)}
              {...keyboardActivatable(() => browser.backTo(index))}
            >
              › {crumb.name}
            </Text>
          ))}
        </View>
      </ScrollView>

      {browser.loading ? (
        <StateView kind='loading' title='正在加载区域…' />
      ) : browser.error ? (
        <StateView kind='error' title='区域没有加载出来' description={browser.error.message} actionText='重试' onAction={() => void browser.reload()} />
      ) : items.length === 0 ? (
        <StateView
          kind='empty'
          title={browser.trail.length === 0 ? '还没有可查看的区域' : '这里没有下级区域'}
          description={
            browser.trail.length === 0
              ? user?.role === 'admin'
                ? '管理员导入或新建区县后，区域会显示在这里。'
                : '管理员为你分配管辖区域后，会显示在这里。'
              : '下级区域建立后会显示在这里。'
          }
        />
      ) : (
        <View className='card areas__list'>
          {items.map((area) => (
            <View
              key={area.id}
              className='row areas__item'
              data-testid='area-item'
              onClick={area.childCount > 0 ? () => browser.open(area) : undefined}
              {...(area.childCount > 0 ? keyboardActivatable(() => browser.open(area)) : {})}
            >
              <View>
                <Text className='row__label'>{area.name}</Text>
                <Text className='areas__level'>{areaLevelLabel(area.level)}</Text>
              </View>
              <Text className='row__value'>
                {area.childCount > 0 ? `${area.childCount} 个下级` : '无下级'}
                {area.childCount > 0 ? <Text className='row__arrow'>›</Text> : null}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function AreasPage() {
  return (
    <StaffOnly>
      <AreaBrowserView />
    </StaffOnly>
  );
}
