// The report page's only script: filters over the services table and the fix copy buttons. It is
// a plain string so the CLI can inline it in a file (no network) and the service can serve it as
// its own file (its CSP forbids inline script): renderHtmlReport({ script: { src } }).

export const REPORT_SCRIPT = String.raw`(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const rows = [...document.querySelectorAll('#services tbody tr')];
  const filters = ['f-text', 'f-verdict', 'f-host', 'f-group', 'f-checked'].map($).filter(Boolean);
  function apply() {
    const text = ($('f-text')?.value || '').trim().toLowerCase();
    const want = (id, attr) => (row) => !$(id) || !$(id).value || row.dataset[attr] === $(id).value;
    const tests = [want('f-verdict', 'verdict'), want('f-host', 'host'), want('f-group', 'group'), want('f-checked', 'checked')];
    let shown = 0;
    for (const row of rows) {
      const ok = tests.every((t) => t(row)) && (!text || row.textContent.toLowerCase().includes(text));
      row.hidden = !ok;
      if (ok) shown++;
    }
    const out = $('shown');
    if (out) out.textContent = shown + ' of ' + rows.length + ' services shown';
  }
  for (const f of filters) f.addEventListener('input', apply);
  for (const a of document.querySelectorAll('a[data-show-group]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const g = $('f-group');
      if (g) g.value = a.dataset.showGroup;
      apply();
      $('services')?.scrollIntoView();
    });
  }
  // Copy: the Clipboard API where the page may use it, else a selection and execCommand('copy')
  // (file:// pages and older engines). The button says which worked, or to copy by hand.
  async function copy(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return 'clipboard';
      }
    } catch {}
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch {}
    area.remove();
    return ok ? 'execCommand' : null;
  }
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const source = $(button.dataset.copy);
      const text = source ? source.textContent : '';
      const how = await copy(text);
      button.dataset.copied = how || 'failed';
      button.textContent = how ? 'Copied' : 'Select and copy by hand';
      if (!how && source) {
        const range = document.createRange();
        range.selectNodeContents(source);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    });
  }
  apply();
})();
`;
