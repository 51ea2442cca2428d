/**
 * Rows as CSV (RFC 4180: every cell quoted, quotes doubled, CRLF between rows). A cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is written with a
 * leading apostrophe: candidate names come from outside.
 */
export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
