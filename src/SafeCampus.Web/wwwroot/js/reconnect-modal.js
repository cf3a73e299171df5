// The reconnect dialog of Components/Layout/ReconnectModal.razor (after the .NET 10 Blazor Web App template).
// blazor.web.js raises components-reconnect-state-changed on the dialog while an interactive island's connection
// is lost: show and hide it; when the server answers but no longer knows the circuit (it was restarted), try to
// resume the session and otherwise reload the page, so the user gets a working page without doing anything.
const modal = document.getElementById("components-reconnect-modal");
if (modal && !modal.dataset.wired) {
    modal.dataset.wired = "true";
    modal.addEventListener("components-reconnect-state-changed", changed);
    document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
    document.getElementById("components-resume-button")?.addEventListener("click", resume);
    document.getElementById("components-reload-button")?.addEventListener("click", () => location.reload());
}

function changed(event) {
    const state = event.detail.state;
    if (state === "show") {
        if (!modal.open) {
            modal.showModal();
        }
    } else if (state === "hide") {
        modal.close();
    } else if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenVisible);
    } else if (state === "rejected") {
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: reconnected; false: the server answered but has no such circuit; throws: server unreachable.
        const reconnected = await Blazor.reconnect();
        if (!reconnected) {
            if (await Blazor.resumeCircuit()) {
                modal.close();
            } else {
                location.reload();
            }
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            location.reload();
        }
    } catch {
        location.reload();
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
