/** Saves a value as a pretty-printed JSON file through the browser's download. */
export function downloadJson(value: unknown, fileName: string): void {
  downloadText(`${JSON.stringify(value, null, 2)}\n`, fileName, 'application/json');
}

/** Saves text as a file through the browser's download. */
export function downloadText(text: string, fileName: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
