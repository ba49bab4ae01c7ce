import { Text, View } from '@tarojs/components';
import Button from '../button';
import Taro from '@tarojs/taro';
import { usePrivacyConsent } from '../../hooks/use-privacy-consent';
import { ROUTES } from '../../utils/routes';
import './index.scss';

const AGREE_BUTTON_ID = 'privacy-agree';

export interface PrivacyPopupProps {
  /** On an h5 tab page the tab bar is part of the page and would cover the sheet's buttons. */
  aboveTabBar?: boolean;
}

/** The consent sheet shown before any private API. Render it on every page that may trigger one. */
export default function PrivacyPopup({ aboveTabBar = false }: PrivacyPopupProps) {
  const { visible, agree, decline } = usePrivacyConsent();
  if (!visible) return null;

  // In WeChat the consent is recorded only through open-type="agreePrivacyAuthorization";
  // its callback fires after WeChat has recorded it, so that is when the waiting API may go on.
  const agreeProps =
    process.env.TARO_ENV === 'weapp'
      ? { openType: 'agreePrivacyAuthorization' as const, onAgreePrivacyAuthorization: () => agree(AGREE_BUTTON_ID) }
      : { onClick: () => agree(AGREE_BUTTON_ID) };

  return (
    <View
      className={`privacy-popup ${aboveTabBar && process.env.TARO_ENV === 'h5' ? 'privacy-popup--above-tab-bar' : ''}`}
      data-testid='privacy-popup'
    >
      <View className='privacy-popup__sheet'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <Text className='privacy-popup__body'>
          为了查找附近的爱心驿站、为随手拍标注问题位置，我们需要在你同意后使用你的位置信息和相册/相机。
          我们只在你使用这些功能时收集，不会用于其他用途。
        </Text>
        <Text
          className='privacy-popup__link'
          onClick={() => void Taro.navigateTo({ url: ROUTES.privacy }).catch(() => undefined)}
        >
          查看《隐私保护指引》
        </Text>
        <View className='privacy-popup__actions'>
          <Button className='btn btn--plain privacy-popup__button' onClick={decline} data-testid='privacy-decline'>
            不同意
          </Button>
          <Button id={AGREE_BUTTON_ID} className='btn btn--primary privacy-popup__button' data-testid='privacy-agree' {...agreeProps}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
