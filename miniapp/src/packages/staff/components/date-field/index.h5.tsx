import type { DateTimeFieldProps } from './types';
import './index.scss';

/** The browser's own date or time input: typed or picked, keyboard reachable, no scroll wheel. */
export default function DateTimeField({ mode, value, onChange, label, min, max, testId }: DateTimeFieldProps) {
  return (
    <input
      className='date-field'
      type={mode}
      aria-label={label}
      value={value}
      min={min}
      max={max}
      data-testid={testId}
      onChange={(e) => {
        // A cleared or half-typed input reports ''; keep the last complete value.
        if (e.target.value) onChange(e.target.value);
      }}
    />
  );
}
