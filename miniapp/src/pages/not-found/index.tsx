import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '../../components/button';
import { ROUTES } from '../../utils/routes';
import './index.scss';

/** Where an unknown address lands (app.tsx sends it here): says so in plain words and offers the way home. */
export default function NotFoundPage() {
  return (
    <View className='page not-found' data-testid='not-found-page'>
      <Text className='not-found__code' aria-hidden='true'>
        404
      </Text>
      <Text className='not-found__title'>
        页面不存在
      </Text>
      <Text className='muted not-found__text'>你要找的页面不存在或已经移走，请检查链接是否完整。</Text>
      <Button className='btn btn--primary not-found__home' onClick={() => void Taro.reLaunch({ url: ROUTES.stations })} data-testid='not-found-home'>
        返回首页
      </Button>
    </View>
  );
}
