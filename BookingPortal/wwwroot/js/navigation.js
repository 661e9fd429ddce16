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
