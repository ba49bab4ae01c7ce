import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import type { PhotoLocationOffer } from '../../hooks/use-photo-location';

interface Props {
  offer: PhotoLocationOffer | null;
  onAccept: () => void;
  onDismiss: () => void;
}

/** 使用照片位置: a picked photo was taken elsewhere (or the device has no position); the reporter decides. */
export default function PhotoLocationCard({ offer, onAccept, onDismiss }: Props) {
  if (!offer) return null;
  return (
    <View className='card' data-testid='report-photo-location'>
      <Text className='report__photo-location'>
        {offer.distanceM === null ? '照片带有拍摄地点，当前还没有定位到你的位置，使用照片位置？' : `照片拍摄于别处（约 ${offer.distanceM} 米外），使用照片位置？`}
      </Text>
      <View className='report__spot-actions'>
        <Button className='btn btn--primary report__spot-btn' onClick={onAccept} data-testid='report-photo-location-accept'>
          使用照片位置
        </Button>
        <Button className='btn btn--plain report__spot-btn' onClick={onDismiss} data-testid='report-photo-location-dismiss'>
          仍用当前位置
        </Button>
      </View>
    </View>
  );
}
