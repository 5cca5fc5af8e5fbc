// 督办通知单: a button that issues them (for one item, or for a selection, one per lead department)
// and then offers each as a printable page and as a Word file.
import { useState } from 'preact/hooks';
import type { OfficialDocumentView } from '../../../../libs/contracts/src/index.js';
import { messagesOfError, post } from '../api.js';
import { toast } from '../toast.js';

export function NoticeButton({ itemIds, perDepartment, label = '生成督办通知单' }: { itemIds: number[]; perDepartment: boolean; label?: string }) {
  const [docs, setDocs] = useState<OfficialDocumentView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    if (!itemIds.length) return setError('请先勾选事项');
    setBusy(true);
    setError(null);
    try {
      const made = await post<OfficialDocumentView[]>('/api/documents/notices', { itemIds, perDepartment });
      setDocs(made);
      toast(`已生成督办通知单 ${made.length} 份`, 'success');
    } catch (e) {
      setError(messagesOfError(e, '生成失败').join(';'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="notice-documents">
      <button type="button" class="button small" disabled={busy} onClick={issue}>
        {label}
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
          {error.includes('发文') ? (
            <>
              {' '}
              <a href="#/admin">前往管理页面</a>
            </>
          ) : null}
        </p>
      ) : null}
      {docs.length ? (
        <ul class="documents">
          {docs.map((d) => (
            <li key={d.id}>
              {`${d.title} ${d.number}:`}
              <a href={d.downloads.html} target="_blank" rel="noopener">
                打印
              </a>
              {' · '}
              <a href={d.downloads.docx} download>
                下载 Word
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
