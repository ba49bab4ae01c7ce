import { Text, View } from '@tarojs/components';
import type { DataTableProps } from './types';
import { sortRows } from './types';

/** The mini-program has no desktop console: the same rows as a plain list of cards, sorted, unpaged. */
export default function DataTable<T>(props: DataTableProps<T>) {
  const sorted = sortRows(props.rows, props.columns.find((c) => c.key === props.initialSort?.key), props.initialSort?.direction ?? 'asc');
  if (!sorted.length) return <Text className='muted'>{props.emptyText ?? '没有数据'}</Text>;
  return (
    <View>
      {sorted.map((row) => (
        <View key={props.rowKey(row)} className='card' onClick={props.onOpen ? () => props.onOpen?.(row) : undefined}>
          {props.columns.map((c) => (
            <View key={c.key} className='row'>
              <Text className='row__label'>{c.title}</Text>
              <View className='row__value'>{c.render(row)}</View>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
