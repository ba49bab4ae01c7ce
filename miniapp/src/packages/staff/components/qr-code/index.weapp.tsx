import { useEffect } from 'react';
import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { qrMatrix } from './qr-matrix';

interface CanvasNode {
  width: number;
  height: number;
  getContext: (kind: '2d') => { fillStyle: string; fillRect: (x: number, y: number, w: number, h: number) => void; scale: (x: number, y: number) => void };
}

/** WeChat draws the QR on a 2D canvas (an <image> does not take an SVG data URI reliably). */
export default function QrCode({ text, size }: { text: string; size: number }) {
  useEffect(() => {
    Taro.createSelectorQuery()
      .select('#check-in-qr')
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode } | null>) => {
        const canvas = res[0]?.node;
        if (!canvas) return;
        const dpr = Taro.getSystemInfoSync().pixelRatio;
        canvas.width = size * dpr;
        canvas.height = size * dpr;
        const ctx = canvas.getContext('2d');
        ctx.scale(dpr, dpr);
        const m = qrMatrix(text);
        const cell = size / (m.length + 8);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, size, size);
        ctx.fillStyle = '#000000';
        m.forEach((row, r) => row.forEach((dark, c) => dark && ctx.fillRect((c + 4) * cell, (r + 4) * cell, cell + 0.5, cell + 0.5)));
      });
  }, [text, size]);
  return <Canvas id='check-in-qr' type='2d' style={{ width: `${size}px`, height: `${size}px` }} />;
}
