// Progressive enhancement of the signing form: a pad to draw a signature with a finger or a mouse. Without this
// script the pad stays hidden and signing works with the typed name alone. The drawing is posted as SVG path
// data (integer coordinates in a 600×200 box) in Input.Drawing.
// Loaded once as a module; runs again after each enhanced navigation.
function init() {
    for (const pad of document.querySelectorAll('[data-sign-pad]:not([data-ready])')) {
        pad.dataset.ready = '1';
        const canvas = pad.querySelector('canvas');
        const field = pad.querySelector('input[type=hidden]');
        const ctx = canvas.getContext('2d');
        let path = '';
        let drawing = false;
        pad.hidden = false;
        ctx.lineWidth = 3;
        ctx.lineCap = 'round';
        ctx.strokeStyle = '#111';
        const point = (e) => {
            const r = canvas.getBoundingClientRect();
            return [Math.round((e.clientX - r.left) * canvas.width / r.width), Math.round((e.clientY - r.top) * canvas.height / r.height)];
        };
        canvas.addEventListener('pointerdown', (e) => {
            drawing = true;
            canvas.setPointerCapture(e.pointerId);
            const [x, y] = point(e);
            ctx.beginPath();
            ctx.moveTo(x, y);
            path += `M${x} ${y}`;
        });
        canvas.addEventListener('pointermove', (e) => {
            if (!drawing) return;
            const [x, y] = point(e);
            ctx.lineTo(x, y);
            ctx.stroke();
            path += `L${x} ${y}`;
            field.value = path;
        });
        const end = () => { drawing = false; field.value = path; };
        canvas.addEventListener('pointerup', end);
        canvas.addEventListener('pointercancel', end);
        pad.querySelector('[data-clear]').addEventListener('click', () => {
            ctx.clearRect(0, 0, canvas.width, canvas.height);
            path = '';
            field.value = '';
        });
    }
}

init();
if (window.Blazor) {
    window.Blazor.addEventListener('enhancedload', init);
} else {
    document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener('enhancedload', init));
}
