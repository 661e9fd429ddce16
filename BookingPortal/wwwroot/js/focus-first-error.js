// After a form comes back with errors (the account pages are plain posts rendered on the server),
// move focus to the first field in error, or to the error message when no field is marked, so
// keyboard and screen-reader users land on what needs fixing.
(function () {
    const fieldSelector = 'main [aria-invalid="true"], main input.invalid, main select.invalid, main textarea.invalid';
    const messageSelector = 'main .validation-errors, main .alert-danger, main [data-first-error]';

    function focusFirstError() {
        const field = document.querySelector(fieldSelector);
        if (field) {
            field.focus();
            return;
        }

        const message = document.querySelector(messageSelector);
        if (message && message.textContent.trim() !== '') {
            if (!message.hasAttribute('tabindex')) {
                message.setAttribute('tabindex', '-1');
            }
            message.focus();
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', focusFirstError);
    } else {
        focusFirstError();
    }
    window.addEventListener('load', () => {
        if (window.Blazor && window.Blazor.addEventListener) {
            window.Blazor.addEventListener('enhancedload', focusFirstError);
        }
    });
})();
