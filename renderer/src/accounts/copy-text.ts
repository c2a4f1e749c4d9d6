/**
 * Copies `text` to the clipboard. The Electron shell denies permission requests, so the write
 * may be refused; then the element's text is selected instead so Ctrl+C (or Cmd+C) copies it.
 * Answers whether the clipboard write itself worked.
 */
export async function copyOrSelect(text: string, element: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (element) {
      const range = document.createRange();
      range.selectNodeContents(element);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      element.focus();
    }
    return false;
  }
}

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);
