import { Text, View } from '@tarojs/components';
import SearchSelect from './search-select';
import type { AreaOption } from '../hooks/use-area-options';
import { keyboardActivatable } from './focusable';

/** A set of areas: search to add one, ✕ to remove one. */
export default function ScopePicker({ options, value, onChange, testId }: { options: AreaOption[]; value: number[]; onChange: (ids: number[]) => void; testId?: string }) {
  const remaining = options.filter((o) => !value.includes(o.value)).map((o) => ({ value: o.value, label: o.label, hint: o.hint }));
  return (
    <View data-testid={testId}>
      <View>
        {value.map((id) => {
          const o = options.find((x) => x.value === id);
          const remove = () => onChange(value.filter((v) => v !== id));
          return (
            <Text key={id} className='console__tag'>
              {o?.label ?? `区域 ${id}`}{' '}
              <Text className='console__tag-remove' aria-label={`移除${o?.label ?? ''}`} onClick={remove} {...keyboardActivatable(remove)}>
                ✕
              </Text>
            </Text>
          );
        })}
        {!value.length ? <Text className='console__muted'>尚未选择区域</Text> : null}
      </View>
      <SearchSelect label='添加负责区域' placeholder='搜索并添加区域' options={remaining} value={null} onChange={(v) => v !== null && onChange([...value, v])} />
    </View>
  );
}
