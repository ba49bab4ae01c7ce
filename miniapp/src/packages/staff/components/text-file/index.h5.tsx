import { useState } from 'react';
import type { TextFileProps } from './types';
import './index.scss';

/**
 * A file picker that reads the chosen file as text (GeoJSON boundaries and the like). The native input stays in the
 * Tab order but out of sight, so its English browser label never shows; the Chinese label is what a person sees.
 */
export default function TextFile({ accept, label, onText, onError, maxBytes }: TextFileProps) {
  const [name, setName] = useState<string | null>(null);
  return (
    <label className='text-file'>
      <input
        className='text-file__input'
        type='file'
        accept={accept}
        aria-label={label}
        data-testid='text-file'
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          if (file.size > maxBytes) {
            onError(`文件超过 ${Math.round(maxBytes / 1024)} KB，请先简化边界`);
            return;
          }
          setName(file.name);
          file.text().then(
            (text) => onText(text, file.name),
            () => onError('文件读取失败，请重新选择'),
          );
        }}
      />
      <span className='text-file__button'>{label}</span>
      <span className='text-file__name'>{name ?? '未选择文件'}</span>
    </label>
  );
}
