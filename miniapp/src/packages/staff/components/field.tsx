import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

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
