// The hosted certify page's only script (served as /app.js; the CSP forbids inline script).
// Plain JavaScript, no build step: submits the form as JSON, follows a run's server-sent events,
// cancels, copies fixes. Everything it shows is also rendered by the server at /r/<id>.

const $ = (selector) => document.querySelector(selector);

function submitForm(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { url: String(data.get('url') || '').trim(), viewers: data.get('viewers') === 'on', engines: data.getAll('engines').map(String) };
    const viewerOrigin = String(data.get('viewerOrigin') || '').trim();
    if (viewerOrigin) body.viewerOrigin = viewerOrigin;
    const trusted = String(data.get('trustedOrigins') || '').split(/\s+/).filter(Boolean);
    if (trusted.length) body.trustedOrigins = trusted;
    const error = $('#error');
    error.hidden = true;
    $('#go').disabled = true;
    try {
      const response = await fetch('/api/certify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await response.json();
      if (response.status === 202) return location.assign(answer.links.page);
      error.textContent = answer.error || `the server answered ${response.status}`;
    } catch (e) {
      error.textContent = `the request did not reach the server: ${e}`;
    }
    error.hidden = false;
    $('#go').disabled = false;
  });
}

function followRun(run) {
  const id = run.dataset.id;
  if (run.dataset.status !== 'queued' && run.dataset.status !== 'running') return;
  const events = new EventSource(`/api/certify/${id}/events`);
  events.onmessage = (message) => {
    const e = JSON.parse(message.data);
    const engine = (project) => document.querySelector(`.engine[data-engine="${project.split('@')[0]}"]`);
    if (e.type === 'check' && engine(e.project)) {
      engine(e.project).querySelector('progress').value = e.done / e.total;
      engine(e.project).querySelector('.msg').textContent = `${e.done} of ${e.total} checks (${e.check})`;
    } else if (e.type === 'engine' && engine(e.project)) {
      engine(e.project).querySelector('.msg').textContent = e.message;
    } else if (e.type === 'phase' || e.type === 'worker') {
      $('#state').textContent = `Running: ${e.message}`;
    } else if (e.type === 'status') {
      if (e.status === 'queued') $('#state').textContent = `Queued: ${e.position ?? 0} run(s) ahead.`;
      else if (e.status === 'running') $('#state').textContent = 'Running…';
      else {
        events.close();
        location.reload();
      }
    }
  };
  const cancel = $('#cancel');
  if (cancel) cancel.addEventListener('click', () => fetch(`/api/certify/${id}`, { method: 'DELETE' }));
}

for (const button of document.querySelectorAll('button.copy')) {
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(document.getElementById(button.dataset.copy).textContent);
    button.textContent = 'Copied';
  });
}
if ($('#certify')) submitForm($('#certify'));
if ($('#run')) followRun($('#run'));
