import Taro from '@tarojs/taro';

/** The bytes of a picked photo (a temp file), or null when they cannot be read (nothing then depends on them). */
export function readPhotoBytes(path: string): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    try {
      Taro.getFileSystemManager().readFile({
        filePath: path,
        success: ({ data }) => resolve(data instanceof ArrayBuffer ? new Uint8Array(data) : null),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}
