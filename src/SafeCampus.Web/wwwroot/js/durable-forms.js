// Durable forms: a record filed on a weak phone signal is never lost.
//
// A form marked data-durable (or data-shrink-photos) is submitted by this script instead of by the browser:
//  1. photos are shrunk (photo-upload.js);
//  2. the post gets a submission key (__submission) and is copied, files included, into IndexedDB on this device;
//  3. it is sent with fetch and resent with growing pauses when the connection fails or the server is busy; the
//     server runs a key once and answers a resend with the first answer (DurableSubmissionMiddleware);
//  4. on an answer the copy is dropped and the answer is shown (a redirect is followed; a page with validation
//     messages replaces this one);
//  5. when all retries fail the copy stays on the device: it is resent as soon as the browser is online again, and a
//     page that holds the same form offers to restore and submit it later (with that page's fresh antiforgery token).
// Without JavaScript or IndexedDB the form posts the ordinary way.
import { shrinkPhotos } from './photo-upload.js';

const DB_NAME = 'safecampus-outbox';
const STORE = 'posts';
const PAUSES_MS = [1500, 4000, 10000, 20000];
const SKIP_ON_RESTORE = new Set(['__RequestVerificationToken', '_handler']);

const texts = () => document.getElementById('durable-texts')?.dataset ?? {};
const format = (template, ...args) => (template || '').replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function openStore() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, work) {
  const db = await openStore();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result.result ?? result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const saveCopy = entry => withStore('readwrite', store => store.put(entry));
const dropCopy = id => withStore('readwrite', store => store.delete(id));
const allCopies = () => withStore('readonly', store => store.getAll());

function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// The post's fields; files are copied into memory, because a file the user picked may be a reference to storage
// that is gone by the time the post is resent (a camera's temporary file, a deleted download).
async function formFields(form, submitter) {
  let data;
  try {
    data = new FormData(form, submitter);
  } catch {
    data = new FormData(form);
  }
  const fields = [];
  for (const [name, value] of data.entries()) {
    if (value instanceof File) {
      if (value.size === 0 && !value.name) {
        continue; // an empty file input
      }
      fields.push([name, new File([await value.arrayBuffer()], value.name, { type: value.type, lastModified: value.lastModified })]);
    } else {
      fields.push([name, value]);
    }
  }
  // The buttons are disabled while sending, and a disabled submitter is left out of FormData: keep which one was
  // pressed (e.g. the 三防 form's save or submit).
  if (submitter?.name && !fields.some(([name]) => name === submitter.name)) {
    fields.push([submitter.name, submitter.value]);
  }
  return fields;
}

function status(form, text) {
  let box = form.querySelector('[data-photo-status]') || form.querySelector('[data-durable-status]');
  if (!box) {
    box = document.createElement('p');
    box.className = 'notice warn';
    box.setAttribute('data-durable-status', '');
    box.setAttribute('role', 'status');
    form.prepend(box);
  }
  box.textContent = text;
  box.hidden = !text;
  return box;
}

// One send: 'done' when the server answered (the answer is shown), 'retry' when the connection or server failed.
async function sendOnce(entry) {
  const body = new FormData();
  for (const [name, value] of entry.fields) {
    if (value instanceof Blob) {
      body.append(name, value, value.name || 'file');
    } else {
      body.append(name, value);
    }
  }

  let response;
  try {
    response = await fetch(entry.action, { method: 'POST', body, credentials: 'same-origin', redirect: 'follow' });
  } catch {
    return 'retry';
  }

  if (response.status === 409 || response.status >= 500) {
    return 'retry';
  }

  await dropCopy(entry.id);
  if (response.redirected) {
    location.assign(response.url);
  } else {
    const html = await response.text();
    document.open();
    document.write(html);
    document.close();
  }
  return 'done';
}

const sending = new Set();

async function deliver(entry, form) {
  if (sending.has(entry.id)) {
    return;
  }
  sending.add(entry.id);
  try {
    const t = texts();
    for (let attempt = 0; ; attempt++) {
      if (await sendOnce(entry) === 'done') {
        return;
      }
      if (attempt >= PAUSES_MS.length) {
        break;
      }
      if (form) {
        status(form, format(t.retrying, attempt + 1));
      }
      await sleep(PAUSES_MS[attempt]);
    }

    if (form) {
      const box = status(form, t.saved);
      const again = document.createElement('button');
      again.type = 'button';
      again.textContent = t.retryNow || 'Retry';
      again.className = 'durable-retry';
      again.addEventListener('click', () => { again.remove(); status(form, t.sending); deliver(entry, form); });
      box.append(' ', again);
      form.querySelectorAll('button[type=submit]').forEach(b => { b.disabled = false; });
    }
  } finally {
    sending.delete(entry.id);
  }
}

document.addEventListener('submit', async event => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !(form.hasAttribute('data-durable') || form.hasAttribute('data-shrink-photos'))
      || typeof indexedDB === 'undefined' || typeof fetch === 'undefined') {
    return;
  }

  event.preventDefault();
  const t = texts();
  const buttons = [...form.querySelectorAll('button[type=submit]')];
  buttons.forEach(b => { b.disabled = true; });

  if (form.hasAttribute('data-shrink-photos') && form.querySelector('input[type=file]')?.files?.length) {
    status(form, form.dataset.shrinking || t.sending);
    await shrinkPhotos(form);
  }
  status(form, form.dataset.uploading || t.sending);

  let key = form.querySelector(`input[name="__submission"]`);
  if (!key) {
    key = document.createElement('input');
    key.type = 'hidden';
    key.name = '__submission';
    key.value = newKey();
    form.append(key);
  }

  const entry = {
    id: key.value,
    action: form.action,
    page: location.pathname + location.search,
    handler: form.querySelector('input[name="_handler"]')?.value ?? '',
    savedAt: new Date().toISOString(),
    fields: await formFields(form, event.submitter),
  };

  try {
    await saveCopy(entry);
  } catch {
    // No room or no IndexedDB (private mode): still send, just without the copy.
  }
  await deliver(entry, form);
});

// Back online: resend what this device still holds.
window.addEventListener('online', async () => {
  for (const entry of await allCopies().catch(() => [])) {
    const form = findForm(entry);
    if (form) {
      status(form, texts().sending);
    }
    deliver(entry, form);
  }
});

function findForm(entry) {
  return [...document.querySelectorAll('form[data-durable], form[data-shrink-photos]')].find(f =>
    f.action === entry.action && (f.querySelector('input[name="_handler"]')?.value ?? '') === entry.handler) ?? null;
}

function restore(form, entry) {
  const files = new Map();
  const names = new Set(entry.fields.map(([name]) => name));
  form.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(input => {
    if (names.has(input.name)) {
      input.checked = false;
    }
  });
  for (const [name, value] of entry.fields) {
    if (SKIP_ON_RESTORE.has(name)) {
      continue;
    }
    if (value instanceof Blob) {
      if (!files.has(name)) {
        files.set(name, []);
      }
      files.get(name).push(value);
      continue;
    }
    const fields = [...form.elements].filter(e => e.name === name);
    if (name === '__submission' && fields.length === 0) {
      const key = document.createElement('input');
      key.type = 'hidden';
      key.name = name;
      key.value = value;
      form.append(key);
      continue;
    }
    for (const field of fields) {
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.value === value) {
          field.checked = true;
        }
      } else if (field.type !== 'file') {
        field.value = value;
      }
    }
  }
  for (const [name, list] of files) {
    const input = form.querySelector(`input[type=file][name="${CSS.escape(name)}"]`);
    if (input && typeof DataTransfer !== 'undefined') {
      const transfer = new DataTransfer();
      list.forEach(file => transfer.items.add(file));
      input.files = transfer.files;
    }
  }
}

// A page that holds a form this device still has a copy for offers to restore and submit it, with the page's own
// (fresh) antiforgery token, or to discard it.
async function offerCopies() {
  if (typeof indexedDB === 'undefined') {
    return;
  }
  const entries = await allCopies().catch(() => []);
  for (const entry of entries) {
    const form = findForm(entry);
    if (!form || sending.has(entry.id) || form.querySelector('[data-durable-offer]')) {
      continue;
    }
    const t = texts();
    const box = document.createElement('div');
    box.className = 'notice warn';
    box.setAttribute('data-durable-offer', entry.id);
    const savedAt = new Date(entry.savedAt);
    box.append(format(t.pending, 1, savedAt.toLocaleString('zh-CN', { hour12: false })), ' ');
    const submit = document.createElement('button');
    submit.type = 'button';
    submit.className = 'primary';
    submit.textContent = t.restore || 'Restore';
    submit.addEventListener('click', () => {
      box.remove();
      restore(form, entry);
      form.requestSubmit();
    });
    const discard = document.createElement('button');
    discard.type = 'button';
    discard.textContent = t.discard || 'Discard';
    discard.addEventListener('click', async () => { await dropCopy(entry.id); box.remove(); });
    box.append(submit, ' ', discard);
    form.prepend(box);
  }
}

offerCopies();
window.Blazor?.addEventListener?.('enhancedload', offerCopies);
// Back/forward cache: a restored page may still show the last attempt's state.
window.addEventListener('pageshow', () => {
  document.querySelectorAll('[data-durable-status]').forEach(b => { b.hidden = true; });
  document.querySelectorAll('form[data-durable] button[type=submit], form[data-shrink-photos] button[type=submit]')
    .forEach(b => { b.disabled = false; });
});
