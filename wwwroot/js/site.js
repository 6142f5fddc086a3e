// The app's only script (the Content-Security-Policy allows no inline script or on… attribute). Everything works
// without it; it adds conveniences to elements that ask for them with data- attributes.
(function () {
    'use strict';

    function ready(fn) {
        if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
        else fn();
    }

    ready(function () {
        // <input data-select-on-focus>: a read-only address is selected whole when focused (feed links).
        document.querySelectorAll('input[data-select-on-focus]').forEach(function (input) {
            input.addEventListener('focus', function () { input.select(); });
        });

        // <button data-copy="id" data-copied="text" hidden>: copies the field's value; shown only with JavaScript.
        document.querySelectorAll('button[data-copy]').forEach(function (button) {
            button.hidden = false;
            button.addEventListener('click', function () {
                var input = document.getElementById(button.getAttribute('data-copy'));
                input.select();
                var done = function () { button.textContent = button.getAttribute('data-copied'); };
                var fallback = function () { document.execCommand('copy'); done(); };
                if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, fallback);
                else fallback();
            });
        });

        // <button data-print>: prints the page (the public rota's wall copy).
        document.querySelectorAll('button[data-print]').forEach(function (button) {
            button.addEventListener('click', function () { window.print(); });
        });
    });
})();
