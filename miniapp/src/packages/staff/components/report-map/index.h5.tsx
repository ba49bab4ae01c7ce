import { Text, View } from '@tarojs/components';

/** In a browser: the coordinates and a link that opens the place on Amap (GCJ-02, like the report). */
export default function ReportMap({ lat, lng }: { lat: number; lng: number }) {
  const href = `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent('随手拍位置')}&coordinate=gaode&callnative=0`;
  return (
    <View className='report-map-h5' data-testid='report-map'>
      <Text className='muted'>
        {lat.toFixed(5)}, {lng.toFixed(5)}
      </Text>
      <a href={href} target='_blank' rel='noreferrer' style={{ marginLeft: '12px', color: '#c8102e', textDecoration: 'underline' }}>
        在高德地图中查看
      </a>
    </View>
  );
}
