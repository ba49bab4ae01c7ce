import { Picker, Text } from '@tarojs/components';
import type { DateTimeFieldProps } from './types';
import './index.scss';

/** The mini-program's native date or time picker. */
export default function DateTimeField({ mode, value, onChange, label, min, max }: DateTimeFieldProps) {
  return (
    <Picker mode={mode} value={value} start={min} end={max} onChange={(e) => onChange(String(e.detail.value))}>
      <Text className='date-field'>{value || label}</Text>
    </Picker>
  );
}
