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

// A link tapped while the page's circuit is starting would be followed by enhanced navigation, whose
// news of the new address reaches no circuit that is not yet attached; the circuit then draws the page
// it was started for (it took the address when it connected) under the new address. Until the circuit
// has drawn the page (the layout's flag, see ChromeMarkup.PageEnd), such a tap loads its page instead,
// so it always ends on the page the address shows. Capturing, it runs before blazor.web.js's listener.
document.addEventListener('click', event => {
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
