// Progressive enhancement for upload forms: a file over the limit (data-max-bytes) is refused before it is sent,
// with the same message the server gives (data-too-large). Without this file the server refuses it.
(function () {
  'use strict';
  document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
    if (!input.form) { return; }
    input.form.addEventListener('submit', function (e) {
      var file = input.files && input.files[0];
      var max = Number(input.getAttribute('data-max-bytes'));
      if (!file || !max || file.size <= max) { return; }
      e.preventDefault();
      var id = input.id + '-error';
      var message = document.getElementById(id);
      if (!message) {
        message = document.createElement('div');
        message.id = id;
        message.className = 'invalid-feedback d-block mt-0 mb-1';
        input.parentNode.insertBefore(message, input);
        input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + id).trim());
      }
      message.textContent = input.getAttribute('data-too-large');
      input.classList.add('is-invalid');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    });
  });
})();
