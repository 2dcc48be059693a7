import type { StorageNotice } from './persisted-mock.js';

const TEXT = {
  'started-fresh':
    'The conversations saved in this browser could not be restored, so the playground started fresh.',
  full: 'Not saved: this browser’s storage for the page is full. Changes from now on last until you reload.',
  refused:
    'Not saved: this browser does not let the page store data. Changes last until you reload.',
} as const;

/** Says quietly what happened to the saved conversations; the page keeps working either way. */
export function StorageNoticeView({
  notice,
  onDismiss,
}: {
  notice: StorageNotice;
  onDismiss: () => void;
}) {
  const text =
    notice.kind === 'started-fresh'
      ? TEXT['started-fresh']
      : TEXT[notice.storageFull ? 'full' : 'refused'];
  return (
    <div className="storage-notice" role="status" aria-label="Saved conversations">
      <span>{text}</span>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
