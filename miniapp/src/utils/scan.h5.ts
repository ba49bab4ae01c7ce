/** A desktop or phone browser has no WeChat scanner: the code is typed in from the staff screen instead. */
export async function scanCheckInCode(): Promise<string | null> {
  return null;
}

export const canScan = false;
