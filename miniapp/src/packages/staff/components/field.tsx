import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';

/** A labelled form field with its error underneath, in the console's layout. */
export default function Field({ label, error, wide, children }: { label: string; error?: string; wide?: boolean; children: ReactNode }) {
  return (
    <View className={`console__field ${wide ? 'console__field--wide' : ''}`}>
      <Text className='console__label'>{label}</Text>
      {children}
      {error ? <Text className='console__error'>{error}</Text> : null}
    </View>
  );
}

interface TextFieldProps {
  label: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  maxlength?: number;
  placeholder?: string;
  password?: boolean;
  /** A number box, drawn short. */
  numeric?: boolean;
  testId: string;
}

/** A labelled one-line text box: the console's ordinary form field. */
export function TextField({ label, error, value, onChange, maxlength, placeholder, password, numeric, testId }: TextFieldProps) {
  return (
    <Field label={label} error={error}>
      <Input
        className={numeric ? 'console__input console__input--short' : 'console__input'}
        // Only what is asked for reaches the input, as when it was written out by hand.
        {...(numeric ? { type: 'number' as const } : {})}
        {...(password ? { password: true } : {})}
        // Named by its label for screen readers (the label above is not tied to it); a number box has no placeholder.
        nativeProps={{ 'aria-label': label }}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
        data-testid={testId}
      />
    </Field>
  );
}
