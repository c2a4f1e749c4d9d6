/**
 * Offers text as a file download (the browser host, where the main process cannot write to the
 * user's disk). The Blob encodes the text as UTF-8, so a CSV's byte-order mark arrives intact.
 */
export function offerDownload(file: { fileName: string; mimeType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has been handed to the browser; revoking at once can cancel it in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
