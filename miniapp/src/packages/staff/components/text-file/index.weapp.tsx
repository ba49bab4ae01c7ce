import Taro from '@tarojs/taro';
import ConsoleButton from '../console-button';
import type { TextFileProps } from './types';

/** The mini-program picks a file from a chat and reads it as UTF-8 text. */
export default function TextFile({ label, onText, onError, maxBytes }: TextFileProps) {
  const choose = async () => {
    try {
      const picked = await Taro.chooseMessageFile({ count: 1, type: 'file' });
      const file = picked.tempFiles[0];
      if (!file) return;
      if (file.size > maxBytes) {
        onError(`文件超过 ${Math.round(maxBytes / 1024)} KB，请先简化边界`);
        return;
      }
      const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8');
      onText(String(text), file.name);
    } catch {
      onError('没有读到文件，请重新选择');
    }
  };
  return (
    <ConsoleButton kind='secondary' onClick={() => void choose()}>
      {label}
    </ConsoleButton>
  );
}
