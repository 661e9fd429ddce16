// The browser's IANA time zone, read once per circuit by BrowserTimeZone.
window.bookingPortal = window.bookingPortal || {};
window.bookingPortal.timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || null;
