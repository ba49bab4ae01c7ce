import { Button as TaroButton, type ButtonProps } from '@tarojs/components';

/**
 * Taro's Button with a disabled state that means what it says. On H5, `disabled={false}` reaches the DOM as
 * `disabled="false"`, and every `[disabled]` selector (Taro's own, which greys the label) matches it; so the
 * attribute is left out unless the button really is disabled, and a disabled button never calls its handler.
 */
export default function Button({ disabled, onClick, ...rest }: ButtonProps) {
  // aria-disabled tells assistive technology (and axe) what the custom element's disabled attribute means.
  return <TaroButton {...rest} disabled={disabled ? true : undefined} aria-disabled={disabled ? 'true' : undefined} onClick={disabled ? undefined : onClick} />;
}
