// The certify report page's only script (report-script.ts bundles it): filters over the services
// table and the fix copy buttons.

const $ = (id: string) => document.getElementById(id);
const rows = [...document.querySelectorAll<HTMLTableRowElement>('#services tbody tr')];
const filters = ['f-text', 'f-verdict', 'f-host', 'f-group', 'f-checked'].map($).filter((f): f is HTMLElement => Boolean(f));
const valueOf = (id: string) => ($(id) as HTMLInputElement | HTMLSelectElement | null)?.value;
function apply(): void {
  const text = (valueOf('f-text') || '').trim().toLowerCase();
  const want = (id: string, attr: string) => (row: HTMLElement) => !$(id) || !valueOf(id) || row.dataset[attr] === valueOf(id);
  const tests = [want('f-verdict', 'verdict'), want('f-host', 'host'), want('f-group', 'group'), want('f-checked', 'checked')];
  let shown = 0;
  for (const row of rows) {
    const ok = tests.every((t) => t(row)) && (!text || row.textContent!.toLowerCase().includes(text));
    row.hidden = !ok;
    if (ok) shown++;
  }
  const out = $('shown');
  if (out) out.textContent = shown + ' of ' + rows.length + ' services shown';
}
for (const f of filters) f.addEventListener('input', apply);
for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-show-group]')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const g = $('f-group') as HTMLSelectElement | null;
    if (g) g.value = a.dataset.showGroup!;
    apply();
    $('services')?.scrollIntoView();
  });
}
// Copy: the Clipboard API where the page may use it, else a selection and execCommand('copy')
// (file:// pages and older engines). The button says which worked, or to copy by hand.
async function copy(text: string): Promise<'clipboard' | 'execCommand' | null> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return 'clipboard';
    }
  } catch { /* not allowed here: fall back to execCommand */ }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { /* unsupported: the button says to copy by hand */ }
  area.remove();
  return ok ? 'execCommand' : null;
}
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const source = $(button.dataset.copy!);
    const text = source ? source.textContent! : '';
    const how = await copy(text);
    button.dataset.copied = how || 'failed';
    button.textContent = how ? 'Copied' : 'Select and copy by hand';
    if (!how && source) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }
  });
}
apply();
