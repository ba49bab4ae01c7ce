import type { PointPickerProps } from './types';

/**
 * The mini-program moves a point with WeChat's own picker (Taro.chooseLocation, with place search), so this
 * component is only drawn in the H5 build; the stub keeps one import for both platforms.
 */
export default function PointPicker(_props: PointPickerProps) {
  return null;
}
