import { useState } from 'react';
import { Input, ScrollView, Text, View } from '@tarojs/components';
import { matchOptions, SEARCH_SELECT_MAX_SHOWN, type SearchSelectProps } from './types';
import './index.scss';

/** The mini-program's searchable select: a search box above a short list; a tap picks. */
export default function SearchSelect<V extends string | number>(props: SearchSelectProps<V>) {
  const { options, value, onChange, label, clearLabel, disabled } = props;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const chosen = options.find((o) => o.value === value) ?? null;
  const shown = matchOptions(options, query).slice(0, SEARCH_SELECT_MAX_SHOWN);
  const pick = (v: V | null) => {
    onChange(v);
    setOpen(false);
    setQuery('');
  };
  return (
    <View className='search-select'>
      <View className='search-select__input' onClick={disabled ? undefined : () => setOpen(!open)}>
        <Text>{chosen?.label ?? props.placeholder ?? clearLabel ?? label}</Text>
      </View>
      {open ? (
        <View className='search-select__list'>
          <Input className='search-select__search' placeholder={`搜索${label}`} value={query} onInput={(e) => setQuery(e.detail.value)} />
          <ScrollView scrollY className='search-select__scroll'>
            {clearLabel ? (
              <View className='search-select__option' onClick={() => pick(null)}>
                {clearLabel}
              </View>
            ) : null}
            {shown.map((o) => (
              <View key={String(o.value)} className='search-select__option' onClick={() => pick(o.value)}>
                <Text>{o.label}</Text>
                {o.hint ? <Text className='search-select__hint'>{o.hint}</Text> : null}
              </View>
            ))}
            {!shown.length ? <Text className='muted'>没有匹配的选项</Text> : null}
          </ScrollView>
        </View>
      ) : null}
    </View>
  );
}
