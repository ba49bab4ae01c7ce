import Taro from '@tarojs/taro';

/** A JPEG's EXIF segment sits at its start (at most 64 KB, after an optional APP0): its head is enough. */
const HEAD_BYTES = 256 * 1024;

/**
 * The first bytes of a picked photo (a temp file), enough for its EXIF, or null when they cannot be read (nothing
 * then depends on them).
 */
export function readPhotoBytes(path: string): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    try {
      const fs = Taro.getFileSystemManager();
      // readFile refuses a length past the end of the file: read min(head, size), or the whole file without a size.
      let length: number | undefined;
      try {
        const size = Number((fs.statSync(path) as { size?: unknown }).size);
        if (Number.isFinite(size) && size > 0) length = Math.min(size, HEAD_BYTES);
      } catch {
        length = undefined;
      }
      fs.readFile({
        filePath: path,
        ...(length === undefined ? {} : { position: 0, length }),
        success: ({ data }) => resolve(data instanceof ArrayBuffer ? new Uint8Array(data) : null),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}
