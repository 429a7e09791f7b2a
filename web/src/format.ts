/** "in 2 h 5 min", "12 min ago": how far a moment is from now. */
export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = minutes < 1 ? 'less than a minute'
    : minutes < 60 ? minutes + ' min'
    : minutes < 48 * 60 ? Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min'
    : Math.round(minutes / 1440) + ' days';
  return ms >= 0 ? 'in ' + text : text + ' ago';
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value < 90) return Math.round(value) + ' s';
  if (value < 5400) return Math.round(value / 60) + ' min';
  return (value / 3600).toFixed(1) + ' h';
}

export function bytes(value: number): string {
  if (value < 1024) return value + ' B';
  if (value < 1024 * 1024) return (value / 1024).toFixed(1) + ' KB';
  return (value / 1024 / 1024).toFixed(1) + ' MB';
}
