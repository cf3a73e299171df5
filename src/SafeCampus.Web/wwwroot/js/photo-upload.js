// Shrinks photos in the browser before upload: a form marked data-shrink-photos has each chosen image drawn to a
// canvas no larger than 1600 px on its long side and re-encoded as JPEG; durable-forms.js then submits the form.
// Progressive enhancement: without JavaScript, or when the browser cannot decode a file (e.g. HEIC), the original
// file is uploaded and the server decides.
const MAX_SIDE = 1600;
const QUALITY = 0.85;

async function shrink(file) {
  if (!file.type.startsWith('image/') || file.type === 'image/gif') {
    return file;
  }

  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }

  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.type === 'image/jpeg' && file.size <= 1024 * 1024) {
    bitmap.close();
    return file;
  }

  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff'; // transparent PNG areas become white, not black, in JPEG
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  if (!blob || (scale === 1 && blob.size >= file.size)) {
    return file;
  }

  const name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg';
  return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
}

/** Replaces every chosen image in the form's file inputs by its shrunk copy (in place). */
export async function shrinkPhotos(form) {
  if (typeof DataTransfer === 'undefined' || typeof createImageBitmap === 'undefined') {
    return;
  }

  const inputs = [...form.querySelectorAll('input[type=file]')].filter(input => input.files && input.files.length > 0);
  try {
    for (const input of inputs) {
      const shrunk = new DataTransfer();
      for (const file of input.files) {
        shrunk.items.add(await shrink(file));
      }
      input.files = shrunk.files;
    }
  } catch {
    // Send whatever the inputs hold now; the server checks every file.
  }
}
