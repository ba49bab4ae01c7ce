import { Text, View } from '@tarojs/components';
import './index.scss';

/** In a browser, a chip is a button the keyboard reaches (Tab, then Enter or Space); a tap is enough in WeChat. */
function keyboardProps(onPick: () => void): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return {};
  return {
    role: 'button',
    tabIndex: 0,
    onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        onPick();
      }
    },
  };
}

/**
 * 常用回复: the response templates for the step being taken (admin-written per category and action); picking one
 * puts its text in the note, where it can still be edited. Nothing is shown when there are none.
 */
export default function TemplateChips({ templates, onPick, testId }: { templates: Array<{ id: number | string; title: string; text: string }> | undefined; onPick: (text: string) => void; testId: string }) {
  if (!templates?.length) return null;
  return (
    <View className='template-chips' data-testid={testId}>
      <Text className='muted'>常用回复：</Text>
      {templates.map((t) => (
        <Text key={t.id} className='chip template-chips__chip' onClick={() => onPick(t.text)} {...keyboardProps(() => onPick(t.text))}>
          {t.title}
        </Text>
      ))}
    </View>
  );
}
