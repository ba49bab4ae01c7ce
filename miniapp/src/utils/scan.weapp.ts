import Taro from '@tarojs/taro';

/** Camera scan of the check-in QR; null when the user closes the scanner. */
export async function scanCheckInCode(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result || null;
  } catch {
    return null;
  }
}

export const canScan = true;

/** The WeChat scanner comes first; typing is the fallback. */
export const typesCode = false;
