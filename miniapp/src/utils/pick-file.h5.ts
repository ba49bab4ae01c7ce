/** A picked spreadsheet: a blob URL Taro.uploadFile can send on H5, and the file's name. */
export interface PickedFile {
  path: string;
  name: string;
}

/** The browser's file dialog, limited to CSV and XLSX; resolves null when the user cancels. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: URL.createObjectURL(file), name: file.name } : null);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}
