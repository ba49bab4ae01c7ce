// H5: a picked photo is a blob: URL while the page lives; its bytes come back through fetch.

/** The bytes of a picked photo, or null when they cannot be read (nothing then depends on them). */
export async function readPhotoBytes(path: string): Promise<Uint8Array | null> {
  try {
    if (typeof fetch !== 'function') return null;
    const response = await fetch(path);
    if (!response.ok) return null;
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return null;
  }
}
