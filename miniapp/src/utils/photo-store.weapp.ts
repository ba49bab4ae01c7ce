import Taro from '@tarojs/taro';

// weapp photo store for the 随手拍 outbox: a chosen photo is a temp file the client may delete at any time (after
// the mini-program is closed), so a queued report's photos are saved with Taro.saveFile (user data, kept until
// removed) and removed again once the report is sent or deleted.

/** Saves a picked temp file; returns the saved path (or the temp path when saving fails, e.g. storage full). */
export async function persistPhoto(path: string): Promise<string> {
  if (!/^(wxfile:\/\/tmp|http:\/\/tmp)/.test(path)) return path;
  try {
    const saved = (await Taro.saveFile({ tempFilePath: path })) as { savedFilePath?: string };
    return saved.savedFilePath || path;
  } catch {
    return path;
  }
}

/** The path if the file still exists, else null (a temp file the client has cleaned up). */
export async function resolvePhoto(ref: string): Promise<string | null> {
  try {
    Taro.getFileSystemManager().accessSync(ref);
    return ref;
  } catch {
    return null;
  }
}

export async function discardPhoto(ref: string): Promise<void> {
  try {
    await Taro.removeSavedFile({ filePath: ref });
  } catch {
    // A temp file or already gone: nothing to free.
  }
}
