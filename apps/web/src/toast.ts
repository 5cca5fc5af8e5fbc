/** A short message in the corner (the #toast live region), gone after 5 s. */
export function toast(message: string, kind: 'info' | 'error' | 'success' = 'info'): void {
  const box = document.getElementById('toast');
  if (!box) return;
  const item = document.createElement('div');
  item.className = `toast ${kind}`;
  item.textContent = message;
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}
