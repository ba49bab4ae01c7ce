import type { TextFileProps } from './types';

/** A file input that reads the chosen file as text (GeoJSON boundaries and the like). */
export default function TextFile({ accept, label, onText, onError, maxBytes }: TextFileProps) {
  return (
    <input
      className='console__input'
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
        file.text().then(
          (text) => onText(text, file.name),
          () => onError('文件读取失败，请重新选择'),
        );
      }}
    />
  );
}
