// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so screen reader and keyboard users hear what went wrong (GOV.UK pattern).
  var summary = document.querySelector('[data-autofocus]');
  if (summary) { summary.focus(); }

  // Ask before destructive actions (forms marked data-confirm); without JS the server-side flow still applies.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { e.preventDefault(); }
  });

  // Copy buttons (recovery codes, voucher codes).
  document.querySelectorAll('[data-copy]').forEach(function (btn) {
    btn.hidden = false;
    btn.addEventListener('click', function () {
      var target = document.getElementById(btn.getAttribute('data-copy'));
      if (target && navigator.clipboard) {
        navigator.clipboard.writeText(target.innerText.trim());
        btn.querySelector('.np-copy-done') && (btn.querySelector('.np-copy-done').hidden = false);
      }
    });
  });
})();
