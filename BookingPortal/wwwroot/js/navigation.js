// What the page does after a navigation inside a circuit (PortalRouteView, DocumentTitle): the first
// page of a circuit has its title and focus from the browser's own page load.
window.bookingPortal = window.bookingPortal || {};

// Moves focus to the new page's heading, so a screen reader announces it (as FocusOnNavigate did).
window.bookingPortal.focusHeading = () => {
    const heading = document.querySelector('main h1');
    if (heading) {
        if (!heading.hasAttribute('tabindex')) {
            heading.setAttribute('tabindex', '-1');
        }
        heading.focus({ preventScroll: true });
    }
};

window.bookingPortal.setTitle = title => {
    document.title = title;
};

let tapLostInRedraw = null;

// A link tapped while the page's circuit is starting would be followed by enhanced navigation, whose
// news of the new address reaches no circuit that is not yet attached; the circuit then draws the page
// it was started for (it took the address when it connected) under the new address. Until the circuit
// has drawn the page (the layout's flag, see ChromeMarkup.PageEnd), such a tap loads its page instead,
// so it always ends on the page the address shows. Capturing, it runs before blazor.web.js's listener.
document.addEventListener('click', event => {
    tapLostInRedraw = null; // the browser did send this tap's click (see below)
    if (document.getElementById('render-mode')?.dataset.circuit !== 'starting' || event.defaultPrevented
        || event.button !== 0 || event.ctrlKey || event.shiftKey || event.altKey || event.metaKey) {
        return;
    }

    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) {
        return;
    }

    const destination = new URL(link.getAttribute('href'), document.baseURI);
    const samePage = destination.pathname === location.pathname && destination.search === location.search;
    if (destination.origin !== location.origin || (samePage && destination.hash)) {
        return;
    }

    event.preventDefault();
    event.stopImmediatePropagation();
    location.assign(destination.href);
}, true);

// The circuit's first render replaces the prerendered page, links included. A tap pressed on a link
// and released on its redrawn twin gets no click from the browser (its press and release hit two
// different elements), so the tap would be lost. When that happens, the redrawn link is clicked for
// the person, unless the browser did send a click after all. Touch is left alone: its click comes from
// the tap gesture, aimed at whatever is under the finger then, so it is not lost.
let pressedLink = null;

document.addEventListener('pointerdown', event => {
    pressedLink = event.isPrimary && event.button === 0 && event.pointerType !== 'touch' && event.target instanceof Element
        ? event.target.closest('a[href]') : null;
}, true);

document.addEventListener('pointerup', event => {
    const pressed = pressedLink;
    pressedLink = null;
    const released = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!pressed || pressed.isConnected || !released || released.getAttribute('href') !== pressed.getAttribute('href')) {
        return;
    }

    tapLostInRedraw = released;
    setTimeout(() => {
        const link = tapLostInRedraw;
        tapLostInRedraw = null;
        link?.click();
    }, 0);
}, true);
