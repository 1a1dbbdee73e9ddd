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

  // The phone menu (a <details> in the header) works without this. From lg up it is kept open, so that its
  // content is really shown and not only drawn by CSS; below lg it starts closed, closes on Escape (focus back on
  // the toggle) and when the person clicks or tabs elsewhere on the page.
  var menu = document.querySelector('[data-np-menu]');
  if (menu && window.matchMedia) {
    var wide = window.matchMedia('(min-width: 992px)');
    var toggle = menu.querySelector('summary');
    var sync = function () {
      menu.open = wide.matches;
      menu.toggleAttribute('data-np-inline', wide.matches);
    };
    sync();
    wide.addEventListener('change', sync);
    menu.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menu.open && !wide.matches) {
        menu.open = false;
        toggle.focus();
      }
    });
    var closeIfOutside = function (e) {
      if (menu.open && !wide.matches && !menu.contains(e.target)) { menu.open = false; }
    };
    document.addEventListener('click', closeIfOutside);
    document.addEventListener('focusin', closeIfOutside);
  }

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
