import { useMemo } from 'react';
import { Image } from '@tarojs/components';
import { qrSvgDataUri } from './qr-matrix';

/** Browsers draw the QR as an SVG image: crisp at any size on a projector. */
export default function QrCode({ text, size }: { text: string; size: number }) {
  const src = useMemo(() => qrSvgDataUri(text), [text]);
  return <Image src={src} style={{ width: `${size}px`, height: `${size}px` }} mode='aspectFit' nativeProps={{ alt: '签到二维码' }} data-testid='qr-image' />;
}
